"""States of the move requests (SPEC C5), the other requests (SPEC C6) and the agents' list.

Every handler is an endpoint any browser can call with any arguments: it
resolves the signed-in user first, then calls ``portal.services.requests``,
which decides whether this user may do it and whether the ids are in their
scope. A refusal changes nothing and leaves a message key; vars hold plain
dicts of text and message keys only. The request shown on a detail page is
always the one in the page's path, read again on every event.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any, ClassVar

import reflex as rx
from sqlmodel import Session

from portal import clock, routes
from portal.db import session_scope
from portal.errors import NotFound, PermissionDenied, ValidationFailed
from portal.models import Role, User
from portal.services import requests, scope
from portal.services.listing import Page, clean_query
from portal.state.auth import AuthState, page_load
from portal.state.detail import (
    RecordPage,
    ScopedPage,
    StatusRecordPage,
    blank,
    field_errors,
    form_field,
)

MOVE_FIELDS = (
    "product_id",
    "new_address",
    "new_postal_code",
    "new_city",
    "new_floor",
    "new_room",
    "desired_date",
    "contact_name",
    "contact_phone",
    "notes",
)
INQUIRY_FIELDS = ("account_id", "product_id", "subject", "text", "preferred_time")
TRANSITION_FIELDS = ("status", "scheduled_for", "note")


def _text_rows(rows: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [{k: "" if v is None else str(v) for k, v in row.items()} for row in rows]


def _last_segment(path: str) -> str:
    return (path or "").rstrip("/").rsplit("/", 1)[-1]


class ProductPicker(rx.State, mixin=True):
    """Choosing one of the visible products by its serial (move and product requests)."""

    product_query: str = ""
    product_results: list[dict[str, str]] = []
    product_searched: bool = False
    chosen_product_id: str = ""
    chosen_product: dict[str, str] = {}
    picker_error: str = ""

    def _reset_picker(self) -> None:
        self.product_query = ""
        self.product_results = []
        self.product_searched = False
        self.chosen_product_id = ""
        self.chosen_product = {}
        self.picker_error = ""

    def _search(self, session: Session, actor: User, query: str) -> None:
        self.product_results = requests.product_choices(session=session, actor=actor, query=query)
        self.product_query = query
        self.product_searched = True

    def _choose(self, session: Session, actor: User, product_id: Any) -> None:
        row = requests.product_choice(session=session, actor=actor, product_id=product_id)
        self.chosen_product_id = row["id"]
        self.chosen_product = row
        self.product_results = []
        self.product_searched = False
        self.picker_error = ""

    def _picker_event(self, change: Callable[[Session, User], None]) -> None:
        try:
            with session_scope() as session:
                actor = self._actor(session)
                if actor is None:
                    self._reset_picker()
                    return
                change(session, actor)
        except PermissionDenied:
            self._reset_picker()
            self.picker_error = scope.PERMISSION_DENIED
        except NotFound:
            self.chosen_product_id = ""
            self.chosen_product = {}
            self.picker_error = scope.NOT_FOUND

    def search_products(self, form_data: dict):
        """Look for visible active products whose serial contains the typed text."""
        query = clean_query(form_field(form_data, "query"))
        self._picker_event(lambda session, actor: self._search(session, actor, query))

    def choose_product(self, product_id: str):
        """Take one product for the form (checked against the scope again on submit)."""
        self._picker_event(lambda session, actor: self._choose(session, actor, product_id))

    def change_product(self):
        """Drop the chosen product and show the choices again."""
        self._picker_event(lambda session, actor: self._unchoose(session, actor))

    def _unchoose(self, session: Session, actor: User) -> None:
        self.chosen_product_id = ""
        self.chosen_product = {}
        self._search(session, actor, "")


class RequestHistoryPage(ProductPicker, ScopedPage, mixin=True):
    """A request form above the history of the user's requests of its kind.

    The class using it names its form's fields in ``form_fields`` (and sets
    ``errors`` to ``blank(form_fields)``) and provides ``_list(session, actor,
    page)``, which shows a page of the history through ``_show_history``;
    ``_takes_product``, whether the form is about one product; ``_prepare_form``,
    the form's choices once the history is shown; and ``_chosen_field``, the
    field whose chosen record may turn out not to be found.
    """

    form_fields: ClassVar[tuple[str, ...]] = ()
    can_create: bool = False
    errors: dict[str, str] = {}
    notice: str = ""
    error: str = ""
    rows: list[dict[str, str]] = []
    total: int = 0
    page: int = 1
    pages: int = 1
    form_key: int = 0

    def _forget(self, *, denied: bool) -> None:
        self._reset_picker()
        self.rows = []
        self.total = 0
        self.page = 1
        self.pages = 1
        self.can_create = False
        self.denied = denied
        self.loaded = True

    def _denied_with(self, message: str) -> None:
        self.error = message

    def _show_history(self, actor: User, page: Page) -> None:
        self.rows = _text_rows(page.rows)
        self.total = page.total
        self.page = page.page
        self.pages = page.pages
        self.can_create = actor.has_role(*requests.CUSTOMER_ROLES)
        self.denied = False
        self.loaded = True

    def _refresh(self, session: Session, actor: User) -> None:
        self._list(session, actor, 1)
        self._prepare_form(session, actor)

    def _send(self, create: Callable[[Session, User], None], notice: str) -> None:
        """Create the request; its field messages, or ``notice`` and an empty form."""
        self.notice = ""
        self.error = ""
        try:
            done = self._run(create)
        except ValidationFailed as exc:
            self.errors = field_errors(self.form_fields, exc.errors)
            return
        except NotFound as exc:
            field = self._chosen_field()
            self.errors = field_errors(self.form_fields, {field: str(exc)})
            if field == "product_id":
                self.chosen_product_id = ""
                self.chosen_product = {}
            return
        if not done:
            return
        self.errors = blank(self.form_fields)
        self.notice = notice
        self.form_key += 1
        self._reset_picker()
        self._run(self._refresh)

    @page_load
    def load(self):
        """on_load: the form (with the product of ``?product=<id>`` chosen) and page 1."""
        wanted = self.router.url.query_parameters.get("product", "")
        self.notice = ""
        self.error = ""
        self.errors = blank(self.form_fields)
        self._reset_picker()

        def show(session: Session, actor: User) -> None:
            self._list(session, actor, 1)
            if self.can_create and wanted and self._takes_product():
                try:
                    self._choose(session, actor, wanted)
                except NotFound:
                    self.picker_error = scope.NOT_FOUND
            self._prepare_form(session, actor)

        self._run(show)

    def go_page(self, page: int):
        """Show another page of the history."""
        self._run(lambda session, actor: self._list(session, actor, page))


class MoveState(RequestHistoryPage, AuthState):
    """The move request form and the history of move requests (SPEC C5)."""

    form_fields: ClassVar[tuple[str, ...]] = MOVE_FIELDS
    errors: dict[str, str] = blank(MOVE_FIELDS)
    today: str = ""
    max_date: str = ""

    def _forget(self, *, denied: bool) -> None:
        super()._forget(denied=denied)
        self.errors = blank(MOVE_FIELDS)

    def _list(self, session: Session, actor: User, page: Any) -> None:
        self._show_history(actor, requests.list_moves(session=session, actor=actor, page=page))
        today = clock.now().date()
        self.today = today.isoformat()
        self.max_date = (today + timedelta(days=requests.MAX_DAYS_AHEAD)).isoformat()

    def _takes_product(self) -> bool:
        return True

    def _prepare_form(self, session: Session, actor: User) -> None:
        if self.can_create and not self.chosen_product_id:
            self._search(session, actor, "")

    def _chosen_field(self) -> str:
        return "product_id"

    def submit(self, form_data: dict):
        """Send the move request for the chosen product."""
        values = {name: form_field(form_data, name) for name in MOVE_FIELDS if name != "product_id"}
        data = requests.MoveCreate(product_id=self.chosen_product_id or None, **values)
        self._send(
            lambda session, actor: requests.create_move(session=session, actor=actor, data=data),
            "move.created",
        )


class MoveDetailState(StatusRecordPage, AuthState):
    """One move request with its status history; customers cancel, agents move it on."""

    transition_fields: ClassVar[tuple[str, ...]] = TRANSITION_FIELDS
    move: dict[str, str] = {}
    history: list[dict[str, str]] = []
    errors: dict[str, str] = blank(TRANSITION_FIELDS)

    def _empty(self) -> None:
        self.move = {}
        self.history = []
        self._allow_nothing()

    def _show(self, session: Session, actor: User) -> None:
        detail = requests.move_detail(
            session=session, actor=actor, move_id=routes.id_from_path(self.router.url.path)
        )
        self.history = _text_rows(detail.pop("history"))
        transitions = detail.pop("transitions")
        self.move = {k: str(v) for k, v in detail.items()}
        self._allow(actor, transitions, cancellable=requests.CANCELLED in transitions)

    def confirm_cancel(self):
        """Cancel the move request (customers, after the confirmation)."""
        move_id = routes.id_from_path(self.router.url.path)
        self._change(
            lambda session, actor: requests.transition_move(
                session=session, actor=actor, move_id=move_id, to_status=requests.CANCELLED
            ),
            "move.cancelled_notice",
        )

    def transition(self, form_data: dict):
        """An agent sets the next status (with a planned date when scheduling and a note)."""
        move_id = routes.id_from_path(self.router.url.path)
        status = form_field(form_data, "status")
        scheduled_for = form_field(form_data, "scheduled_for")
        note = form_field(form_data, "note") or ""
        if self._change(
            lambda session, actor: requests.transition_move(
                session=session,
                actor=actor,
                move_id=move_id,
                to_status=status,
                note=note,
                scheduled_for=scheduled_for if isinstance(scheduled_for, str) else None,
            ),
            "move.status_changed",
        ):
            self.form_key += 1


class RequestsState(RequestHistoryPage, AuthState):
    """The form and history of one kind of request (SPEC C6), kind from the path."""

    form_fields: ClassVar[tuple[str, ...]] = INQUIRY_FIELDS
    kind: str = ""
    unknown_kind: bool = False
    accounts: list[dict[str, str]] = []
    errors: dict[str, str] = blank(INQUIRY_FIELDS)

    def _path_kind(self) -> str:
        return requests.clean_kind(_last_segment(self.router.url.path))

    def _forget(self, *, denied: bool) -> None:
        super()._forget(denied=denied)
        self.accounts = []

    def _list(self, session: Session, actor: User, page: Any) -> None:
        self._show_history(
            actor,
            requests.list_inquiries(session=session, actor=actor, kind=self.kind, page=page),
        )

    def _run(self, change: Callable[[Session, User], None]) -> bool:
        self.kind = self._path_kind()
        self.unknown_kind = not self.kind
        if self.unknown_kind:
            self._forget(denied=False)
            return False
        return super()._run(change)

    def _takes_product(self) -> bool:
        return self.kind in requests.PRODUCT_KINDS

    def _prepare_form(self, session: Session, actor: User) -> None:
        self.accounts = []
        if not self.can_create:
            return
        if self.kind == requests.ACCOUNT_INQUIRY:
            self.accounts = requests.account_choices(session=session, actor=actor)
        if self.kind in requests.PRODUCT_KINDS and not self.chosen_product_id:
            self._search(session, actor, "")

    def _chosen_field(self) -> str:
        return "account_id" if self.kind == requests.ACCOUNT_INQUIRY else "product_id"

    def submit(self, form_data: dict):
        """Send the request of the page's kind."""
        data = requests.InquiryCreate(
            account_id=form_field(form_data, "account_id") or None,
            product_id=self.chosen_product_id or None,
            subject=form_field(form_data, "subject"),
            text=form_field(form_data, "text"),
            preferred_time=form_field(form_data, "preferred_time"),
        )
        self._send(
            lambda session, actor: requests.create_inquiry(
                session=session, actor=actor, kind=self.kind, data=data
            ),
            "request.created",
        )


