"""Article management for provider agents (SPEC D3): list, create, edit, translate, publish."""

from __future__ import annotations

import reflex as rx

from portal.components.common import LABEL_STYLE, MUTED, add_pages, field_label, loading
from portal.components.i18n import t
from portal.components.layout import field_error, shell
from portal.state.articles import ArticleManageState

MANAGE = "/knowledge/manage"

State = ArticleManageState
_SELECT_STYLE = {
    "width": "100%",
    "max_width": "360px",
    "height": "40px",
    "padding": "0 8px",
    "border": "1px solid #cbd5e1",
    "border_radius": "6px",
    "background": "white",
    "color": "#1f2933",
    "font_size": "16px",
}


def _error(field: str) -> rx.Component:
    key = State.errors[field]
    return field_error(rx.cond(key != "", t(key.to(str)), ""))


def _denied() -> rx.Component:
    return rx.callout.root(
        rx.callout.icon(rx.icon("lock")),
        rx.callout.text(t("kb.manage.denied")),
        color_scheme="gray",
        id="kb-manage-denied",
        width="100%",
    )


def _row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(
            rx.link(
                row["title"],
                href="#",
                on_click=State.edit(row["id"]).prevent_default,
                class_name="kb-manage-title",
            )
        ),
        rx.table.cell(row["codes"]),
        rx.table.cell(row["published"]),
        rx.table.cell(row["drafts"]),
        rx.table.cell(
            rx.button(
                t("kb.manage.edit"),
                size="1",
                variant="outline",
                on_click=State.edit(row["id"]),
                id="kb-edit-" + row["id"].to(str),
            )
        ),
        class_name="kb-manage-row",
    )


def _list() -> rx.Component:
    return rx.vstack(
        rx.flex(
            rx.form(
                rx.flex(
                    rx.input(
                        id="kb-manage-query",
                        name="query",
                        type="search",
                        default_value=State.list_query,
                        placeholder=t("kb.manage.search_label"),
                        aria_label=t("kb.manage.search_label"),
                        max_length=100,
                        size="3",
                        style={"flex": "1 1 200px", "min_width": "0"},
                    ),
                    rx.button(
                        rx.icon("search", size=16),
                        t("kb.search"),
                        type="submit",
                        size="3",
                        id="kb-manage-search",
                    ),
                    spacing="2",
                    width="100%",
                ),
                on_submit=State.search,
                reset_on_submit=False,
                role="search",
                style={"flex": "1 1 320px", "max_width": "560px"},
            ),
            rx.button(
                rx.icon("plus", size=16),
                t("kb.manage.new"),
                size="3",
                on_click=State.new,
                id="kb-new",
                type="button",
            ),
            spacing="3",
            wrap="wrap",
            justify="between",
            width="100%",
        ),
        rx.cond(
            State.rows.length() > 0,
            rx.box(
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            rx.table.column_header_cell(t("kb.manage.col.title")),
                            rx.table.column_header_cell(t("kb.manage.col.codes")),
                            rx.table.column_header_cell(t("kb.manage.col.published")),
                            rx.table.column_header_cell(t("kb.manage.col.drafts")),
                            rx.table.column_header_cell(""),
                        )
                    ),
                    rx.table.body(rx.foreach(State.rows, _row)),
                    variant="surface",
                    width="100%",
                ),
                style={"overflow_x": "auto"},
                width="100%",
                id="kb-manage-list",
            ),
            rx.text(t("kb.manage.empty"), color=MUTED, id="kb-manage-empty"),
        ),
        spacing="3",
        width="100%",
    )


def _model_box(name: rx.Var) -> rx.Component:
    return rx.el.label(
        rx.checkbox(
            checked=State.article_models.contains(name),
            on_change=lambda checked: State.toggle_model(name, checked),
        ),
        rx.text(name, size="2"),
        style={"display": "inline-flex", "gap": "6px", "align_items": "center"},
    )


