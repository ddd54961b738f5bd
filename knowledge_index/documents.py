"""What goes into the index and what comes out of a search."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ArticleDoc:
    """One knowledge article in one language, as the portal hands it to the index.

    Attributes:
        article_id: The article's id in the portal (any hashable value; the portal
            uses ints). Returned unchanged in ``Hit.article_id``.
        language: Language code of this translation ("es", "en", "de", "fr", ...).
            Lower-cased by the index; a region suffix ("pt-BR") is kept as part of
            the code but stemmed as its base language.
        title: Plain-text title.
        body: Body text (Markdown or plain text; indexed as text, never rendered here).
        error_codes: Error codes the article is about, in any spelling
            ("E000007-0000", "SC 542", "#801").
        models: Names of the product models the article applies to; empty means
            the article applies to every model.
    """

    article_id: int | str
    language: str
    title: str
    body: str
    error_codes: Sequence[str] = field(default_factory=tuple)
    models: Sequence[str] = field(default_factory=tuple)


@dataclass(frozen=True)
class Hit:
    """One search result.

    Attributes:
        article_id: The ``ArticleDoc.article_id`` that was indexed.
        language: The language of the matching translation.
        title: Plain-text title (NOT escaped: escape it when rendering).
        snippet: An HTML fragment safe to render as-is: a passage of the body with
            every character HTML-escaped except the ``<mark>…</mark>`` tags around
            matched words and codes.
        score: Relevance score; higher is better. Only comparable within one search.
    """

    article_id: int | str
    language: str
    title: str
    snippet: str
    score: float
