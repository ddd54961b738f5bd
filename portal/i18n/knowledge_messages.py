"""Messages of the knowledge centre (SPEC D1), the article page and article management (D3)."""

MESSAGES: dict[str, dict[str, str]] = {
    "section.knowledge": {"es": "Conocimiento", "en": "Knowledge", "de": "Wissen"},
    "kb.section.manage": {
        "es": "Gestionar artículos",
        "en": "Manage articles",
        "de": "Artikel verwalten",
    },
    # Languages (checkboxes, switch, editor)
    "kb.lang.es": {"es": "Español", "en": "Spanish", "de": "Spanisch"},
    "kb.lang.en": {"es": "Inglés", "en": "English", "de": "Englisch"},
    "kb.lang.de": {"es": "Alemán", "en": "German", "de": "Deutsch"},
    # Knowledge centre
    "kb.title": {
        "es": "Centro de conocimiento",
        "en": "Knowledge centre",
        "de": "Wissensdatenbank",
    },
    "kb.intro": {
        "es": "Busque un código de error o describa el problema para encontrar la solución.",
        "en": "Search for an error code or describe the problem to find the solution.",
        "de": "Suchen Sie nach einem Fehlercode oder beschreiben Sie das Problem, um die "
        "Lösung zu finden.",
    },
    "kb.model_label": {
        "es": "Equipo o modelo",
        "en": "Product or model",
        "de": "Gerät oder Modell",
    },
    "kb.model_all": {"es": "Todos los modelos", "en": "All models", "de": "Alle Modelle"},
    "kb.model_mine": {"es": "(mis equipos)", "en": "(my products)", "de": "(meine Geräte)"},
    "kb.query_label": {
        "es": "Código de error o descripción",
        "en": "Error code or description",
        "de": "Fehlercode oder Beschreibung",
    },
    "kb.query_hint": {
        "es": "p. ej. E000007, SC 542 o atasco de papel",
        "en": "e.g. E000007, SC 542 or paper jam",
        "de": "z. B. E000007, SC 542 oder Papierstau",
    },
    "kb.search": {"es": "Buscar", "en": "Search", "de": "Suchen"},
    "kb.languages": {
        "es": "Buscar en estos idiomas",
        "en": "Search in these languages",
        "de": "In diesen Sprachen suchen",
    },
    "kb.no_language": {
        "es": "Marque al menos un idioma.",
        "en": "Tick at least one language.",
        "de": "Wählen Sie mindestens eine Sprache.",
    },
    "kb.results": {"es": "Resultados", "en": "Results", "de": "Ergebnisse"},
    "kb.empty": {
        "es": "No hemos encontrado artículos. Pruebe con otra grafía del código, otras "
        "palabras u otros idiomas, o abra una incidencia.",
        "en": "No articles found. Try another spelling of the code, other words or other "
        "languages, or raise a ticket.",
        "de": "Keine Artikel gefunden. Versuchen Sie eine andere Schreibweise des Codes, andere "
        "Wörter oder weitere Sprachen, oder eröffnen Sie ein Ticket.",
    },
    "kb.start": {
        "es": "Escriba un código de error (en cualquier grafía: E000007, e7, SC 542, #801) o "
        "unas palabras sobre el problema.",
        "en": "Type an error code (in any spelling: E000007, e7, SC 542, #801) or a few words "
        "about the problem.",
        "de": "Geben Sie einen Fehlercode (in beliebiger Schreibweise: E000007, e7, SC 542, "
        "#801) oder einige Wörter zum Problem ein.",
    },
    "kb.downloads": {
        "es": "Centro de descargas: controladores, manuales y firmware",
        "en": "Download centre: drivers, manuals and firmware",
        "de": "Download-Center: Treiber, Handbücher und Firmware",
    },
    "kb.downloads_hint": {
        "es": "¿Busca un controlador o un manual?",
        "en": "Looking for a driver or a manual?",
        "de": "Suchen Sie einen Treiber oder ein Handbuch?",
    },
    # Article page
    "kb.back": {
        "es": "Volver al centro de conocimiento",
        "en": "Back to the knowledge centre",
        "de": "Zurück zur Wissensdatenbank",
    },
    "kb.article.codes": {"es": "Códigos de error", "en": "Error codes", "de": "Fehlercodes"},
    "kb.article.models": {"es": "Modelos", "en": "Models", "de": "Modelle"},
    "kb.article.all_models": {
        "es": "Todos los modelos",
        "en": "All models",
        "de": "Alle Modelle",
    },
    "kb.article.languages": {
        "es": "Disponible en",
        "en": "Available in",
        "de": "Verfügbar auf",
    },
    "kb.article.other_language": {
        "es": "Este artículo no está disponible en los idiomas elegidos; se muestra en otro "
        "idioma.",
        "en": "This article is not available in the languages you chose; it is shown in "
        "another language.",
        "de": "Dieser Artikel ist in den gewählten Sprachen nicht verfügbar; er wird in einer "
        "anderen Sprache angezeigt.",
    },
    "kb.article.not_found": {
        "es": "Este artículo no existe o no está publicado.",
        "en": "This article does not exist or is not published.",
        "de": "Diesen Artikel gibt es nicht, oder er ist nicht veröffentlicht.",
    },
    "kb.article.draft": {
        "es": "Borrador: los clientes no ven esta versión.",
        "en": "Draft: customers do not see this version.",
        "de": "Entwurf: Kunden sehen diese Fassung nicht.",
    },
    "kb.article.raise_ticket": {
        "es": "¿No se ha resuelto? Abra una incidencia",
        "en": "Not solved? Raise a ticket",
        "de": "Nicht gelöst? Ticket eröffnen",
    },
    # Management
    "kb.manage.title": {
        "es": "Gestión de artículos",
        "en": "Article management",
        "de": "Artikelverwaltung",
    },
    "kb.manage.intro": {
        "es": "Cree, traduzca y publique artículos. Los clientes solo ven las traducciones "
        "publicadas.",
        "en": "Create, translate and publish articles. Customers only see published translations.",
        "de": "Artikel anlegen, übersetzen und veröffentlichen. Kunden sehen nur "
        "veröffentlichte Übersetzungen.",
    },
    "kb.manage.denied": {
        "es": "Solo los agentes del proveedor gestionan los artículos de conocimiento.",
        "en": "Only the provider's agents manage knowledge articles.",
        "de": "Nur die Mitarbeiter des Anbieters verwalten Wissensartikel.",
    },
    "kb.manage.new": {"es": "Nuevo artículo", "en": "New article", "de": "Neuer Artikel"},
    "kb.manage.search_label": {
        "es": "Buscar por título o código",
        "en": "Search by title or code",
        "de": "Nach Titel oder Code suchen",
    },
    "kb.manage.empty": {
        "es": "Ningún artículo coincide.",
        "en": "No article matches.",
        "de": "Kein Artikel passt.",
    },
    "kb.manage.col.title": {"es": "Título", "en": "Title", "de": "Titel"},
    "kb.manage.col.codes": {"es": "Códigos", "en": "Codes", "de": "Codes"},
    "kb.manage.col.published": {"es": "Publicado en", "en": "Published in", "de": "Veröffentlicht"},
    "kb.manage.col.drafts": {"es": "Borradores", "en": "Drafts", "de": "Entwürfe"},
    "kb.manage.edit": {"es": "Editar", "en": "Edit", "de": "Bearbeiten"},
    "kb.manage.back": {
        "es": "Volver a la lista de artículos",
        "en": "Back to the article list",
        "de": "Zurück zur Artikelliste",
    },
    "kb.manage.editing": {"es": "Artículo", "en": "Article", "de": "Artikel"},
    "kb.manage.codes_label": {"es": "Códigos de error", "en": "Error codes", "de": "Fehlercodes"},
    "kb.manage.codes_hint": {
        "es": "Separados por comas, p. ej. E000007-0000, SC542",
        "en": "Comma-separated, e.g. E000007-0000, SC542",
        "de": "Durch Kommas getrennt, z. B. E000007-0000, SC542",
    },
    "kb.manage.models_label": {"es": "Modelos", "en": "Models", "de": "Modelle"},
    "kb.manage.models_hint": {
        "es": "Sin ninguno marcado, el artículo vale para todos los modelos.",
        "en": "With none ticked, the article applies to every model.",
        "de": "Ist keines angekreuzt, gilt der Artikel für alle Modelle.",
    },
    "kb.manage.language_label": {
        "es": "Idioma (elija otro para traducir)",
        "en": "Language (choose another to translate)",
        "de": "Sprache (andere wählen, um zu übersetzen)",
    },
    "kb.manage.title_label": {"es": "Título", "en": "Title", "de": "Titel"},
    "kb.manage.body_label": {
        "es": "Texto (Markdown)",
        "en": "Text (Markdown)",
        "de": "Text (Markdown)",
    },
    "kb.manage.body_hint": {
        "es": "Markdown: **negrita**, listas con - o 1., títulos con ###. No se admite HTML.",
        "en": "Markdown: **bold**, lists with - or 1., headings with ###. HTML is not allowed.",
        "de": "Markdown: **fett**, Listen mit - oder 1., Überschriften mit ###. HTML ist "
        "nicht erlaubt.",
    },
    "kb.manage.preview": {"es": "Vista previa", "en": "Preview", "de": "Vorschau"},
    "kb.manage.save": {"es": "Guardar", "en": "Save", "de": "Speichern"},
    "kb.manage.publish": {
        "es": "Guardar y publicar",
        "en": "Save and publish",
        "de": "Speichern und veröffentlichen",
    },
    "kb.manage.unpublish": {
        "es": "Retirar publicación",
        "en": "Unpublish",
        "de": "Veröffentlichung zurückziehen",
    },
    "kb.manage.saved": {"es": "Guardado.", "en": "Saved.", "de": "Gespeichert."},
    "kb.manage.published_now": {
        "es": "Guardado y publicado: ya se puede encontrar.",
        "en": "Saved and published: it can be found now.",
        "de": "Gespeichert und veröffentlicht: Er ist jetzt auffindbar.",
    },
    "kb.manage.unpublished_now": {
        "es": "Publicación retirada: los clientes ya no lo ven.",
        "en": "Unpublished: customers no longer see it.",
        "de": "Zurückgezogen: Kunden sehen ihn nicht mehr.",
    },
    "kb.manage.form_invalid": {
        "es": "Revise los campos marcados.",
        "en": "Please check the marked fields.",
        "de": "Bitte prüfen Sie die markierten Felder.",
    },
    "kb.manage.status_published": {"es": "publicado", "en": "published", "de": "veröffentlicht"},
    "kb.manage.status_draft": {"es": "borrador", "en": "draft", "de": "Entwurf"},
    "kb.manage.status_new": {"es": "nuevo", "en": "new", "de": "neu"},
    "kb.manage.view": {
        "es": "Ver como cliente",
        "en": "View as customers see it",
        "de": "Wie Kunden ansehen",
    },
    # Ticket form suggestions
    "kb.opens_new_tab": {
        "es": "(se abre en una pestaña nueva)",
        "en": "(opens in a new tab)",
        "de": "(öffnet in einem neuen Tab)",
    },
    # Errors
    "error.kb_code_invalid": {
        "es": "Un código solo puede tener letras, cifras, espacios y # . / _ - (40 como máximo).",
        "en": "A code may only have letters, digits, spaces and # . / _ - (40 at most).",
        "de": "Ein Code darf nur Buchstaben, Ziffern, Leerzeichen und # . / _ - enthalten "
        "(höchstens 40).",
    },
    "error.kb_too_many_codes": {
        "es": "Como máximo 20 códigos por artículo.",
        "en": "At most 20 codes per article.",
        "de": "Höchstens 20 Codes pro Artikel.",
    },
    "error.kb_model_unknown": {
        "es": "Elija modelos de la lista.",
        "en": "Choose models from the list.",
        "de": "Wählen Sie Modelle aus der Liste.",
    },
}
