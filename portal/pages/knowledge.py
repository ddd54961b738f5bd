"""Knowledge centre (SPEC D1): search by error code or description, and the article page."""

from __future__ import annotations

import reflex as rx

from portal import routes
from portal.components.common import LABEL_STYLE, MUTED, add_pages, field_label, loading
from portal.components.i18n import t
from portal.components.layout import BRAND_BLUE, section_nav, shell
from portal.settings import settings
from portal.state.auth import AuthState
from portal.state.knowledge import ArticleState, KnowledgeState

KNOWLEDGE = routes.KNOWLEDGE
ARTICLE = "/knowledge/articles/[article_id]"
MANAGE = "/knowledge/manage"

State = KnowledgeState
_SELECT_STYLE = {
    "width": "100%",
    "height": "40px",
    "padding": "0 8px",
    "border": "1px solid #cbd5e1",
    "border_radius": "6px",
    "background": "white",
    "color": "#1f2933",
    "font_size": "16px",
}
# The snippet is HTML escaped by the index except for <mark>; make the marks visible.
_SNIPPET_STYLE = {
    "font_size": "14px",
    "color": "#334155",
    "line_height": "1.5",
    "& mark": {"background": "#fde68a", "color": "inherit", "padding": "0 2px"},
}


def knowledge_nav(active: str) -> rx.Component:
    """Second-level navigation of the Knowledge and products tab, with the knowledge items."""
    return section_nav(
        active,
        [
            ("products", routes.PRODUCTS, "section.products", AuthState.has_fleet),
            ("accounts", routes.ACCOUNTS, "section.accounts", AuthState.has_fleet),
            ("knowledge", KNOWLEDGE, "section.knowledge", True),
            ("manage", MANAGE, "kb.section.manage", AuthState.writes_articles),
        ],
    )


def _model_picker() -> rx.Component:
    return rx.vstack(
        field_label("kb.model_label", "kb-model"),
        rx.el.select(
            rx.el.option(t("kb.model_all"), value=""),
            rx.foreach(
                State.model_options,
                lambda option: rx.el.option(option["label"], value=option["name"]),
            ),
            id="kb-model",
            name="model",
            value=State.model,
            on_change=State.set_model,
            style=_SELECT_STYLE,
        ),
        spacing="1",
        style={"flex": "1 1 220px", "min_width": "0"},
    )


def _search_box() -> rx.Component:
    return rx.vstack(
        field_label("kb.query_label", "kb-query"),
        rx.flex(
            rx.input(
                id="kb-query",
                name="query",
                type="search",
                default_value=State.query,
                placeholder=t("kb.query_hint"),
                max_length=200,
                size="3",
                auto_complete="off",
                style={"flex": "1 1 200px", "min_width": "0"},
            ),
            rx.button(
                rx.icon("search", size=16),
                t("kb.search"),
                type="submit",
                size="3",
                id="kb-search",
            ),
            spacing="2",
            width="100%",
        ),
        spacing="1",
        style={"flex": "2 1 320px", "min_width": "0"},
    )


def _language_box(option: rx.Var) -> rx.Component:
    code = option["code"].to(str)
    return rx.el.label(
        rx.checkbox(
            id="kb-lang-" + code,
            name="lang_" + code,
            checked=State.languages.contains(code),
            on_change=lambda checked: State.set_language(code, checked),
        ),
        rx.text(option["label"], size="2"),
        style={"display": "inline-flex", "gap": "6px", "align_items": "center"},
    )


def _languages() -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(t("kb.languages"), style={**LABEL_STYLE, "margin_bottom": "4px"}),
        rx.flex(rx.foreach(State.language_options, _language_box), spacing="4", wrap="wrap"),
        rx.cond(
            State.languages.length() == 0,
            rx.text(t("kb.no_language"), size="2", color="#b91c1c", role="alert"),
        ),
        style={"border": "none", "padding": "0", "margin": "0"},
    )


def _search_form() -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(
                rx.flex(_model_picker(), _search_box(), spacing="3", wrap="wrap", width="100%"),
                _languages(),
                spacing="3",
                width="100%",
            ),
            on_submit=State.search,
            reset_on_submit=False,
            role="search",
            key=State.form_version,
        ),
        width="100%",
    )


def _result(item: rx.Var) -> rx.Component:
    return rx.box(
        rx.vstack(
            rx.hstack(
                rx.link(
                    item["title"],
                    href=item["link"].to(str),
                    weight="bold",
                    size="4",
                    class_name="kb-result-title",
                ),
                rx.badge(item["language_label"], variant="soft", color_scheme="gray"),
                spacing="2",
                align="center",
                wrap="wrap",
            ),
            rx.html(item["snippet"].to(str), style=_SNIPPET_STYLE, class_name="kb-snippet"),
            rx.cond(
                item["codes"] != "",
                rx.text(t("kb.article.codes"), ": ", item["codes"], size="1", color=MUTED),
            ),
            spacing="1",
            width="100%",
        ),
        class_name="kb-result",
        style={
            "padding": "14px 16px",
            "background": "white",
            "border": "1px solid #e2e8f0",
            "border_radius": "8px",
        },
        width="100%",
    )