class RequestDetailState(RecordPage, AuthState):
    """One request with its history; agents answer, the customer or an agent closes."""

    request: dict[str, str] = {}
    history: list[dict[str, str]] = []
    can_answer: bool = False
    can_close: bool = False
    answer_error: str = ""

    def _empty(self) -> None:
        self.request = {}
        self.history = []
        self.can_answer = False
        self.can_close = False

    def _show(self, session: Session, actor: User) -> None:
        detail = requests.inquiry_detail(
            session=session,
            actor=actor,
            inquiry_id=routes.id_from_path(self.router.url.path),
        )
        self.history = _text_rows(detail.pop("history"))
        self.can_answer = bool(detail.pop("can_answer"))
        self.can_close = bool(detail.pop("can_close"))
        self.request = {k: str(v) for k, v in detail.items()}

    def _confirmable(self) -> bool:
        return self.can_close

    def _clear_errors(self) -> None:
        self.answer_error = ""

    def _refused(self, errors: dict[str, str]) -> None:
        self.answer_error = errors.get("text", "")
        self.error = errors.get("status", "") or errors.get("note", "")

    def answer(self, form_data: dict):
        """An agent answers; the answer goes into the history and to the customer by e-mail."""
        inquiry_id = routes.id_from_path(self.router.url.path)
        text = form_field(form_data, "text")
        if self._change(
            lambda session, actor: requests.answer_inquiry(
                session=session, actor=actor, inquiry_id=inquiry_id, text=text
            ),
            "request.answered_notice",
        ):
            self.form_key += 1

    def confirm_close(self):
        """Close the request (after the confirmation)."""
        inquiry_id = routes.id_from_path(self.router.url.path)
        self._change(
            lambda session, actor: requests.close_inquiry(
                session=session, actor=actor, inquiry_id=inquiry_id
            ),
            "request.closed_notice",
        )


