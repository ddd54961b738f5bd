"""The Whoosh schema: one title and one body field per language, codes, filters."""

from __future__ import annotations

import re

from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from knowledge_index.analysis import analyzer_for, field_key, languages_supported

#: Bump when the schema or the analysis changes: an index built by another
#: version is replaced by an empty one on open (``KnowledgeIndex.needs_rebuild``).
SCHEMA_VERSION = "1"

#: Indexed in ``models`` for an article that lists no model (it applies to all).
ANY_MODEL = "__any__"

KEY_SEPARATOR = "\x1f"


def build_schema() -> Schema:
    """A schema with stemmed fields for every Whoosh stemmer language and glob
    fields (unstemmed, accent-folded) for any other language code."""
    schema = Schema(
        key=ID(unique=True),
        aid=ID,
        article_id=STORED,
        language=ID(stored=True),
        title=STORED,
        body=STORED,
        models=KEYWORD(commas=True, scorable=False),
        codes=KEYWORD(scorable=True),
    )
    for key in languages_supported():
        schema.add(title_field(key), TEXT(analyzer=analyzer_for(key), phrase=False))
        schema.add(body_field(key), TEXT(analyzer=analyzer_for(key), phrase=False))
    schema.add("title_*", TEXT(analyzer=analyzer_for("xx"), phrase=False), glob=True)
    schema.add("body_*", TEXT(analyzer=analyzer_for("xx"), phrase=False), glob=True)
    return schema


def title_field(key: str) -> str:
    """Name of the title field for field key ``key`` (see ``analysis.field_key``)."""
    return f"title_{key}"


def body_field(key: str) -> str:
    """Name of the body field for field key ``key``."""
    return f"body_{key}"


def doc_key(article_id: object, language: str) -> str:
    """The unique key of one article-language."""
    return f"{article_id}{KEY_SEPARATOR}{language}"


def normalise_model(name: str) -> str:
    """A model name as indexed and filtered on: case-folded, single spaces, no commas."""
    return re.sub(r"\s+", " ", name.replace(",", " ")).strip().casefold()


__all__ = [
    "ANY_MODEL",
    "SCHEMA_VERSION",
    "body_field",
    "build_schema",
    "doc_key",
    "field_key",
    "normalise_model",
    "title_field",
]
