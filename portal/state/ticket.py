"""States of the new-ticket form (SPEC C2) and the ticket detail (SPEC C3).

Every handler is an endpoint any browser can call with any arguments. The
product id of the form and the ticket id of the detail are re-checked by the
services against the signed-in user's scope on every call; the detail takes
its ticket id from the page's URL, kept server-side in ``_ticket_id``.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from portal import routes
from portal.db import session_scope
from portal.errors import NotFound, PermissionDenied, ValidationFailed
from portal.services import tickets
from portal.services.tickets import TicketCreate
from portal.state.auth import AuthState, page_load
from portal.state.listing import form_text

FORM_FIELDS = (
    "product_id",
    "ticket_type",
    "error_code",
    "description",
    "your_reference",
    "contact_name",
    "contact_phone",
    "availability",
)
_NO_ERRORS = dict.fromkeys(FORM_FIELDS, "")
_MAX_SEARCH = 60


def _choice(product: dict[str, Any]) -> dict[str, str]:
    label = product["serial"]
    if product.get("model"):
        label = f"{label} · {product['model']}"
    if product.get("alternative_name"):
        label = f"{label} ({product['alternative_name']})"
    return {"id": str(product["id"]), "serial": product["serial"], "label": label}


def _contact_events(product: dict[str, Any]) -> list[Any]:
    """Prefill the contact fields with the location's on-site contact (the user may change it)."""
    return [
        rx.set_value(field, product[field])
        for field in ("contact_name", "contact_phone")
        if product.get(field)
    ]


class TicketNewState(AuthState):
    """New ticket: product picker, form with per-field errors, knowledge suggestions."""

    product_query: str = ""
    product_results: list[dict[str, str]] = []
    chosen_product_id: str = ""
    chosen_product_label: str = ""
    errors: dict[str, str] = _NO_ERRORS
    _typed_error_code: str = ""
    _typed_description: str = ""
    form_error: str = ""
    suggestions: list[dict[str, str]] = []
    has_products: bool = False
    denied: bool = False
    loaded: bool = False
    form_version: int = 0

    def _reset_form(self) -> None:
        self.product_query = ""
        self.product_results = []
        self.chosen_product_id = ""
        self.chosen_product_label = ""
        self.errors = dict(_NO_ERRORS)
        self.form_error = ""
        self.suggestions = []
        self._typed_error_code = ""
        self._typed_description = ""
        self.form_version += 1

    def _search(self, session, actor) -> None:
        found = tickets.visible_products_for_ticket(
            session=session, actor=actor, serial=self.product_query
        )
        self.product_results = [_choice(p) for p in found]

    @page_load
    def load(self):
        """on_load: a fresh form; ``?product=<id>`` preselects a product in scope."""
        self._reset_form()
        wanted = self.router.url.query_parameters.get("product", "")
        product = None
        with session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                self.loaded = True
                return None
            try:
                self._search(session, actor)
                if wanted:
                    try:
                        product = tickets.product_choice(
                            session=session, actor=actor, product_id=wanted
                        )
                    except NotFound:
                        product = None
                    if product is not None:
                        choice = _choice(product)
                        self.chosen_product_id = choice["id"]
                        self.chosen_product_label = choice["label"]
            except PermissionDenied:
                self.denied = True
                self.has_products = False
                self.loaded = True
                return None
        self.denied = False
        self.has_products = bool(self.product_results)
        self.loaded = True
        if wanted and product is not None:
            return _contact_events(product)
        return None

    def search_products(self, value: str):
        """Filter the product picker by part of a serial number."""
        self.product_query = form_text(value)[:_MAX_SEARCH]
        with session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                self.product_results = []
                return
            try:
                self._search(session, actor)
            except PermissionDenied:
                self.product_results = []
                self.denied = True

    def choose_product(self, product_id: str):
        """Pick a product; it must be an active product of the user's scope."""
        with session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                return None
            try:
                product = tickets.product_choice(
                    session=session, actor=actor, product_id=product_id
                )
            except (NotFound, PermissionDenied):
                self.chosen_product_id = ""
                self.chosen_product_label = ""
                self.errors = {**self.errors, "product_id": "error.not_found"}
                return None
        choice = _choice(product)
        self.chosen_product_id = choice["id"]
        self.chosen_product_label = choice["label"]
        self.errors = {**self.errors, "product_id": ""}
        return _contact_events(product)

    def clear_product(self):
        """Choose another product."""
        self.chosen_product_id = ""
        self.chosen_product_label = ""

    def suggest_error_code(self, value: str):
        """The error code was typed: look for knowledge suggestions."""
        self._typed_error_code = form_text(value)[:40]
        self._suggest()

    def suggest_description(self, value: str):
        """The description was typed: look for knowledge suggestions."""
        self._typed_description = form_text(value)[:4000]
        self._suggest()

    def _suggest(self) -> None:
        """Knowledge suggestions for what was typed so far (none until the search exists)."""
        with session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                self.suggestions = []
                return
            found = tickets.suggest_articles(
                session=session,
                actor=actor,
                product_id=self.chosen_product_id,
                error_code=self._typed_error_code,
                description=self._typed_description,
                language=self.lang,
            )
        self.suggestions = [
            {key: form_text(item.get(key, "")) for key in ("id", "title", "summary", "link")}
            for item in found
        ]

    def submit(self, form_data: dict):
        """Raise the ticket; on success open its detail page with the confirmation."""
        if not isinstance(form_data, dict):
            form_data = {}
        values = {name: form_text(form_data.get(name, "")) for name in FORM_FIELDS[1:]}
        data = TicketCreate(product_id=self.chosen_product_id or None, **values)
        with session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                return None
            try:
                ticket = tickets.create_ticket(session=session, actor=actor, data=data)
            except ValidationFailed as exc:
                self.errors = {**_NO_ERRORS, **{k: exc.errors[k] for k in exc.errors}}
                self.form_error = "ticket.form_invalid"
                return None
            except (NotFound, PermissionDenied):
                self.errors = {**_NO_ERRORS, "product_id": "error.not_found"}
                self.chosen_product_id = ""
                self.chosen_product_label = ""
                self.form_error = "ticket.form_invalid"
                return None
            target = f"{routes.ticket_link(ticket.id)}?created=1"
        self._reset_form()
        return rx.redirect(target)