DESK_MOVE_FILTERS = ("open", *requests.MOVE_STATUSES, "all")
DESK_INQUIRY_FILTERS = ("active", *requests.INQUIRY_STATUSES, "all")


class DeskRequestsState(ScopedPage, AuthState):
    """Provider agents: move requests and other requests across customers."""

    move_status: str = "open"
    moves: list[dict[str, str]] = []
    move_total: int = 0
    move_page: int = 1
    move_pages: int = 1
    inquiry_status: str = "active"
    inquiries: list[dict[str, str]] = []
    inquiry_total: int = 0
    inquiry_page: int = 1
    inquiry_pages: int = 1

    def _forget(self, *, denied: bool) -> None:
        self.moves = []
        self.inquiries = []
        self.move_total = self.inquiry_total = 0
        self.move_page = self.move_pages = self.inquiry_page = self.inquiry_pages = 1
        self.denied = denied
        self.loaded = True

    def _refresh(self, move_page: Any, inquiry_page: Any) -> None:
        def show(session: Session, actor: User) -> None:
            scope.require_role(actor, Role.AGENT)
            moves = requests.list_moves(
                session=session, actor=actor, status=self.move_status, page=move_page
            )
            inquiries = requests.list_inquiries(
                session=session, actor=actor, status=self.inquiry_status, page=inquiry_page
            )
            self.moves = _text_rows(moves.rows)
            self.move_total, self.move_page, self.move_pages = moves.total, moves.page, moves.pages
            self.inquiries = _text_rows(inquiries.rows)
            self.inquiry_total = inquiries.total
            self.inquiry_page = inquiries.page
            self.inquiry_pages = inquiries.pages
            self.denied = False
            self.loaded = True

        self._run(show)

    @page_load
    def load(self):
        """on_load: open move requests and active requests, page 1 of each."""
        self._refresh(1, 1)

    def set_move_status(self, status: str):
        """Filter the move requests by status (whitelisted)."""
        self.move_status = status if status in DESK_MOVE_FILTERS else "open"
        self._refresh(1, self.inquiry_page)

    def set_inquiry_status(self, status: str):
        """Filter the other requests by status (whitelisted)."""
        self.inquiry_status = status if status in DESK_INQUIRY_FILTERS else "active"
        self._refresh(self.move_page, 1)

    def go_move_page(self, page: int):
        """Another page of move requests."""
        self._refresh(page, self.inquiry_page)

    def go_inquiry_page(self, page: int):
        """Another page of the other requests."""
        self._refresh(self.move_page, page)
