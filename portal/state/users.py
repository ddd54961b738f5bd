"""State of the users page (SPEC A7, A8): the list by status, actions per user, invitations.

Every handler is an endpoint any browser can call with any arguments: it
resolves the signed-in user first, then calls ``portal.services.users`` or
``portal.services.invitations``, which decide whether this user may do it and
whether the ids belong to their organisation. A refusal changes nothing and
leaves a message key; the vars hold plain dicts, ids and message keys only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlmodel import Session

from portal.db import session_scope
from portal.errors import NotFound, PermissionDenied, ValidationFailed
from portal.models import Role, User, UserStatus
from portal.services import invitations, users
from portal.services.listing import clean_query
from portal.state.auth import AuthState, page_load
from portal.state.detail import ScopedPage
from portal.state.listing import PagedList

USER_STATUSES = users.USER_STATUSES
ROLES = users.ASSIGNABLE_ROLES
MAX_PICKED_PRODUCTS = 200


def _field(form_data: Any, name: str) -> str:
    """One text field of a submitted form (anything else counts as empty)."""
    if not isinstance(form_data, dict):
        return ""
    value = form_data.get(name, "")
    return value.strip()[:300] if isinstance(value, str) else ""


def _toggle(values: list, value: Any) -> list:
    return [v for v in values if v != value] if value in values else [*values, value]


class UsersState(ScopedPage, PagedList, AuthState):
    """Administration: the users of the organisation, their status, roles and scope."""

    status: str = UserStatus.ACTIVE.value
    last_name: str = ""
    counts: dict[str, int] = dict.fromkeys(USER_STATUSES, 0)
    can_manage: bool = False
    notice: str = ""
    error: str = ""

    delete_id: int = 0
    delete_name: str = ""

    edit_id: int = 0
    edit_name: str = ""
    edit_roles: list[str] = []
    edit_products: list[dict[str, Any]] = []
    edit_group_ids: list[int] = []
    edit_query: str = ""
    edit_results: list[dict[str, Any]] = []
    edit_error: str = ""

    groups: list[dict[str, Any]] = []
    invite_roles: list[str] = []
    invite_products: list[dict[str, Any]] = []
    invite_group_ids: list[int] = []
    invite_query: str = ""
    invite_results: list[dict[str, Any]] = []
    invite_errors: dict[str, str] = {}
    invite_form_key: int = 0

    def _forget(self, *, denied: bool) -> None:
        """Drop everything shown: nobody is signed in, or this user may not manage users."""
        self._clear_page(denied=denied)
        self.counts = dict.fromkeys(USER_STATUSES, 0)
        self.groups = []
        self.can_manage = False
        self._close_edit()
        self.delete_id = 0
        self.delete_name = ""
        self.invite_products = []
        self.invite_results = []

    def _close_edit(self) -> None:
        self.edit_id = 0
        self.edit_name = ""
        self.edit_roles = []
        self.edit_products = []
        self.edit_group_ids = []
        self.edit_query = ""
        self.edit_results = []
        self.edit_error = ""

    def _refresh(self, session: Session, actor: User, page: int | None = None) -> None:
        result, counts = users.list_users(
            session=session,
            actor=actor,
            status=self.status,
            last_name=self.last_name,
            page=self.page_number if page is None else page,
        )
        self._show_rows(result)
        self.counts = counts
        self.can_manage = actor.has_role(Role.ADMINISTRATOR) and actor.organisation_id is not None
        self.groups = (
            users.organisation_groups(session=session, actor=actor) if self.can_manage else []
        )
        self.denied = False
        self.loaded = True

    def _act(
        self,
        change: Callable[[Session, User], Any],
        *,
        done: str = "",
        page: int | None = None,
    ) -> bool:
        """Resolve the actor and run ``change`` in one transaction, then reload the list.

        The list is reloaded in a new transaction as whoever the actor is now:
        an administrator who suspended or demoted themselves sees what is left
        to them, while the change stays. A refusal rolls the transaction back
        and leaves a message key in ``error``.

        Returns:
            Whether the change went through.
        """
        self.notice = ""
        self.error = ""
        try:
            if not self._run(change):
                return False
        except NotFound as exc:
            self.error = str(exc)
            self._reload()
            return False
        except ValidationFailed as exc:
            self.error = next(iter(exc.errors.values()), "")
            self._reload()
            return False
        self._reload(page)
        self.notice = done
        return True

    def _denied_with(self, message: str) -> None:
        self.error = message

    def _reload(self, page: int | None = None) -> None:
        """Show the current state of the database (as the current actor)."""
        self._run(lambda session, actor: self._refresh(session, actor, page), report=False)

    def _user_action(self, action: Callable[..., Any], user_id: Any, done: str) -> None:
        self._act(
            lambda session, actor: action(session=session, actor=actor, user_id=user_id), done=done
        )

    @page_load
    def load(self):
        """on_load: the first page of the chosen status."""
        self._close_edit()
        self.delete_id = 0
        self.invite_errors = {}
        self._act(lambda session, actor: None)

    def search(self, form_data: dict):
        """Search by last name; starts again at page 1."""
        self.last_name = clean_query(_field(form_data, "last_name"))
        self._act(lambda session, actor: None, page=1)

    def clear_search(self):
        """Show all users of the chosen status again."""
        self.last_name = ""
        self._act(lambda session, actor: None, page=1)

    def set_status(self, status: str):
        """Show the users of one status (Active, Pending, Inactive, Rejected)."""
        if status not in USER_STATUSES:
            return
        self.status = status
        self._act(lambda session, actor: None, page=1)

    def _go_to(self, page: int) -> None:
        self._act(lambda session, actor: None, page=page)

    def approve(self, user_id: int):
        """Approve a pending registrant."""
        self._user_action(users.approve, user_id, "users.done.approved")

    def reject(self, user_id: int):
        """Reject a pending registrant."""
        self._user_action(users.reject, user_id, "users.done.rejected")

    def suspend(self, user_id: int):
        """Suspend an active user; their sessions end at once."""
        self._user_action(users.suspend, user_id, "users.done.suspended")

    def reactivate(self, user_id: int):
        """Reactivate a suspended user."""
        self._user_action(users.reactivate, user_id, "users.done.reactivated")

    def ask_delete(self, user_id: int):
        """Open the confirmation before deleting a user of this list."""
        row = next((r for r in self.rows if r.get("id") == user_id), None)
        if row is None:
            return
        self.delete_id = row["id"]
        self.delete_name = f"{row['first_name']} {row['last_name']}".strip() or row["email"]

    def cancel_delete(self):
        """Close the confirmation without deleting."""
        self.delete_id = 0
        self.delete_name = ""

    def set_delete_open(self, is_open: bool):
        """The dialog was closed (Escape, click outside)."""
        if not is_open:
            self.cancel_delete()

    def confirm_delete(self):
        """Delete the user whose deletion was confirmed."""
        user_id = self.delete_id
        self.delete_id = 0
        self.delete_name = ""
        if user_id:
            self._user_action(users.delete, user_id, "users.done.deleted")

    def resend_invitation(self, user_id: int):
        """Send an invitation again with a new link."""
        self._user_action(invitations.resend, user_id, "users.done.resent")

    def revoke_invitation(self, user_id: int):
        """Withdraw an invitation."""
        self._user_action(invitations.revoke, user_id, "users.done.revoked")

    def toggle_invite_role(self, role: str):
        """Tick or untick a role in the invitation form."""
        if role in ROLES:
            self.invite_roles = _toggle(self.invite_roles, role)

    def toggle_invite_group(self, group_id: int):
        """Tick or untick a group in the invitation form."""
        if any(g["id"] == group_id for g in self.groups):
            self.invite_group_ids = _toggle(self.invite_group_ids, group_id)

    def _find_products(self, query: str) -> list[dict[str, Any]]:
        try:
            with session_scope() as session:
                actor = self._actor(session)
                if actor is None:
                    return []
                return users.find_products(session=session, actor=actor, serial=query)
        except PermissionDenied:
            return []

    def search_invite_products(self, query: str):
        """Products of the organisation whose serial contains what is typed."""
        self.invite_query = clean_query(query)
        self.invite_results = self._find_products(self.invite_query)

    def add_invite_product(self, product_id: int):
        """Add a product of the search results to the invitation."""
        row = next((r for r in self.invite_results if r["id"] == product_id), None)
        if row is None or any(p["id"] == product_id for p in self.invite_products):
            return
        if len(self.invite_products) < MAX_PICKED_PRODUCTS:
            self.invite_products = [*self.invite_products, row]

    def remove_invite_product(self, product_id: int):
        """Take a product off the invitation."""
        self.invite_products = [p for p in self.invite_products if p["id"] != product_id]

    def invite(self, form_data: dict):
        """Invite a colleague with the roles, products and groups chosen."""
        self.invite_errors = {}
        errors: dict[str, str] = {}

        def send(session: Session, actor: User) -> None:
            try:
                invitations.invite(
                    session=session,
                    actor=actor,
                    email=_field(form_data, "email"),
                    first_name=_field(form_data, "first_name"),
                    last_name=_field(form_data, "last_name"),
                    roles=list(self.invite_roles),
                    product_ids=[p["id"] for p in self.invite_products],
                    group_ids=list(self.invite_group_ids),
                    language=_field(form_data, "language") or self.lang,
                )
            except ValidationFailed as exc:
                errors.update(exc.errors)
                raise

        if self._act(send, done="users.done.invited"):
            self.invite_roles = []
            self.invite_products = []
            self.invite_group_ids = []
            self.invite_query = ""
            self.invite_results = []
            self.invite_form_key += 1
            if self.status == UserStatus.PENDING.value:
                return
            self.status = UserStatus.PENDING.value
            self._act(lambda session, actor: None, page=1, done="users.done.invited")
        elif errors:
            self.error = ""
            self.invite_errors = {field: self._t(key) for field, key in errors.items()}

    def open_edit(self, user_id: int):
        """Open the panel to change a user's roles, products and groups."""

        def show(session: Session, actor: User) -> None:
            detail = users.user_detail(session=session, actor=actor, user_id=user_id)
            self._close_edit()
            self.edit_id = detail["id"]
            self.edit_name = detail["name"]
            self.edit_roles = detail["roles"]
            self.edit_products = detail["products"]
            self.edit_group_ids = detail["group_ids"]

        self._act(show)

    def close_edit(self):
        """Close the panel without saving."""
        self._close_edit()

    def set_edit_open(self, is_open: bool):
        """The panel was closed (Escape, click outside)."""
        if not is_open:
            self._close_edit()

    def toggle_edit_role(self, role: str):
        """Tick or untick a role in the panel."""
        if self.edit_id and role in ROLES:
            self.edit_roles = _toggle(self.edit_roles, role)

    def toggle_edit_group(self, group_id: int):
        """Tick or untick a group in the panel."""
        if self.edit_id and any(g["id"] == group_id for g in self.groups):
            self.edit_group_ids = _toggle(self.edit_group_ids, group_id)

    def search_edit_products(self, query: str):
        """Products of the organisation whose serial contains what is typed."""
        self.edit_query = clean_query(query)
        self.edit_results = self._find_products(self.edit_query) if self.edit_id else []

    def add_edit_product(self, product_id: int):
        """Assign a product of the search results to the user being edited."""
        row = next((r for r in self.edit_results if r["id"] == product_id), None)
        if row is None or any(p["id"] == product_id for p in self.edit_products):
            return
        if len(self.edit_products) < MAX_PICKED_PRODUCTS:
            self.edit_products = [*self.edit_products, row]

    def remove_edit_product(self, product_id: int):
        """Take a product off the user being edited."""
        self.edit_products = [p for p in self.edit_products if p["id"] != product_id]

    def save_edit(self):
        """Save roles, products and groups of the user being edited, in one transaction."""
        user_id = self.edit_id
        if not user_id:
            return
        roles = list(self.edit_roles)
        product_ids = [p["id"] for p in self.edit_products]
        group_ids = list(self.edit_group_ids)

        def save(session: Session, actor: User) -> None:
            users.change_roles(session=session, actor=actor, user_id=user_id, roles=roles)
            users.assign(
                session=session,
                actor=actor,
                user_id=user_id,
                product_ids=product_ids,
                group_ids=group_ids,
            )

        if self._act(save, done="users.done.saved"):
            self._close_edit()
        elif self.edit_id and self.error:
            self.edit_error = self.error
            self.error = ""