class TicketState(AuthState):
    """Ticket detail: summary, SLA, updates, review and rating, notes."""

    _ticket_id: int | None = None
    found: bool = False
    loaded: bool = False
    just_created: bool = False

    ticket: dict[str, Any] = {}
    sla: dict[str, Any] = {}
    product: dict[str, Any] = {}
    activities: list[dict[str, Any]] = []
    reviews: list[dict[str, Any]] = []
    rating: int = 0
    rating_comment: str = ""
    can_add_note: bool = False
    can_rate: bool = False

    note_error: str = ""
    note_added: bool = False
    rating_error: str = ""
    comment_error: str = ""
    rated_now: bool = False
    form_version: int = 0

    def _clear(self) -> None:
        self.found = False
        self.ticket = {}
        self.sla = {}
        self.product = {}
        self.activities = []
        self.reviews = []
        self.rating = 0
        self.rating_comment = ""
        self.can_add_note = False
        self.can_rate = False
        self.loaded = True

    def _refresh(self, session, actor) -> None:
        try:
            detail = tickets.ticket_detail(session=session, actor=actor, ticket_id=self._ticket_id)
        except (NotFound, PermissionDenied):
            self._clear()
            return
        self.ticket = detail["ticket"]
        self.sla = detail["sla"]
        self.product = detail["product"]
        self.activities = detail["activities"]
        self.reviews = detail["reviews"]
        self.rating = detail["rating"] or 0
        self.rating_comment = detail["rating_comment"]
        self.can_add_note = detail["can_add_note"]
        self.can_rate = detail["can_rate"]
        self.found = True
        self.loaded = True

    @page_load
    def load(self):
        """on_load: the ticket named by the URL, if the user may see it."""
        self._ticket_id = routes.id_from_path(self.router.url.path)
        self.just_created = self.router.url.query_parameters.get("created", "") == "1"
        self.note_error = ""
        self.note_added = False
        self.rating_error = ""
        self.comment_error = ""
        self.rated_now = False
        self.form_version += 1
        with session_scope() as session:
            actor = self._actor(session)
            if actor is None or self._ticket_id is None:
                self._clear()
                return
            self._refresh(session, actor)

    def add_note(self, form_data: dict):
        """Add the customer's note to the open ticket."""
        text = form_text(form_data.get("note", "")) if isinstance(form_data, dict) else ""
        self.note_added = False
        self.just_created = False
        with session_scope() as session:
            actor = self._actor(session)
            if actor is None or self._ticket_id is None:
                self._clear()
                return
            try:
                tickets.add_note(
                    session=session, actor=actor, ticket_id=self._ticket_id, text=text[:5000]
                )
            except ValidationFailed as exc:
                self.note_error = exc.errors.get("text", "error.required")
                return
            except (NotFound, PermissionDenied):
                self.note_error = "error.permission_denied"
                return
            self.note_error = ""
            self.note_added = True
            self.form_version += 1
            self._refresh(session, actor)

    def rate(self, form_data: dict):
        """Rate the resolution (1–5) with an optional comment; once."""
        if not isinstance(form_data, dict):
            form_data = {}
        self.just_created = False
        with session_scope() as session:
            actor = self._actor(session)
            if actor is None or self._ticket_id is None:
                self._clear()
                return
            try:
                tickets.rate_resolution(
                    session=session,
                    actor=actor,
                    ticket_id=self._ticket_id,
                    rating=form_text(form_data.get("rating", "")),
                    comment=form_text(form_data.get("comment", ""))[:5000],
                )
            except ValidationFailed as exc:
                self.rating_error = exc.errors.get("rating", "")
                self.comment_error = exc.errors.get("comment", "")
                return
            except (NotFound, PermissionDenied):
                self.rating_error = "error.permission_denied"
                return
            self.rating_error = ""
            self.comment_error = ""
            self.rated_now = True
            self._refresh(session, actor)
