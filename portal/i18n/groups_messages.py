"""Messages of the groups page (SPEC B5)."""

MESSAGES: dict[str, dict[str, str]] = {
    "group.title": {"es": "Grupos", "en": "Groups", "de": "Gruppen"},
    "group.intro": {
        "es": "Agrupe equipos y asigne usuarios: cada gestor de dispositivos ve los equipos "
        "de sus grupos.",
        "en": "Group machines and assign users: each device manager sees the machines of "
        "their groups.",
        "de": "Fassen Sie Geräte zu Gruppen zusammen und weisen Sie Benutzer zu: Jeder "
        "Geräteverwalter sieht die Geräte seiner Gruppen.",
    },
    "group.list_heading": {"es": "Grupos", "en": "Groups", "de": "Gruppen"},
    "group.empty": {
        "es": "Todavía no hay grupos. Cree el primero abajo.",
        "en": "There are no groups yet. Create the first one below.",
        "de": "Es gibt noch keine Gruppen. Legen Sie unten die erste an.",
    },
    "group.products_count": {"es": "Equipos", "en": "Machines", "de": "Geräte"},
    "group.users_count": {"es": "Usuarios", "en": "Users", "de": "Benutzer"},
    "group.new_heading": {"es": "Nuevo grupo", "en": "New group", "de": "Neue Gruppe"},
    "group.name_label": {"es": "Nombre del grupo", "en": "Group name", "de": "Gruppenname"},
    "group.create": {
        "es": "Siguiente: elegir equipos y usuarios",
        "en": "Next: choose machines and users",
        "de": "Weiter: Geräte und Benutzer wählen",
    },
    "group.created": {
        "es": "Grupo creado. Ahora elija sus equipos y asigne los usuarios.",
        "en": "Group created. Now choose its machines and assign its users.",
        "de": "Gruppe angelegt. Wählen Sie jetzt ihre Geräte und weisen Sie Benutzer zu.",
    },
    "group.select_hint": {
        "es": "Elija un grupo de la lista o cree uno nuevo.",
        "en": "Choose a group from the list or create a new one.",
        "de": "Wählen Sie eine Gruppe aus der Liste oder legen Sie eine neue an.",
    },
    "group.rename": {"es": "Cambiar nombre", "en": "Rename", "de": "Umbenennen"},
    "group.renamed": {
        "es": "Nombre del grupo cambiado.",
        "en": "Group renamed.",
        "de": "Gruppe umbenannt.",
    },
    "group.delete": {"es": "Eliminar grupo", "en": "Delete group", "de": "Gruppe löschen"},
    "group.delete_title": {
        "es": "¿Eliminar este grupo?",
        "en": "Delete this group?",
        "de": "Diese Gruppe löschen?",
    },
    "group.delete_text": {
        "es": "Los equipos y usuarios no se borran, pero los usuarios del grupo dejarán de ver "
        "los equipos que solo veían a través de él.",
        "en": "The machines and users are not deleted, but the group's users will no longer "
        "see the machines they only saw through it.",
        "de": "Geräte und Benutzer werden nicht gelöscht, aber die Benutzer der Gruppe sehen "
        "die Geräte, die sie nur über diese Gruppe sahen, nicht mehr.",
    },
    "group.delete_confirm": {"es": "Sí, eliminar", "en": "Yes, delete", "de": "Ja, löschen"},
    "group.cancel": {"es": "Cancelar", "en": "Cancel", "de": "Abbrechen"},
    "group.deleted": {"es": "Grupo eliminado.", "en": "Group deleted.", "de": "Gruppe gelöscht."},
    "group.products_heading": {
        "es": "Equipos del grupo",
        "en": "Machines in the group",
        "de": "Geräte der Gruppe",
    },
    "group.products_empty": {
        "es": "El grupo aún no tiene equipos. Búsquelos abajo y añádalos.",
        "en": "The group has no machines yet. Search for them below and add them.",
        "de": "Die Gruppe hat noch keine Geräte. Suchen Sie sie unten und fügen Sie sie hinzu.",
    },
    "group.users_heading": {
        "es": "Usuarios del grupo",
        "en": "Users in the group",
        "de": "Benutzer der Gruppe",
    },
    "group.users_empty": {
        "es": "El grupo aún no tiene usuarios. Búsquelos abajo y asígnelos.",
        "en": "The group has no users yet. Search for them below and assign them.",
        "de": "Die Gruppe hat noch keine Benutzer. Suchen Sie sie unten und weisen Sie sie zu.",
    },
    "group.product_search_label": {
        "es": "Añadir equipos: número de serie, nombre alternativo o ciudad",
        "en": "Add machines: serial number, alternative name or city",
        "de": "Geräte hinzufügen: Seriennummer, alternativer Name oder Ort",
    },
    "group.user_search_label": {
        "es": "Asignar usuarios: nombre, apellido o e-mail",
        "en": "Assign users: first name, last name or e-mail",
        "de": "Benutzer zuweisen: Vorname, Nachname oder E-Mail",
    },
    "group.no_product_candidates": {
        "es": "Ningún equipo de su empresa fuera del grupo coincide con la búsqueda.",
        "en": "No machine of your company outside the group matches the search.",
        "de": "Kein Gerät Ihrer Firma außerhalb der Gruppe passt zur Suche.",
    },
    "group.no_user_candidates": {
        "es": "Ningún usuario activo o pendiente fuera del grupo coincide con la búsqueda.",
        "en": "No active or pending user outside the group matches the search.",
        "de": "Kein aktiver oder ausstehender Benutzer außerhalb der Gruppe passt zur Suche.",
    },
    "group.add": {"es": "Añadir", "en": "Add", "de": "Hinzufügen"},
    "group.assign": {"es": "Asignar", "en": "Assign", "de": "Zuweisen"},
    "group.remove": {"es": "Quitar", "en": "Remove", "de": "Entfernen"},
    "group.product_added": {
        "es": "Equipo añadido al grupo.",
        "en": "Machine added to the group.",
        "de": "Gerät zur Gruppe hinzugefügt.",
    },
    "group.product_removed": {
        "es": "Equipo quitado del grupo.",
        "en": "Machine removed from the group.",
        "de": "Gerät aus der Gruppe entfernt.",
    },
    "group.user_assigned": {
        "es": "Usuario asignado al grupo.",
        "en": "User assigned to the group.",
        "de": "Benutzer der Gruppe zugewiesen.",
    },
    "group.user_removed": {
        "es": "Usuario quitado del grupo.",
        "en": "User removed from the group.",
        "de": "Benutzer aus der Gruppe entfernt.",
    },
    "group.col_name": {"es": "Nombre", "en": "Name", "de": "Name"},
    "group.col_actions": {"es": "Acciones", "en": "Actions", "de": "Aktionen"},
    "error.group_name_taken": {
        "es": "Ya existe un grupo con ese nombre.",
        "en": "A group with that name already exists.",
        "de": "Eine Gruppe mit diesem Namen gibt es bereits.",
    },
}
