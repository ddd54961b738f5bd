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


def activate_link(base_url: str, token: str) -> str:
    """Absolute link of an activation e-mail."""
    return f"{base_url}/activate/{token}"


def reset_link(base_url: str, token: str) -> str:
    """Absolute link of a password-reset e-mail."""
    return f"{base_url}/reset/{token}"


def token_from_path(path: str) -> str:
    """The last path segment of /activate/<token> or /reset/<token>."""
    return path.rstrip("/").rsplit("/", 1)[-1]
