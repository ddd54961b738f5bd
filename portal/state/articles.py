"""State of article management (SPEC D3): list, create, edit, translate, publish.

Only provider agents and provider administrators may use it; every handler
re-checks that through the knowledge services, which raise ``PermissionDenied``
for anyone else, so a customer's browser calling these handlers changes nothing.
The article being edited is kept server-side in ``_article_id``.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from knowledge_index import languages_supported
from portal.db import session_scope
from portal.errors import NotFound, PermissionDenied, ValidationFailed
from portal.models import Role
from portal.services import knowledge
from portal.state.auth import AuthState, page_load
from portal.state.knowledge import language_label

FIELDS = ("error_codes", "model_names", "language", "title", "body")
_NO_ERRORS = dict.fromkeys(FIELDS, "")


def _text(value: Any, limit: int) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        return ""
    return str(value)[:limit]


class ArticleManageState(AuthState):
    """The management page: the article list, or the editor of one article."""

    allowed: bool = False
    loaded: bool = False
    list_query: str = ""
    rows: list[dict[str, str]] = []
    editing: bool = False
    _article_id: int | None = None
    article_label: str = ""
    codes: str = ""
    article_models: list[str] = []
    model_choices: list[str] = []
    language: str = "es"
    language_options: list[dict[str, str]] = []
    title: str = ""
    body: str = ""
    published: bool = False
    exists: bool = False
    view_link: str = ""
    errors: dict[str, str] = _NO_ERRORS
    message: str = ""
    form_error: str = ""
    _translations: dict[str, dict[str, Any]] = {}

    @rx.var
    def preview(self) -> str:
        """The body as the article page will render it (raw HTML removed)."""
        return knowledge.safe_markdown(self.body)

    def _deny(self) -> None:
        self.allowed = False
        self.rows = []
        self.editing = False
        self._article_id = None
        self._translations = {}
        self.title = ""
        self.body = ""
        self.codes = ""

    def _reload_list(self, session, actor) -> None:
        rows = knowledge.list_articles(
            session=session, actor=actor, query=self.list_query, language=self.lang
        )
        self.rows = [
            {
                "id": str(row["id"]),
                "title": row["title"],
                "codes": ", ".join(row["error_codes"]),
                "published": " ".join(code.upper() for code in row["published"]),
                "drafts": " ".join(code.upper() for code in row["drafts"]),
            }
            for row in rows
        ]

    @page_load
    def load(self):
        """on_load: the article list for agents; anyone else gets the no-permission view."""
        self.editing = False
        self.message = ""
        self.form_error = ""
        with session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                self._deny()
                self.loaded = True
                return
            try:
                self._reload_list(session, actor)
                self.model_choices = knowledge.model_names(session)
            except PermissionDenied:
                self._deny()
                self.loaded = True
                return
        self.allowed = True
        self.loaded = True

    def search(self, form_data: dict):
        """Filter the list by part of a title or code."""
        if not isinstance(form_data, dict):
            form_data = {}
        self.list_query = _text(form_data.get("query", ""), 100)
        with session_scope() as session:
            actor = self._actor(session)
            try:
                self._reload_list(session, actor)
            except PermissionDenied:
                self._deny()

    def _language_options(self, session) -> None:
        codes = list(knowledge.languages_in_use(session))
        codes += sorted(set(languages_supported()) - set(codes))
        labels = {
            True: self._t("kb.manage.status_published"),
            False: self._t("kb.manage.status_draft"),
        }
        options = []
        for code in codes:
            if len(code) != 2:
                continue
            state = self._translations.get(code)
            status = labels[state["published"]] if state else self._t("kb.manage.status_new")
            options.append({"code": code, "label": f"{language_label(self, code)} · {status}"})
        self.language_options = options

    def _show_language(self, code: str) -> None:
        self.language = code
        current = self._translations.get(code)
        self.title = current["title"] if current else ""
        self.body = current["body"] if current else ""
        self.published = bool(current and current["published"])
        self.exists = current is not None
        self.view_link = (
            knowledge.article_link(self._article_id, code) if self._article_id and current else ""
        )

    def _open(self, session, actor, article_id: Any, language: str) -> None:
        article = knowledge.article_for_edit(session=session, actor=actor, article_id=article_id)
        self._article_id = article["id"]
        self._translations = article["translations"]
        self.article_label = f"#{article['id']}"
        self.codes = ", ".join(article["error_codes"])
        self.article_models = article["models"]
        self.model_choices = knowledge.model_names(session)
        if language not in self._translations:
            language = self.lang if self.lang in self._translations else min(self._translations)
        self._language_options(session)
        self._show_language(language)

    def edit(self, article_id: str):
        """Open an article in the editor."""
        self.errors = dict(_NO_ERRORS)
        self.message = ""
        self.form_error = ""
        with session_scope() as session:
            actor = self._actor(session)
            try:
                self._open(session, actor, article_id, self.lang)
            except PermissionDenied:
                self._deny()
                return
            except NotFound:
                self.editing = False
                return
        self.editing = True

    def new(self):
        """An empty editor for a new article (saved as a draft)."""
        with session_scope() as session:
            actor = self._actor(session)
            if actor is None or not actor.has_role(Role.AGENT, Role.PROVIDER_ADMIN):
                self._deny()
                return
            self._article_id = None
            self._translations = {}
            self.article_label = ""
            self.codes = ""
            self.article_models = []
            self.model_choices = knowledge.model_names(session)
            self._language_options(session)
        self._show_language(self.lang)
        self.errors = dict(_NO_ERRORS)
        self.message = ""
        self.form_error = ""
        self.editing = True

    def back(self):
        """Close the editor and show the list again."""
        self.editing = False
        with session_scope() as session:
            actor = self._actor(session)
            try:
                self._reload_list(session, actor)
            except PermissionDenied:
                self._deny()

    def choose_language(self, code: str):
        """Edit another language of the article (a missing one is a new translation)."""
        if not isinstance(code, str) or code not in {o["code"] for o in self.language_options}:
            return
        self.message = ""
        self.errors = dict(_NO_ERRORS)
        self._show_language(code)

    def set_codes(self, value: str):
        """The error codes field changed."""
        self.codes = _text(value, 1000)

    def set_title(self, value: str):
        """The title field changed."""
        self.title = _text(value, knowledge.MAX_TITLE + 50)

    def set_body(self, value: str):
        """The body field changed."""
        self.body = _text(value, knowledge.MAX_BODY + 100)

    def toggle_model(self, name: str, checked: bool):
        """Tick or untick a model the article applies to."""
        if not isinstance(name, str) or name not in self.model_choices:
            return
        chosen = [m for m in self.article_models if m != name]
        if checked is True:
            chosen.append(name)
        self.article_models = [m for m in self.model_choices if m in chosen]

    def _save(self, session, actor) -> int:
        """Create or update the article and its text in the chosen language; return its id."""
        if self._article_id is None:
            article = knowledge.create_article(
                session=session,
                actor=actor,
                error_codes=self.codes,
                model_names=self.article_models,
                language=self.language,
                title=self.title,
                body=self.body,
            )
            return article.id
        knowledge.set_codes_and_models(
            session=session,
            actor=actor,
            article_id=self._article_id,
            error_codes=self.codes,
            model_names=self.article_models,
        )
        knowledge.update_translation(
            session=session,
            actor=actor,
            article_id=self._article_id,
            language=self.language,
            title=self.title,
            body=self.body,
        )
        return self._article_id

    def _run(self, publish: bool | None) -> None:
        """Save (and publish or unpublish) in one transaction, then reload the editor."""
        self.message = ""
        self.form_error = ""
        try:
            with session_scope() as session:
                actor = self._actor(session)
                article_id = self._save(session, actor)
                if publish is not None:
                    knowledge.set_published(
                        session=session,
                        actor=actor,
                        article_id=article_id,
                        language=self.language,
                        published=publish,
                    )
        except PermissionDenied:
            self._deny()
            return
        except NotFound:
            self.editing = False
            return
        except ValidationFailed as exc:
            self.errors = {**_NO_ERRORS, **exc.errors}
            self.form_error = "kb.manage.form_invalid"
            return
        self.errors = dict(_NO_ERRORS)
        with session_scope() as session:
            self._open(session, self._actor(session), article_id, self.language)
        self.message = {
            None: "kb.manage.saved",
            True: "kb.manage.published_now",
            False: "kb.manage.unpublished_now",
        }[publish]

    def save(self):
        """Save the article; a new translation stays a draft, a published one stays published."""
        self._run(None)

    def publish(self):
        """Save and publish the chosen language."""
        self._run(True)

    def unpublish(self):
        """Save and withdraw the chosen language from customers."""
        self._run(False)
