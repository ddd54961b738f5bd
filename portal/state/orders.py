"""States of consumables orders (SPEC C7): the order form and lists, one order, the agents' list.

Every handler is an endpoint any browser can call with any arguments: it
resolves the signed-in user first, then calls ``portal.services.orders``, which
decides whether this user may do it and whether the ids are in their scope.
The product or stock location chosen in the form is only a suggestion of the
browser: it is checked again when the order is sent. The order shown on a
detail page is always the one in the page's path, read again on every event.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from sqlmodel import Session

from portal import routes
from portal.db import session_scope
from portal.errors import NotFound, ValidationFailed
from portal.models import Role, User
from portal.services import orders, scope, stock
from portal.services.listing import clean_query
from portal.state.auth import AuthState, page_load
from portal.state.detail import (
    ScopedPage,
    StatusRecordPage,
    blank,
    field_errors,
    flat,
    form_field,
    text,
)
from portal.state.listing import PagedList

FORM_FIELDS = ("product_id", "items", "delivery", "delivery_extra")
TRANSITION_FIELDS = ("status", "tracking_number")
FILTER_STATUSES = ("", *orders.STATUSES)
QTY_PREFIX = "qty_"


def _day(value: Any) -> str:
    text = value.strip() if isinstance(value, str) else ""
    return text[:10]


class OrdersState(ScopedPage, PagedList, AuthState):
    """The order form, open orders and the order history with filters."""

    # Lists
    open_rows: list[dict[str, str]] = []
    filter_status: str = ""
    filter_serial: str = ""
    filter_from: str = ""
    filter_to: str = ""
    filter_error: str = ""
    # The form
    can_order: bool = False
    product_query: str = ""
    product_results: list[dict[str, str]] = []
    product_searched: bool = False
    chosen_product_id: str = ""
    chosen_product: dict[str, str] = {}
    locations: list[dict[str, str]] = []
    order_location_id: str = ""
    items: list[dict[str, str]] = []
    delivery: str = orders.DELIVER_TO_PRODUCT
    errors: dict[str, str] = blank(FORM_FIELDS)
    notice: str = ""
    error: str = ""
    created_number: str = ""
    created_id: str = ""
    form_key: int = 0

    def _reset_form(self) -> None:
        self.product_query = ""
        self.product_results = []
        self.product_searched = False
        self.chosen_product_id = ""
        self.chosen_product = {}
        self.order_location_id = ""
        self.items = []
        self.delivery = orders.DELIVER_TO_PRODUCT
        self.errors = blank(FORM_FIELDS)
        self.form_key += 1

    def _forget(self, *, denied: bool) -> None:
        self._reset_form()
        self.open_rows = []
        self._clear_page(denied=denied)
        self.locations = []
        self.can_order = False

    def _list(self, session: Session, actor: User, page: Any) -> None:
        self.open_rows = [
            flat(r)
            for r in orders.list_orders(
                session=session, actor=actor, view="open", page_size=50
            ).rows
        ]
        try:
            result = orders.list_orders(
                session=session,
                actor=actor,
                status=self.filter_status,
                serial=self.filter_serial,
                date_from=self.filter_from,
                date_to=self.filter_to,
                page=page,
            )
            self.filter_error = ""
        except ValidationFailed as exc:
            self.filter_error = next(iter(exc.errors.values()))
            result = orders.list_orders(session=session, actor=actor, page=page)
        self._show_rows(result, [flat(r) for r in result.rows])
        self.can_order = (
            actor.has_role(*orders.CUSTOMER_ROLES) and actor.organisation_id is not None
        )
        if self.can_order:
            self.locations = [
                {"id": text(r["id"]), "name": r["name"]}
                for r in stock.list_locations(session=session, actor=actor)
            ]
        self.denied = False
        self.loaded = True

    def _search(self, session: Session, actor: User, query: str) -> None:
        self.product_results = orders.product_choices(session=session, actor=actor, query=query)
        self.product_query = query
        self.product_searched = True

    @page_load
    def load(self):
        """on_load: the lists, and the form with the product of ``?product=<id>`` chosen."""
        wanted = self.router.url.query_parameters.get("product", "")
        self.notice = ""
        self.error = ""
        self.created_number = ""
        self.created_id = ""
        self._reset_form()

        def show(session: Session, actor: User) -> None:
            self._list(session, actor, 1)
            if not self.can_order:
                return
            if wanted:
                try:
                    self._choose(session, actor, wanted)
                    return
                except NotFound:
                    self.errors = field_errors(FORM_FIELDS, {"product_id": scope.NOT_FOUND})
            self._search(session, actor, "")

        self._run(show)

    def apply_filters(self, form_data: dict):
        """Filter the history by status, serial and date range; back to page 1."""
        status = form_field(form_data, "status")
        self.filter_status = status if status in FILTER_STATUSES else ""
        self.filter_serial = clean_query(form_field(form_data, "serial"))
        self.filter_from = _day(form_field(form_data, "date_from"))
        self.filter_to = _day(form_field(form_data, "date_to"))
        self._run(lambda session, actor: self._list(session, actor, 1))

    def clear_filters(self):
        """Show the whole history again."""
        self.filter_status = ""
        self.filter_serial = ""
        self.filter_from = ""
        self.filter_to = ""
        self._run(lambda session, actor: self._list(session, actor, 1))

    def _go_to(self, page: int) -> None:
        self._run(lambda session, actor: self._list(session, actor, page))

    def _choose(self, session: Session, actor: User, product_id: Any) -> None:
        row = orders.product_choice(session=session, actor=actor, product_id=product_id)
        self.chosen_product_id = row["id"]
        self.chosen_product = row
        self.order_location_id = ""
        self.product_results = []
        self.product_searched = False
        self.delivery = orders.DELIVER_TO_PRODUCT
        self.errors = blank(FORM_FIELDS)
        if row["auto_replenish"]:
            self.items = []
        else:
            self.items = self._item_rows(
                stock.catalogue_for(session=session, actor=actor, product_id=row["id"])
            )
        self.form_key += 1

    @staticmethod
    def _item_rows(catalogue: list[dict[str, Any]]) -> list[dict[str, str]]:
        return [
            {
                **flat(
                    {
                        key: row[key]
                        for key in (
                            "consumable_id",
                            "code",
                            "name",
                            "kind_key",
                            "colour_key",
                            "model",
                            "included",
                            "max_per_order",
                        )
                    }
                ),
                "error": "",
            }
            for row in catalogue
        ]

    def _picker(self, change: Callable[[Session, User], None]) -> None:
        try:
            ok = self._run(change)
        except NotFound:
            self.chosen_product_id = ""
            self.chosen_product = {}
            self.items = []
            self.errors = field_errors(FORM_FIELDS, {"product_id": scope.NOT_FOUND})
            return
        if ok:
            self.notice = ""

    def search_products(self, form_data: dict):
        """Look for products in scope whose serial contains the typed text."""
        query = clean_query(form_field(form_data, "query"))
        self._picker(lambda session, actor: self._search(session, actor, query))

    def choose_product(self, product_id: str):
        """Order for this product (checked against the scope again on submit)."""
        self._picker(lambda session, actor: self._choose(session, actor, product_id))

    def change_product(self):
        """Drop the chosen product and show the choices again."""

        def unchoose(session: Session, actor: User) -> None:
            self.chosen_product_id = ""
            self.chosen_product = {}
            self.items = []
            self.errors = blank(FORM_FIELDS)
            self._search(session, actor, "")

        self._picker(unchoose)

    def choose_location(self, location_id: str):
        """Order for a stock location instead of a product ('' goes back to products)."""
        wanted = text(location_id)

        def choose(session: Session, actor: User) -> None:
            self.errors = blank(FORM_FIELDS)
            if not wanted:
                self.order_location_id = ""
                self.items = []
                self._search(session, actor, "")
                return
            catalogue = stock.location_catalogue(session=session, actor=actor, location_id=wanted)
            self.order_location_id = wanted
            self.chosen_product_id = ""
            self.chosen_product = {}
            self.product_results = []
            self.product_searched = False
            self.delivery = orders.DELIVER_TO_LOCATION
            self.items = self._item_rows(catalogue)
            self.form_key += 1

        try:
            self._run(choose)
        except NotFound:
            self.order_location_id = ""
            self.items = []
            self.errors = field_errors(FORM_FIELDS, {"product_id": scope.NOT_FOUND})

    def set_delivery(self, value: str):
        """Deliver to the product's address or to a stock location."""
        if value in (orders.DELIVER_TO_PRODUCT, orders.DELIVER_TO_LOCATION):
            self.delivery = value

    def submit_order(self, form_data: dict):
        """Send the order for the chosen product or stock location."""
        self.notice = ""
        self.error = ""
        form = form_data if isinstance(form_data, dict) else {}
        quantities = {
            key[len(QTY_PREFIX) :]: value
            for key, value in form.items()
            if isinstance(key, str) and key.startswith(QTY_PREFIX)
        }
        delivery = form_field(form, "delivery")
        data = orders.OrderCreate(
            product_id=self.chosen_product_id or None,
            stock_location_id=None if self.chosen_product_id else (self.order_location_id or None),
            quantities=quantities,
            delivery=delivery if isinstance(delivery, str) and delivery else self.delivery,
            deliver_to_stock_location_id=form_field(form, "deliver_to") or None,
            delivery_extra=form_field(form, "delivery_extra") or "",
        )
        created: list[tuple[str, str]] = []

        def create(session: Session, actor: User) -> None:
            order = orders.create_order(session=session, actor=actor, data=data)
            created.append((order.number, str(order.id)))

        try:
            done = self._run(create)
        except ValidationFailed as exc:
            self.errors = field_errors(FORM_FIELDS, exc.errors)
            self.items = [
                {
                    **item,
                    "error": exc.errors.get(f"{QTY_PREFIX}{item['consumable_id']}", ""),
                }
                for item in self.items
            ]
            self.error = "order.form_invalid"
            return
        except NotFound:
            self.errors = field_errors(FORM_FIELDS, {"product_id": scope.NOT_FOUND})
            self.error = scope.NOT_FOUND
            return
        if not done:
            return
        self.created_number, self.created_id = created[0]
        self.notice = "order.created"
        self._reset_form()

        def refresh(session: Session, actor: User) -> None:
            self._list(session, actor, 1)
            self._search(session, actor, "")

        self._run(refresh)


