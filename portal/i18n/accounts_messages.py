"""Messages of the accounts pages (SPEC B1) and of the audit log page (SPEC G3)."""

MESSAGES: dict[str, dict[str, str]] = {
    # Accounts list
    "account.title": {"es": "Cuentas", "en": "Accounts", "de": "Konten"},
    "account.intro": {
        "es": "Las cuentas de cliente de su empresa, con sus equipos e incidencias abiertas.",
        "en": "Your company's customer accounts, with their machines and open tickets.",
        "de": "Die Kundenkonten Ihrer Firma mit ihren Geräten und offenen Tickets.",
    },
    "account.intro_scoped": {
        "es": "Solo se cuentan los equipos a los que tiene acceso.",
        "en": "Only the machines you have access to are counted.",
        "de": "Es werden nur die Geräte gezählt, auf die Sie Zugriff haben.",
    },
    "account.empty": {
        "es": "No tiene acceso a ninguna cuenta. Si lo necesita, pida a su administrador que "
        "le asigne equipos.",
        "en": "You have no access to any account. If you need it, ask your administrator to "
        "assign machines to you.",
        "de": "Sie haben auf kein Konto Zugriff. Wenn Sie ihn benötigen, bitten Sie Ihren "
        "Administrator, Ihnen Geräte zuzuweisen.",
    },
    "account.col.number": {"es": "Nº de cuenta", "en": "Account number", "de": "Kontonummer"},
    "account.col.name": {"es": "Nombre", "en": "Name", "de": "Name"},
    "account.col.products": {"es": "Equipos", "en": "Machines", "de": "Geräte"},
    # One account
    "account.back": {"es": "Todas las cuentas", "en": "All accounts", "de": "Alle Konten"},
    "account.heading": {"es": "Cuenta", "en": "Account", "de": "Konto"},
    "account.organisation": {"es": "Empresa", "en": "Company", "de": "Firma"},
    "account.invoice_day": {
        "es": "Día de facturación",
        "en": "Invoice day",
        "de": "Rechnungstag",
    },
    "account.contracts_title": {
        "es": "Líneas de contrato",
        "en": "Contract lines",
        "de": "Vertragspositionen",
    },
    "account.contracts_empty": {
        "es": "Esta cuenta no tiene líneas de contrato.",
        "en": "This account has no contract lines.",
        "de": "Dieses Konto hat keine Vertragspositionen.",
    },
    "account.col.contract_number": {
        "es": "Nº de contrato",
        "en": "Contract number",
        "de": "Vertragsnummer",
    },
    "account.col.service_level": {
        "es": "Nivel de servicio",
        "en": "Service level",
        "de": "Service-Level",
    },
    "account.col.response": {
        "es": "Respuesta (h)",
        "en": "Response (h)",
        "de": "Reaktionszeit (Std.)",
    },
    "account.col.resolution": {
        "es": "Resolución (h)",
        "en": "Resolution (h)",
        "de": "Lösungszeit (Std.)",
    },
    "account.col.period": {"es": "Vigencia", "en": "Term", "de": "Laufzeit"},
    "account.contract_status.active": {"es": "Activo", "en": "Active", "de": "Aktiv"},
    "account.contract_status.expired": {"es": "Vencido", "en": "Expired", "de": "Abgelaufen"},
    "account.covers_today": {"es": "En vigor hoy", "en": "In force today", "de": "Heute gültig"},
    "account.not_covering": {
        "es": "Sin cobertura hoy",
        "en": "Not in force today",
        "de": "Heute nicht gültig",
    },
    "account.products_title": {
        "es": "Equipos de la cuenta",
        "en": "Machines of this account",
        "de": "Geräte dieses Kontos",
    },
    "account.products_empty": {
        "es": "No hay equipos de esta cuenta a los que tenga acceso.",
        "en": "There are no machines of this account that you have access to.",
        "de": "Es gibt keine Geräte dieses Kontos, auf die Sie Zugriff haben.",
    },
    "account.tickets_title": {
        "es": "Incidencias de la cuenta",
        "en": "Tickets of this account",
        "de": "Tickets dieses Kontos",
    },
    "account.tickets_empty": {
        "es": "No hay incidencias de los equipos de esta cuenta.",
        "en": "There are no tickets for the machines of this account.",
        "de": "Es gibt keine Tickets zu den Geräten dieses Kontos.",
    },
    "account.not_found_title": {
        "es": "Cuenta no disponible",
        "en": "Account not available",
        "de": "Konto nicht verfügbar",
    },
    "account.not_found_text": {
        "es": "Esta cuenta no existe o no tiene acceso a ella. Vuelva a la lista de cuentas y "
        "elija una de las suyas.",
        "en": "This account does not exist or you have no access to it. Go back to the list of "
        "accounts and choose one of yours.",
        "de": "Dieses Konto gibt es nicht, oder Sie haben keinen Zugriff darauf. Gehen Sie "
        "zurück zur Kontenliste und wählen Sie eines Ihrer Konten.",
    },
    # Audit log
    "audit.title": {"es": "Registro de auditoría", "en": "Audit log", "de": "Änderungsprotokoll"},
    "audit.intro": {
        "es": "Quién cambió qué y cuándo en el portal de su empresa. Horas en UTC.",
        "en": "Who changed what and when in your company's portal. Times in UTC.",
        "de": "Wer wann was im Portal Ihrer Firma geändert hat. Zeiten in UTC.",
    },
    "audit.denied": {
        "es": "Solo los administradores de su empresa pueden ver el registro de auditoría.",
        "en": "Only your company's administrators can view the audit log.",
        "de": "Nur die Administratoren Ihrer Firma können das Änderungsprotokoll einsehen.",
    },
    "audit.filters": {"es": "Filtros", "en": "Filters", "de": "Filter"},
    "audit.filter_user": {"es": "Usuario", "en": "User", "de": "Benutzer"},
    "audit.filter_object": {"es": "Objeto", "en": "Object", "de": "Objekt"},
    "audit.all_users": {"es": "Todos los usuarios", "en": "All users", "de": "Alle Benutzer"},
    "audit.all_objects": {"es": "Todos los objetos", "en": "All objects", "de": "Alle Objekte"},
    "audit.from": {"es": "Desde", "en": "From", "de": "Von"},
    "audit.to": {"es": "Hasta", "en": "To", "de": "Bis"},
    "audit.apply": {"es": "Filtrar", "en": "Apply filters", "de": "Filtern"},
    "audit.clear": {"es": "Quitar filtros", "en": "Clear filters", "de": "Filter zurücksetzen"},
    "audit.empty": {
        "es": "No hay entradas en el registro.",
        "en": "There are no entries in the log.",
        "de": "Das Protokoll enthält keine Einträge.",
    },
    "audit.no_match": {
        "es": "Ninguna entrada coincide con los filtros.",
        "en": "No entry matches the filters.",
        "de": "Kein Eintrag passt zu den Filtern.",
    },
    "audit.col.when": {
        "es": "Fecha y hora (UTC)",
        "en": "Date and time (UTC)",
        "de": "Zeitpunkt (UTC)",
    },
    "audit.col.user": {"es": "Usuario", "en": "User", "de": "Benutzer"},
    "audit.col.object": {
        "es": "Objeto y acción",
        "en": "Object and action",
        "de": "Objekt und Aktion",
    },
    "audit.col.changes": {"es": "Cambios", "en": "Changes", "de": "Änderungen"},
    "audit.system": {"es": "Sistema", "en": "System", "de": "System"},
    "audit.object.user": {"es": "Usuario", "en": "User", "de": "Benutzer"},
    "audit.object.product": {"es": "Equipo", "en": "Machine", "de": "Gerät"},
    "audit.object.group": {"es": "Grupo", "en": "Group", "de": "Gruppe"},
    "audit.object.account": {"es": "Cuenta", "en": "Account", "de": "Konto"},
    "audit.object.ticket": {"es": "Incidencia", "en": "Ticket", "de": "Ticket"},
    "audit.object.meter_reading": {"es": "Lectura", "en": "Meter reading", "de": "Zählerstand"},
    "audit.object.move_request": {
        "es": "Solicitud de traslado",
        "en": "Move request",
        "de": "Umzugsauftrag",
    },
    "audit.object.order": {"es": "Pedido", "en": "Order", "de": "Bestellung"},
    "audit.object.stock_location": {"es": "Almacén", "en": "Stock location", "de": "Lagerort"},
    "audit.object.location": {"es": "Ubicación", "en": "Location", "de": "Standort"},
    "audit.object.article": {"es": "Artículo", "en": "Article", "de": "Artikel"},
    "error.audit_date_invalid": {
        "es": "Introduzca una fecha válida (AAAA-MM-DD).",
        "en": "Enter a valid date (YYYY-MM-DD).",
        "de": "Geben Sie ein gültiges Datum ein (JJJJ-MM-TT).",
    },
    "error.audit_date_order": {
        "es": "La fecha final no puede ser anterior a la inicial.",
        "en": "The end date cannot be before the start date.",
        "de": "Das Enddatum darf nicht vor dem Anfangsdatum liegen.",
    },
}
