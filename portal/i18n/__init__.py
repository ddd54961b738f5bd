"""Message catalogues: Spanish (default), English, German (SPEC G1)."""

from __future__ import annotations

from functools import cache

LANGUAGES = ("es", "en", "de")
DEFAULT_LANGUAGE = "es"


def _all_messages() -> dict[str, dict[str, str]]:
    from portal.i18n.errors import ERRORS
    from portal.i18n.messages import MESSAGES
    from portal.i18n.tab_messages import TAB_MESSAGES

    return {**MESSAGES, **TAB_MESSAGES, **ERRORS}


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Every message in ``lang`` (unknown languages fall back to Spanish)."""
    if lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    return {
        key: texts.get(lang) or texts[DEFAULT_LANGUAGE] for key, texts in _all_messages().items()
    }


def translate(lang: str, key: str) -> str:
    """One message; an unknown key is returned as it is so gaps stay visible."""
    return catalogue(lang).get(key, key)
