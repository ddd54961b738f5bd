"""Messages of the customer's service pages: service page, new ticket, ticket detail (SPEC C1–C3).

Reused from ``tab_messages``: ``service.title``, ``service.view``, ``service.open``,
``service.closed``, ``service.empty_open``, ``service.empty_closed``, ``col.*``,
``ticket_type.*``, ``ticket_status.*`` and the ``list.*`` paging words.
"""

MESSAGES: dict[str, dict[str, str]] = {
    # Errors raised by portal.services.tickets
    "error.ticket_type_invalid": {
        "es": "Elija un tipo de incidencia de la lista.",
        "en": "Choose a ticket type from the list.",
        "de": "Wählen Sie eine Ticketart aus der Liste.",
    },
    "error.ticket_description_short": {
        "es": "Describa el problema con al menos 10 caracteres.",
        "en": "Describe the problem in at least 10 characters.",
        "de": "Beschreiben Sie das Problem mit mindestens 10 Zeichen.",
    },
    "error.ticket_product_inactive": {
        "es": "Este equipo ya no está activo; no se pueden abrir incidencias para él.",
        "en": "This machine is no longer active; tickets cannot be raised for it.",
        "de": "Dieses Gerät ist nicht mehr aktiv; dafür können keine Tickets erstellt werden.",
    },
    "error.ticket_not_open": {
        "es": "La incidencia ya está resuelta o cerrada; no admite más notas.",
        "en": "This ticket is already solved or closed; notes can no longer be added.",
        "de": "Dieses Ticket ist bereits gelöst oder geschlossen; Notizen sind nicht mehr möglich.",
    },
    "error.ticket_not_solved": {
        "es": "Solo se puede valorar una incidencia resuelta con un informe de resolución.",
        "en": "Only a solved ticket with a resolution report can be rated.",
        "de": "Nur ein gelöstes Ticket mit Lösungsbericht kann bewertet werden.",
    },
    "error.ticket_already_rated": {
        "es": "Esta resolución ya ha sido valorada.",
        "en": "This resolution has already been rated.",
        "de": "Diese Lösung wurde bereits bewertet.",
    },
    "error.ticket_rating_invalid": {
        "es": "Elija una valoración de 1 a 5.",
        "en": "Choose a rating from 1 to 5.",
        "de": "Wählen Sie eine Bewertung von 1 bis 5.",
    },
    # Traffic lights of the SLA clocks (SPEC C2)
    "sla.light.on_time": {"es": "En plazo", "en": "On time", "de": "Im Plan"},
    "sla.light.at_risk": {"es": "En riesgo", "en": "At risk", "de": "Gefährdet"},
    "sla.light.breached": {"es": "Incumplido", "en": "Breached", "de": "Überschritten"},
    "sla.light.paused": {"es": "En pausa", "en": "Paused", "de": "Pausiert"},
    "sla.light.met": {"es": "Cumplido", "en": "Met", "de": "Eingehalten"},
    "sla.light.non_sla": {"es": "Sin SLA", "en": "Non-SLA", "de": "Ohne SLA"},
    # Service page (SPEC C1)
    "service.lead": {
        "es": "Solicite asistencia para sus equipos y siga el estado de sus incidencias.",
        "en": "Ask for help with your machines and follow your tickets.",
        "de": "Fordern Sie Hilfe für Ihre Geräte an und verfolgen Sie Ihre Tickets.",
    },
    "service.requests_heading": {
        "es": "¿Qué necesita?",
        "en": "What do you need?",
        "de": "Was benötigen Sie?",
    },
    "service.entry.new_ticket": {
        "es": "Notificar una avería",
        "en": "Report a fault",
        "de": "Störung melden",
    },
    "service.entry.new_ticket_hint": {
        "es": "Abra una incidencia para un equipo: avería, calidad, atasco, red…",
        "en": "Raise a ticket for a machine: fault, print quality, jam, network…",
        "de": "Ticket für ein Gerät erstellen: Defekt, Druckqualität, Stau, Netzwerk …",
    },
    "service.entry.move": {
        "es": "Traslado de un equipo",
        "en": "Move a machine",
        "de": "Gerät umziehen",
    },
    "service.entry.move_hint": {
        "es": "Solicite el traslado a otra dirección, planta o sala.",
        "en": "Request a move to another address, floor or room.",
        "de": "Umzug an eine andere Adresse, Etage oder einen anderen Raum anfordern.",
    },
    "service.entry.account_inquiry": {
        "es": "Consulta sobre su cuenta",
        "en": "Account inquiry",
        "de": "Anfrage zum Kundenkonto",
    },
    "service.entry.account_inquiry_hint": {
        "es": "Preguntas sobre facturas, contratos o datos de la cuenta.",
        "en": "Questions about invoices, contracts or account details.",
        "de": "Fragen zu Rechnungen, Verträgen oder Kontodaten.",
    },
    "service.entry.suggestion": {
        "es": "Sugerencias y comentarios",
        "en": "Suggestions and comments",
        "de": "Vorschläge und Kommentare",
    },
    "service.entry.suggestion_hint": {
        "es": "Díganos qué podemos mejorar.",
        "en": "Tell us what we could do better.",
        "de": "Sagen Sie uns, was wir besser machen können.",
    },
    "service.entry.online_service": {
        "es": "Servicio remoto",
        "en": "Online service",
        "de": "Online-Service",
    },
    "service.entry.online_service_hint": {
        "es": "Pida una sesión de asistencia remota con un técnico.",
        "en": "Request a remote support session with an engineer.",
        "de": "Eine Fernwartungssitzung mit einem Techniker anfordern.",
    },
    "service.entry.e_snapshot": {
        "es": "Consulta e-snapshot",
        "en": "E-snapshot inquiry",
        "de": "E-Snapshot-Anfrage",
    },
    "service.entry.e_snapshot_hint": {
        "es": "Una consulta rápida sobre el estado de un equipo.",
        "en": "A quick question about a machine's state.",
        "de": "Eine kurze Frage zum Zustand eines Geräts.",
    },
    "service.tickets_heading": {
        "es": "Sus incidencias",
        "en": "Your tickets",
        "de": "Ihre Tickets",
    },
    "service.find_label": {
        "es": "Buscar una incidencia por número",
        "en": "Find a ticket by number",
        "de": "Ticket nach Nummer suchen",
    },
    "service.find_hint": {
        "es": "p. ej. 1-889022872",
        "en": "e.g. 1-889022872",
        "de": "z. B. 1-889022872",
    },
    "service.find_submit": {"es": "Abrir", "en": "Open", "de": "Öffnen"},
    "service.ticket_not_found": {
        "es": "No hay ninguna incidencia con ese número entre las suyas.",
        "en": "None of your tickets has that number.",
        "de": "Keines Ihrer Tickets hat diese Nummer.",
    },
    "service.advanced": {
        "es": "Búsqueda avanzada",
        "en": "Advanced search",
        "de": "Erweiterte Suche",
    },
    "service.filter.status": {"es": "Estado", "en": "Status", "de": "Status"},
    "service.filter.type": {"es": "Tipo", "en": "Type", "de": "Art"},
    "service.filter.serial": {
        "es": "Número de serie del equipo",
        "en": "Product serial number",
        "de": "Serien-Nr. des Geräts",
    },
    "service.filter.from": {"es": "Creada desde", "en": "Created from", "de": "Erstellt ab"},
    "service.filter.to": {"es": "Creada hasta", "en": "Created until", "de": "Erstellt bis"},
    "service.filter.submitted_by": {
        "es": "Enviada por",
        "en": "Submitted by",
        "de": "Gemeldet von",
    },
    "service.filter.reference": {
        "es": "Su referencia",
        "en": "Your reference",
        "de": "Ihre Referenz",
    },
    "service.filter.any": {"es": "Todos", "en": "All", "de": "Alle"},
    "service.filter.apply": {
        "es": "Aplicar filtros",
        "en": "Apply filters",
        "de": "Filter anwenden",
    },
    "service.filter.clear": {"es": "Borrar filtros", "en": "Clear filters", "de": "Filter löschen"},
    "service.no_match": {
        "es": "Ninguna incidencia coincide con la búsqueda.",
        "en": "No ticket matches the search.",
        "de": "Kein Ticket passt zur Suche.",
    },
    "service.page_size": {
        "es": "Registros por página",
        "en": "Records per page",
        "de": "Einträge pro Seite",
    },
    "ticket.col.sla_due": {"es": "Vencimiento SLA", "en": "SLA due", "de": "SLA-Frist"},
    "ticket.col.sla": {"es": "SLA", "en": "SLA", "de": "SLA"},
    "ticket.col.submitted_by": {"es": "Enviada por", "en": "Submitted by", "de": "Gemeldet von"},
    "ticket.by_service_desk": {
        "es": "Centro de soporte",
        "en": "Service desk",
        "de": "Service-Desk",
    },
    # New ticket (SPEC C2)
    "ticket.new.title": {"es": "Nueva incidencia", "en": "New ticket", "de": "Neues Ticket"},
    "ticket.new.intro": {
        "es": "Elija el equipo y describa el problema. Le enviaremos el número de incidencia.",
        "en": "Choose the machine and describe the problem. You will get a ticket number.",
        "de": "Wählen Sie das Gerät und beschreiben Sie das Problem. Sie erhalten eine "
        "Ticketnummer.",
    },
    "ticket.back": {"es": "Volver a Servicio", "en": "Back to Service", "de": "Zurück zum Service"},
    "ticket.field.product": {"es": "Equipo", "en": "Product", "de": "Gerät"},
    "ticket.product_search": {
        "es": "Buscar por número de serie",
        "en": "Search by serial number",
        "de": "Nach Seriennummer suchen",
    },
    "ticket.product_search_hint": {
        "es": "Escriba parte del número de serie",
        "en": "Type part of the serial number",
        "de": "Teil der Seriennummer eingeben",
    },
    "ticket.product_none": {
        "es": "Ningún equipo activo coincide.",
        "en": "No active machine matches.",
        "de": "Kein aktives Gerät passt.",
    },
    "ticket.product_change": {"es": "Cambiar", "en": "Change", "de": "Ändern"},
    "ticket.no_products": {
        "es": "No tiene equipos activos para los que abrir incidencias.",
        "en": "You have no active machines to raise tickets for.",
        "de": "Sie haben keine aktiven Geräte, für die Sie Tickets erstellen können.",
    },
    "ticket.field.ticket_type": {
        "es": "Tipo de incidencia",
        "en": "Ticket type",
        "de": "Ticketart",
    },
    "ticket.type_choose": {"es": "Elija un tipo…", "en": "Choose a type…", "de": "Art wählen …"},
    "ticket.field.error_code": {
        "es": "Código de error (opcional)",
        "en": "Error code (optional)",
        "de": "Fehlercode (optional)",
    },
    "ticket.field.description": {
        "es": "Descripción del problema",
        "en": "Description of the problem",
        "de": "Beschreibung des Problems",
    },
    "ticket.description_hint": {
        "es": "Qué ocurre, desde cuándo y qué mensajes muestra el equipo.",
        "en": "What happens, since when, and what the machine shows.",
        "de": "Was passiert, seit wann und was das Gerät anzeigt.",
    },
    "ticket.field.your_reference": {
        "es": "Su referencia (opcional)",
        "en": "Your reference (optional)",
        "de": "Ihre Referenz (optional)",
    },
    "ticket.field.contact_name": {
        "es": "Persona de contacto en el lugar",
        "en": "On-site contact",
        "de": "Ansprechpartner vor Ort",
    },
    "ticket.field.contact_phone": {
        "es": "Teléfono de contacto",
        "en": "Contact phone",
        "de": "Telefon des Ansprechpartners",
    },
    "ticket.field.availability": {
        "es": "Disponibilidad (opcional)",
        "en": "Availability (optional)",
        "de": "Erreichbarkeit (optional)",
    },
    "ticket.availability_hint": {
        "es": "p. ej. lunes a viernes de 9:00 a 14:00",
        "en": "e.g. Monday to Friday 9:00–14:00",
        "de": "z. B. Montag bis Freitag 9–14 Uhr",
    },
    "ticket.submit": {"es": "Enviar incidencia", "en": "Send ticket", "de": "Ticket senden"},
    "ticket.form_invalid": {
        "es": "Revise los campos marcados.",
        "en": "Please check the marked fields.",
        "de": "Bitte prüfen Sie die markierten Felder.",
    },
    "ticket.suggestions": {
        "es": "Estos artículos podrían resolver el problema",
        "en": "These articles might solve the problem",
        "de": "Diese Artikel könnten das Problem lösen",
    },
    "ticket.created": {
        "es": "Su incidencia se ha registrado con el número",
        "en": "Your ticket has been registered with number",
        "de": "Ihr Ticket wurde registriert unter der Nummer",
    },
    # Ticket detail (SPEC C3)
    "ticket.title": {"es": "Incidencia", "en": "Ticket", "de": "Ticket"},
    "ticket.not_found": {
        "es": "Esta incidencia no existe o no tiene acceso a ella.",
        "en": "This ticket does not exist or you do not have access to it.",
        "de": "Dieses Ticket existiert nicht oder Sie haben keinen Zugriff darauf.",
    },
    "ticket.summary": {"es": "Resumen", "en": "Summary", "de": "Übersicht"},
    "ticket.error_code": {"es": "Código de error", "en": "Error code", "de": "Fehlercode"},
    "ticket.field.status": {"es": "Estado", "en": "Status", "de": "Status"},
    "ticket.field.created": {"es": "Fecha de alta", "en": "Created", "de": "Erstellt am"},
    "ticket.field.submitted_by": {
        "es": "Enviada por",
        "en": "Submitted by",
        "de": "Gemeldet von",
    },
    "ticket.field.contact": {"es": "Contacto", "en": "Contact", "de": "Kontakt"},
    "ticket.sla": {
        "es": "Nivel de servicio (SLA)",
        "en": "Service level (SLA)",
        "de": "Service-Level (SLA)",
    },
    "ticket.non_sla": {
        "es": "Sin SLA: el equipo no tenía cobertura activa",
        "en": "Non-SLA: the machine had no active coverage",
        "de": "Ohne SLA: Das Gerät hatte keine aktive Abdeckung",
    },
    "ticket.response_due": {
        "es": "Primera respuesta antes de",
        "en": "First response due",
        "de": "Erste Reaktion bis",
    },
    "ticket.resolution_due": {
        "es": "Resolución antes de",
        "en": "Resolution due",
        "de": "Lösung bis",
    },
    "ticket.paused_note": {
        "es": "Los plazos están en pausa mientras la incidencia está pendiente.",
        "en": "The deadlines are paused while the ticket is pending.",
        "de": "Die Fristen ruhen, solange das Ticket wartet.",
    },
    "ticket.tab.updates": {"es": "Actualizaciones", "en": "Updates", "de": "Aktualisierungen"},
    "ticket.tab.review": {"es": "Revisión", "en": "Review", "de": "Bewertung"},
    "ticket.col.activity": {"es": "Actividad", "en": "Activity", "de": "Aktivität"},
    "ticket.col.date": {"es": "Fecha", "en": "Date", "de": "Datum"},
    "ticket.col.activity_type": {"es": "Tipo", "en": "Type", "de": "Art"},
    "ticket.col.subtype": {"es": "Subtipo", "en": "Subtype", "de": "Unterart"},
    "ticket.col.text": {"es": "Texto", "en": "Text", "de": "Text"},
    "ticket.review.none": {
        "es": "Todavía no hay ningún informe de resolución.",
        "en": "No resolution report yet.",
        "de": "Noch kein Lösungsbericht vorhanden.",
    },
    "ticket.review.diagnosis": {"es": "Diagnóstico", "en": "Diagnosis", "de": "Diagnose"},
    "ticket.review.action": {"es": "Solución aplicada", "en": "Action taken", "de": "Maßnahme"},
    "ticket.review.parts": {
        "es": "Piezas sustituidas",
        "en": "Parts replaced",
        "de": "Ersetzte Teile",
    },
    "ticket.review.no_parts": {"es": "Ninguna", "en": "None", "de": "Keine"},
    "ticket.review.visit_start": {
        "es": "Inicio de la visita",
        "en": "Visit start",
        "de": "Beginn des Einsatzes",
    },
    "ticket.review.visit_end": {
        "es": "Fin de la visita",
        "en": "Visit end",
        "de": "Ende des Einsatzes",
    },
    "ticket.review.counters": {
        "es": "Contadores en la visita",
        "en": "Counters at the visit",
        "de": "Zählerstände beim Einsatz",
    },
    "ticket.rating.title": {
        "es": "Valore la resolución",
        "en": "Rate the resolution",
        "de": "Lösung bewerten",
    },
    "ticket.rating.label": {"es": "Valoración", "en": "Rating", "de": "Bewertung"},
    "ticket.rating.choose": {"es": "Elija…", "en": "Choose…", "de": "Wählen …"},
    "ticket.rating.1": {"es": "1 – Muy mala", "en": "1 – Very poor", "de": "1 – Sehr schlecht"},
    "ticket.rating.2": {"es": "2 – Mala", "en": "2 – Poor", "de": "2 – Schlecht"},
    "ticket.rating.3": {"es": "3 – Correcta", "en": "3 – Fair", "de": "3 – Mittel"},
    "ticket.rating.4": {"es": "4 – Buena", "en": "4 – Good", "de": "4 – Gut"},
    "ticket.rating.5": {"es": "5 – Excelente", "en": "5 – Excellent", "de": "5 – Ausgezeichnet"},
    "ticket.rating.comment": {
        "es": "Comentario (opcional)",
        "en": "Comment (optional)",
        "de": "Kommentar (optional)",
    },
    "ticket.rating.submit": {
        "es": "Enviar valoración",
        "en": "Send rating",
        "de": "Bewertung senden",
    },
    "ticket.rating.given": {"es": "Su valoración", "en": "Your rating", "de": "Ihre Bewertung"},
    "ticket.rating.thanks": {
        "es": "Gracias por su valoración.",
        "en": "Thank you for your rating.",
        "de": "Vielen Dank für Ihre Bewertung.",
    },
    "ticket.note.title": {"es": "Añadir una nota", "en": "Add a note", "de": "Notiz hinzufügen"},
    "ticket.note.hint": {
        "es": "La nota se añade a las actualizaciones y la verá el técnico.",
        "en": "The note is added to the updates for the engineer to see.",
        "de": "Die Notiz wird den Aktualisierungen hinzugefügt und ist für den Techniker sichtbar.",
    },
    "ticket.note.submit": {"es": "Añadir nota", "en": "Add note", "de": "Notiz hinzufügen"},
    "ticket.note.added": {
        "es": "Su nota se ha añadido.",
        "en": "Your note has been added.",
        "de": "Ihre Notiz wurde hinzugefügt.",
    },
}
