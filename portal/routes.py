"""Route paths of the portal and builders for links to them."""

from typing import Any

HOME = "/"
LOGIN = "/login"
REGISTER = "/register"
FORGOT = "/forgot"
ACTIVATE = "/activate/[token]"
RESET = "/reset/[token]"
HELP = "/help"
PRODUCTS = "/products"
SERVICE = "/service"
STOCK = "/stock"
USERS = "/admin/users"
ACCOUNTS = "/accounts"
ACCOUNT = "/accounts/[account_id]"
PRODUCT = "/products/[product_id]"
GROUPS = "/admin/groups"
AUDIT = "/admin/audit"
API_KEYS = "/admin/api-keys"
API_DOCS = "/api/docs"
KNOWLEDGE = "/knowledge"
DASHBOARDS = "/dashboards"
DESK = "/desk"
DESK_TICKET = "/desk/tickets/[ticket_id]"
DESK_REQUESTS = "/desk/requests"
NEW_TICKET = "/service/new"
TICKET = "/service/tickets/[ticket_id]"
MOVE = "/service/move"
MOVE_DETAIL = "/service/move/[move_id]"
REQUESTS = "/service/requests/[kind]"
REQUEST_DETAIL = "/service/request/[request_id]"
REQUEST_KINDS = ("account_inquiry", "suggestion", "online_service", "e_snapshot")


def product_link(product_id: int | str) -> str:
    """Path of a product's detail page."""
    return f"/products/{product_id}"


def account_link(account_id: int | str) -> str:
    """Path of an account's page."""
    return f"/accounts/{account_id}"


def id_from_path(path: str) -> int | None:
    """The numeric last segment of /products/<id> or /accounts/<id>, or None."""
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return int(last) if last.isdigit() and len(last) < 12 else None


def _with_id(prefix: str, object_id: Any) -> Any:
    """``prefix`` + id; an id that is a Reflex Var gives a Var (for links in components)."""
    return f"{prefix}{object_id}"


def ticket_link(ticket_id: Any) -> Any:
    """Path of a ticket's page on the customer side."""
    return _with_id("/service/tickets/", ticket_id)


def desk_ticket_link(ticket_id: Any) -> Any:
    """Path of a ticket's page on the agents' desk."""
    return _with_id("/desk/tickets/", ticket_id)


def move_link(move_id: Any) -> Any:
    """Path of a move request's page."""
    return _with_id("/service/move/", move_id)


def request_link(request_id: Any) -> Any:
    """Path of one request's page (any of the four kinds)."""
    return _with_id("/service/request/", request_id)


def requests_link(kind: str) -> str:
    """Path of the form and history of one kind of request."""
    return f"/service/requests/{kind}"


def activate_link(base_url: str, token: str) -> str:
    """Absolute link of an activation e-mail."""
    return f"{base_url}/activate/{token}"


def reset_link(base_url: str, token: str) -> str:
    """Absolute link of a password-reset e-mail."""
    return f"{base_url}/reset/{token}"


def token_from_path(path: str) -> str:
    """The last path segment of /activate/<token> or /reset/<token>."""
    return path.rstrip("/").rsplit("/", 1)[-1]
