"""Messages of the home page's hub (SPEC B2 start page, X3)."""

MESSAGES = {
    "home.action.ticket": {
        "es": "Notificar avería",
        "en": "Report a fault",
        "de": "Störung melden",
    },
    "home.action.readings": {
        "es": "Enviar lecturas",
        "en": "Submit readings",
        "de": "Zählerstände melden",
    },
    "home.action.move": {
        "es": "Solicitar traslado",
        "en": "Request a move",
        "de": "Umzug beantragen",
    },
    "home.action.order": {
        "es": "Pedir consumibles",
        "en": "Order consumables",
        "de": "Verbrauchsmaterial bestellen",
    },
    "home.action.desk": {"es": "Mesa de servicio", "en": "Service desk", "de": "Service-Desk"},
    "home.action.knowledge": {
        "es": "Buscar en la base de conocimiento",
        "en": "Search the knowledge base",
        "de": "Wissensdatenbank durchsuchen",
    },
    "home.readings_due": {
        "es": "Lecturas pendientes",
        "en": "Readings due",
        "de": "Fällige Zählerstände",
    },
    "home.readings_due_none": {
        "es": "No hay lecturas pendientes.",
        "en": "No readings are due.",
        "de": "Keine Zählerstände fällig.",
    },
    "home.near_deadline": {
        "es": "Incidencias cerca de su plazo",
        "en": "Tickets near their deadline",
        "de": "Tickets kurz vor der Frist",
    },
    "home.near_deadline_none": {
        "es": "Ninguna incidencia vence en las próximas 24 horas.",
        "en": "No ticket is due within the next 24 hours.",
        "de": "Kein Ticket ist in den nächsten 24 Stunden fällig.",
    },
    "home.due": {"es": "Vence", "en": "Due", "de": "Fällig"},
    "home.overdue_since": {"es": "Vencida", "en": "Overdue since", "de": "Überfällig seit"},
    "home.not_reporting": {
        "es": "Equipos que no informan",
        "en": "Machines not reporting",
        "de": "Geräte ohne Meldung",
    },
    "home.not_reporting_none": {
        "es": "Todos los equipos con lectura automática informan.",
        "en": "Every machine on automatic capture is reporting.",
        "de": "Alle Geräte mit automatischer Erfassung melden sich.",
    },
    "home.last_contact": {"es": "Último contacto", "en": "Last contact", "de": "Letzter Kontakt"},
    "home.low_toner": {"es": "Tóner bajo", "en": "Low toner", "de": "Wenig Toner"},
    "home.low_toner_none": {
        "es": "Ningún equipo tiene el tóner bajo.",
        "en": "No machine is low on toner.",
        "de": "Kein Gerät hat wenig Toner.",
    },
    "home.recent": {"es": "Actividad reciente", "en": "Recent activity", "de": "Letzte Aktivität"},
    "home.recent_none": {
        "es": "Todavía no hay actividad.",
        "en": "No activity yet.",
        "de": "Noch keine Aktivität.",
    },
    "home.see_all": {"es": "Ver todo", "en": "See all", "de": "Alle anzeigen"},
}
