"""Highlighted passages: HTML-escaped text with <mark> around what matched."""

from __future__ import annotations

import html
import re

from knowledge_index.analysis import WORD_PATTERN, token_terms
from knowledge_index.codes import code_variants, iter_code_spans

#: Characters of body text scanned for matches (longer bodies: only the start).
SCAN_CHARS = 8000
SNIPPET_CHARS = 240
_LEAD = 60
_SPACE = re.compile(r"\s+")
_WORD = re.compile(WORD_PATTERN)


def _matched_spans(text: str, key: str, words: set[str], codes: set[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    if words:
        # The index analysis of each word (``analysis.token_terms``, cached), so
        # a word is marked when one of the terms it was indexed under matched.
        for match in _WORD.finditer(text):
            if not words.isdisjoint(token_terms(match.group(), key)):
                spans.append(match.span())
    if codes:
        for start, end, found in iter_code_spans(text):
            if any(code_variants(code) & codes for code in found):
                spans.append((start, end))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _window(text: str, spans: list[tuple[int, int]]) -> tuple[int, int]:
    if not spans:
        start = 0
    else:
        best, start = -1, 0
        for anchor, _end in spans:
            candidate = max(0, anchor - _LEAD)
            count = sum(1 for s, e in spans if s >= candidate and e <= candidate + SNIPPET_CHARS)
            if count > best:
                best, start = count, candidate
        if start > 0:
            space = text.find(" ", start, spans[0][0] if spans[0][0] > start else start + 20)
            start = space + 1 if space != -1 else start
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", start + SNIPPET_CHARS // 2, end)
        end = space if space != -1 else end
    return start, end


def _plain(text: str) -> str:
    return html.escape(_SPACE.sub(" ", text))


def make_snippet(text: str, key: str, words: set[str], codes: set[str]) -> str:
    """An HTML-safe passage of ``text`` around the matches.

    Args:
        text: Body (or title) text, untrusted.
        key: Field key of the text's language (same analysis as the index).
        words: Index terms that matched (stems, as in the index).
        codes: Code tokens of the query (``codes.query_variants``); code
            spellings in the text whose variants meet them are marked.

    Returns:
        Escaped text with ``<mark>…</mark>`` around matches, "…" where cut.
    """
    scanned = text[:SCAN_CHARS]
    spans = _matched_spans(scanned, key, words, codes)
    start, end = _window(text, spans)
    out: list[str] = ["…" if start > 0 else ""]
    cursor = start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        out.append(_plain(text[cursor:span_start]))
        out.append(f"<mark>{_plain(text[span_start:span_end])}</mark>")
        cursor = span_end
    out.append(_plain(text[cursor:end]))
    if end < len(text):
        out.append("…")
    return "".join(out).strip()
