"""States of the knowledge centre (SPEC D1): the search page and the article page.

Every handler is an endpoint any browser can call with any arguments: the
services re-check the user, the languages and the article on every call.
"""

from __future__ import annotations

from typing import Any

from portal import routes
from portal.db import session_scope
from portal.errors import NotFound, PermissionDenied
from portal.services import knowledge
from portal.state.auth import AuthState, page_load

_MAX_QUERY = knowledge.MAX_QUERY_LENGTH


def _text(value: Any, limit: int) -> str:
    """A primitive from the browser as bounded text (anything else is empty)."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return ""
    return str(value)[:limit]


def language_label(state: AuthState, code: str) -> str:
    """A language's name in the UI language (es, en, de) or its code in capitals."""
    if code in knowledge.BASE_LANGUAGES:
        return state._t(f"kb.lang.{code}")
    return code.upper()


class KnowledgeState(AuthState):
    """The knowledge centre: model picker, search box, language checkboxes, results."""

    model: str = ""
    model_options: list[dict[str, str]] = []
    query: str = ""
    languages: list[str] = []
    language_options: list[dict[str, str]] = []
    results: list[dict[str, str]] = []
    searched: bool = False
    loaded: bool = False
    form_version: int = 0

    def _clear(self) -> None:
        self.results = []
        self.searched = False

    @page_load
    def load(self):
        """on_load: models, languages (the user's by default), ``?model=``/``?product=``/``?q=``."""
        params = self.router.url.query_parameters
        self._clear()
        self.query = _text(params.get("q", ""), _MAX_QUERY)
        self.form_version += 1
        with session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                self.loaded = True
                return
            try:
                options = knowledge.model_options(session=session, actor=actor)
            except PermissionDenied:
                self.model_options = []
                self.loaded = True
                return
            mine = self._t("kb.model_mine")
            self.model_options = [
                {"name": o["name"], "label": f"{o['name']} {mine}" if o["mine"] else o["name"]}
                for o in options
            ]
            wanted = _text(params.get("model", ""), 120)
            if not wanted and params.get("product"):
                wanted = knowledge.model_of_product(
                    session=session, actor=actor, product_id=params.get("product")
                )
            self.model = wanted if wanted in {o["name"] for o in options} else ""
            codes = knowledge.languages_in_use(session)
            self.language_options = [
                {"code": code, "label": language_label(self, code)} for code in codes
            ]
            self.languages = [self.lang] if self.lang in codes else [codes[0]]
            if self.query:
                self._search(session, actor)
        self.loaded = True

    def _search(self, session, actor) -> None:
        try:
            found = knowledge.search(
                session=session,
                actor=actor,
                query=self.query,
                languages=self.languages,
                model_name=self.model or None,
            )
        except PermissionDenied:
            found = []
        self.searched = bool(self.query)
        self.results = [
            {
                "id": str(item["id"]),
                "language": item["language"],
                "language_label": language_label(self, item["language"]),
                "title": item["title"],
                "snippet": item["snippet"],
                "link": item["link"],
                "codes": ", ".join(item["error_codes"]),
            }
            for item in found
        ]

    def _refresh(self) -> None:
        with session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                self._clear()
                return
            self._search(session, actor)

    def search(self, form_data: dict):
        """The search form was sent: search its text in the ticked languages."""
        if not isinstance(form_data, dict):
            form_data = {}
        self.query = " ".join(_text(form_data.get("query", ""), _MAX_QUERY).split())
        self._refresh()

    def set_model(self, name: str):
        """Pick a model ('' for all); unknown names mean all models."""
        name = _text(name, 120)
        self.model = name if name in {o["name"] for o in self.model_options} else ""
        if self.query:
            self._refresh()

    def set_language(self, code: str, checked: bool):
        """Tick or untick a language to search in."""
        known = {o["code"] for o in self.language_options}
        if not isinstance(code, str) or code not in known:
            return
        chosen = [c for c in self.languages if c != code]
        if checked is True:
            chosen.append(code)
        self.languages = [o["code"] for o in self.language_options if o["code"] in chosen]
        if self.query:
            self._refresh()


class ArticleState(AuthState):
    """One article, in the language asked for (``?lang=``) or the user's."""

    found: bool = False
    loaded: bool = False
    article_id: int = 0
    title: str = ""
    body: str = ""
    language: str = ""
    language_name: str = ""
    languages: list[dict[str, str]] = []
    error_codes: list[str] = []
    models: list[str] = []
    other_language: bool = False
    published: bool = True

    def _clear(self) -> None:
        self.found = False
        self.article_id = 0
        self.title = ""
        self.body = ""
        self.language = ""
        self.language_name = ""
        self.languages = []
        self.error_codes = []
        self.models = []
        self.other_language = False
        self.published = True

    def _show(self, article_id: Any, languages: list[str]) -> None:
        with session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                self._clear()
                return
            try:
                view = knowledge.article_view(
                    session=session, actor=actor, article_id=article_id, languages=languages
                )
            except (NotFound, PermissionDenied):
                self._clear()
                return
        self.found = True
        self.article_id = view["id"]
        self.title = view["title"]
        self.body = view["body"]
        self.language = view["language"]
        self.language_name = language_label(self, view["language"])
        self.languages = [
            {"code": code, "label": language_label(self, code)} for code in view["languages"]
        ]
        self.error_codes = view["error_codes"]
        self.models = view["models"]
        self.other_language = view["other_language"]
        self.published = view["published"]

    @page_load
    def load(self):
        """on_load: the article of the URL in ``?lang=`` (or the user's language)."""
        self._clear()
        article_id = routes.id_from_path(self.router.url.path)
        wanted = _text(self.router.url.query_parameters.get("lang", ""), 5) or self.lang
        if article_id is not None:
            self._show(article_id, [wanted])
        self.loaded = True

    def show_language(self, code: str):
        """Switch to another available translation of the same article."""
        if not self.article_id or not isinstance(code, str):
            return
        self._show(self.article_id, [code[:5]])