def _editor() -> rx.Component:
    return rx.vstack(
        rx.link(
            rx.hstack(rx.icon("arrow-left", size=16), rx.text(t("kb.manage.back"))),
            href="#",
            on_click=State.back.prevent_default,
            id="kb-manage-back",
            size="2",
        ),
        rx.heading(
            rx.cond(
                State.article_label != "",
                rx.text(t("kb.manage.editing"), " ", State.article_label),
                t("kb.manage.new"),
            ),
            size="5",
            as_="h2",
        ),
        rx.card(
            rx.vstack(
                field_label("kb.manage.codes_label", "article-codes"),
                rx.input(
                    id="article-codes",
                    value=State.codes,
                    on_change=State.set_codes,
                    max_length=1000,
                    size="3",
                    width="100%",
                    aria_invalid=rx.cond(State.errors["error_codes"] != "", "true", "false"),
                ),
                rx.text(t("kb.manage.codes_hint"), size="1", color=MUTED),
                _error("error_codes"),
                rx.el.fieldset(
                    rx.el.legend(t("kb.manage.models_label"), style=LABEL_STYLE),
                    rx.flex(
                        rx.foreach(State.model_choices, _model_box),
                        spacing="4",
                        wrap="wrap",
                    ),
                    rx.text(t("kb.manage.models_hint"), size="1", color=MUTED),
                    id="article-models",
                    style={"border": "none", "padding": "0", "margin": "8px 0 0 0"},
                ),
                _error("model_names"),
                spacing="2",
                width="100%",
            ),
            width="100%",
        ),
        rx.card(
            rx.vstack(
                field_label("kb.manage.language_label", "article-lang"),
                rx.el.select(
                    rx.foreach(
                        State.language_options,
                        lambda option: rx.el.option(option["label"], value=option["code"]),
                    ),
                    id="article-lang",
                    value=State.language,
                    on_change=State.choose_language,
                    style=_SELECT_STYLE,
                ),
                _error("language"),
                field_label("kb.manage.title_label", "article-title"),
                rx.input(
                    id="article-title",
                    value=State.title,
                    on_change=State.set_title,
                    max_length=200,
                    size="3",
                    width="100%",
                    aria_invalid=rx.cond(State.errors["title"] != "", "true", "false"),
                ),
                _error("title"),
                rx.grid(
                    rx.vstack(
                        field_label("kb.manage.body_label", "article-body"),
                        rx.text_area(
                            id="article-body",
                            value=State.body,
                            on_change=State.set_body,
                            rows="16",
                            size="3",
                            width="100%",
                            aria_invalid=rx.cond(State.errors["body"] != "", "true", "false"),
                            style={"font_family": "monospace", "font_size": "14px"},
                        ),
                        rx.text(t("kb.manage.body_hint"), size="1", color=MUTED),
                        _error("body"),
                        spacing="1",
                        width="100%",
                    ),
                    rx.vstack(
                        rx.text(t("kb.manage.preview"), style=LABEL_STYLE),
                        rx.box(
                            rx.markdown(State.preview, use_raw=False),
                            id="article-preview",
                            style={
                                "border": "1px solid #e2e8f0",
                                "border_radius": "6px",
                                "padding": "8px 12px",
                                "background": "white",
                                "min_height": "120px",
                                "max_height": "420px",
                                "overflow_y": "auto",
                            },
                            width="100%",
                        ),
                        spacing="1",
                        width="100%",
                    ),
                    columns=rx.breakpoints(initial="1", md="2"),
                    spacing="4",
                    width="100%",
                ),
                spacing="2",
                width="100%",
            ),
            width="100%",
        ),
        rx.cond(
            State.form_error != "",
            rx.callout.root(
                rx.callout.icon(rx.icon("circle-alert")),
                rx.callout.text(t(State.form_error.to(str))),
                color_scheme="red",
                role="alert",
                id="article-form-error",
                width="100%",
            ),
        ),
        rx.cond(
            State.message != "",
            rx.callout.root(
                rx.callout.icon(rx.icon("check")),
                rx.callout.text(t(State.message.to(str))),
                color_scheme="green",
                role="status",
                id="article-message",
                width="100%",
            ),
        ),
        rx.flex(
            rx.button(
                rx.icon("save", size=16),
                t("kb.manage.save"),
                on_click=State.save,
                size="3",
                variant="outline",
                id="article-save",
                type="button",
            ),
            rx.button(
                rx.icon("globe", size=16),
                t("kb.manage.publish"),
                on_click=State.publish,
                size="3",
                id="article-publish",
                type="button",
            ),
            rx.cond(
                State.published,
                rx.button(
                    rx.icon("eye-off", size=16),
                    t("kb.manage.unpublish"),
                    on_click=State.unpublish,
                    size="3",
                    variant="soft",
                    color_scheme="red",
                    id="article-unpublish",
                    type="button",
                ),
            ),
            rx.cond(
                State.view_link != "",
                rx.link(
                    t("kb.manage.view"),
                    href=State.view_link,
                    is_external=True,
                    id="article-view",
                    size="2",
                ),
            ),
            spacing="3",
            wrap="wrap",
            align="center",
        ),
        spacing="3",
        width="100%",
    )


def manage_page() -> rx.Component:
    """Article management (agents and provider administrators)."""
    from portal.pages.knowledge import knowledge_nav

    return shell(
        knowledge_nav("manage"),
        rx.cond(
            State.loaded,
            rx.cond(
                State.allowed,
                rx.vstack(
                    rx.vstack(
                        rx.heading(t("kb.manage.title"), size="6", as_="h1"),
                        rx.text(t("kb.manage.intro"), color=MUTED),
                        spacing="1",
                    ),
                    rx.cond(State.editing, _editor(), _list()),
                    spacing="4",
                    width="100%",
                ),
                _denied(),
            ),
            loading(),
        ),
        active="products",
    )


def register(app: rx.App) -> None:
    """Add the article management page to the app."""
    add_pages(app, ((manage_page, MANAGE, ArticleManageState.load),))
