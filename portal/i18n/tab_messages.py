"""Messages of the tab pages (Service, Knowledge and products, Stock, Administration)."""

TAB_MESSAGES: dict[str, dict[str, str]] = {
    # Lists: search, paging, refusals
    "list.search": {"es": "Buscar", "en": "Search", "de": "Suchen"},
    "list.show_all": {"es": "Mostrar todo", "en": "Show all", "de": "Alle anzeigen"},
    "list.results": {"es": "resultados", "en": "results", "de": "Ergebnisse"},
    "list.page": {"es": "Página", "en": "Page", "de": "Seite"},
    "list.of": {"es": "de", "en": "of", "de": "von"},
    "list.previous": {"es": "Anterior", "en": "Previous", "de": "Zurück"},
    "list.next": {"es": "Siguiente", "en": "Next", "de": "Weiter"},
    "list.pagination": {"es": "Paginación", "en": "Pagination", "de": "Seitennavigation"},
    "list.denied": {
        "es": "No tiene permiso para ver esta página. Si cree que lo necesita, consulte con el "
        "administrador de su empresa.",
        "en": "You do not have permission to view this page. If you think you need it, ask "
        "your company's administrator.",
        "de": "Sie haben keine Berechtigung, diese Seite anzuzeigen. Wenn Sie sie benötigen, "
        "wenden Sie sich an den Administrator Ihrer Firma.",
    },
    # Columns of product lists (SPEC B2; also used by the account pages)
    "col.serial": {"es": "Número de serie", "en": "Serial number", "de": "Serien-Nr."},
    "col.product_name": {"es": "Producto", "en": "Product name", "de": "Produkt"},
    "col.alternative_name": {
        "es": "Nombre alternativo",
        "en": "Alternative name",
        "de": "Alternativer Name",
    },
    "col.system_account": {
        "es": "Nº de cuenta del sistema",
        "en": "System account number",
        "de": "Systemkonto-Nr.",
    },
    "col.city": {"es": "Ciudad", "en": "City", "de": "Ort"},
    "col.sync_status": {
        "es": "Sincronización",
        "en": "Sync status",
        "de": "Sync-Status",
    },
    "col.open_tickets": {
        "es": "Incidencias abiertas",
        "en": "Open tickets",
        "de": "Offene Tickets",
    },
    "sync_status.synced": {"es": "Sincronizado", "en": "Synced", "de": "Synchronisiert"},
    "sync_status.pending": {"es": "Pendiente", "en": "Pending", "de": "Ausstehend"},
    "sync_status.error": {"es": "Error", "en": "Error", "de": "Fehler"},
    # Service (SPEC C1)
    "service.title": {"es": "Servicio", "en": "Service", "de": "Service"},
    "service.view": {"es": "Incidencias", "en": "Tickets", "de": "Tickets"},
    "service.open": {"es": "Abiertas", "en": "Open", "de": "Offen"},
    "service.closed": {"es": "Cerradas", "en": "Closed", "de": "Geschlossen"},
    "service.empty_open": {
        "es": "No hay incidencias abiertas.",
        "en": "There are no open tickets.",
        "de": "Es gibt keine offenen Tickets.",
    },
    "service.empty_closed": {
        "es": "No hay incidencias cerradas.",
        "en": "There are no closed tickets.",
        "de": "Es gibt keine geschlossenen Tickets.",
    },
    "col.ticket_number": {"es": "Nº de incidencia", "en": "Ticket number", "de": "Ticket-Nr."},
    "col.your_reference": {"es": "Su referencia", "en": "Your reference", "de": "Ihre Referenz"},
    "col.type": {"es": "Tipo", "en": "Type", "de": "Art"},
    "col.status": {"es": "Estado", "en": "Status", "de": "Status"},
    "col.created": {"es": "Fecha de alta", "en": "Created", "de": "Erstellt am"},
    "col.closed": {"es": "Fecha de cierre", "en": "Close date", "de": "Erledigt am"},
    "ticket_type.hardware_fault": {
        "es": "Avería de hardware",
        "en": "Hardware fault",
        "de": "Hardwarefehler",
    },
    "ticket_type.print_quality": {
        "es": "Calidad de impresión",
        "en": "Print quality",
        "de": "Druckqualität",
    },
    "ticket_type.paper_jam": {"es": "Atasco de papel", "en": "Paper jam", "de": "Papierstau"},
    "ticket_type.consumables": {
        "es": "Consumibles",
        "en": "Consumables",
        "de": "Verbrauchsmaterial",
    },
    "ticket_type.network_scanning": {
        "es": "Red / escaneado",
        "en": "Network / scanning",
        "de": "Netzwerk / Scannen",
    },
    "ticket_type.software_driver": {
        "es": "Software / controlador",
        "en": "Software / driver",
        "de": "Software / Treiber",
    },
    "ticket_type.installation": {
        "es": "Instalación",
        "en": "Installation",
        "de": "Installation",
    },
    "ticket_type.other": {"es": "Otro", "en": "Other", "de": "Sonstiges"},
    "ticket_status.new": {"es": "Nueva", "en": "New", "de": "Neu"},
    "ticket_status.assigned": {"es": "Asignada", "en": "Assigned", "de": "Zugewiesen"},
    "ticket_status.planned": {"es": "Planificada", "en": "Planned", "de": "Geplant"},
    "ticket_status.pending": {"es": "Pendiente", "en": "Pending", "de": "Wartend"},
    "ticket_status.solved": {"es": "Resuelta", "en": "Solved", "de": "Gelöst"},
    "ticket_status.closed": {"es": "Cerrada", "en": "Closed", "de": "Geschlossen"},
    # Stock management (SPEC C7)
    "stock.title": {"es": "Gestión de stock", "en": "Stock management", "de": "Lagerverwaltung"},
    "stock.intro": {
        "es": "Sus almacenes de consumibles y las existencias disponibles en cada uno.",
        "en": "Your consumables stock locations and the stock on hand at each.",
        "de": "Ihre Lagerorte für Verbrauchsmaterial und der aktuelle Bestand an jedem.",
    },
    "stock.empty": {
        "es": "No hay almacenes de consumibles que mostrar.",
        "en": "There are no stock locations to show.",
        "de": "Es gibt keine Lagerorte anzuzeigen.",
    },
    "col.location_name": {"es": "Almacén", "en": "Stock location", "de": "Lagerort"},
    "col.address": {"es": "Dirección", "en": "Address", "de": "Adresse"},
    "col.shipping_instructions": {
        "es": "Instrucciones de envío",
        "en": "Shipping instructions",
        "de": "Versandhinweise",
    },
    "col.stock_on_hand": {"es": "Existencias", "en": "Stock on hand", "de": "Bestand"},
    # Administration: users (SPEC A8; the page's own texts are in users_messages)
    "col.first_name": {"es": "Nombre", "en": "First name", "de": "Vorname"},
    "col.last_name": {"es": "Apellidos", "en": "Last name", "de": "Nachname"},
    "col.email": {"es": "Correo electrónico", "en": "E-mail", "de": "E-Mail"},
    "col.roles": {"es": "Responsabilidades", "en": "Responsibilities", "de": "Zuständigkeiten"},
    "col.date_joined": {"es": "Fecha de alta", "en": "Date joined", "de": "Beigetreten am"},
    "user_status.active": {"es": "Activo", "en": "Active", "de": "Aktiv"},
    "user_status.pending": {"es": "Pendiente", "en": "Pending", "de": "Ausstehend"},
    "user_status.inactive": {"es": "Inactivo", "en": "Inactive", "de": "Inaktiv"},
    "user_status.rejected": {"es": "Rechazado", "en": "Rejected", "de": "Abgelehnt"},
    "role.administrator": {"es": "Administrador", "en": "Administrator", "de": "Administrator"},
    "role.device_manager": {
        "es": "Gestor de equipos",
        "en": "Device manager",
        "de": "Geräteverwalter",
    },
    "role.stock_manager": {"es": "Gestor de stock", "en": "Stock manager", "de": "Lagerverwalter"},
    "role.knowledge_user": {
        "es": "Usuario de conocimiento",
        "en": "Knowledge user",
        "de": "Wissensnutzer",
    },
    "role.agent": {
        "es": "Agente del proveedor",
        "en": "Provider agent",
        "de": "Servicemitarbeiter",
    },
    "role.provider_admin": {
        "es": "Administrador del proveedor",
        "en": "Provider admin",
        "de": "Anbieter-Administrator",
    },
    "role.integration": {
        "es": "Integración (API)",
        "en": "Integration (API)",
        "de": "Integration (API)",
    },
}
