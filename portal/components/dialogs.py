"""A confirmation dialog: title, text, a button that keeps things and one that acts."""

from __future__ import annotations

from typing import Any

import reflex as rx

from portal.components.i18n import t


def confirm_dialog(
    *,
    title: str,
    description: Any,
    keep: tuple[str, Any, str],
    confirm: tuple[str, Any, str],
    open: Any,
    on_open_change: Any,
    danger: bool = True,
) -> rx.Component:
    """An alert dialog asking to confirm one action.

    Args:
        title: Message key of the title.
        description: The text: a message key, or components.
        keep: (message key, event handler, element id) of the button that changes nothing.
        confirm: (message key, event handler, element id) of the button that acts.
        open: The state var that opens the dialog.
        on_open_change: The handler told when the dialog opens or closes.
        danger: Whether the action button is red (it deletes or cancels something).
    """
    keep_key, keep_handler, keep_id = keep
    confirm_key, confirm_handler, confirm_id = confirm
    text = (
        rx.alert_dialog.description(t(description), size="2")
        if isinstance(description, str)
        else rx.alert_dialog.description(description)
    )
    action_colour = {"color_scheme": "red"} if danger else {}
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title(t(title)),
            text,
            rx.flex(
                rx.alert_dialog.cancel(
                    rx.button(
                        t(keep_key),
                        variant="soft",
                        color_scheme="gray",
                        on_click=keep_handler,
                        id=keep_id,
                    )
                ),
                rx.alert_dialog.action(
                    rx.button(
                        t(confirm_key), on_click=confirm_handler, id=confirm_id, **action_colour
                    )
                ),
                spacing="3",
                justify="end",
                margin_top="16px",
            ),
            style={"max_width": "460px"},
        ),
        open=open,
        on_open_change=on_open_change,
    )
