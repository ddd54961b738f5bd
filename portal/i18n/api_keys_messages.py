"""Messages of the API keys page (SPEC F2), under Administration, for provider admins."""

MESSAGES: dict[str, dict[str, str]] = {
    "section.api_keys": {"es": "Claves de API", "en": "API keys", "de": "API-Schlüssel"},
    "api_keys.title": {"es": "Claves de API", "en": "API keys", "de": "API-Schlüssel"},
    "api_keys.intro": {
        "es": "Con una clave de API, otro sistema (su ERP, su herramienta de monitorización) "
        "usa la API REST del portal: da de alta el parque, lee tickets nuevos, añade "
        "actividades y lee lecturas de contadores. Cada clave actúa con su propio nombre en "
        "el registro de auditoría.",
        "en": "With an API key another system (your ERP, your monitoring tool) uses the "
        "portal's REST API: it updates the fleet, reads new tickets, adds activities and reads "
        "meter readings. Each key acts under its own name in the audit log.",
        "de": "Mit einem API-Schlüssel nutzt ein anderes System (Ihr ERP, Ihr Monitoring) die "
        "REST-API des Portals: Es pflegt den Gerätebestand, liest neue Tickets, ergänzt "
        "Aktivitäten und liest Zählerstände. Jeder Schlüssel handelt im Prüfprotokoll unter "
        "seinem eigenen Namen.",
    },
    "api_keys.docs_link": {
        "es": "Documentación de la API",
        "en": "API documentation",
        "de": "API-Dokumentation",
    },
    "api_keys.new_heading": {"es": "Nueva clave", "en": "New key", "de": "Neuer Schlüssel"},
    "api_keys.name_label": {
        "es": "Nombre (para qué es la clave)",
        "en": "Name (what the key is for)",
        "de": "Name (wofür der Schlüssel ist)",
    },
    "api_keys.name_hint": {
        "es": "Por ejemplo «Sincronización ERP».",
        "en": "For example “ERP sync”.",
        "de": "Zum Beispiel „ERP-Abgleich“.",
    },
    "api_keys.scope_label": {"es": "Permisos", "en": "Access", "de": "Berechtigung"},
    "api_keys.scope_read": {"es": "Solo lectura", "en": "Read only", "de": "Nur lesen"},
    "api_keys.scope_write": {
        "es": "Lectura y escritura",
        "en": "Read and write",
        "de": "Lesen und schreiben",
    },
    "api_keys.create": {"es": "Crear clave", "en": "Create key", "de": "Schlüssel erstellen"},
    "api_keys.secret_heading": {
        "es": "Clave creada: cópiela ahora",
        "en": "Key created: copy it now",
        "de": "Schlüssel erstellt: Kopieren Sie ihn jetzt",
    },
    "api_keys.secret_label": {
        "es": "Clave secreta de",
        "en": "Secret key of",
        "de": "Geheimer Schlüssel von",
    },
    "api_keys.secret_warning": {
        "es": "No se volverá a mostrar: el portal solo guarda una huella de la clave. Guárdela "
        "en un lugar seguro; si la pierde, revóquela y cree otra.",
        "en": "It will not be shown again: the portal keeps only a fingerprint of it. Store it "
        "somewhere safe; if you lose it, revoke it and create another one.",
        "de": "Er wird nicht noch einmal angezeigt: Das Portal speichert nur einen Fingerabdruck "
        "davon. Bewahren Sie ihn sicher auf; geht er verloren, widerrufen Sie ihn und "
        "erstellen Sie einen neuen.",
    },
    "api_keys.copy": {"es": "Copiar", "en": "Copy", "de": "Kopieren"},
    "api_keys.copied": {"es": "Copiada", "en": "Copied", "de": "Kopiert"},
    "api_keys.done": {"es": "Hecho", "en": "Done", "de": "Fertig"},
    "api_keys.list_heading": {"es": "Claves", "en": "Keys", "de": "Schlüssel"},
    "api_keys.empty": {
        "es": "Todavía no hay claves de API.",
        "en": "There are no API keys yet.",
        "de": "Es gibt noch keine API-Schlüssel.",
    },
    "api_keys.col.name": {"es": "Nombre", "en": "Name", "de": "Name"},
    "api_keys.col.prefix": {"es": "Prefijo", "en": "Prefix", "de": "Präfix"},
    "api_keys.col.scopes": {"es": "Permisos", "en": "Access", "de": "Berechtigung"},
    "api_keys.col.created": {"es": "Creada", "en": "Created", "de": "Erstellt"},
    "api_keys.col.last_used": {"es": "Último uso", "en": "Last used", "de": "Zuletzt genutzt"},
    "api_keys.col.status": {"es": "Estado", "en": "Status", "de": "Status"},
    "api_keys.col.actions": {"es": "Acciones", "en": "Actions", "de": "Aktionen"},
    "api_keys.by": {"es": "por", "en": "by", "de": "von"},
    "api_keys.never": {"es": "nunca", "en": "never", "de": "nie"},
    "api_keys.utc": {"es": "UTC", "en": "UTC", "de": "UTC"},
    "api_keys.scope.read": {"es": "lectura", "en": "read", "de": "lesen"},
    "api_keys.scope.write": {"es": "escritura", "en": "write", "de": "schreiben"},
    "api_keys.status.active": {"es": "Activa", "en": "Active", "de": "Aktiv"},
    "api_keys.status.revoked": {"es": "Revocada", "en": "Revoked", "de": "Widerrufen"},
    "api_keys.revoke": {"es": "Revocar", "en": "Revoke", "de": "Widerrufen"},
    "api_keys.revoke_title": {
        "es": "¿Revocar esta clave?",
        "en": "Revoke this key?",
        "de": "Diesen Schlüssel widerrufen?",
    },
    "api_keys.revoke_text": {
        "es": "Las llamadas con esta clave se rechazarán de inmediato. No se puede deshacer: "
        "el sistema que la usa necesitará una clave nueva.",
        "en": "Calls with this key are refused at once. This cannot be undone: the system "
        "using it will need a new key.",
        "de": "Aufrufe mit diesem Schlüssel werden sofort abgewiesen. Das lässt sich nicht "
        "rückgängig machen: Das nutzende System braucht einen neuen Schlüssel.",
    },
    "api_keys.revoke_confirm": {
        "es": "Sí, revocar",
        "en": "Yes, revoke",
        "de": "Ja, widerrufen",
    },
    "api_keys.cancel": {"es": "Cancelar", "en": "Cancel", "de": "Abbrechen"},
    "api_keys.revoked": {
        "es": "Clave revocada.",
        "en": "Key revoked.",
        "de": "Schlüssel widerrufen.",
    },
    "api_keys.denied": {
        "es": "Solo los administradores del proveedor gestionan las claves de API.",
        "en": "Only the provider's administrators manage API keys.",
        "de": "Nur die Administratoren des Anbieters verwalten API-Schlüssel.",
    },
    "api_keys.error.name_required": {
        "es": "Indique para qué es la clave.",
        "en": "Enter what the key is for.",
        "de": "Geben Sie an, wofür der Schlüssel ist.",
    },
    "api_keys.error.name_too_long": {
        "es": "El nombre puede tener como máximo 120 caracteres.",
        "en": "The name can be at most 120 characters long.",
        "de": "Der Name darf höchstens 120 Zeichen lang sein.",
    },
    "api_keys.error.scopes": {
        "es": "Elija «Solo lectura» o «Lectura y escritura».",
        "en": "Choose “Read only” or “Read and write”.",
        "de": "Wählen Sie „Nur lesen“ oder „Lesen und schreiben“.",
    },
}
