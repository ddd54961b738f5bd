"""Bulk meter readings (SPEC C4): download the template, upload it, read the three groups."""

from __future__ import annotations

import reflex as rx

from portal.components.common import MUTED, add_pages
from portal.components.i18n import t
from portal.components.layout import BRAND_BLUE, shell
from portal.services.bulk_readings import MAX_BYTES
from portal.state.bulk_readings import UPLOAD_ID, BulkReadingsState

BULK_READINGS = "/readings/bulk"

State = BulkReadingsState
# react-dropzone decides by MIME type and extension; browsers label CSV files in several ways.
_ACCEPT = {
    "text/csv": [".csv"],
    "application/vnd.ms-excel": [".csv"],
    "text/plain": [".csv", ".txt"],
}


def _step(title_key: str, hint_key: str, *children: rx.Component) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(t(title_key), size="4", as_="h2"),
            rx.text(t(hint_key), color=MUTED, size="2"),
            *children,
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _template_step() -> rx.Component:
    return _step(
        "bulk.step.template",
        "bulk.step.template_hint",
        rx.button(
            rx.icon("download", size=16),
            t("bulk.download"),
            on_click=State.download_template,
            id="bulk-template",
            variant="soft",
        ),
    )


def _upload_step() -> rx.Component:
    return _step(
        "bulk.step.upload",
        "bulk.step.upload_hint",
        rx.upload.root(
            rx.vstack(
                rx.icon("file-up", size=28, color=BRAND_BLUE),
                rx.text(t("bulk.drop"), size="2", text_align="center"),
                align="center",
                spacing="2",
            ),
            id=UPLOAD_ID,
            accept=_ACCEPT,
            max_files=1,
            multiple=False,
            max_size=MAX_BYTES,
            disabled=State.busy,
            on_drop_rejected=State.file_rejected,
            style={
                "border": f"2px dashed {BRAND_BLUE}",
                "border_radius": "10px",
                "padding": "28px 16px",
                "width": "100%",
                "cursor": "pointer",
                "background": "#f5f9ff",
            },
        ),
        rx.foreach(
            rx.selected_files(UPLOAD_ID),
            lambda name: rx.hstack(
                rx.icon("file-text", size=16),
                rx.text(t("bulk.selected"), size="2", color=MUTED),
                rx.text(name, size="2", weight="medium", id="bulk-file-name"),
                align="center",
                spacing="2",
            ),
        ),
        rx.button(
            rx.icon("upload", size=16),
            t("bulk.submit"),
            on_click=State.upload(rx.upload_files_chunk(upload_id=UPLOAD_ID)),
            loading=State.busy,
            id="bulk-submit",
        ),
    )


def _progress() -> rx.Component:
    return rx.cond(
        State.busy,
        rx.card(
            rx.vstack(
                rx.text(
                    rx.match(
                        State.phase,
                        ("receiving", t("bulk.phase.receiving")),
                        ("confirming", t("bulk.phase.confirming")),
                        t("bulk.phase.processing"),
                    ),
                    weight="medium",
                ),
                rx.progress(value=State.progress_percent, max=100, width="100%"),
                rx.cond(
                    State.progress_total > 0,
                    rx.text(
                        State.progress_done.to_string(),
                        " / ",
                        State.progress_total.to_string(),
                        " ",
                        t("bulk.rows_done"),
                        size="2",
                        color=MUTED,
                    ),
                ),
                spacing="2",
                width="100%",
            ),
            width="100%",
            id="bulk-progress",
            role="status",
            aria_live="polite",
        ),
    )


def _error() -> rx.Component:
    return rx.cond(
        State.error != "",
        rx.callout(
            State.error,
            icon="triangle-alert",
            color_scheme="red",
            role="alert",
            width="100%",
            id="bulk-error",
        ),
    )


def _row(row: rx.Var, with_reason: bool) -> rx.Component:
    cells = [
        rx.table.cell(row["line"], style={"white_space": "nowrap"}),
        rx.table.row_header_cell(
            rx.vstack(
                rx.text(row["serial"], weight="medium", style={"white_space": "nowrap"}),
                rx.text(row["model"], size="1", color=MUTED),
                spacing="0",
            )
        ),
        rx.table.cell(row["read_on"], style={"white_space": "nowrap"}),
        rx.table.cell(row["values"]),
    ]
    if with_reason:
        cells.append(rx.table.cell(row["reason"], class_name="bulk-reason"))
    return rx.table.row(*cells, class_name="bulk-row")


