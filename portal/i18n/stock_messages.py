"""Messages of the Stock management tab: locations, stock on hand, orders, low toner (SPEC C7)."""

MESSAGES: dict[str, dict[str, str]] = {
    # Section nav
    "stock.section_locations": {"es": "Almacenes", "en": "Locations", "de": "Lagerorte"},
    "stock.section_orders": {"es": "Pedidos", "en": "Orders", "de": "Bestellungen"},
    "stock.section_low_toner": {"es": "Tóner bajo", "en": "Low toner", "de": "Wenig Toner"},
    # Locations and stock on hand
    "stock.new_location": {"es": "Nuevo almacén", "en": "New location", "de": "Neuer Lagerort"},
    "stock.edit_location": {
        "es": "Editar almacén",
        "en": "Edit location",
        "de": "Lagerort bearbeiten",
    },
    "stock.location_name": {"es": "Nombre", "en": "Name", "de": "Name"},
    "stock.location_address": {"es": "Dirección", "en": "Address", "de": "Adresse"},
    "stock.location_instructions": {
        "es": "Instrucciones de envío",
        "en": "Shipping instructions",
        "de": "Versandhinweise",
    },
    "stock.save_location": {
        "es": "Guardar almacén",
        "en": "Save location",
        "de": "Lagerort speichern",
    },
    "stock.cancel_edit": {"es": "Cancelar", "en": "Cancel", "de": "Abbrechen"},
    "stock.location_saved": {
        "es": "Almacén guardado.",
        "en": "Stock location saved.",
        "de": "Lagerort gespeichert.",
    },
    "stock.col_units": {"es": "Unidades", "en": "Units", "de": "Einheiten"},
    "stock.col_consumable": {"es": "Consumible", "en": "Consumable", "de": "Verbrauchsmaterial"},
    "stock.col_kind": {"es": "Tipo", "en": "Kind", "de": "Art"},
    "stock.save_stock": {
        "es": "Guardar existencias",
        "en": "Save stock on hand",
        "de": "Bestand speichern",
    },
    "stock.stock_saved": {
        "es": "Existencias guardadas.",
        "en": "Stock on hand saved.",
        "de": "Bestand gespeichert.",
    },
    "stock.quantities_invalid": {
        "es": "Revise las cantidades marcadas: deben ser números enteros de 0 en adelante.",
        "en": "Check the marked quantities: they must be whole numbers from 0 up.",
        "de": "Prüfen Sie die markierten Mengen: Es müssen ganze Zahlen ab 0 sein.",
    },
    "stock.no_consumables": {
        "es": "No hay consumibles para los modelos de su parque.",
        "en": "There are no consumables for the models of your fleet.",
        "de": "Für die Modelle Ihres Geräteparks gibt es kein Verbrauchsmaterial.",
    },
    "stock.kind.toner": {"es": "Tóner", "en": "Toner", "de": "Toner"},
    "stock.kind.drum": {"es": "Unidad de tambor", "en": "Drum", "de": "Trommeleinheit"},
    "stock.kind.waste_box": {
        "es": "Depósito de tóner residual",
        "en": "Waste-toner box",
        "de": "Resttonerbehälter",
    },
    "stock.kind.staples": {"es": "Grapas", "en": "Staples", "de": "Heftklammern"},
    "stock.auto_replenish": {
        "es": "Reposición automática",
        "en": "Automatic replenishment",
        "de": "Automatische Nachlieferung",
    },
    # Low toner
    "stock.low_toner_title": {
        "es": "Tóner bajo",
        "en": "Low toner",
        "de": "Wenig Toner",
    },
    "stock.low_toner_intro": {
        "es": "Equipos con algún tóner por debajo del umbral de aviso de su cuenta (20 % si no "
        "se ha fijado otro).",
        "en": "Machines with a toner below their account's alert threshold (20 % unless set "
        "otherwise).",
        "de": "Geräte, bei denen ein Toner unter der Warnschwelle ihres Kontos liegt (20 %, "
        "sofern nicht anders festgelegt).",
    },
    "stock.low_toner_none": {
        "es": "Ningún equipo tiene el tóner bajo.",
        "en": "No machine is low on toner.",
        "de": "Bei keinem Gerät ist der Toner knapp.",
    },
    "stock.col_colour": {"es": "Color", "en": "Colour", "de": "Farbe"},
    "stock.col_level": {"es": "Nivel", "en": "Level", "de": "Füllstand"},
    "stock.col_action": {"es": "Reposición", "en": "Replenishment", "de": "Nachschub"},
    "stock.order_now": {"es": "Pedir tóner", "en": "Order toner", "de": "Toner bestellen"},
    # Orders
    "order.title": {
        "es": "Pedidos de consumibles",
        "en": "Consumables orders",
        "de": "Verbrauchsmaterialbestellungen",
    },
    "order.intro": {
        "es": "Pida tóner y piezas para sus equipos o almacenes y siga cada pedido hasta su "
        "entrega.",
        "en": "Order toner and parts for your machines or stock locations and follow each "
        "order to delivery.",
        "de": "Bestellen Sie Toner und Teile für Ihre Geräte oder Lagerorte und verfolgen Sie "
        "jede Bestellung bis zur Lieferung.",
    },
    "order.form_heading": {"es": "Nuevo pedido", "en": "New order", "de": "Neue Bestellung"},
    "order.step_product": {
        "es": "1. ¿Para qué equipo o almacén?",
        "en": "1. For which machine or stock location?",
        "de": "1. Für welches Gerät oder welchen Lagerort?",
    },
    "order.step_items": {
        "es": "2. Artículos y cantidades",
        "en": "2. Items and quantities",
        "de": "2. Artikel und Mengen",
    },
    "order.step_delivery": {"es": "3. Entrega", "en": "3. Delivery", "de": "3. Lieferung"},
    "order.product_search": {
        "es": "Buscar equipo por número de serie",
        "en": "Find a machine by serial number",
        "de": "Gerät nach Seriennummer suchen",
    },
    "order.product_search_placeholder": {
        "es": "Parte del número de serie",
        "en": "Part of the serial number",
        "de": "Teil der Seriennummer",
    },
    "order.no_products": {
        "es": "Ningún equipo coincide.",
        "en": "No machine matches.",
        "de": "Kein Gerät passt.",
    },
    "order.more_products": {
        "es": "Hay más equipos: escriba más del número de serie.",
        "en": "There are more machines: type more of the serial number.",
        "de": "Es gibt weitere Geräte: Geben Sie mehr von der Seriennummer ein.",
    },
    "order.change_product": {"es": "Cambiar", "en": "Change", "de": "Ändern"},
    "order.for_location": {
        "es": "O pida para un almacén",
        "en": "Or order for a stock location",
        "de": "Oder für einen Lagerort bestellen",
    },
    "order.no_location": {
        "es": "— Para un equipo —",
        "en": "— For a machine —",
        "de": "— Für ein Gerät —",
    },
    "order.auto_replenish_notice": {
        "es": "Este equipo tiene reposición automática: el proveedor le envía los consumibles "
        "según los niveles que el equipo comunica, por lo que no admite pedidos manuales.",
        "en": "This machine is on automatic replenishment: the provider sends its consumables "
        "from the levels the machine reports, so it takes no manual orders.",
        "de": "Dieses Gerät wird automatisch nachbeliefert: Der Anbieter schickt das "
        "Verbrauchsmaterial anhand der gemeldeten Füllstände, daher sind keine manuellen "
        "Bestellungen möglich.",
    },
    "order.col_contract": {"es": "Contrato", "en": "Contract", "de": "Vertrag"},
    "order.included": {"es": "Incluido", "en": "Included", "de": "Inklusive"},
    "order.not_included": {"es": "No incluido", "en": "Not included", "de": "Nicht inklusive"},
    "order.col_max": {"es": "Máx. por pedido", "en": "Max. per order", "de": "Max. je Bestellung"},
    "order.col_quantity": {"es": "Cantidad", "en": "Quantity", "de": "Menge"},
    "order.delivery_product": {
        "es": "A la dirección del equipo",
        "en": "To the machine's address",
        "de": "An die Adresse des Geräts",
    },
    "order.delivery_location": {
        "es": "A un almacén",
        "en": "To a stock location",
        "de": "An einen Lagerort",
    },
    "order.deliver_to": {"es": "Almacén de entrega", "en": "Deliver to", "de": "Liefern an"},
    "order.delivery_address": {
        "es": "Dirección de entrega",
        "en": "Delivery address",
        "de": "Lieferadresse",
    },
    "order.delivery_extra": {
        "es": "Datos adicionales (planta, sala, persona de contacto)",
        "en": "Extra lines (floor, room, contact person)",
        "de": "Zusatzangaben (Etage, Raum, Ansprechperson)",
    },
    "order.delivery_extra_hint": {
        "es": "La dirección del equipo no se puede cambiar aquí; solo estos datos adicionales.",
        "en": "The machine's address cannot be changed here; only these extra lines.",
        "de": "Die Adresse des Geräts lässt sich hier nicht ändern, nur diese Zusatzangaben.",
    },
    "order.submit": {"es": "Enviar pedido", "en": "Send order", "de": "Bestellung senden"},
    "order.form_invalid": {
        "es": "El pedido no se ha enviado: revise los campos marcados.",
        "en": "The order was not sent: check the marked fields.",
        "de": "Die Bestellung wurde nicht gesendet: Prüfen Sie die markierten Felder.",
    },
    "order.created": {
        "es": "Pedido enviado. Le avisaremos por e-mail de cada cambio de estado.",
        "en": "Order sent. We will e-mail you about every change of status.",
        "de": "Bestellung gesendet. Wir informieren Sie per E-Mail über jede Statusänderung.",
    },
    "order.open_heading": {
        "es": "Pedidos en curso",
        "en": "Open orders",
        "de": "Offene Bestellungen",
    },
    "order.history_heading": {
        "es": "Historial de pedidos",
        "en": "Order history",
        "de": "Bestellverlauf",
    },
    "order.none_open": {
        "es": "No hay pedidos en curso.",
        "en": "There are no open orders.",
        "de": "Es gibt keine offenen Bestellungen.",
    },
    "order.none": {
        "es": "No hay pedidos que mostrar.",
        "en": "There are no orders to show.",
        "de": "Es gibt keine Bestellungen anzuzeigen.",
    },
    "order.filter_all": {"es": "Todos", "en": "All", "de": "Alle"},
    "order.filter_open": {"es": "En curso", "en": "Open", "de": "Offen"},
    "order.filter_from": {"es": "Desde", "en": "From", "de": "Von"},
    "order.filter_to": {"es": "Hasta", "en": "To", "de": "Bis"},
    "order.filter_apply": {"es": "Filtrar", "en": "Filter", "de": "Filtern"},
    "order.col_number": {"es": "Pedido", "en": "Order", "de": "Bestellung"},
    "order.col_for": {"es": "Para", "en": "For", "de": "Für"},
    "order.col_items": {"es": "Artículos", "en": "Items", "de": "Artikel"},
    "order.col_delivery": {"es": "Entrega", "en": "Delivery", "de": "Lieferung"},
    "order.col_tracking": {"es": "Seguimiento", "en": "Tracking", "de": "Sendungsnummer"},
    "order.col_location": {
        "es": "Almacén del pedido",
        "en": "Ordered for stock location",
        "de": "Bestellt für Lagerort",
    },
    "order.col_code": {"es": "Código", "en": "Code", "de": "Code"},
    "order.col_date": {"es": "Fecha", "en": "Date", "de": "Datum"},
    "order.col_who": {"es": "Por", "en": "By", "de": "Von"},
    "order.status.submitted": {"es": "Solicitado", "en": "Submitted", "de": "Übermittelt"},
    "order.status.confirmed": {"es": "Confirmado", "en": "Confirmed", "de": "Bestätigt"},
    "order.status.dispatched": {"es": "Enviado", "en": "Dispatched", "de": "Versandt"},
    "order.status.delivered": {"es": "Entregado", "en": "Delivered", "de": "Geliefert"},
    "order.status.cancelled": {"es": "Cancelado", "en": "Cancelled", "de": "Storniert"},
    # One order
    "order.heading": {"es": "Pedido", "en": "Order", "de": "Bestellung"},
    "order.back": {
        "es": "Volver a los pedidos",
        "en": "Back to the orders",
        "de": "Zurück zu den Bestellungen",
    },
    "order.back_desk": {
        "es": "Volver a los pedidos de clientes",
        "en": "Back to customers' orders",
        "de": "Zurück zu den Kundenbestellungen",
    },
    "order.not_found": {
        "es": "Este pedido no existe o no tiene acceso a él.",
        "en": "This order does not exist or you have no access to it.",
        "de": "Diese Bestellung gibt es nicht, oder Sie haben keinen Zugriff darauf.",
    },
    "order.ordered_by": {"es": "Pedido por", "en": "Ordered by", "de": "Bestellt von"},
    "order.organisation": {"es": "Cliente", "en": "Customer", "de": "Kunde"},
    "order.tracking_number": {
        "es": "Número de seguimiento",
        "en": "Tracking number",
        "de": "Sendungsnummer",
    },
    "order.lines_heading": {"es": "Artículos", "en": "Items", "de": "Artikel"},
    "order.history_title": {
        "es": "Historial de estados",
        "en": "Status history",
        "de": "Statusverlauf",
    },
    "order.cancel": {"es": "Cancelar pedido", "en": "Cancel order", "de": "Bestellung stornieren"},
    "order.cancel_title": {
        "es": "¿Cancelar este pedido?",
        "en": "Cancel this order?",
        "de": "Diese Bestellung stornieren?",
    },
    "order.cancel_text": {
        "es": "El proveedor no lo preparará. Esta acción no se puede deshacer.",
        "en": "The provider will not prepare it. This cannot be undone.",
        "de": "Der Anbieter wird sie nicht bearbeiten. Dies lässt sich nicht rückgängig machen.",
    },
    "order.cancel_keep": {"es": "Mantener", "en": "Keep it", "de": "Behalten"},
    "order.cancel_confirm": {"es": "Cancelar pedido", "en": "Cancel order", "de": "Stornieren"},
    "order.cancelled_notice": {
        "es": "Pedido cancelado.",
        "en": "Order cancelled.",
        "de": "Bestellung storniert.",
    },
    "order.status_changed": {
        "es": "Estado actualizado; se ha avisado al cliente.",
        "en": "Status updated; the customer has been told.",
        "de": "Status aktualisiert; der Kunde wurde benachrichtigt.",
    },
    "order.transition_heading": {
        "es": "Cambiar el estado",
        "en": "Change the status",
        "de": "Status ändern",
    },
    "order.transition_status": {"es": "Nuevo estado", "en": "New status", "de": "Neuer Status"},
    "order.tracking_hint": {
        "es": "Obligatorio al marcarlo como enviado.",
        "en": "Required when marking it dispatched.",
        "de": "Pflicht beim Setzen auf „Versandt“.",
    },
    "order.transition_submit": {
        "es": "Guardar estado",
        "en": "Save status",
        "de": "Status speichern",
    },
    # Agents' desk
    "order.nav_desk_orders": {
        "es": "Pedidos de consumibles",
        "en": "Consumables orders",
        "de": "Verbrauchsmaterial",
    },
    "order.desk_title": {
        "es": "Pedidos de consumibles de clientes",
        "en": "Customers' consumables orders",
        "de": "Verbrauchsmaterialbestellungen der Kunden",
    },
    "order.desk_intro": {
        "es": "Confirme, envíe (con número de seguimiento) y entregue los pedidos.",
        "en": "Confirm, dispatch (with a tracking number) and deliver the orders.",
        "de": "Bestellungen bestätigen, versenden (mit Sendungsnummer) und ausliefern.",
    },
    # Errors
    "error.stock_quantity_invalid": {
        "es": "Escriba un número entero de 0 en adelante.",
        "en": "Enter a whole number from 0 up.",
        "de": "Geben Sie eine ganze Zahl ab 0 ein.",
    },
    "error.order_auto_replenish": {
        "es": "Este equipo tiene reposición automática y no admite pedidos manuales.",
        "en": "This machine is on automatic replenishment and takes no manual orders.",
        "de": "Dieses Gerät wird automatisch nachbeliefert und nimmt keine manuellen "
        "Bestellungen an.",
    },
    "error.order_product_inactive": {
        "es": "Este equipo ya no está en servicio.",
        "en": "This machine is no longer in service.",
        "de": "Dieses Gerät ist nicht mehr in Betrieb.",
    },
    "error.order_no_items": {
        "es": "Indique la cantidad de al menos un artículo.",
        "en": "Enter a quantity for at least one item.",
        "de": "Geben Sie für mindestens einen Artikel eine Menge an.",
    },
    "error.order_quantity_range": {
        "es": "Entre 1 y el máximo por pedido.",
        "en": "From 1 to the maximum per order.",
        "de": "Von 1 bis zur Höchstmenge je Bestellung.",
    },
    "error.order_consumable_invalid": {
        "es": "Un artículo no corresponde a este equipo.",
        "en": "An item does not belong to this machine.",
        "de": "Ein Artikel gehört nicht zu diesem Gerät.",
    },
    "error.order_delivery_invalid": {
        "es": "Elija una entrega válida.",
        "en": "Choose a valid delivery.",
        "de": "Wählen Sie eine gültige Lieferung.",
    },
    "error.order_transition_invalid": {
        "es": "El pedido ya no admite este cambio de estado.",
        "en": "The order no longer allows this change of status.",
        "de": "Diese Statusänderung ist für die Bestellung nicht mehr möglich.",
    },
    "error.order_date_invalid": {
        "es": "Fecha no válida.",
        "en": "Invalid date.",
        "de": "Ungültiges Datum.",
    },
}
