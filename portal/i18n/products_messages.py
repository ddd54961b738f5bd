"""Messages of the product list under Knowledge and products (SPEC B2)."""

MESSAGES: dict[str, dict[str, str]] = {
    "products.title": {
        "es": "Conocimiento y productos",
        "en": "Knowledge and products",
        "de": "Wissen und Produkte",
    },
    "products.intro": {
        "es": "Los equipos bajo contrato a los que tiene acceso.",
        "en": "The machines under contract that you have access to.",
        "de": "Die Geräte unter Vertrag, auf die Sie Zugriff haben.",
    },
    "products.search_label": {
        "es": "Buscar por número de serie",
        "en": "Search by serial number",
        "de": "Nach Seriennummer suchen",
    },
    "products.search_hint": {
        "es": "Número de serie o parte de él",
        "en": "Serial number or part of it",
        "de": "Seriennummer oder ein Teil davon",
    },
    "products.empty": {
        "es": "No tiene equipos asignados. Si necesita acceso a algún equipo, pida a su "
        "administrador que se lo asigne.",
        "en": "No machines are assigned to you. If you need access to a machine, ask your "
        "administrator to assign it to you.",
        "de": "Ihnen sind keine Geräte zugewiesen. Wenn Sie Zugriff auf ein Gerät benötigen, "
        "bitten Sie Ihren Administrator, es Ihnen zuzuweisen.",
    },
    "products.no_match": {
        "es": "Ningún equipo coincide con la búsqueda. Revise el número de serie o quite "
        "algún filtro.",
        "en": "No machine matches your search. Check the serial number or remove a filter.",
        "de": "Kein Gerät passt zu Ihrer Suche. Prüfen Sie die Seriennummer oder entfernen "
        "Sie einen Filter.",
    },
    "products.advanced": {
        "es": "Búsqueda avanzada",
        "en": "Advanced search",
        "de": "Erweiterte Suche",
    },
    "products.filters_on": {
        "es": "filtros activos",
        "en": "filters applied",
        "de": "Filter aktiv",
    },
    "products.filter.model": {"es": "Modelo", "en": "Model", "de": "Modell"},
    "products.filter.account": {"es": "Cuenta", "en": "Account", "de": "Konto"},
    "products.filter.group": {"es": "Grupo", "en": "Group", "de": "Gruppe"},
    "products.filter.status": {"es": "Estado", "en": "Status", "de": "Status"},
    "products.filter.alternative_name": {
        "es": "Nombre alternativo",
        "en": "Alternative name",
        "de": "Alternativer Name",
    },
    "products.filter.city": {
        "es": "Ciudad o sede",
        "en": "City or site",
        "de": "Ort oder Standort",
    },
    "products.filter.any": {"es": "Todos", "en": "All", "de": "Alle"},
    "products.filter.apply": {
        "es": "Aplicar filtros",
        "en": "Apply filters",
        "de": "Filter anwenden",
    },
    "products.filter.clear": {
        "es": "Quitar filtros",
        "en": "Clear filters",
        "de": "Filter zurücksetzen",
    },
    "products.export": {
        "es": "Exportar CSV",
        "en": "Export CSV",
        "de": "CSV exportieren",
    },
    "products.page_size": {
        "es": "Registros por página",
        "en": "Records per page",
        "de": "Einträge pro Seite",
    },
    "products.sort_by": {
        "es": "Ordenar por esta columna",
        "en": "Sort by this column",
        "de": "Nach dieser Spalte sortieren",
    },
    "products.col.account": {
        "es": "Nº de cuenta",
        "en": "Account number",
        "de": "Konto-Nr.",
    },
    "products.status.active": {"es": "Activo", "en": "Active", "de": "Aktiv"},
    "products.status.inactive": {"es": "Inactivo", "en": "Inactive", "de": "Inaktiv"},
    "products.status.removed": {"es": "Retirado", "en": "Removed", "de": "Entfernt"},
}