def _table(rows: rx.Var, reason_key: str | None) -> rx.Component:
    headers = ["bulk.col.line", "col.serial", "bulk.col.read_on", "bulk.col.values"]
    if reason_key:
        headers.append(reason_key)
    return rx.box(
        rx.table.root(
            rx.table.header(
                rx.table.row(*[rx.table.column_header_cell(t(key)) for key in headers])
            ),
            rx.table.body(rx.foreach(rows, lambda row: _row(row, reason_key is not None))),
            variant="surface",
            size="1",
            width="100%",
            style={"min_width": "560px"},
        ),
        width="100%",
        style={"overflow_x": "auto", "-webkit-overflow-scrolling": "touch"},
    )


def _group(
    id_: str,
    title_key: str,
    hint_key: str,
    color: str,
    count: rx.Var,
    rows: rx.Var,
    more: rx.Var,
    reason_key: str | None,
    *actions: rx.Component,
) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(t(title_key), size="4", as_="h3"),
                rx.badge(count.to_string(), color_scheme=color, size="2", id=f"{id_}-count"),
                align="center",
                spacing="2",
            ),
            rx.cond(
                count > 0,
                rx.vstack(
                    rx.text(t(hint_key), size="2", color=MUTED),
                    _table(rows, reason_key),
                    rx.cond(
                        more > 0,
                        rx.text(more.to_string(), " ", t("bulk.more_rows"), size="2", color=MUTED),
                    ),
                    *actions,
                    spacing="3",
                    width="100%",
                ),
                rx.text(t("bulk.group.empty"), size="2", color=MUTED),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
        id=id_,
    )


def _result() -> rx.Component:
    return rx.cond(
        State.has_result,
        rx.vstack(
            rx.hstack(
                rx.heading(t("bulk.result"), size="5", as_="h2"),
                rx.button(
                    t("bulk.new_upload"),
                    on_click=State.clear,
                    variant="ghost",
                    disabled=State.busy,
                    id="bulk-clear",
                ),
                justify="between",
                align="center",
                width="100%",
            ),
            _group(
                "bulk-needs-confirmation",
                "bulk.group.needs_confirmation",
                "bulk.group.needs_confirmation_hint",
                "amber",
                State.pending_count,
                State.pending_rows,
                State.pending_more,
                "bulk.col.warning",
                rx.button(
                    rx.icon("check-check", size=16),
                    t("bulk.confirm"),
                    on_click=State.confirm,
                    loading=State.busy,
                    color_scheme="amber",
                    id="bulk-confirm",
                ),
            ),
            _group(
                "bulk-rejected",
                "bulk.group.rejected",
                "bulk.group.rejected_hint",
                "red",
                State.rejected_count,
                State.rejected_rows,
                State.rejected_more,
                "bulk.col.reason",
            ),
            _group(
                "bulk-accepted",
                "bulk.group.accepted",
                "bulk.group.accepted_hint",
                "green",
                State.accepted_count,
                State.accepted_rows,
                State.accepted_more,
                None,
            ),
            spacing="4",
            width="100%",
            id="bulk-result",
        ),
    )


def bulk_readings_page() -> rx.Component:
    """Bulk meter readings: template, upload with progress, accepted / confirm / rejected."""
    return shell(
        rx.vstack(
            rx.vstack(
                rx.heading(t("bulk.title"), size="6", as_="h1"),
                rx.text(t("bulk.lead"), color=MUTED),
                spacing="1",
                width="100%",
            ),
            rx.cond(
                State.loaded & ~State.allowed,
                rx.callout(
                    t("bulk.denied"),
                    icon="shield-alert",
                    color_scheme="amber",
                    role="alert",
                    width="100%",
                    id="bulk-denied",
                ),
                rx.vstack(
                    rx.grid(
                        _template_step(),
                        _upload_step(),
                        columns=rx.breakpoints(initial="1", md="2"),
                        spacing="4",
                        width="100%",
                    ),
                    _error(),
                    _progress(),
                    _result(),
                    spacing="4",
                    width="100%",
                ),
            ),
            spacing="4",
            width="100%",
        ),
        active="service",
    )


def register(app: rx.App) -> None:
    """Add the bulk meter-reading page to the app."""
    add_pages(app, ((bulk_readings_page, BULK_READINGS, BulkReadingsState.load),))
