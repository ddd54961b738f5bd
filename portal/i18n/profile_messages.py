"""Texts of the profile and e-mail alert pages (SPEC E1, E2), in Spanish, English and German."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "profile.menu": {"es": "Mi perfil", "en": "Profile", "de": "Mein Profil"},
    "alerts.menu": {
        "es": "Avisos por correo",
        "en": "E-mail alerts",
        "de": "E-Mail-Benachrichtigungen",
    },
    "profile.title": {"es": "Mi perfil", "en": "My profile", "de": "Mein Profil"},
    "profile.section_nav": {
        "es": "Secciones del perfil",
        "en": "Profile sections",
        "de": "Bereiche des Profils",
    },
    "profile.details_title": {
        "es": "Datos personales",
        "en": "Personal details",
        "de": "Persönliche Angaben",
    },
    "profile.email": {"es": "Correo electrónico", "en": "E-mail", "de": "E-Mail"},
    "profile.first_name": {"es": "Nombre", "en": "First name", "de": "Vorname"},
    "profile.last_name": {"es": "Apellidos", "en": "Last name", "de": "Nachname"},
    "profile.phone": {"es": "Teléfono", "en": "Phone", "de": "Telefon"},
    "profile.job_title": {"es": "Cargo", "en": "Job title", "de": "Position"},
    "profile.language": {
        "es": "Idioma de la web y de los correos",
        "en": "Language of the portal and e-mails",
        "de": "Sprache des Portals und der E-Mails",
    },
    "profile.save": {"es": "Guardar datos", "en": "Save details", "de": "Angaben speichern"},
    "profile.saved": {
        "es": "Sus datos se han guardado.",
        "en": "Your details have been saved.",
        "de": "Ihre Angaben wurden gespeichert.",
    },
    "profile.password_title": {
        "es": "Cambiar la contraseña",
        "en": "Change password",
        "de": "Passwort ändern",
    },
    "profile.current_password": {
        "es": "Contraseña actual",
        "en": "Current password",
        "de": "Aktuelles Passwort",
    },
    "profile.new_password": {
        "es": "Nueva contraseña",
        "en": "New password",
        "de": "Neues Passwort",
    },
    "profile.confirm_password": {
        "es": "Repita la nueva contraseña",
        "en": "Repeat the new password",
        "de": "Neues Passwort wiederholen",
    },
    "profile.password_hint": {
        "es": (
            "Al menos 10 caracteres. Al cambiarla se cierran sus sesiones en otros "
            "navegadores y dispositivos; esta sigue abierta."
        ),
        "en": (
            "At least 10 characters. Changing it logs you out in other browsers and "
            "devices; this one stays signed in."
        ),
        "de": (
            "Mindestens 10 Zeichen. Beim Ändern werden Sie in anderen Browsern und auf "
            "anderen Geräten abgemeldet; hier bleiben Sie angemeldet."
        ),
    },
    "profile.password_save": {
        "es": "Cambiar contraseña",
        "en": "Change password",
        "de": "Passwort ändern",
    },
    "profile.password_saved": {
        "es": "Su contraseña se ha cambiado. Las demás sesiones se han cerrado.",
        "en": "Your password has been changed. Your other sessions have been logged out.",
        "de": "Ihr Passwort wurde geändert. Ihre anderen Sitzungen wurden beendet.",
    },
    "profile.security_title": {
        "es": "Seguridad",
        "en": "Security",
        "de": "Sicherheit",
    },
    "profile.password_changed_at": {
        "es": "Último cambio de contraseña",
        "en": "Last password change",
        "de": "Letzte Passwortänderung",
    },
    "profile.never": {"es": "Nunca", "en": "Never", "de": "Nie"},
    "profile.sessions_title": {
        "es": "Sesiones abiertas",
        "en": "Active sessions",
        "de": "Aktive Sitzungen",
    },
    "profile.session_started": {"es": "Inicio", "en": "Started", "de": "Beginn"},
    "profile.session_last_seen": {
        "es": "Última actividad",
        "en": "Last activity",
        "de": "Letzte Aktivität",
    },
    "profile.session_device": {
        "es": "Navegador",
        "en": "Browser",
        "de": "Browser",
    },
    "profile.session_unknown_device": {
        "es": "Navegador desconocido",
        "en": "Unknown browser",
        "de": "Unbekannter Browser",
    },
    "profile.session_current": {
        "es": "Esta sesión",
        "en": "This session",
        "de": "Diese Sitzung",
    },
    "profile.logout_others": {
        "es": "Cerrar las demás sesiones",
        "en": "Log out other sessions",
        "de": "Andere Sitzungen abmelden",
    },
    "profile.logged_out_others": {
        "es": "Las demás sesiones se han cerrado.",
        "en": "Your other sessions have been logged out.",
        "de": "Ihre anderen Sitzungen wurden beendet.",
    },
    "profile.no_other_sessions": {
        "es": "No hay otras sesiones abiertas.",
        "en": "There are no other active sessions.",
        "de": "Es gibt keine anderen aktiven Sitzungen.",
    },
    "profile.times_utc": {
        "es": "Horas en UTC.",
        "en": "Times in UTC.",
        "de": "Zeiten in UTC.",
    },
    "alerts.title": {
        "es": "Avisos por correo electrónico",
        "en": "E-mail alerts",
        "de": "E-Mail-Benachrichtigungen",
    },
    "alerts.intro": {
        "es": (
            "Elija de qué le avisamos por correo, si también de lo que hace usted mismo, "
            "y si quiere cada aviso al momento o un resumen diario."
        ),
        "en": (
            "Choose what we e-mail you about, whether also about your own actions, and "
            "whether you want each alert at once or one daily digest."
        ),
        "de": (
            "Wählen Sie, worüber wir Sie per E-Mail informieren, ob auch über Ihre eigenen "
            "Aktionen und ob sofort oder in einer täglichen Zusammenfassung."
        ),
    },
    "alerts.col_event": {"es": "Aviso", "en": "Alert", "de": "Benachrichtigung"},
    "alerts.col_enabled": {"es": "Enviar", "en": "Send", "de": "Senden"},
    "alerts.col_own": {
        "es": "No por mis propias acciones",
        "en": "Not for my own actions",
        "de": "Nicht bei eigenen Aktionen",
    },
    "alerts.col_delivery": {"es": "Entrega", "en": "Delivery", "de": "Zustellung"},
    "alerts.immediate": {"es": "Al momento", "en": "Immediately", "de": "Sofort"},
    "alerts.digest": {
        "es": "Resumen diario",
        "en": "Daily digest",
        "de": "Tägliche Zusammenfassung",
    },
    "alerts.save": {"es": "Guardar avisos", "en": "Save alerts", "de": "Speichern"},
    "alerts.saved": {
        "es": "Sus preferencias de aviso se han guardado.",
        "en": "Your alert preferences have been saved.",
        "de": "Ihre Benachrichtigungseinstellungen wurden gespeichert.",
    },
    "alerts.event.ticket_opened": {
        "es": "Incidencia abierta",
        "en": "Ticket opened",
        "de": "Ticket eröffnet",
    },
    "alerts.event.ticket_updated": {
        "es": "Novedades en una incidencia",
        "en": "Ticket updated",
        "de": "Ticket aktualisiert",
    },
    "alerts.event.ticket_closed": {
        "es": "Incidencia cerrada",
        "en": "Ticket closed",
        "de": "Ticket geschlossen",
    },
    "alerts.event.reading_due": {
        "es": "Lectura de contadores pendiente",
        "en": "Meter reading due",
        "de": "Zählerstand fällig",
    },
    "alerts.event.move_status": {
        "es": "Estado de un traslado",
        "en": "Move request status",
        "de": "Status eines Umzugsauftrags",
    },
    "alerts.event.request_status": {
        "es": "Estado de una solicitud",
        "en": "Request status",
        "de": "Status einer Anfrage",
    },
    "alerts.event.order_status": {
        "es": "Estado de un pedido de consumibles",
        "en": "Consumables order status",
        "de": "Status einer Verbrauchsmaterialbestellung",
    },
}
