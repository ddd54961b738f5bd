"""Messages of the bulk meter-reading page and its CSV template (SPEC C4)."""

MESSAGES = {
    "bulk.title": {
        "es": "Lecturas de contadores en bloque",
        "en": "Bulk meter readings",
        "de": "Zählerstände als Sammel-Upload",
    },
    "bulk.lead": {
        "es": "Descargue la plantilla con sus equipos, rellene las lecturas y súbala: "
        "verá qué filas se aceptaron, cuáles necesitan confirmación y cuáles se rechazaron.",
        "en": "Download the template with your devices, fill in the readings and upload it: "
        "you will see which rows were accepted, which need confirmation and which were rejected.",
        "de": "Laden Sie die Vorlage mit Ihren Geräten herunter, tragen Sie die Zählerstände "
        "ein und laden Sie sie hoch: Sie sehen, welche Zeilen übernommen wurden, welche eine "
        "Bestätigung brauchen und welche abgelehnt wurden.",
    },
    "bulk.denied": {
        "es": "Solo los administradores y los gestores de dispositivos pueden introducir lecturas.",
        "en": "Only administrators and device managers can enter readings.",
        "de": "Nur Administratoren und Geräteverantwortliche können Zählerstände erfassen.",
    },
    "bulk.step.template": {
        "es": "1. Descargar la plantilla",
        "en": "1. Download the template",
        "de": "1. Vorlage herunterladen",
    },
    "bulk.step.template_hint": {
        "es": "Una fila por equipo con lectura manual, con la última lectura de cada contador. "
        "Rellene la fecha (vacía = hoy) y los contadores; las filas sin valores se ignoran.",
        "en": "One row per manually read device, with the last reading of each counter. "
        "Fill in the date (empty = today) and the counters; rows without values are ignored.",
        "de": "Eine Zeile pro manuell abgelesenem Gerät mit dem letzten Stand jedes Zählers. "
        "Tragen Sie Datum (leer = heute) und Zählerstände ein; Zeilen ohne Werte werden "
        "übergangen.",
    },
    "bulk.download": {
        "es": "Descargar plantilla CSV",
        "en": "Download CSV template",
        "de": "CSV-Vorlage herunterladen",
    },
    "bulk.step.upload": {
        "es": "2. Subir la plantilla rellenada",
        "en": "2. Upload the filled-in template",
        "de": "2. Ausgefüllte Vorlage hochladen",
    },
    "bulk.step.upload_hint": {
        "es": "Archivo CSV separado por comas o punto y coma, hasta 5 MB y 10 000 filas.",
        "en": "CSV file separated by commas or semicolons, up to 5 MB and 10,000 rows.",
        "de": "CSV-Datei mit Komma oder Semikolon getrennt, bis 5 MB und 10.000 Zeilen.",
    },
    "bulk.drop": {
        "es": "Arrastre aquí el archivo o haga clic para elegirlo",
        "en": "Drag the file here or click to choose it",
        "de": "Datei hierher ziehen oder zum Auswählen klicken",
    },
    "bulk.selected": {
        "es": "Archivo elegido:",
        "en": "Chosen file:",
        "de": "Gewählte Datei:",
    },
    "bulk.submit": {
        "es": "Subir y comprobar",
        "en": "Upload and check",
        "de": "Hochladen und prüfen",
    },
    "bulk.phase.receiving": {
        "es": "Recibiendo el archivo…",
        "en": "Receiving the file…",
        "de": "Datei wird empfangen …",
    },
    "bulk.phase.processing": {
        "es": "Comprobando y guardando las lecturas…",
        "en": "Checking and saving the readings…",
        "de": "Zählerstände werden geprüft und gespeichert …",
    },
    "bulk.phase.confirming": {
        "es": "Guardando las lecturas confirmadas…",
        "en": "Saving the confirmed readings…",
        "de": "Bestätigte Zählerstände werden gespeichert …",
    },
    "bulk.rows_done": {
        "es": "filas",
        "en": "rows",
        "de": "Zeilen",
    },
    "bulk.result": {
        "es": "Resultado",
        "en": "Result",
        "de": "Ergebnis",
    },
    "bulk.group.accepted": {
        "es": "Aceptadas",
        "en": "Accepted",
        "de": "Übernommen",
    },
    "bulk.group.accepted_hint": {
        "es": "Estas lecturas se han guardado.",
        "en": "These readings have been saved.",
        "de": "Diese Zählerstände wurden gespeichert.",
    },
    "bulk.group.needs_confirmation": {
        "es": "Necesitan confirmación",
        "en": "Need confirmation",
        "de": "Bestätigung nötig",
    },
    "bulk.group.needs_confirmation_hint": {
        "es": "Estos valores parecen inusualmente altos y todavía no se han guardado. "
        "Revíselos; si son correctos, confírmelos.",
        "en": "These values look unusually high and have not been saved yet. "
        "Check them; if they are right, confirm them.",
        "de": "Diese Werte wirken ungewöhnlich hoch und wurden noch nicht gespeichert. "
        "Prüfen Sie sie; wenn sie stimmen, bestätigen Sie sie.",
    },
    "bulk.group.rejected": {
        "es": "Rechazadas",
        "en": "Rejected",
        "de": "Abgelehnt",
    },
    "bulk.group.rejected_hint": {
        "es": "Estas filas no se han guardado. Corrija el motivo y vuelva a subirlas.",
        "en": "These rows were not saved. Correct the reason and upload them again.",
        "de": "Diese Zeilen wurden nicht gespeichert. Beheben Sie den Grund und laden Sie sie "
        "erneut hoch.",
    },
    "bulk.group.empty": {
        "es": "Ninguna fila.",
        "en": "No rows.",
        "de": "Keine Zeilen.",
    },
    "bulk.more_rows": {
        "es": "filas más no se muestran.",
        "en": "more rows are not shown.",
        "de": "weitere Zeilen werden nicht angezeigt.",
    },
    "bulk.confirm": {
        "es": "Confirmar estos valores",
        "en": "Confirm these values",
        "de": "Diese Werte bestätigen",
    },
    "bulk.new_upload": {
        "es": "Nueva subida",
        "en": "New upload",
        "de": "Neuer Upload",
    },
    "bulk.col.line": {"es": "Línea", "en": "Line", "de": "Zeile"},
    "bulk.col.read_on": {"es": "Fecha", "en": "Date", "de": "Datum"},
    "bulk.col.values": {"es": "Valores", "en": "Values", "de": "Werte"},
    "bulk.col.reason": {"es": "Motivo", "en": "Reason", "de": "Grund"},
    "bulk.col.warning": {"es": "Aviso", "en": "Warning", "de": "Hinweis"},
    "bulk.template.help.serial": {
        "es": "Número de serie (no cambiar)",
        "en": "Serial number (do not change)",
        "de": "Seriennummer (nicht ändern)",
    },
    "bulk.template.help.model": {
        "es": "Modelo (solo información)",
        "en": "Model (information only)",
        "de": "Modell (nur zur Information)",
    },
    "bulk.template.help.account": {
        "es": "Número de cuenta (solo información)",
        "en": "Account number (information only)",
        "de": "Kundennummer (nur zur Information)",
    },
    "bulk.template.help.last_read_on": {
        "es": "Fecha de la última lectura",
        "en": "Date of the last reading",
        "de": "Datum der letzten Ablesung",
    },
    "bulk.template.help.read_on": {
        "es": "Fecha de la lectura AAAA-MM-DD (vacía = hoy, {today})",
        "en": "Reading date YYYY-MM-DD (empty = today, {today})",
        "de": "Ablesedatum JJJJ-MM-TT (leer = heute, {today})",
    },
    "bulk.template.help.last_value": {
        "es": "{counter}: última lectura",
        "en": "{counter}: last reading",
        "de": "{counter}: letzter Stand",
    },
    "bulk.template.help.value": {
        "es": "{counter}: nueva lectura",
        "en": "{counter}: new reading",
        "de": "{counter}: neuer Stand",
    },
    "bulk.error.not_found": {
        "es": "Número de serie desconocido o no es uno de sus equipos.",
        "en": "Serial number not found or not one of your devices.",
        "de": "Seriennummer unbekannt oder nicht eines Ihrer Geräte.",
    },
    "bulk.error.date_invalid": {
        "es": "Fecha no válida (use AAAA-MM-DD).",
        "en": "Invalid date (use YYYY-MM-DD).",
        "de": "Ungültiges Datum (JJJJ-MM-TT verwenden).",
    },
    "bulk.error.denied": {
        "es": "No puede introducir lecturas para este equipo.",
        "en": "You may not enter readings for this device.",
        "de": "Sie dürfen für dieses Gerät keine Zählerstände erfassen.",
    },
    "bulk.error.too_big": {
        "es": "El archivo supera el tamaño máximo de 5 MB.",
        "en": "The file is larger than the 5 MB limit.",
        "de": "Die Datei ist größer als die Grenze von 5 MB.",
    },
    "bulk.error.too_many_rows": {
        "es": "El archivo tiene más de 10 000 filas con valores; divídalo en varios.",
        "en": "The file has more than 10,000 rows with values; split it into several files.",
        "de": "Die Datei hat mehr als 10.000 Zeilen mit Werten; teilen Sie sie auf.",
    },
    "bulk.error.empty": {
        "es": "El archivo está vacío.",
        "en": "The file is empty.",
        "de": "Die Datei ist leer.",
    },
    "bulk.error.no_rows": {
        "es": "El archivo no contiene ninguna lectura.",
        "en": "The file contains no readings.",
        "de": "Die Datei enthält keine Zählerstände.",
    },
    "bulk.error.missing_column": {
        "es": "Falta la columna",
        "en": "Missing column",
        "de": "Fehlende Spalte",
    },
    "bulk.error.no_counter_columns": {
        "es": "El archivo no tiene columnas de contadores; use la plantilla.",
        "en": "The file has no counter columns; please use the template.",
        "de": "Die Datei hat keine Zählerspalten; bitte verwenden Sie die Vorlage.",
    },
    "bulk.error.not_csv": {
        "es": "El archivo no es un CSV legible.",
        "en": "The file is not a readable CSV.",
        "de": "Die Datei ist keine lesbare CSV-Datei.",
    },
    "bulk.error.no_file": {
        "es": "Elija primero un archivo.",
        "en": "Choose a file first.",
        "de": "Wählen Sie zuerst eine Datei.",
    },
    "bulk.error.busy": {
        "es": "Todavía se está procesando la subida anterior.",
        "en": "The previous upload is still being processed.",
        "de": "Der vorige Upload wird noch verarbeitet.",
    },
    "bulk.error.file_refused": {
        "es": "Solo se admite un archivo CSV de hasta 5 MB.",
        "en": "Only one CSV file of up to 5 MB is accepted.",
        "de": "Nur eine CSV-Datei bis 5 MB wird angenommen.",
    },
}
