"""Error codes in their usual spellings.

A code is reduced to a canonical form: upper case, no "#", letters joined to
the digits that follow them, and a single "-" between two groups of digits (or
two groups of letters). So "e602 0001", "E602-0001" and "E602 - 0001" are all
"E602-0001"; "SC 542" and "sc-542" are "SC542"; "#801" is "801".

The index stores several variants per code (``code_variants``) so a query
finds it by its canonical form, by the part before the first dash ("E000007"
for "E000007-0000") and by either of those without leading zeros ("E7").
The query side only looks for the canonical form and its zero-stripped form
(``query_variants``), so "E000007-0001" does not find "E000007-0000" and
"E000008" never finds "E000007": codes are never matched approximately.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_RUN = re.compile(r"[A-Z]+|[0-9]+")
_LEADING_ZEROS = re.compile(r"(?<![0-9])0+(?=[0-9])")

# A code inside free text: "#801", "E000007-0000", "e602 0001", "SC 542", "801".
# Groups of digits may be joined by a dash or one space; the letters (at most
# four, ASCII) must start a word and may be followed by one space or dash.
_CODE_IN_TEXT = re.compile(
    r"""
    (?<![A-Za-z0-9_\#])
    (?:
        \#[ ]?(?P<hash>[0-9]+(?:[ -][0-9]+)*)
      | (?P<letters>[A-Za-z]{1,4})[ -]?(?P<digits>[0-9]+(?:[ -][0-9]+)*)
      | (?P<number>[0-9]+(?:[ -][0-9]+)*)
    )
    (?![A-Za-z0-9_])
    """,
    re.VERBOSE,
)


def normalise_code(code: str) -> str:
    """Return the canonical spelling of an error code ("" when it has no letter or digit).

    Examples: "e602 0001" → "E602-0001", "SC 542" → "SC542", "#801" → "801",
    "E000007-0000" → "E000007-0000".
    """
    text = code.upper()
    parts: list[str] = []
    previous_kind = ""
    for match in _RUN.finditer(text):
        kind = "digits" if match.group().isdigit() else "letters"
        if kind == previous_kind:
            parts.append("-")
        parts.append(match.group())
        previous_kind = kind
    return "".join(parts)


def strip_zeros(canonical: str) -> str:
    """Drop the leading zeros of every group of digits ("E000007-0000" → "E7-0")."""
    return _LEADING_ZEROS.sub("", canonical)


def code_variants(code: str) -> set[str]:
    """Every index token for one code of an article.

    "E000007-0000" gives {"E000007-0000", "E7-0", "E000007", "E7"}.
    """
    canonical = normalise_code(code)
    if not canonical:
        return set()
    variants = {canonical, strip_zeros(canonical)}
    head = canonical.split("-", 1)[0]
    if head != canonical and any(ch.isdigit() for ch in head):
        variants |= {head, strip_zeros(head)}
    return variants


def query_variants(canonical: str) -> set[str]:
    """The tokens a query looks for when the user typed ``canonical``."""
    return {canonical, strip_zeros(canonical)} if canonical else set()


def iter_code_spans(text: str) -> Iterator[tuple[int, int, list[str]]]:
    """Yield ``(start, end, canonical codes)`` for each code-like run in free text.

    When digit groups are joined by a space ("SC 542 100"), the run may be one
    code or a code followed by a number, so both readings are given, the longer
    first.
    """
    for match in _CODE_IN_TEXT.finditer(text):
        raw = match.group(0)
        digits = match.group("hash") or match.group("digits") or match.group("number") or ""
        codes = [normalise_code(raw)]
        if " " in digits:
            first = digits.split(" ", 1)[0]
            codes.append(normalise_code(raw[: raw.index(digits) + len(first)]))
        yield match.start(), match.end(), [code for code in codes if code]


def find_codes(text: str) -> list[str]:
    """Canonical codes found in free text, in order of appearance, without repeats."""
    seen: dict[str, None] = {}
    for _start, _end, codes in iter_code_spans(text):
        for code in codes:
            seen.setdefault(code, None)
    return list(seen)
