"""Messages of user administration and invitations (SPEC A7, A8)."""

MESSAGES: dict[str, dict[str, str]] = {
    # The users page
    "users.title": {
        "es": "Administración de usuarios",
        "en": "User administration",
        "de": "Benutzerverwaltung",
    },
    "users.intro": {
        "es": "Los usuarios de su organización: apruebe solicitudes, invite a compañeros y "
        "decida qué equipos ve cada uno.",
        "en": "The users of your organisation: approve requests, invite colleagues and decide "
        "which machines each of them sees.",
        "de": "Die Benutzer Ihrer Organisation: Anfragen freigeben, Kollegen einladen und "
        "festlegen, welche Geräte jeder sieht.",
    },
    "users.search_label": {
        "es": "Buscar por apellido",
        "en": "Search by last name",
        "de": "Nach Nachname suchen",
    },
    "users.status_filter": {
        "es": "Estado de los usuarios",
        "en": "User status",
        "de": "Benutzerstatus",
    },
    "users.tab.active": {"es": "Activos", "en": "Active", "de": "Aktiv"},
    "users.tab.pending": {"es": "Pendientes", "en": "Pending", "de": "Ausstehend"},
    "users.tab.inactive": {"es": "Inactivos", "en": "Inactive", "de": "Inaktiv"},
    "users.tab.rejected": {"es": "Rechazados", "en": "Rejected", "de": "Abgelehnt"},
    "users.empty": {
        "es": "No hay usuarios con este estado.",
        "en": "There are no users with this status.",
        "de": "Es gibt keine Benutzer mit diesem Status.",
    },
    "users.no_match": {
        "es": "Ningún usuario con este estado coincide con ese apellido.",
        "en": "No user with this status matches that last name.",
        "de": "Kein Benutzer mit diesem Status passt zu diesem Nachnamen.",
    },
    "users.col.actions": {"es": "Acciones", "en": "Actions", "de": "Aktionen"},
    "users.products_count": {"es": "equipos", "en": "machines", "de": "Geräte"},
    "users.groups_count": {"es": "grupos", "en": "groups", "de": "Gruppen"},
    "users.invited": {"es": "Invitado", "en": "Invited", "de": "Eingeladen"},
    "users.you": {"es": "Usted", "en": "You", "de": "Sie"},
    # Row actions
    "users.approve": {"es": "Aprobar", "en": "Approve", "de": "Freigeben"},
    "users.reject": {"es": "Rechazar", "en": "Reject", "de": "Ablehnen"},
    "users.suspend": {"es": "Suspender", "en": "Suspend", "de": "Sperren"},
    "users.reactivate": {"es": "Reactivar", "en": "Reactivate", "de": "Reaktivieren"},
    "users.delete": {"es": "Eliminar", "en": "Delete", "de": "Löschen"},
    "users.edit": {"es": "Editar", "en": "Edit", "de": "Bearbeiten"},
    "users.resend": {"es": "Reenviar invitación", "en": "Resend invitation", "de": "Erneut senden"},
    "users.revoke": {"es": "Retirar invitación", "en": "Revoke invitation", "de": "Zurückziehen"},
    "users.cancel": {"es": "Cancelar", "en": "Cancel", "de": "Abbrechen"},
    "users.delete_title": {
        "es": "¿Eliminar este usuario?",
        "en": "Delete this user?",
        "de": "Diesen Benutzer löschen?",
    },
    "users.delete_text": {
        "es": "Perderá el acceso al portal y se quitarán sus equipos, grupos y avisos. El "
        "registro de auditoría y sus incidencias se conservan. No se puede deshacer.",
        "en": "They lose access to the portal and their machines, groups and alerts are "
        "removed. The audit log and their tickets are kept. This cannot be undone.",
        "de": "Der Zugang zum Portal endet, Geräte, Gruppen und Benachrichtigungen werden "
        "entfernt. Das Änderungsprotokoll und die Tickets bleiben erhalten. Dies kann nicht "
        "rückgängig gemacht werden.",
    },
    # Outcomes
    "users.done.approved": {
        "es": "Usuario aprobado; le hemos avisado por correo.",
        "en": "User approved; we have told them by e-mail.",
        "de": "Benutzer freigegeben; er wurde per E-Mail benachrichtigt.",
    },
    "users.done.rejected": {
        "es": "Solicitud rechazada; le hemos avisado por correo.",
        "en": "Request rejected; we have told them by e-mail.",
        "de": "Anfrage abgelehnt; er wurde per E-Mail benachrichtigt.",
    },
    "users.done.suspended": {
        "es": "Usuario suspendido; sus sesiones se han cerrado.",
        "en": "User suspended; their sessions have been ended.",
        "de": "Benutzer gesperrt; seine Sitzungen wurden beendet.",
    },
    "users.done.reactivated": {
        "es": "Usuario reactivado.",
        "en": "User reactivated.",
        "de": "Benutzer reaktiviert.",
    },
    "users.done.deleted": {
        "es": "Usuario eliminado.",
        "en": "User deleted.",
        "de": "Benutzer gelöscht.",
    },
    "users.done.saved": {
        "es": "Cambios guardados.",
        "en": "Changes saved.",
        "de": "Änderungen gespeichert.",
    },
    "users.done.invited": {
        "es": "Invitación enviada.",
        "en": "Invitation sent.",
        "de": "Einladung gesendet.",
    },
    "users.done.resent": {
        "es": "Invitación enviada de nuevo; el enlace anterior ya no funciona.",
        "en": "Invitation sent again; the previous link no longer works.",
        "de": "Einladung erneut gesendet; der bisherige Link funktioniert nicht mehr.",
    },
    "users.done.revoked": {
        "es": "Invitación retirada.",
        "en": "Invitation revoked.",
        "de": "Einladung zurückgezogen.",
    },
    # Edit panel and invitation form
    "users.edit_title": {
        "es": "Funciones y equipos",
        "en": "Roles and machines",
        "de": "Rollen und Geräte",
    },
    "users.roles": {"es": "Funciones", "en": "Roles", "de": "Rollen"},
    "users.roles_hint": {
        "es": "Gestor de equipos y gestor de stock pueden combinarse; las demás funciones van "
        "solas.",
        "en": "Device manager and stock manager can be combined; the other roles stand alone.",
        "de": "Geräteverwalter und Lagerverwalter lassen sich kombinieren; die anderen Rollen "
        "stehen allein.",
    },
    "users.products": {
        "es": "Equipos asignados",
        "en": "Assigned machines",
        "de": "Zugewiesene Geräte",
    },
    "users.no_products": {
        "es": "Ningún equipo asignado directamente.",
        "en": "No machine assigned directly.",
        "de": "Kein Gerät direkt zugewiesen.",
    },
    "users.product_search": {
        "es": "Añadir equipo por número de serie",
        "en": "Add a machine by serial number",
        "de": "Gerät nach Seriennummer hinzufügen",
    },
    "users.add": {"es": "Añadir", "en": "Add", "de": "Hinzufügen"},
    "users.remove": {"es": "Quitar", "en": "Remove", "de": "Entfernen"},
    "users.groups": {"es": "Grupos", "en": "Groups", "de": "Gruppen"},
    "users.no_groups": {
        "es": "Su organización no tiene grupos.",
        "en": "Your organisation has no groups.",
        "de": "Ihre Organisation hat keine Gruppen.",
    },
    "users.save": {"es": "Guardar", "en": "Save", "de": "Speichern"},
    "users.invite_title": {
        "es": "Invitar a un usuario",
        "en": "Invite a user",
        "de": "Benutzer einladen",
    },
    "users.invite_intro": {
        "es": "Recibirá un enlace personal, válido 7 días, para elegir su contraseña y entrar "
        "con exactamente estas funciones y equipos.",
        "en": "They receive a personal link, valid for 7 days, to choose a password and enter "
        "with exactly these roles and machines.",
        "de": "Die Person erhält einen persönlichen Link, 7 Tage gültig, um ein Passwort zu "
        "wählen und mit genau diesen Rollen und Geräten einzusteigen.",
    },
    "users.first_name": {"es": "Nombre", "en": "First name", "de": "Vorname"},
    "users.last_name": {"es": "Apellidos", "en": "Last name", "de": "Nachname"},
    "users.email": {"es": "Correo electrónico", "en": "E-mail", "de": "E-Mail"},
    "users.language": {"es": "Idioma", "en": "Language", "de": "Sprache"},
    "users.invite_submit": {
        "es": "Enviar invitación",
        "en": "Send invitation",
        "de": "Einladung senden",
    },
    # The invitation page
    "invite.title": {
        "es": "Aceptar la invitación",
        "en": "Accept the invitation",
        "de": "Einladung annehmen",
    },
    "invite.intro": {
        "es": "Elija su contraseña para entrar en el portal.",
        "en": "Choose your password to enter the portal.",
        "de": "Wählen Sie Ihr Passwort, um das Portal zu betreten.",
    },
    "invite.submit": {
        "es": "Guardar y entrar",
        "en": "Save and enter",
        "de": "Speichern und einsteigen",
    },
    "invite.invalid": {
        "es": "Este enlace de invitación no es válido: ya se ha usado, ha caducado o se ha "
        "retirado. Pida al administrador de su organización que le invite de nuevo.",
        "en": "This invitation link is not valid: it has been used, has expired or was "
        "revoked. Ask your organisation's administrator to invite you again.",
        "de": "Dieser Einladungslink ist ungültig: Er wurde bereits verwendet, ist abgelaufen "
        "oder wurde zurückgezogen. Bitten Sie den Administrator Ihrer Organisation um eine "
        "neue Einladung.",
    },
    # Errors
    "error.last_administrator": {
        "es": "Es el último administrador activo de la organización: no puede suspenderse, "
        "rechazarse, eliminarse ni perder la función de administrador.",
        "en": "This is the organisation's last active administrator: they cannot be "
        "suspended, rejected, deleted or lose the administrator role.",
        "de": "Dies ist der letzte aktive Administrator der Organisation: Er kann nicht "
        "gesperrt, abgelehnt, gelöscht oder als Administrator zurückgestuft werden.",
    },
    "error.user_status_invalid": {
        "es": "Esta acción no es posible en el estado actual del usuario.",
        "en": "This action is not possible in the user's current status.",
        "de": "Diese Aktion ist im aktuellen Status des Benutzers nicht möglich.",
    },
    "error.roles_required": {
        "es": "Elija al menos una función.",
        "en": "Choose at least one role.",
        "de": "Wählen Sie mindestens eine Rolle.",
    },
    "error.roles_combination": {
        "es": "Solo gestor de equipos y gestor de stock pueden combinarse.",
        "en": "Only device manager and stock manager can be combined.",
        "de": "Nur Geräteverwalter und Lagerverwalter lassen sich kombinieren.",
    },
    "error.email_taken": {
        "es": "Ya existe un usuario con este correo electrónico.",
        "en": "A user with this e-mail address already exists.",
        "de": "Es gibt bereits einen Benutzer mit dieser E-Mail-Adresse.",
    },
}
