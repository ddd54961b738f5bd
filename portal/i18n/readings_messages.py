"""Messages of the meter-reading pages and the reading rules (SPEC C4)."""

MESSAGES: dict[str, dict[str, str]] = {
    # The list of due products
    "readings.title": {
        "es": "Lecturas de contador",
        "en": "Meter readings",
        "de": "Zählerstände",
    },
    "readings.lead": {
        "es": "Introduzca las lecturas de sus equipos dentro de la ventana de facturación. "
        "Los equipos con captura automática no necesitan nada.",
        "en": "Enter your machines' readings within the billing window. "
        "Machines with automatic capture need nothing.",
        "de": "Geben Sie die Zählerstände Ihrer Geräte innerhalb des Abrechnungsfensters ein. "
        "Geräte mit automatischer Erfassung brauchen nichts.",
    },
    "readings.bulk_link": {
        "es": "Carga masiva (CSV)",
        "en": "Bulk upload (CSV)",
        "de": "Sammel-Upload (CSV)",
    },
    "readings.filter_label": {"es": "Estado", "en": "Status", "de": "Status"},
    "readings.filter_all": {"es": "Todos", "en": "All", "de": "Alle"},
    "reading.status.due": {"es": "Pendiente", "en": "Due", "de": "Fällig"},
    "reading.status.overdue": {"es": "Atrasada", "en": "Overdue", "de": "Überfällig"},
    "reading.status.done": {"es": "Hecha", "en": "Done", "de": "Erledigt"},
    "reading.status.automatic": {
        "es": "Automática",
        "en": "Automatic",
        "de": "Automatisch",
    },
    "readings.col_window": {
        "es": "Ventana",
        "en": "Window",
        "de": "Zeitfenster",
    },
    "readings.col_last": {
        "es": "Última lectura",
        "en": "Last reading",
        "de": "Letzter Stand",
    },
    "readings.col_actions": {"es": "Acciones", "en": "Actions", "de": "Aktionen"},
    "readings.enter": {
        "es": "Introducir lectura",
        "en": "Enter reading",
        "de": "Stand eingeben",
    },
    "readings.history": {"es": "Historial", "en": "History", "de": "Verlauf"},
    "readings.auto_capture": {
        "es": "Captura automática: no hace falta introducir nada.",
        "en": "Automatic capture: nothing to enter.",
        "de": "Automatische Erfassung: keine Eingabe nötig.",
    },
    "readings.auto_badge": {
        "es": "Captura automática",
        "en": "Automatic capture",
        "de": "Automatische Erfassung",
    },
    "readings.empty": {
        "es": "No hay equipos en esta vista.",
        "en": "There are no machines in this view.",
        "de": "In dieser Ansicht gibt es keine Geräte.",
    },
    "readings.denied": {
        "es": "Solo los administradores y los responsables de equipos introducen lecturas.",
        "en": "Only administrators and device managers enter readings.",
        "de": "Nur Administratoren und Geräteverantwortliche geben Zählerstände ein.",
    },
    # The entry form
    "readings.form_title": {
        "es": "Lectura del equipo",
        "en": "Reading of machine",
        "de": "Zählerstand von Gerät",
    },
    "readings.date_label": {
        "es": "Fecha de lectura",
        "en": "Reading date",
        "de": "Ablesedatum",
    },
    "readings.last_value": {"es": "Última:", "en": "Last:", "de": "Zuletzt:"},
    "readings.last_date": {
        "es": "Última lectura real:",
        "en": "Last real reading:",
        "de": "Letzter echter Stand:",
    },
    "readings.submit": {
        "es": "Guardar lectura",
        "en": "Save reading",
        "de": "Stand speichern",
    },
    "readings.cancel": {"es": "Cancelar", "en": "Cancel", "de": "Abbrechen"},
    "readings.warning": {
        "es": "Estos valores parecen muy altos. Si son correctos, vuelva a escribirlos para "
        "confirmarlos.",
        "en": "These values look unusually high. If they are right, please re-enter to confirm.",
        "de": "Diese Werte erscheinen ungewöhnlich hoch. Wenn sie stimmen, geben Sie sie zur "
        "Bestätigung erneut ein.",
    },
    "readings.accepted": {
        "es": "Lectura guardada para el equipo",
        "en": "Reading saved for machine",
        "de": "Zählerstand gespeichert für Gerät",
    },
    # Rules
    "reading.error.required": {
        "es": "Introduzca el valor del contador.",
        "en": "Enter the counter's value.",
        "de": "Geben Sie den Zählerstand ein.",
    },
    "reading.error.not_whole_number": {
        "es": "Solo cifras: sin signos, decimales ni espacios.",
        "en": "Digits only: no signs, decimals or spaces.",
        "de": "Nur Ziffern: keine Vorzeichen, Dezimalstellen oder Leerzeichen.",
    },
    "reading.error.too_many_digits": {
        "es": "Este contador tiene menos cifras.",
        "en": "This counter has fewer digits.",
        "de": "Dieser Zähler hat weniger Stellen.",
    },
    "reading.error.below_previous": {
        "es": "Es inferior a la última lectura aceptada. Si el contador se reinició, "
        "contacte con el servicio técnico.",
        "en": "This is below the last accepted reading. If the counter was reset, please "
        "contact the service desk.",
        "de": "Der Wert liegt unter dem letzten akzeptierten Stand. Wurde der Zähler "
        "zurückgesetzt, wenden Sie sich bitte an den Service.",
    },
    "reading.error.total_mismatch": {
        "es": "El total debe ser la suma de negro y color.",
        "en": "Total must equal black plus colour.",
        "de": "Gesamt muss Schwarz plus Farbe ergeben.",
    },
    "reading.error.split_mismatch": {
        "es": "Debe ser la suma de sus contadores A3 y A4.",
        "en": "Must equal the sum of its A3 and A4 counters.",
        "de": "Muss die Summe seiner A3- und A4-Zähler sein.",
    },
    "reading.error.date_future": {
        "es": "La fecha no puede estar en el futuro.",
        "en": "The date cannot be in the future.",
        "de": "Das Datum darf nicht in der Zukunft liegen.",
    },
    "reading.error.date_not_after_previous": {
        "es": "La fecha debe ser posterior a la de la última lectura.",
        "en": "The date must be after the last reading's.",
        "de": "Das Datum muss nach dem des letzten Stands liegen.",
    },
    "reading.error.date_invalid": {
        "es": "Introduzca una fecha válida.",
        "en": "Enter a valid date.",
        "de": "Geben Sie ein gültiges Datum ein.",
    },
    "reading.error.unknown_counter": {
        "es": "Este modelo no tiene ese contador.",
        "en": "This model has no such counter.",
        "de": "Dieses Modell hat diesen Zähler nicht.",
    },
    "reading.error.no_counters": {
        "es": "Este equipo no tiene contadores que leer.",
        "en": "This machine has no counters to read.",
        "de": "Dieses Gerät hat keine abzulesenden Zähler.",
    },
    "reading.error.auto_capture": {
        "es": "Este equipo envía sus lecturas automáticamente.",
        "en": "This machine sends its readings automatically.",
        "de": "Dieses Gerät übermittelt seine Zählerstände automatisch.",
    },
    "reading.warning.above_history": {
        "es": "Muy por encima del volumen habitual de este equipo.",
        "en": "Far above this machine's usual volume.",
        "de": "Weit über dem üblichen Volumen dieses Geräts.",
    },
    "reading.warning.above_duty": {
        "es": "Por encima de la capacidad nominal del modelo.",
        "en": "Above the model's rated duty.",
        "de": "Über der Nennleistung des Modells.",
    },
    # History of one product
    "readings.history_title": {
        "es": "Historial de lecturas",
        "en": "Reading history",
        "de": "Verlauf der Zählerstände",
    },
    "readings.monthly_volume": {
        "es": "Volumen mensual",
        "en": "Monthly volume",
        "de": "Monatliches Volumen",
    },
    "readings.no_volume": {
        "es": "Aún no hay lecturas suficientes para calcular el volumen mensual.",
        "en": "There are not enough readings yet to compute the monthly volume.",
        "de": "Es gibt noch nicht genug Stände, um das Monatsvolumen zu berechnen.",
    },
    "readings.no_rows": {
        "es": "Este equipo aún no tiene lecturas.",
        "en": "This machine has no readings yet.",
        "de": "Für dieses Gerät gibt es noch keine Stände.",
    },
    "readings.col_date": {"es": "Fecha", "en": "Date", "de": "Datum"},
    "readings.col_source": {"es": "Origen", "en": "Source", "de": "Quelle"},
    "readings.col_entered_by": {
        "es": "Introducida por",
        "en": "Entered by",
        "de": "Erfasst von",
    },
    "readings.implausible": {
        "es": "Confirmada como inusual",
        "en": "Confirmed as unusual",
        "de": "Als ungewöhnlich bestätigt",
    },
    "readings.estimated_hint": {
        "es": "Las lecturas estimadas se calculan a partir del historial cuando no llega "
        "ninguna en la ventana; una lectura real posterior las sustituye.",
        "en": "Estimated readings are computed from the history when none arrives in the "
        "window; a later real reading replaces them.",
        "de": "Geschätzte Stände werden aus dem Verlauf berechnet, wenn im Zeitfenster keiner "
        "eingeht; ein späterer echter Stand ersetzt sie.",
    },
    "readings.account_chart": {
        "es": "Volumen de la cuenta",
        "en": "Account volume",
        "de": "Volumen des Kontos",
    },
    "readings.product_page": {
        "es": "Ficha del equipo",
        "en": "Product page",
        "de": "Geräteseite",
    },
    "readings.back": {
        "es": "Volver a las lecturas",
        "en": "Back to readings",
        "de": "Zurück zu den Zählerständen",
    },
    "readings.not_found": {
        "es": "No se ha encontrado o no tiene acceso.",
        "en": "Not found, or you have no access to it.",
        "de": "Nicht gefunden oder kein Zugriff.",
    },
    # Meter resets (staff)
    "readings.reset_title": {
        "es": "Registrar reinicio de contador",
        "en": "Record a meter reset",
        "de": "Zählerrücksetzung erfassen",
    },
    "readings.reset_hint": {
        "es": "Tras un reinicio se acepta un valor inferior en ese contador.",
        "en": "After a reset a lower value is accepted on that counter.",
        "de": "Nach einer Rücksetzung wird auf diesem Zähler ein niedrigerer Wert akzeptiert.",
    },
    "readings.reset_counter": {"es": "Contador", "en": "Counter", "de": "Zähler"},
    "readings.reset_date": {
        "es": "Fecha del reinicio",
        "en": "Reset date",
        "de": "Datum der Rücksetzung",
    },
    "readings.reset_submit": {
        "es": "Registrar reinicio",
        "en": "Record reset",
        "de": "Rücksetzung erfassen",
    },
    "readings.reset_saved": {
        "es": "Reinicio registrado.",
        "en": "Reset recorded.",
        "de": "Rücksetzung erfasst.",
    },
    "readings.resets": {
        "es": "Reinicios registrados",
        "en": "Recorded resets",
        "de": "Erfasste Rücksetzungen",
    },
    # Account volume
    "readings.account_title": {
        "es": "Volumen mensual de la cuenta",
        "en": "Monthly volume of the account",
        "de": "Monatliches Volumen des Kontos",
    },
    "readings.account_lead": {
        "es": "Suma de los equipos de la cuenta que usted ve.",
        "en": "Sum over the account's machines you can see.",
        "de": "Summe über die Geräte des Kontos, die Sie sehen.",
    },
    # Service page entry
    "service.entry.readings": {
        "es": "Lecturas de contador",
        "en": "Meter readings",
        "de": "Zählerstände",
    },
    "service.entry.readings_hint": {
        "es": "Introduzca las lecturas pendientes y consulte el historial.",
        "en": "Enter the readings due and see the history.",
        "de": "Fällige Zählerstände eingeben und den Verlauf ansehen.",
    },
}
