"""Route paths of the portal and builders for links to them."""

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
KNOWLEDGE = "/knowledge"
DESK = "/desk"


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


def activate_link(base_url: str, token: str) -> str:
    """Absolute link of an activation e-mail."""
    return f"{base_url}/activate/{token}"


def reset_link(base_url: str, token: str) -> str:
    """Absolute link of a password-reset e-mail."""
    return f"{base_url}/reset/{token}"


def token_from_path(path: str) -> str:
    """The last path segment of /activate/<token> or /reset/<token>."""
    return path.rstrip("/").rsplit("/", 1)[-1]
