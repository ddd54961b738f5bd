"""Messages of a product's page (SPEC B3) and of the location edit (SPEC B4)."""

MESSAGES: dict[str, dict[str, str]] = {
    # Header, picker, not found
    "product.back": {
        "es": "Volver a la lista de equipos",
        "en": "Back to the product list",
        "de": "Zurück zur Geräteliste",
    },
    "product.picker_label": {
        "es": "Cambiar de equipo",
        "en": "Change product",
        "de": "Gerät wechseln",
    },
    "product.picker_hint": {
        "es": "Número de serie o nombre alternativo",
        "en": "Serial number or alternative name",
        "de": "Seriennummer oder alternativer Name",
    },
    "product.picker_none": {
        "es": "Ningún equipo coincide con la búsqueda.",
        "en": "No product matches your search.",
        "de": "Kein Gerät passt zu Ihrer Suche.",
    },
    "product.not_found": {
        "es": "Este equipo no existe o no tiene acceso a él. Si cree que debería verlo, pida a "
        "su administrador que se lo asigne.",
        "en": "This product does not exist or you do not have access to it. If you think you "
        "should see it, ask your administrator to assign it to you.",
        "de": "Dieses Gerät gibt es nicht, oder Sie haben keinen Zugriff darauf. Wenn Sie es "
        "sehen sollten, bitten Sie Ihren Administrator, es Ihnen zuzuweisen.",
    },
    "product.yes": {"es": "Sí", "en": "Yes", "de": "Ja"},
    "product.no": {"es": "No", "en": "No", "de": "Nein"},
    # General information
    "product.general": {
        "es": "Información general",
        "en": "General information",
        "de": "Allgemeine Informationen",
    },
    "product.account": {"es": "Cuenta de cliente", "en": "Customer account", "de": "Kundenkonto"},
    "product.maintenance_status": {
        "es": "Estado de mantenimiento",
        "en": "Maintenance status",
        "de": "Wartungsstatus",
    },
    "product.installed_on": {
        "es": "Fecha de instalación",
        "en": "Installed on",
        "de": "Installiert am",
    },
    "product.location": {"es": "Ubicación", "en": "Location", "de": "Standort"},
    "product.status.active": {"es": "Activo", "en": "Active", "de": "Aktiv"},
    "product.status.inactive": {"es": "Inactivo", "en": "Inactive", "de": "Inaktiv"},
    "product.status.removed": {"es": "Retirado", "en": "Removed", "de": "Entfernt"},
    "product.maintenance.covered": {
        "es": "Con mantenimiento",
        "en": "Covered",
        "de": "Mit Wartung",
    },
    "product.maintenance.not_covered": {
        "es": "Sin mantenimiento",
        "en": "Not covered",
        "de": "Ohne Wartung",
    },
    "product.maintenance.suspended": {
        "es": "Mantenimiento suspendido",
        "en": "Maintenance suspended",
        "de": "Wartung ausgesetzt",
    },
    # Location fields and edit (SPEC B4)
    "product.field.site": {"es": "Sede", "en": "Site", "de": "Standortname"},
    "product.field.postal_code": {"es": "Código postal", "en": "Postal code", "de": "PLZ"},
    "product.field.floor": {"es": "Planta", "en": "Floor", "de": "Etage"},
    "product.field.room": {"es": "Sala", "en": "Room", "de": "Raum"},
    "product.field.contact": {
        "es": "Contacto in situ",
        "en": "On-site contact",
        "de": "Ansprechpartner vor Ort",
    },
    "product.field.contact_name": {
        "es": "Contacto in situ (nombre)",
        "en": "On-site contact (name)",
        "de": "Ansprechpartner vor Ort (Name)",
    },
    "product.field.contact_phone": {
        "es": "Teléfono del contacto in situ",
        "en": "On-site contact phone",
        "de": "Telefon des Ansprechpartners vor Ort",
    },
    "product.edit": {"es": "Editar", "en": "Edit", "de": "Bearbeiten"},
    "product.edit_intro": {
        "es": "Actualice el nombre alternativo y la ubicación del equipo. Los campos marcados "
        "con * son obligatorios. Cada cambio queda registrado.",
        "en": "Update the product's alternative name and location. Fields marked * are "
        "required. Every change is recorded.",
        "de": "Aktualisieren Sie den alternativen Namen und den Standort des Geräts. Mit * "
        "markierte Felder sind Pflichtfelder. Jede Änderung wird protokolliert.",
    },
    "product.save": {"es": "Guardar", "en": "Save", "de": "Speichern"},
    "product.cancel": {"es": "Cancelar", "en": "Cancel", "de": "Abbrechen"},
    "product.saved": {
        "es": "Se han guardado los cambios de la ubicación.",
        "en": "The location changes have been saved.",
        "de": "Die Änderungen am Standort wurden gespeichert.",
    },
    "product.error.control_characters": {
        "es": "Este campo contiene caracteres no permitidos (saltos de línea o de control).",
        "en": "This field contains characters that are not allowed (line breaks or control "
        "characters).",
        "de": "Dieses Feld enthält unzulässige Zeichen (Zeilenumbrüche oder Steuerzeichen).",
    },
    "product.error.postal_code": {
        "es": "Introduzca un código postal válido: de 3 a 10 letras, cifras, espacios o guiones.",
        "en": "Enter a valid postal code: 3 to 10 letters, digits, spaces or dashes.",
        "de": "Geben Sie eine gültige Postleitzahl ein: 3 bis 10 Buchstaben, Ziffern, "
        "Leerzeichen oder Bindestriche.",
    },
    "product.error.phone": {
        "es": "Introduzca un teléfono válido: cifras, espacios y + ( ) - (al menos 3 cifras).",
        "en": "Enter a valid phone number: digits, spaces and + ( ) - (at least 3 digits).",
        "de": "Geben Sie eine gültige Telefonnummer ein: Ziffern, Leerzeichen und + ( ) - "
        "(mindestens 3 Ziffern).",
    },
    # Managers and technical data
    "product.managers_technical": {
        "es": "Responsables y datos técnicos",
        "en": "Product managers and technical data",
        "de": "Verantwortliche und technische Daten",
    },
    "product.managers": {
        "es": "Responsables del equipo",
        "en": "Product managers",
        "de": "Verantwortliche für das Gerät",
    },
    "product.no_managers": {
        "es": "Ningún usuario tiene asignado este equipo.",
        "en": "No user is assigned to this product.",
        "de": "Diesem Gerät ist kein Benutzer zugewiesen.",
    },
    "product.assigned_directly": {
        "es": "Asignado directamente",
        "en": "Assigned directly",
        "de": "Direkt zugewiesen",
    },
    "product.via_group": {"es": "Grupo:", "en": "Group:", "de": "Gruppe:"},
    "product.technical": {"es": "Datos técnicos", "en": "Technical data", "de": "Technische Daten"},
    "product.ip_address": {"es": "Dirección IP", "en": "IP address", "de": "IP-Adresse"},
    "product.mac_address": {"es": "Dirección MAC", "en": "MAC address", "de": "MAC-Adresse"},
    "product.firmware": {"es": "Firmware", "en": "Firmware", "de": "Firmware"},
    # Service coverage
    "product.coverage": {
        "es": "Cobertura del servicio",
        "en": "Service coverage",
        "de": "Serviceabdeckung",
    },
    "product.covered": {
        "es": "Cubierto por SLA",
        "en": "Covered by an SLA",
        "de": "Durch SLA abgedeckt",
    },
    "product.non_sla": {"es": "Sin SLA", "en": "Non-SLA", "de": "Ohne SLA"},
    "product.non_sla_hint": {
        "es": "La línea de contrato no está vigente: las incidencias se atienden sin plazos "
        "de SLA.",
        "en": "The contract line is not in force: tickets are handled without SLA deadlines.",
        "de": "Die Vertragsposition ist nicht in Kraft: Tickets werden ohne SLA-Fristen "
        "bearbeitet.",
    },
    "product.no_contract": {
        "es": "Este equipo no tiene línea de contrato: las incidencias se atienden sin plazos "
        "de SLA.",
        "en": "This product has no contract line: tickets are handled without SLA deadlines.",
        "de": "Dieses Gerät hat keine Vertragsposition: Tickets werden ohne SLA-Fristen "
        "bearbeitet.",
    },
    "product.contract_number": {
        "es": "Número de contrato",
        "en": "Contract number",
        "de": "Vertragsnummer",
    },
    "product.service_level": {
        "es": "Nivel de servicio",
        "en": "Service level",
        "de": "Service-Level",
    },
    "product.response_time": {
        "es": "Tiempo de respuesta",
        "en": "Response time",
        "de": "Reaktionszeit",
    },
    "product.resolution_time": {
        "es": "Tiempo de resolución",
        "en": "Resolution time",
        "de": "Lösungszeit",
    },
    "product.hours": {
        "es": "horas laborables",
        "en": "business hours",
        "de": "Geschäftsstunden",
    },
    "product.start_date": {"es": "Inicio", "en": "Start date", "de": "Beginn"},
    "product.end_date": {"es": "Fin", "en": "End date", "de": "Ende"},
    "product.contract.active": {"es": "Vigente", "en": "Active", "de": "Aktiv"},
    "product.contract.expired": {"es": "Vencido", "en": "Expired", "de": "Abgelaufen"},
    "product.contract.cancelled": {"es": "Cancelado", "en": "Cancelled", "de": "Gekündigt"},
    # Configuration
    "product.configuration": {"es": "Configuración", "en": "Configuration", "de": "Konfiguration"},
    "product.no_options": {
        "es": "Sin opciones instaladas.",
        "en": "No options installed.",
        "de": "Keine Optionen installiert.",
    },
    "product.auto_capture": {
        "es": "Lectura automática de contadores",
        "en": "Automatic meter capture",
        "de": "Automatische Zählerstandserfassung",
    },
    "product.auto_replenish": {
        "es": "Reposición automática de consumibles",
        "en": "Automatic replenishment",
        "de": "Automatische Verbrauchsmaterial-Nachlieferung",
    },
    "product.last_contact": {
        "es": "Último contacto del lector",
        "en": "Last collector contact",
        "de": "Letzter Kontakt des Collectors",
    },
    "product.never_reported": {
        "es": "Nunca ha informado",
        "en": "Never reported",
        "de": "Noch nie gemeldet",
    },
    "product.not_reporting": {
        "es": "No informa",
        "en": "Not reporting",
        "de": "Meldet nicht",
    },
    "product.not_reporting_hint": {
        "es": "El lector automático no ha tenido contacto con este equipo en más de 7 días. "
        "Compruebe que está encendido y conectado a la red.",
        "en": "The meter collector has not reached this product for more than 7 days. "
        "Check that it is switched on and connected to the network.",
        "de": "Der Zähler-Collector hat dieses Gerät seit mehr als 7 Tagen nicht erreicht. "
        "Prüfen Sie, ob es eingeschaltet und mit dem Netzwerk verbunden ist.",
    },
    "product.device_status": {
        "es": "Estado del equipo",
        "en": "Device status",
        "de": "Gerätestatus",
    },
    "product.device_status.running": {"es": "En marcha", "en": "Running", "de": "In Betrieb"},
    "product.device_status.warning": {"es": "Aviso", "en": "Warning", "de": "Warnung"},
    "product.device_status.testing": {"es": "En pruebas", "en": "Testing", "de": "Im Test"},
    "product.device_status.down": {"es": "Parado", "en": "Down", "de": "Außer Betrieb"},
    "product.device_status.unknown": {"es": "Desconocido", "en": "Unknown", "de": "Unbekannt"},
    "product.toner_levels": {"es": "Nivel de tóner", "en": "Toner levels", "de": "Tonerstand"},
    "product.toner_low": {"es": "Bajo", "en": "Low", "de": "Niedrig"},
    "product.toner.black": {"es": "Negro", "en": "Black", "de": "Schwarz"},
    "product.toner.cyan": {"es": "Cian", "en": "Cyan", "de": "Cyan"},
    "product.toner.magenta": {"es": "Magenta", "en": "Magenta", "de": "Magenta"},
    "product.toner.yellow": {"es": "Amarillo", "en": "Yellow", "de": "Gelb"},
    # Tickets
    "product.tickets": {"es": "Incidencias", "en": "Tickets", "de": "Tickets"},
    "product.no_open_tickets": {
        "es": "Este equipo no tiene incidencias abiertas.",
        "en": "This product has no open tickets.",
        "de": "Dieses Gerät hat keine offenen Tickets.",
    },
    "product.no_closed_tickets": {
        "es": "Este equipo no tiene incidencias cerradas.",
        "en": "This product has no closed tickets.",
        "de": "Dieses Gerät hat keine geschlossenen Tickets.",
    },
    "product.tickets_limit": {
        "es": "Se muestran como máximo las 50 más recientes de cada lista.",
        "en": "At most the 50 most recent of each list are shown.",
        "de": "Es werden höchstens die 50 neuesten jeder Liste angezeigt.",
    },
    # Readings
    "product.readings": {
        "es": "Lecturas de contador",
        "en": "Meter readings",
        "de": "Zählerstände",
    },
    "product.auto_capture_hint": {
        "es": "Este equipo envía sus lecturas automáticamente: no necesita introducirlas.",
        "en": "This product sends its readings automatically: no manual entry is needed.",
        "de": "Dieses Gerät übermittelt seine Zählerstände automatisch: keine manuelle "
        "Eingabe nötig.",
    },
    "product.monthly_volume": {
        "es": "Volumen mensual (páginas)",
        "en": "Monthly volume (pages)",
        "de": "Monatliches Volumen (Seiten)",
    },
    "product.counter": {"es": "Contador", "en": "Counter", "de": "Zähler"},
    "product.no_volume": {
        "es": "Aún no hay lecturas suficientes para calcular el volumen mensual.",
        "en": "There are not enough readings yet to compute the monthly volume.",
        "de": "Es gibt noch nicht genug Zählerstände, um das monatliche Volumen zu berechnen.",
    },
    "product.reading_history": {
        "es": "Historial de lecturas",
        "en": "Reading history",
        "de": "Verlauf der Zählerstände",
    },
    "product.reading_date": {"es": "Fecha", "en": "Date", "de": "Datum"},
    "product.reading_source": {"es": "Origen", "en": "Source", "de": "Quelle"},
    "product.no_readings": {
        "es": "Este equipo aún no tiene lecturas.",
        "en": "This product has no readings yet.",
        "de": "Für dieses Gerät gibt es noch keine Zählerstände.",
    },
    "product.source.portal": {"es": "Portal", "en": "Portal", "de": "Portal"},
    "product.source.bulk_upload": {
        "es": "Carga masiva",
        "en": "Bulk upload",
        "de": "Sammel-Upload",
    },
    "product.source.automatic": {"es": "Automática", "en": "Automatic", "de": "Automatisch"},
    "product.source.staff": {"es": "Técnico", "en": "Staff", "de": "Techniker"},
    "product.source.estimated": {"es": "Estimada", "en": "Estimated", "de": "Geschätzt"},
    "product.counter.total": {"es": "Total", "en": "Total", "de": "Gesamt"},
    "product.counter.black": {"es": "Negro", "en": "Black", "de": "Schwarz"},
    "product.counter.colour": {"es": "Color", "en": "Colour", "de": "Farbe"},
    "product.counter.black_a3": {"es": "Negro A3", "en": "Black A3", "de": "Schwarz A3"},
    "product.counter.black_a4": {"es": "Negro A4", "en": "Black A4", "de": "Schwarz A4"},
    "product.counter.colour_a3": {"es": "Color A3", "en": "Colour A3", "de": "Farbe A3"},
    "product.counter.colour_a4": {"es": "Color A4", "en": "Colour A4", "de": "Farbe A4"},
    "product.counter.scan": {"es": "Escaneo", "en": "Scan", "de": "Scan"},
    # Links
    "product.links": {
        "es": "Descargas",
        "en": "Downloads",
        "de": "Downloads",
    },
    "product.download_link": {
        "es": "Centro de descargas",
        "en": "Download centre",
        "de": "Download-Center",
    },
    "product.links_hint": {
        "es": "Controladores, manuales y firmware de este equipo.",
        "en": "Drivers, manuals and firmware for this machine.",
        "de": "Treiber, Handbücher und Firmware für dieses Gerät.",
    },
    "product.action.ticket": {
        "es": "Notificar una avería",
        "en": "Report a fault",
        "de": "Störung melden",
    },
    "product.action.move": {
        "es": "Solicitar traslado",
        "en": "Request a move",
        "de": "Umzug anfordern",
    },
}
