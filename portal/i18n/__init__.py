"""Message catalogues: Spanish (default), English, German (SPEC G1).

Every module of this package that defines a dict named ``MESSAGES`` (or ``ERRORS``,
``TAB_MESSAGES``) contributes ``key → {"es", "en", "de"}``; a key may be defined once.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

LANGUAGES = ("es", "en", "de")
DEFAULT_LANGUAGE = "es"
_CATALOGUE_NAMES = ("MESSAGES", "TAB_MESSAGES", "ERRORS")


@cache
def all_messages() -> dict[str, dict[str, str]]:
    """Every message of every catalogue module.

    Raises:
        ValueError: a key is defined in two modules.
    """
    merged: dict[str, dict[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for name in _CATALOGUE_NAMES:
            for key, texts in getattr(module, name, {}).items():
                if key in merged:
                    msg = f"message key {key!r} defined twice (again in {info.name})"
                    raise ValueError(msg)
                merged[key] = texts
    return merged


def catalogue(lang: str) -> dict[str, str]:
    """Every message in ``lang`` (unknown languages fall back to Spanish).

    ``lang`` comes from the browser's storage, so it may be anything: it is
    checked before the cache, which then holds at most one entry per language.
    """
    if not isinstance(lang, str) or lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    return _catalogue(lang)


@cache
def _catalogue(lang: str) -> dict[str, str]:
    return {
        key: texts.get(lang) or texts[DEFAULT_LANGUAGE] for key, texts in all_messages().items()
    }


def translate(lang: str, key: str) -> str:
    """One message; an unknown key is returned as it is so gaps stay visible."""
    return catalogue(lang).get(key, key)