class OrderDetailState(StatusRecordPage, AuthState):
    """One order with its lines and history; customers cancel, agents move it on."""

    transition_fields: ClassVar[tuple[str, ...]] = TRANSITION_FIELDS
    order: dict[str, str] = {}
    lines: list[dict[str, str]] = []
    history: list[dict[str, str]] = []
    errors: dict[str, str] = blank(TRANSITION_FIELDS)

    def _empty(self) -> None:
        self.order = {}
        self.lines = []
        self.history = []
        self._allow_nothing()

    def _order_id(self) -> int | None:
        return routes.id_from_path(self.router.url.path)

    def _show(self, session: Session, actor: User) -> None:
        detail = orders.order_detail(session=session, actor=actor, order_id=self._order_id())
        self.lines = [flat(line) for line in detail.pop("lines")]
        self.history = [flat(entry) for entry in detail.pop("history")]
        transitions = detail.pop("transitions")
        can_cancel = detail.pop("can_cancel")
        self.order = flat(detail)
        self._allow(actor, transitions, cancellable=bool(can_cancel))

    def confirm_cancel(self):
        """Cancel the order (its customer, while it is submitted)."""
        order_id = self._order_id()
        self._change(
            lambda session, actor: orders.cancel_order(
                session=session, actor=actor, order_id=order_id
            ),
            "order.cancelled_notice",
        )

    def transition(self, form_data: dict):
        """An agent sets the next status (a tracking number with Dispatched)."""
        status = form_field(form_data, "status")
        tracking = form_field(form_data, "tracking_number")
        order_id = self._order_id()
        if self._change(
            lambda session, actor: orders.transition_order(
                session=session,
                actor=actor,
                order_id=order_id,
                to_status=status,
                tracking_number=tracking if isinstance(tracking, str) else "",
            ),
            "order.status_changed",
        ):
            self.form_key += 1


class DeskOrdersState(PagedList, AuthState):
    """Provider agents: consumables orders across customers, by status."""

    status: str = "open"

    def _go_to(self, page: Any) -> None:
        with session_scope() as session:
            actor = self._actor(session)
            if actor is None or not actor.has_role(Role.AGENT):
                self._clear_page(denied=actor is not None)
                return
            result = orders.list_orders(
                session=session,
                actor=actor,
                view="open" if self.status == "open" else "history",
                status=self.status,
                page=page,
                page_size=25,
            )
        self._show_rows(result, [flat(r) for r in result.rows])
        self.denied = False
        self.loaded = True

    @page_load
    def load(self):
        """on_load: the first page of the chosen status."""
        self._go_to(1)

    def set_status(self, status: str):
        """Show the open orders, all, or one status."""
        self.status = status if status in ("open", "all", *orders.STATUSES) else "open"
        self._go_to(1)
