"""The catalogues are complete: every key in es, en and de, every used key defined."""

import ast
import re
from pathlib import Path

from portal.i18n import LANGUAGES, all_messages

PORTAL = Path(__file__).resolve().parents[2] / "portal"


def test_every_message_has_all_languages():
    missing = [
        (key, lang)
        for key, texts in all_messages().items()
        for lang in LANGUAGES
        if not texts.get(lang, "").strip()
    ]
    assert missing == []


def test_every_literal_key_used_in_the_code_is_defined():
    used: set[str] = set()
    pattern = re.compile(r"""\b(?:t|_t|translate\([^,]+,)\s*\(?\s*["']([a-z_]+\.[a-z0-9_.]+)["']""")
    for path in PORTAL.rglob("*.py"):
        if "i18n" in path.parts:
            continue
        used.update(pattern.findall(path.read_text(encoding="utf-8")))
    assert used, "the scan found no keys: the pattern is broken"
    assert sorted(used - all_messages().keys()) == []


def test_every_key_shaped_string_in_the_interface_is_defined():
    # Keys handed to helpers (page titles, dialog texts) are not inside t(...):
    # any string of the interface that looks like a key of a known namespace counts.
    keys = all_messages().keys()
    namespaces = {key.split(".")[0] for key in keys}
    shape = re.compile(r"^[a-z][a-z_]*(\.[a-z0-9_]+)+$")
    unknown: set[str] = set()
    for folder in ("pages", "components", "state"):
        for path in (PORTAL / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            in_fstrings = {
                id(part)
                for node in ast.walk(tree)
                if isinstance(node, ast.JoinedStr)
                for part in node.values
            }
            unknown.update(
                node.value
                for node in ast.walk(tree)
                if isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in in_fstrings
                and shape.match(node.value)
                and node.value.split(".")[0] in namespaces
                and node.value not in keys
            )
    assert sorted(unknown) == []


def test_every_error_key_raised_by_a_service_is_defined():
    raised: set[str] = set()
    for path in (PORTAL / "services").rglob("*.py"):
        raised.update(re.findall(r"""["'](error\.[a-z0-9_]+)["']""", path.read_text("utf-8")))
    assert raised
    assert sorted(raised - all_messages().keys()) == []
