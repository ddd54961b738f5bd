"""Messages of the REST API's own checks (SPEC F2); the API answers in English."""

MESSAGES: dict[str, dict[str, str]] = {
    "api.error.cursor_invalid": {
        "es": "El cursor no es válido: use el next_cursor de la página anterior.",
        "en": "The cursor is not valid: use the next_cursor of the previous page.",
        "de": "Der Cursor ist ungültig: verwenden Sie next_cursor der vorigen Seite.",
    },
    "api.error.limit_invalid": {
        "es": "El límite debe estar entre 1 y 500.",
        "en": "The limit must be between 1 and 500.",
        "de": "Das Limit muss zwischen 1 und 500 liegen.",
    },
}
MESSAGES.update(
    {
        "capture.error.seen_at": {
            "es": "La hora de contacto debe llevar zona horaria y no estar en el futuro.",
            "en": "The contact time needs a time zone and must not be in the future.",
            "de": "Die Kontaktzeit braucht eine Zeitzone und darf nicht in der Zukunft liegen.",
        },
        "capture.error.status": {
            "es": "Estado desconocido: running, warning, testing, down o unknown.",
            "en": "Unknown status: running, warning, testing, down or unknown.",
            "de": "Unbekannter Status: running, warning, testing, down oder unknown.",
        },
        "capture.error.toner": {
            "es": "Los niveles de tóner son black, cyan, magenta o yellow, de 0 a 100.",
            "en": "Toner levels are black, cyan, magenta or yellow, from 0 to 100.",
            "de": "Tonerstände sind black, cyan, magenta oder yellow, von 0 bis 100.",
        },
        "capture.error.alerts": {
            "es": "Hasta 20 alertas con código, gravedad (critical, warning, other) y texto.",
            "en": "Up to 20 alerts with code, severity (critical, warning, other) and text.",
            "de": "Bis zu 20 Meldungen mit Code, Schwere (critical, warning, other) und Text.",
        },
    }
)
