"""Texts of the move requests (SPEC C5), the other requests (SPEC C6) and the agents' list."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # Errors raised by portal.services.requests
    "error.move_postal_code_invalid": {
        "es": "Introduzca un código postal válido (de 3 a 10 letras, cifras, espacios o guiones).",
        "en": "Enter a valid postal code (3 to 10 letters, digits, spaces or dashes).",
        "de": "Geben Sie eine gültige Postleitzahl ein (3 bis 10 Buchstaben, Ziffern, "
        "Leerzeichen oder Bindestriche).",
    },
    "error.move_date_invalid": {
        "es": "Introduzca una fecha válida.",
        "en": "Enter a valid date.",
        "de": "Geben Sie ein gültiges Datum ein.",
    },
    "error.move_date_past": {
        "es": "La fecha no puede estar en el pasado.",
        "en": "The date cannot be in the past.",
        "de": "Das Datum darf nicht in der Vergangenheit liegen.",
    },
    "error.move_date_too_far": {
        "es": "Elija una fecha dentro del próximo año.",
        "en": "Choose a date within the next year.",
        "de": "Wählen Sie ein Datum innerhalb des nächsten Jahres.",
    },
    "error.move_product_inactive": {
        "es": "Este equipo no está activo y no se puede trasladar.",
        "en": "This machine is not active and cannot be moved.",
        "de": "Dieses Gerät ist nicht aktiv und kann nicht umgezogen werden.",
    },
    "error.move_already_open": {
        "es": "Ya hay una solicitud de traslado abierta para este equipo.",
        "en": "There is already an open move request for this machine.",
        "de": "Für dieses Gerät gibt es bereits einen offenen Umzugsauftrag.",
    },
    "error.request_transition_invalid": {
        "es": "Este cambio de estado no es posible en el estado actual de la solicitud.",
        "en": "This status change is not possible in the request's current status.",
        "de": "Diese Statusänderung ist im aktuellen Status der Anfrage nicht möglich.",
    },
    # Navigation inside the Service tab
    "request.nav_tickets": {"es": "Incidencias", "en": "Tickets", "de": "Tickets"},
    "request.nav_move": {"es": "Traslado", "en": "Move", "de": "Umzug"},
    "request.nav_desk": {
        "es": "Cola de incidencias",
        "en": "Ticket queue",
        "de": "Ticket-Warteschlange",
    },
    "request.nav_desk_requests": {"es": "Solicitudes", "en": "Requests", "de": "Anfragen"},
    # Statuses
    "move.status.requested": {"es": "Solicitada", "en": "Requested", "de": "Angefordert"},
    "move.status.scheduled": {"es": "Programada", "en": "Scheduled", "de": "Terminiert"},
    "move.status.completed": {"es": "Completada", "en": "Completed", "de": "Abgeschlossen"},
    "move.status.cancelled": {"es": "Cancelada", "en": "Cancelled", "de": "Storniert"},
    "request.status.open": {"es": "Abierta", "en": "Open", "de": "Offen"},
    "request.status.answered": {"es": "Respondida", "en": "Answered", "de": "Beantwortet"},
    "request.status.closed": {"es": "Cerrada", "en": "Closed", "de": "Geschlossen"},
    "move.filter.open": {
        "es": "Abiertas (solicitadas o programadas)",
        "en": "Open (requested or scheduled)",
        "de": "Offen (angefordert oder terminiert)",
    },
    "move.filter.requested": {"es": "Solicitadas", "en": "Requested", "de": "Angefordert"},
    "move.filter.scheduled": {"es": "Programadas", "en": "Scheduled", "de": "Terminiert"},
    "move.filter.completed": {"es": "Completadas", "en": "Completed", "de": "Abgeschlossen"},
    "move.filter.cancelled": {"es": "Canceladas", "en": "Cancelled", "de": "Storniert"},
    "move.filter.all": {"es": "Todas", "en": "All", "de": "Alle"},
    "request.filter.active": {
        "es": "En curso (abiertas o respondidas)",
        "en": "Active (open or answered)",
        "de": "Laufend (offen oder beantwortet)",
    },
    "request.filter.open": {"es": "Abiertas", "en": "Open", "de": "Offen"},
    "request.filter.answered": {"es": "Respondidas", "en": "Answered", "de": "Beantwortet"},
    "request.filter.closed": {"es": "Cerradas", "en": "Closed", "de": "Geschlossen"},
    "request.filter.all": {"es": "Todas", "en": "All", "de": "Alle"},
    # Kinds of request
    "request.kind.account_inquiry": {
        "es": "Consulta sobre la cuenta",
        "en": "Account inquiry",
        "de": "Anfrage zum Kundenkonto",
    },
    "request.kind.suggestion": {
        "es": "Sugerencias y comentarios",
        "en": "Suggestions and comments",
        "de": "Vorschläge und Kommentare",
    },
    "request.kind.online_service": {
        "es": "Servicio en línea",
        "en": "Online service",
        "de": "Online-Service",
    },
    "request.kind.e_snapshot": {
        "es": "Consulta e-Snapshot",
        "en": "e-Snapshot inquiry",
        "de": "e-Snapshot-Anfrage",
    },
    "request.intro.account_inquiry": {
        "es": "Pregunte por facturas, contratos o datos de una de sus cuentas.",
        "en": "Ask about invoices, contracts or the details of one of your accounts.",
        "de": "Fragen Sie zu Rechnungen, Verträgen oder den Daten eines Ihrer Kundenkonten.",
    },
    "request.intro.suggestion": {
        "es": "Cuéntenos qué podemos mejorar; leemos todas las sugerencias.",
        "en": "Tell us what we could do better; we read every suggestion.",
        "de": "Sagen Sie uns, was wir besser machen können; wir lesen jeden Vorschlag.",
    },
    "request.intro.online_service": {
        "es": "Solicite una sesión remota con un técnico para un equipo: configuración, "
        "escaneo, controladores.",
        "en": "Ask for a remote session with an engineer for one machine: set-up, scanning, "
        "drivers.",
        "de": "Fordern Sie für ein Gerät eine Fernsitzung mit einem Techniker an: "
        "Einrichtung, Scannen, Treiber.",
    },
    "request.intro.e_snapshot": {
        "es": "Pida un informe rápido del estado, los contadores y los consumibles de un equipo.",
        "en": "Ask for a quick report of a machine's status, counters and consumables.",
        "de": "Fordern Sie einen Kurzbericht zu Zustand, Zählern und Verbrauchsmaterial "
        "eines Geräts an.",
    },
    # Shared labels
    "request.optional": {"es": "opcional", "en": "optional", "de": "optional"},
    "request.not_found": {
        "es": "No se ha encontrado esta solicitud, o no tiene acceso a ella.",
        "en": "This request was not found, or you do not have access to it.",
        "de": "Diese Anfrage wurde nicht gefunden, oder Sie haben keinen Zugriff darauf.",
    },
    "request.back": {
        "es": "Volver a las solicitudes",
        "en": "Back to the requests",
        "de": "Zurück zu den Anfragen",
    },
    "request.back_desk": {
        "es": "Volver a las solicitudes de clientes",
        "en": "Back to customer requests",
        "de": "Zurück zu den Kundenanfragen",
    },
    "request.product": {"es": "Equipo", "en": "Machine", "de": "Gerät"},
    "request.product_search": {
        "es": "Buscar el equipo por número de serie",
        "en": "Find the machine by serial number",
        "de": "Gerät nach Seriennummer suchen",
    },
    "request.product_search_placeholder": {
        "es": "Número de serie o parte de él",
        "en": "Serial number or part of it",
        "de": "Seriennummer oder ein Teil davon",
    },
    "request.no_products": {
        "es": "Ningún equipo activo a su cargo coincide con la búsqueda.",
        "en": "No active machine in your care matches the search.",
        "de": "Kein aktives Gerät in Ihrer Verantwortung passt zur Suche.",
    },
    "request.open_move": {
        "es": "Traslado en curso",
        "en": "Move in progress",
        "de": "Umzug läuft",
    },
    "request.more_products": {
        "es": "Se muestran los primeros equipos; escriba parte del número de serie para acotar.",
        "en": "Only the first machines are shown; type part of the serial number to narrow down.",
        "de": "Es werden nur die ersten Geräte angezeigt; geben Sie einen Teil der Seriennummer "
        "ein, um die Auswahl einzugrenzen.",
    },
    "request.change_product": {
        "es": "Cambiar de equipo",
        "en": "Change machine",
        "de": "Anderes Gerät",
    },
    "request.col_number": {"es": "Nº", "en": "No.", "de": "Nr."},
    "request.col_created_by": {"es": "Solicitado por", "en": "Requested by", "de": "Angefragt von"},
    "request.col_date": {"es": "Fecha (UTC)", "en": "Date (UTC)", "de": "Datum (UTC)"},
    "request.col_who": {"es": "Quién", "en": "Who", "de": "Wer"},
    "request.col_change": {"es": "Estado", "en": "Status", "de": "Status"},
    "request.col_note": {"es": "Nota", "en": "Note", "de": "Notiz"},
    "request.col_about": {
        "es": "Equipo o cuenta",
        "en": "Machine or account",
        "de": "Gerät oder Konto",
    },
    "request.col_kind": {"es": "Tipo", "en": "Type", "de": "Art"},
    "request.organisation": {"es": "Cliente", "en": "Customer", "de": "Kunde"},
    "request.requested_by": {"es": "Solicitado por", "en": "Requested by", "de": "Angefragt von"},
    "request.history_heading": {
        "es": "Historial de estados",
        "en": "Status history",
        "de": "Statusverlauf",
    },
    # Move request page
    "move.title": {"es": "Solicitud de traslado", "en": "Move request", "de": "Umzugsauftrag"},
    "move.intro": {
        "es": "Pida el traslado de un equipo a otra dirección, planta o sala y siga el estado "
        "de sus solicitudes.",
        "en": "Ask for a machine to be moved to another address, floor or room and follow your "
        "requests.",
        "de": "Beauftragen Sie den Umzug eines Geräts an eine andere Adresse, Etage oder in einen "
        "anderen Raum und verfolgen Sie Ihre Aufträge.",
    },
    "move.form_heading": {
        "es": "Nueva solicitud de traslado",
        "en": "New move request",
        "de": "Neuer Umzugsauftrag",
    },
    "move.step_product": {
        "es": "1. Equipo que se traslada",
        "en": "1. Machine to be moved",
        "de": "1. Gerät, das umzieht",
    },
    "move.step_location": {
        "es": "2. Nueva ubicación",
        "en": "2. New location",
        "de": "2. Neuer Standort",
    },
    "move.step_date_contact": {
        "es": "3. Fecha y contacto en destino",
        "en": "3. Date and contact on site",
        "de": "3. Termin und Ansprechpartner vor Ort",
    },
    "move.new_address": {"es": "Dirección", "en": "Address", "de": "Adresse"},
    "move.new_postal_code": {"es": "Código postal", "en": "Postal code", "de": "Postleitzahl"},
    "move.new_city": {"es": "Ciudad", "en": "City", "de": "Ort"},
    "move.new_floor": {"es": "Planta", "en": "Floor", "de": "Etage"},
    "move.new_room": {"es": "Sala", "en": "Room", "de": "Raum"},
    "move.desired_date": {"es": "Fecha deseada", "en": "Desired date", "de": "Wunschtermin"},
    "move.contact_name": {
        "es": "Persona de contacto",
        "en": "Contact person",
        "de": "Ansprechpartner",
    },
    "move.contact_phone": {
        "es": "Teléfono de contacto",
        "en": "Contact phone",
        "de": "Telefon des Ansprechpartners",
    },
    "move.notes": {"es": "Observaciones", "en": "Notes", "de": "Bemerkungen"},
    "move.submit": {
        "es": "Enviar solicitud de traslado",
        "en": "Send move request",
        "de": "Umzugsauftrag senden",
    },
    "move.created": {
        "es": "Hemos recibido su solicitud de traslado. Le avisaremos de cada cambio de estado.",
        "en": "We have received your move request. We will let you know of every status change.",
        "de": "Ihr Umzugsauftrag ist eingegangen. Wir informieren Sie über jede Statusänderung.",
    },
    "move.history_heading": {
        "es": "Solicitudes de traslado",
        "en": "Move requests",
        "de": "Umzugsaufträge",
    },
    "move.none": {
        "es": "Todavía no hay solicitudes de traslado.",
        "en": "There are no move requests yet.",
        "de": "Es gibt noch keine Umzugsaufträge.",
    },
    "move.col_new_address": {"es": "Nueva dirección", "en": "New address", "de": "Neue Adresse"},
    # Move request detail
    "move.detail_title": {
        "es": "Solicitud de traslado",
        "en": "Move request",
        "de": "Umzugsauftrag",
    },
    "move.back": {
        "es": "Volver a las solicitudes de traslado",
        "en": "Back to move requests",
        "de": "Zurück zu den Umzugsaufträgen",
    },
    "move.current_address": {
        "es": "Ubicación actual",
        "en": "Current location",
        "de": "Aktueller Standort",
    },
    "move.new_location": {"es": "Nueva ubicación", "en": "New location", "de": "Neuer Standort"},
    "move.scheduled_for": {"es": "Fecha programada", "en": "Scheduled for", "de": "Geplant für"},
    "move.scheduled_for_hint": {
        "es": "Solo al programar; si se deja vacía, se usa la fecha deseada.",
        "en": "Only when scheduling; left empty, the desired date is used.",
        "de": "Nur beim Terminieren; leer gelassen gilt der Wunschtermin.",
    },
    "move.contact": {"es": "Contacto", "en": "Contact", "de": "Ansprechpartner"},
    "move.cancel": {
        "es": "Cancelar el traslado",
        "en": "Cancel the move",
        "de": "Umzug stornieren",
    },
    "move.cancel_title": {
        "es": "¿Cancelar esta solicitud de traslado?",
        "en": "Cancel this move request?",
        "de": "Diesen Umzugsauftrag stornieren?",
    },
    "move.cancel_text": {
        "es": "El equipo se quedará donde está. Esta acción no se puede deshacer.",
        "en": "The machine will stay where it is. This cannot be undone.",
        "de": "Das Gerät bleibt, wo es ist. Dies kann nicht rückgängig gemacht werden.",
    },
    "move.cancel_keep": {
        "es": "No, mantener la solicitud",
        "en": "No, keep the request",
        "de": "Nein, Auftrag behalten",
    },
    "move.cancel_confirm": {
        "es": "Sí, cancelar",
        "en": "Yes, cancel it",
        "de": "Ja, stornieren",
    },
    "move.cancelled_notice": {
        "es": "La solicitud de traslado se ha cancelado.",
        "en": "The move request has been cancelled.",
        "de": "Der Umzugsauftrag wurde storniert.",
    },
    "move.transition_heading": {
        "es": "Cambiar el estado",
        "en": "Change the status",
        "de": "Status ändern",
    },
    "move.transition_status": {"es": "Nuevo estado", "en": "New status", "de": "Neuer Status"},
    "move.transition_note": {
        "es": "Nota para el cliente",
        "en": "Note for the customer",
        "de": "Notiz für den Kunden",
    },
    "move.transition_submit": {
        "es": "Guardar el estado",
        "en": "Save the status",
        "de": "Status speichern",
    },
    "move.status_changed": {
        "es": "Estado guardado; se ha avisado al cliente.",
        "en": "Status saved; the customer has been notified.",
        "de": "Status gespeichert; der Kunde wurde benachrichtigt.",
    },
    # Other requests
    "request.form_heading": {"es": "Nueva solicitud", "en": "New request", "de": "Neue Anfrage"},
    "request.account": {"es": "Cuenta", "en": "Account", "de": "Kundenkonto"},
    "request.account_choose": {
        "es": "Elija una cuenta…",
        "en": "Choose an account…",
        "de": "Kundenkonto wählen …",
    },
    "request.subject": {"es": "Asunto", "en": "Subject", "de": "Betreff"},
    "request.text": {"es": "Su mensaje", "en": "Your message", "de": "Ihre Nachricht"},
    "request.preferred_time": {
        "es": "Franja horaria preferida",
        "en": "Preferred time window",
        "de": "Bevorzugtes Zeitfenster",
    },
    "request.preferred_time_placeholder": {
        "es": "p. ej. martes o jueves de 9:00 a 11:00",
        "en": "e.g. Tuesday or Thursday 9:00–11:00",
        "de": "z. B. Dienstag oder Donnerstag 9:00–11:00",
    },
    "request.submit": {"es": "Enviar solicitud", "en": "Send request", "de": "Anfrage senden"},
    "request.created": {
        "es": "Hemos recibido su solicitud. Le responderemos lo antes posible.",
        "en": "We have received your request. We will answer as soon as possible.",
        "de": "Ihre Anfrage ist eingegangen. Wir antworten so bald wie möglich.",
    },
    "request.history_list": {
        "es": "Solicitudes enviadas",
        "en": "Requests sent",
        "de": "Gesendete Anfragen",
    },
    "request.none": {
        "es": "Todavía no hay solicitudes de este tipo.",
        "en": "There are no requests of this kind yet.",
        "de": "Es gibt noch keine Anfragen dieser Art.",
    },
    # Request detail
    "request.close": {
        "es": "Cerrar la solicitud",
        "en": "Close the request",
        "de": "Anfrage schließen",
    },
    "request.close_title": {
        "es": "¿Cerrar esta solicitud?",
        "en": "Close this request?",
        "de": "Diese Anfrage schließen?",
    },
    "request.close_text": {
        "es": "Una solicitud cerrada ya no recibe respuestas.",
        "en": "A closed request receives no further answers.",
        "de": "Eine geschlossene Anfrage erhält keine weiteren Antworten.",
    },
    "request.close_keep": {
        "es": "No, dejarla abierta",
        "en": "No, keep it open",
        "de": "Nein, offen lassen",
    },
    "request.close_confirm": {"es": "Sí, cerrar", "en": "Yes, close it", "de": "Ja, schließen"},
    "request.closed_notice": {
        "es": "La solicitud se ha cerrado.",
        "en": "The request has been closed.",
        "de": "Die Anfrage wurde geschlossen.",
    },
    "request.answer_heading": {"es": "Responder", "en": "Answer", "de": "Antworten"},
    "request.answer_hint": {
        "es": "La respuesta queda en el historial y se envía al cliente por correo electrónico.",
        "en": "The answer is kept in the history and e-mailed to the customer.",
        "de": "Die Antwort wird im Verlauf gespeichert und dem Kunden per E-Mail geschickt.",
    },
    "request.answer": {"es": "Respuesta", "en": "Answer", "de": "Antwort"},
    "request.answer_submit": {
        "es": "Enviar respuesta",
        "en": "Send answer",
        "de": "Antwort senden",
    },
    "request.answered_notice": {
        "es": "Respuesta enviada al cliente.",
        "en": "Answer sent to the customer.",
        "de": "Antwort an den Kunden gesendet.",
    },
    # Agents' list
    "request.desk_title": {
        "es": "Solicitudes de clientes",
        "en": "Customer requests",
        "de": "Kundenanfragen",
    },
    "request.desk_intro": {
        "es": "Traslados y demás solicitudes de todos los clientes; ábralas para cambiar su "
        "estado o responder.",
        "en": "Moves and other requests of every customer; open one to change its status or "
        "answer it.",
        "de": "Umzüge und andere Anfragen aller Kunden; öffnen Sie eine, um ihren Status zu "
        "ändern oder sie zu beantworten.",
    },
    "request.desk_moves": {
        "es": "Solicitudes de traslado",
        "en": "Move requests",
        "de": "Umzugsaufträge",
    },
    "request.desk_inquiries": {
        "es": "Otras solicitudes",
        "en": "Other requests",
        "de": "Weitere Anfragen",
    },
}