def _results() -> rx.Component:
    return rx.box(
        rx.cond(
            State.results.length() > 0,
            rx.vstack(
                rx.heading(t("kb.results"), size="4", as_="h2"),
                rx.foreach(State.results, _result),
                spacing="3",
                width="100%",
            ),
            rx.cond(
                State.searched,
                rx.callout.root(
                    rx.callout.icon(rx.icon("search-x")),
                    rx.callout.text(t("kb.empty")),
                    color_scheme="gray",
                    id="kb-empty",
                    width="100%",
                ),
                rx.text(t("kb.start"), color=MUTED, id="kb-start"),
            ),
        ),
        id="kb-results",
        width="100%",
    )


def _downloads() -> rx.Component:
    return rx.hstack(
        rx.icon("download", size=18, color=BRAND_BLUE),
        rx.text(t("kb.downloads_hint"), size="2", color=MUTED),
        rx.link(
            t("kb.downloads"),
            href=settings.download_centre_url,
            is_external=True,
            id="kb-downloads",
            size="2",
            weight="medium",
        ),
        spacing="2",
        align="center",
        wrap="wrap",
    )


def knowledge_page() -> rx.Component:
    """The knowledge centre's search page."""
    return shell(
        knowledge_nav("knowledge"),
        rx.vstack(
            rx.vstack(
                rx.heading(t("kb.title"), size="6", as_="h1"),
                rx.text(t("kb.intro"), color=MUTED),
                spacing="1",
            ),
            _search_form(),
            _results(),
            _downloads(),
            spacing="4",
            width="100%",
        ),
        active="products",
    )


def _language_switch(option: rx.Var) -> rx.Component:
    code = option["code"].to(str)
    return rx.button(
        option["label"],
        size="1",
        variant=rx.cond(ArticleState.language == code, "solid", "outline"),
        on_click=ArticleState.show_language(code),
        id="kb-article-lang-" + code,
        aria_pressed=rx.cond(ArticleState.language == code, "true", "false"),
        type="button",
    )


def _chips(items: rx.Var, empty_key: str | None = None) -> rx.Component:
    chips = rx.foreach(items, lambda item: rx.badge(item, variant="soft", size="2"))
    if empty_key is None:
        return rx.flex(chips, spacing="2", wrap="wrap")
    return rx.cond(
        items.length() > 0,
        rx.flex(chips, spacing="2", wrap="wrap"),
        rx.text(t(empty_key), size="2", color=MUTED),
    )


def _article() -> rx.Component:
    return rx.vstack(
        rx.cond(
            ArticleState.other_language,
            rx.callout.root(
                rx.callout.icon(rx.icon("languages")),
                rx.callout.text(t("kb.article.other_language")),
                color_scheme="amber",
                role="status",
                id="kb-other-language",
                width="100%",
            ),
        ),
        rx.cond(
            ~ArticleState.published,
            rx.callout.root(
                rx.callout.icon(rx.icon("pencil")),
                rx.callout.text(t("kb.article.draft")),
                color_scheme="gray",
                id="kb-article-draft",
                width="100%",
            ),
        ),
        rx.heading(ArticleState.title, size="6", as_="h1", id="kb-article-title"),
        rx.flex(
            rx.hstack(
                rx.text(t("kb.article.languages"), ": ", size="2", color=MUTED),
                rx.foreach(ArticleState.languages, _language_switch),
                spacing="2",
                align="center",
                wrap="wrap",
            ),
            spacing="4",
            wrap="wrap",
        ),
        rx.card(
            rx.box(rx.markdown(ArticleState.body, use_raw=False), id="kb-article-body"),
            width="100%",
        ),
        rx.grid(
            rx.vstack(
                rx.text(t("kb.article.codes"), weight="bold", size="2"),
                _chips(ArticleState.error_codes),
                spacing="1",
                id="kb-article-codes",
            ),
            rx.vstack(
                rx.text(t("kb.article.models"), weight="bold", size="2"),
                _chips(ArticleState.models, "kb.article.all_models"),
                spacing="1",
                id="kb-article-models",
            ),
            columns=rx.breakpoints(initial="1", sm="2"),
            spacing="4",
            width="100%",
        ),
        rx.cond(
            AuthState.show_service & ~AuthState.writes_articles,
            rx.link(t("kb.article.raise_ticket"), href=routes.NEW_TICKET, id="kb-raise-ticket"),
        ),
        _downloads(),
        spacing="4",
        width="100%",
    )


def article_page() -> rx.Component:
    """One knowledge article."""
    return shell(
        knowledge_nav("knowledge"),
        rx.vstack(
            rx.link(
                rx.hstack(rx.icon("arrow-left", size=16), rx.text(t("kb.back"))),
                href=KNOWLEDGE,
                id="kb-back",
                size="2",
            ),
            rx.cond(
                ArticleState.found,
                _article(),
                rx.cond(
                    ArticleState.loaded,
                    rx.callout.root(
                        rx.callout.icon(rx.icon("circle-alert")),
                        rx.callout.text(t("kb.article.not_found")),
                        color_scheme="gray",
                        id="kb-article-not-found",
                        width="100%",
                    ),
                    loading(width="100%"),
                ),
            ),
            spacing="4",
            width="100%",
            style={"max_width": "880px"},
        ),
        active="products",
    )


def register(app: rx.App) -> None:
    """Add the knowledge centre, the article page and article management to the app."""
    from portal.pages import articles

    add_pages(
        app,
        (
            (knowledge_page, KNOWLEDGE, KnowledgeState.load),
            (article_page, ARTICLE, ArticleState.load),
        ),
    )
    articles.register(app)
