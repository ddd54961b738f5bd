"""State of the groups page (SPEC B5): administrators organise products and users in groups.

Every handler is an endpoint any browser can call with any arguments: it
resolves the signed-in user first, then calls ``portal.services.groups``,
which decides whether this user may do it and whether the ids belong to their
organisation. A refusal changes nothing and leaves a message; the vars hold
plain dicts and message keys only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx
from sqlmodel import Session

from portal.errors import NotFound, ValidationFailed
from portal.models import User
from portal.services import groups
from portal.services.listing import clean_query
from portal.state.auth import AuthState, page_load
from portal.state.detail import ScopedPage, form_field

NEW_NAME_INPUT = "new-group-name"
PICKER_LIMIT = 20


class GroupsState(ScopedPage, AuthState):
    """Administration: the organisation's groups and the selected group's members."""

    groups: list[dict[str, Any]] = []
    selected_id: int = 0
    group_name: str = ""
    products: list[dict[str, Any]] = []
    users: list[dict[str, Any]] = []
    product_query: str = ""
    product_results: list[dict[str, Any]] = []
    product_searched: bool = False
    user_query: str = ""
    user_results: list[dict[str, Any]] = []
    user_searched: bool = False
    new_name_error: str = ""
    rename_error: str = ""
    notice: str = ""
    error: str = ""
    just_created: bool = False
    confirm_delete_open: bool = False

    def _deselect(self) -> None:
        self.selected_id = 0
        self.group_name = ""
        self.products = []
        self.users = []
        self.rename_error = ""
        self.just_created = False
        self.confirm_delete_open = False
        self._clear_pickers()

    def _clear_pickers(self) -> None:
        self.product_query = ""
        self.product_results = []
        self.product_searched = False
        self.user_query = ""
        self.user_results = []
        self.user_searched = False

    def _forget(self, *, denied: bool) -> None:
        """Drop everything shown: nobody is signed in, or this user may not see groups."""
        self.groups = []
        self._deselect()
        self.new_name_error = ""
        self.notice = ""
        self.denied = denied
        self.loaded = True

    def _show(self, session: Session, actor: User, group_id: Any) -> None:
        """Show one group's detail (raises NotFound for a group outside the organisation)."""
        detail = groups.group_detail(session=session, actor=actor, group_id=group_id)
        if detail["id"] != self.selected_id:
            self._clear_pickers()
            self.rename_error = ""
            self.just_created = False
            self.confirm_delete_open = False
        self.selected_id = detail["id"]
        self.group_name = detail["name"]
        self.products = detail["products"]
        self.users = detail["users"]

    def _refresh(self, session: Session, actor: User) -> None:
        """Reload the list, the selected group and the open picker results."""
        self.groups = groups.list_groups(session=session, actor=actor)
        if self.selected_id:
            try:
                self._show(session, actor, self.selected_id)
            except NotFound:
                self._deselect()
        if self.selected_id and self.product_searched:
            self.product_results = groups.candidate_products(
                session=session,
                actor=actor,
                group_id=self.selected_id,
                query=self.product_query,
                limit=PICKER_LIMIT,
            )
        if self.selected_id and self.user_searched:
            self.user_results = groups.candidate_users(
                session=session,
                actor=actor,
                group_id=self.selected_id,
                query=self.user_query,
                limit=PICKER_LIMIT,
            )
        self.denied = False
        self.loaded = True

    def _act(
        self,
        change: Callable[[Session, User], None],
        *,
        done: str = "",
        name_field: str = "",
    ) -> bool:
        """Resolve the actor, run ``change`` in one transaction, then reload what is shown.

        A refusal rolls the transaction back and leaves a message key in
        ``error`` (or, for a rejected name, in the var ``name_field``).

        Returns:
            Whether the change went through.
        """
        self.notice = ""
        self.error = ""

        def change_and_refresh(session: Session, actor: User) -> None:
            change(session, actor)
            self._refresh(session, actor)

        try:
            if not self._run(change_and_refresh):
                return False
        except NotFound as exc:
            self.error = str(exc)
            self._reload()
            return False
        except ValidationFailed as exc:
            if name_field:
                setattr(self, name_field, exc.errors.get("name", ""))
            return False
        if name_field:
            setattr(self, name_field, "")
        self.notice = done
        return True

    def _denied_with(self, message: str) -> None:
        self.error = message

    def _reload(self) -> None:
        """Show the current state of the database again after a refusal."""
        self._run(self._refresh, report=False)

    @page_load
    def load(self):
        """on_load: the list of groups, and the group named by ``?group=<id>`` if any."""
        wanted = self.router.url.query_parameters.get("group", "")

        def show(session: Session, actor: User) -> None:
            if not wanted:
                return
            try:
                self._show(session, actor, wanted)
            except NotFound as exc:
                self._deselect()
                self.error = str(exc)

        self._act(show)

    def select_group(self, group_id: int):
        """Show one group of the list with its products, users and pickers."""
        self._act(lambda session, actor: self._show(session, actor, group_id))

    def create(self, form_data: dict):
        """Step one of a new group: its name; then the page offers products and users."""

        def make(session: Session, actor: User) -> None:
            group = groups.create_group(
                session=session, actor=actor, name=form_field(form_data, "name")
            )
            self._show(session, actor, group.id)

        if self._act(make, done="group.created", name_field="new_name_error"):
            self.just_created = True
            return rx.set_value(NEW_NAME_INPUT, "")
        return None

    def rename(self, form_data: dict):
        """Give the selected group the name typed in the rename form."""
        self._act(
            lambda session, actor: groups.rename_group(
                session=session,
                actor=actor,
                group_id=self.selected_id,
                name=form_field(form_data, "name"),
            ),
            done="group.renamed",
            name_field="rename_error",
        )

    def request_delete(self):
        """Ask for confirmation before deleting the selected group."""
        if self._act(lambda session, actor: self._show(session, actor, self.selected_id)):
            self.confirm_delete_open = True

    def cancel_delete(self):
        """Close the confirmation without deleting."""
        self.confirm_delete_open = False

    def delete_dialog_changed(self, is_open: bool):
        """The confirmation was dismissed (Escape); it only ever opens through request_delete."""
        if not is_open:
            self.confirm_delete_open = False

    def confirm_delete(self):
        """Delete the selected group (after the confirmation)."""
        self.confirm_delete_open = False

        def delete(session: Session, actor: User) -> None:
            groups.delete_group(session=session, actor=actor, group_id=self.selected_id)
            self._deselect()

        self._act(delete, done="group.deleted")

    def search_products(self, form_data: dict):
        """Look for products of the organisation to add (serial, alternative name or city)."""
        query = clean_query(form_field(form_data, "query"))

        def search(session: Session, actor: User) -> None:
            self.product_results = groups.candidate_products(
                session=session,
                actor=actor,
                group_id=self.selected_id,
                query=query,
                limit=PICKER_LIMIT,
            )
            self.product_query = query
            self.product_searched = True

        self._act(search)

    def add_product(self, product_id: int):
        """Put one product of the organisation into the selected group."""
        self._act(
            lambda session, actor: groups.add_products(
                session=session, actor=actor, group_id=self.selected_id, product_ids=[product_id]
            ),
            done="group.product_added",
        )

    def remove_product(self, product_id: int):
        """Take one product out of the selected group."""
        self._act(
            lambda session, actor: groups.remove_product(
                session=session, actor=actor, group_id=self.selected_id, product_id=product_id
            ),
            done="group.product_removed",
        )

    def search_users(self, form_data: dict):
        """Look for active or pending users of the organisation to assign (name or e-mail)."""
        query = clean_query(form_field(form_data, "query"))

        def search(session: Session, actor: User) -> None:
            self.user_results = groups.candidate_users(
                session=session,
                actor=actor,
                group_id=self.selected_id,
                query=query,
                limit=PICKER_LIMIT,
            )
            self.user_query = query
            self.user_searched = True

        self._act(search)

    def assign_user(self, user_id: int):
        """Put one user of the organisation into the selected group."""
        self._act(
            lambda session, actor: groups.assign_users(
                session=session, actor=actor, group_id=self.selected_id, user_ids=[user_id]
            ),
            done="group.user_assigned",
        )

    def remove_user(self, user_id: int):
        """Take one user out of the selected group."""
        self._act(
            lambda session, actor: groups.remove_user(
                session=session, actor=actor, group_id=self.selected_id, user_id=user_id
            ),
            done="group.user_removed",
        )
