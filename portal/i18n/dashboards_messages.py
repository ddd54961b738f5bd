"""Messages of the dashboards page (SPEC X3)."""

MESSAGES = {
    "dashboards.title": {"es": "Cuadros de mando", "en": "Dashboards", "de": "Dashboards"},
    "dashboards.intro": {
        "es": "Volumen de impresión, incidencias y niveles de servicio de los equipos que "
        "puede ver.",
        "en": "Print volume, tickets and service levels of the machines you can see.",
        "de": "Druckvolumen, Tickets und Servicelevel der Geräte, die Sie sehen.",
    },
    "dashboards.denied": {
        "es": "Los cuadros de mando son para administradores, responsables de equipos y el "
        "personal del proveedor.",
        "en": "Dashboards are for administrators, device managers and the provider's staff.",
        "de": "Dashboards sind für Administratoren, Geräteverantwortliche und die Mitarbeiter "
        "des Anbieters.",
    },
    "dashboards.filters": {"es": "Filtros", "en": "Filters", "de": "Filter"},
    "dashboards.filter.from": {"es": "Desde (mes)", "en": "From (month)", "de": "Von (Monat)"},
    "dashboards.filter.to": {"es": "Hasta (mes)", "en": "To (month)", "de": "Bis (Monat)"},
    "dashboards.filter.account": {"es": "Cuenta", "en": "Account", "de": "Konto"},
    "dashboards.filter.all_accounts": {
        "es": "Todas las cuentas",
        "en": "All accounts",
        "de": "Alle Konten",
    },
    "dashboards.filter.group": {"es": "Grupo", "en": "Group", "de": "Gruppe"},
    "dashboards.filter.all_groups": {
        "es": "Todos los grupos",
        "en": "All groups",
        "de": "Alle Gruppen",
    },
    "dashboards.filter.serial": {
        "es": "Un equipo (n.º de serie)",
        "en": "One machine (serial number)",
        "de": "Ein Gerät (Seriennummer)",
    },
    "dashboards.filter.serial_hint": {
        "es": "Todos los equipos",
        "en": "All machines",
        "de": "Alle Geräte",
    },
    "dashboards.apply": {"es": "Aplicar", "en": "Apply", "de": "Anwenden"},
    "dashboards.clear": {"es": "Restablecer", "en": "Reset", "de": "Zurücksetzen"},
    "dashboards.period": {"es": "Periodo:", "en": "Period:", "de": "Zeitraum:"},
    "dashboards.device": {"es": "Equipo", "en": "Machine", "de": "Gerät"},
    "dashboards.whole_fleet": {
        "es": "Todos los equipos",
        "en": "All machines",
        "de": "Alle Geräte",
    },
    "dashboards.show_table": {"es": "Tabla", "en": "Table", "de": "Tabelle"},
    "dashboards.show_chart": {"es": "Gráfico", "en": "Chart", "de": "Diagramm"},
    "dashboards.download_csv": {
        "es": "Descargar como CSV",
        "en": "Download as CSV",
        "de": "Als CSV herunterladen",
    },
    "dashboards.no_data": {
        "es": "No hay datos en este periodo.",
        "en": "No figures for this period.",
        "de": "Keine Zahlen für diesen Zeitraum.",
    },
    "dashboards.no_volume": {
        "es": "No hay lecturas que comparar en este periodo.",
        "en": "No readings to compare in this period.",
        "de": "Keine vergleichbaren Zählerstände in diesem Zeitraum.",
    },
    "dashboards.no_tickets": {
        "es": "Ninguna incidencia en este periodo.",
        "en": "No tickets in this period.",
        "de": "Keine Tickets in diesem Zeitraum.",
    },
    "dashboards.volume": {
        "es": "Volumen de impresión mensual",
        "en": "Monthly print volume",
        "de": "Monatliches Druckvolumen",
    },
    "dashboards.volume.view": {"es": "Vista", "en": "View", "de": "Ansicht"},
    "dashboards.volume.fleet": {"es": "Por mes", "en": "By month", "de": "Nach Monat"},
    "dashboards.volume.by_account": {
        "es": "Por cuenta",
        "en": "By account",
        "de": "Nach Konto",
    },
    "dashboards.volume.account_hint": {
        "es": "Suma del periodo de las 15 cuentas con más páginas; la tabla y el CSV las "
        "tienen todas, mes a mes.",
        "en": "Period totals of the 15 accounts with most pages; the table and the CSV have "
        "them all, month by month.",
        "de": "Summen des Zeitraums der 15 Konten mit den meisten Seiten; Tabelle und CSV "
        "enthalten alle, Monat für Monat.",
    },
    "dashboards.tickets": {
        "es": "Incidencias por mes y tipo",
        "en": "Tickets per month by type",
        "de": "Tickets pro Monat nach Art",
    },
    "dashboards.resolve": {
        "es": "Tiempo de resolución (horas)",
        "en": "Time to resolve (hours)",
        "de": "Lösungszeit (Stunden)",
    },
    "dashboards.sla": {
        "es": "Cumplimiento del SLA por mes",
        "en": "SLA compliance per month",
        "de": "SLA-Einhaltung pro Monat",
    },
    "dashboards.top": {
        "es": "Equipos con más incidencias",
        "en": "Top machines by tickets",
        "de": "Geräte mit den meisten Tickets",
    },
    "dashboards.top.focus": {
        "es": "Ver este equipo",
        "en": "Show this machine",
        "de": "Dieses Gerät zeigen",
    },
    "dashboards.col.month": {"es": "Mes", "en": "Month", "de": "Monat"},
    "dashboards.col.mono": {"es": "Páginas B/N", "en": "Mono pages", "de": "S/W-Seiten"},
    "dashboards.col.colour": {"es": "Páginas color", "en": "Colour pages", "de": "Farbseiten"},
    "dashboards.col.total": {"es": "Total", "en": "Total", "de": "Gesamt"},
    "dashboards.col.account_number": {"es": "Cuenta", "en": "Account", "de": "Konto"},
    "dashboards.col.account_name": {"es": "Nombre", "en": "Name", "de": "Name"},
    "dashboards.col.resolved": {"es": "Resueltas", "en": "Resolved", "de": "Gelöst"},
    "dashboards.col.avg_hours": {"es": "Media", "en": "Average", "de": "Mittelwert"},
    "dashboards.col.median_hours": {"es": "Mediana", "en": "Median", "de": "Median"},
    "dashboards.col.p90_hours": {
        "es": "Percentil 90",
        "en": "90th percentile",
        "de": "90. Perzentil",
    },
    "dashboards.col.met": {"es": "En plazo", "en": "Met", "de": "Eingehalten"},
    "dashboards.col.late": {"es": "Fuera de plazo", "en": "Late", "de": "Verspätet"},
    "dashboards.col.open_overdue": {
        "es": "Abiertas vencidas",
        "en": "Open, overdue",
        "de": "Offen, überfällig",
    },
    "dashboards.col.open_in_time": {
        "es": "Abiertas en plazo",
        "en": "Open, in time",
        "de": "Offen, in der Frist",
    },
    "dashboards.col.met_percent": {"es": "% en plazo", "en": "% met", "de": "% eingehalten"},
    "dashboards.col.serial": {"es": "N.º de serie", "en": "Serial number", "de": "Seriennummer"},
    "dashboards.col.model": {"es": "Modelo", "en": "Model", "de": "Modell"},
    "dashboards.col.alternative_name": {
        "es": "Nombre alternativo",
        "en": "Alternative name",
        "de": "Alternativer Name",
    },
    "dashboards.col.tickets": {"es": "Incidencias", "en": "Tickets", "de": "Tickets"},
    "dashboards.col.action": {"es": "Acción", "en": "Action", "de": "Aktion"},
    "dashboards.error.month": {
        "es": "Indique un mes como AAAA-MM.",
        "en": "Enter a month as YYYY-MM.",
        "de": "Geben Sie einen Monat als JJJJ-MM ein.",
    },
    "dashboards.error.order": {
        "es": "El último mes no puede ser anterior al primero.",
        "en": "The last month cannot be before the first.",
        "de": "Der letzte Monat darf nicht vor dem ersten liegen.",
    },
    "dashboards.error.too_long": {
        "es": "El periodo puede abarcar como máximo 36 meses.",
        "en": "The period can span at most 36 months.",
        "de": "Der Zeitraum darf höchstens 36 Monate umfassen.",
    },
    "dashboards.error.serial": {
        "es": "Ninguno de sus equipos tiene este número de serie.",
        "en": "None of your machines has this serial number.",
        "de": "Keines Ihrer Geräte hat diese Seriennummer.",
    },
}
