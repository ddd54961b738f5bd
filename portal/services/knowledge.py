"""The knowledge centre (SPEC D1, D3, X1): search, article pages, article management.

The articles live in the database (``KnowledgeArticle`` + one
``ArticleTranslation`` per language): it is the source of truth. The Whoosh
index (package ``knowledge_index``) only finds them; every hit is checked
against the database before it is shown, so a stale index never shows an
unpublished text. Changes reach the index through ``index_writer`` once their
transaction commits.

Any active user may search and read published articles (knowledge users
included); only provider agents and provider administrators manage articles.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from knowledge_index import ArticleDoc, languages_supported
from portal import clock
from portal.errors import NotFound, ValidationFailed
from portal.models import (
    ArticleTranslation,
    KnowledgeArticle,
    Product,
    ProductModel,
    Role,
    User,
)
from portal.services import audit, index_writer, scope
from portal.services.common import check_text
from portal.services.listing import clean_query

BASE_LANGUAGES = ("es", "en", "de")
MAX_QUERY_LENGTH = 200
MAX_RESULTS = 50
MAX_CODES = 20
MAX_CODE_LENGTH = 40
MAX_MODELS = 50
MAX_TITLE = 200
MAX_BODY = 20000
MANAGERS = (Role.AGENT, Role.PROVIDER_ADMIN)
ARTICLE_PATH = "/knowledge/articles/"

_CODE = re.compile(r"^[A-Za-z0-9#][A-Za-z0-9 #./_-]*$")
_LANGUAGE = re.compile(r"^[a-z]{2}$")
_SCRIPT_BLOCK = re.compile(r"<(script|style|iframe|object|embed)\b.*?</\1\s*>", re.S | re.I)
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_HTML_TAG = re.compile(r"</?[A-Za-z!?][^<>]*>?")
_UNSAFE_LINK = re.compile(r"\]\(\s*<?\s*(?:javascript|vbscript|data)\s*:", re.I)
_TAGS = re.compile(r"<[^>]*>")


def article_link(article_id: Any, language: str = "") -> str:
    """Path of an article's page (in ``language`` when given)."""
    path = f"{ARTICLE_PATH}{article_id}"
    return f"{path}?lang={language}" if language else path


def safe_markdown(body: str) -> str:
    """An article body with every raw HTML tag removed, ready for the Markdown renderer.

    Article bodies are Markdown; HTML inside them is never rendered (no script,
    no event attributes), and links with script URLs point nowhere.
    """
    text = _SCRIPT_BLOCK.sub("", body or "")
    text = _HTML_COMMENT.sub("", text)
    text = _HTML_TAG.sub("", text)
    return _UNSAFE_LINK.sub("](#", text)


def plain_snippet(snippet: str) -> str:
    """A highlighted snippet (escaped HTML with ``<mark>``) as plain text."""
    return html.unescape(_TAGS.sub("", snippet or ""))


def docs_from_db(session: Session) -> Iterator[ArticleDoc]:
    """Every published translation as an index document (for a rebuild)."""
    return index_writer.article_docs(session)


def languages_in_use(session: Session) -> list[str]:
    """Spanish, English, German and any other language an article is written in."""
    found = session.exec(select(ArticleTranslation.language).distinct()).all()
    return list(BASE_LANGUAGES) + sorted(set(found) - set(BASE_LANGUAGES))


def clean_languages(session: Session, languages: Any) -> list[str]:
    """The languages from the browser that exist, in order, without repeats."""
    if isinstance(languages, str):
        languages = [languages]
    if not isinstance(languages, list | tuple):
        return []
    known = set(languages_in_use(session))
    chosen: list[str] = []
    for value in languages[:20]:
        if isinstance(value, str) and value in known and value not in chosen:
            chosen.append(value)
    return chosen


def _as_limit(limit: Any, default: int = 20) -> int:
    try:
        return max(1, min(int(limit), MAX_RESULTS))
    except (TypeError, ValueError, OverflowError):
        return default


def search(
    *,
    session: Session,
    actor: User | None,
    query: Any,
    languages: Any,
    model_name: Any = None,
    limit: Any = 20,
) -> list[dict[str, Any]]:
    """Published articles for what the user typed, best first (SPEC D1).

    Args:
        session: An open session.
        actor: Any active user.
        query: Error code and/or words as typed (bounded to ``MAX_QUERY_LENGTH``).
        languages: Languages to search; unknown ones are ignored.
        model_name: Only articles for this model (and those for every model).
        limit: Most results (1–50).

    Returns:
        Dicts with id, language, title, snippet (safe HTML with ``<mark>``),
        link, error_codes and models; empty for an empty query or no language.

    Raises:
        PermissionDenied: The actor is not an active user.
    """
    scope.require_active(actor)
    text = clean_query(query, MAX_QUERY_LENGTH)
    chosen = clean_languages(session, languages)
    if not text or not chosen:
        return []
    model = clean_query(model_name, 120) if model_name else ""
    hits = index_writer.open_index().search(
        text, chosen, models=[model] if model else None, limit=_as_limit(limit)
    )
    if not hits:
        return []
    # Articles by their best score; one article's languages together, in the order chosen.
    rank = {language: n for n, language in enumerate(chosen)}
    best: dict[Any, float] = {}
    for hit in hits:
        best[hit.article_id] = max(best.get(hit.article_id, hit.score), hit.score)
    hits = sorted(
        hits,
        key=lambda hit: (-best[hit.article_id], str(hit.article_id), rank.get(hit.language, 99)),
    )
    ids = {int(hit.article_id) for hit in hits}
    # What the list shows, not the articles' bodies: the index made the snippets.
    rows = session.exec(
        select(
            col(ArticleTranslation.article_id),
            col(ArticleTranslation.language),
            col(ArticleTranslation.title),
            col(KnowledgeArticle.error_codes),
            col(KnowledgeArticle.model_names),
        )
        .join(KnowledgeArticle, col(KnowledgeArticle.id) == col(ArticleTranslation.article_id))
        .where(
            col(ArticleTranslation.article_id).in_(ids),
            col(ArticleTranslation.language).in_({hit.language for hit in hits}),
            col(ArticleTranslation.published).is_(True),
        )
    ).all()
    current = {(row.article_id, row.language): row for row in rows}
    results = []
    for hit in hits:
        found = current.get((int(hit.article_id), hit.language))
        if found is None:
            continue  # unpublished or deleted since it was indexed
        results.append(
            {
                "id": found.article_id,
                "language": found.language,
                "title": found.title,
                "snippet": hit.snippet,
                "link": article_link(found.article_id, found.language),
                "error_codes": list(found.error_codes or []),
                "models": list(found.model_names or []),
            }
        )
    return results


def _is_manager(actor: User) -> bool:
    return actor.has_role(*MANAGERS)


def _fallback_order(languages: list[str], available: list[str]) -> list[str]:
    order = [lang for lang in languages if lang in available]
    order += [lang for lang in BASE_LANGUAGES if lang in available and lang not in order]
    order += sorted(lang for lang in available if lang not in order)
    return order


def article_view(
    *, session: Session, actor: User | None, article_id: Any, languages: Any
) -> dict[str, Any]:
    """One article for its page, in the first of ``languages`` it exists in.

    Customers and knowledge users see published translations only; agents see
    drafts too. When none of the chosen languages exists, another one is shown
    and ``other_language`` is True so the page can say so.

    Returns:
        A dict with id, language, title, body (Markdown without raw HTML),
        error_codes, models, languages (available), other_language, published.

    Raises:
        PermissionDenied: The actor is not an active user.
        NotFound: No such article, or nothing of it the actor may read.
    """
    scope.require_active(actor)
    aid = scope.as_id(article_id)
    article = session.get(KnowledgeArticle, aid)
    if article is None:
        raise NotFound(scope.NOT_FOUND)
    query = select(ArticleTranslation).where(col(ArticleTranslation.article_id) == aid)
    if not _is_manager(actor):
        query = query.where(col(ArticleTranslation.published).is_(True))
    translations = {t.language: t for t in session.exec(query).all()}
    if not translations:
        raise NotFound(scope.NOT_FOUND)
    wanted = clean_languages(session, languages)
    available = _fallback_order([], list(translations))
    order = _fallback_order(wanted, available)
    shown = translations[order[0]]
    return {
        "id": article.id,
        "language": shown.language,
        "title": shown.title,
        "body": safe_markdown(shown.body),
        "error_codes": list(article.error_codes or []),
        "models": list(article.model_names or []),
        "languages": available,
        "other_language": bool(wanted) and shown.language not in wanted,
        "published": shown.published,
    }


def model_options(*, session: Session, actor: User | None) -> list[dict[str, Any]]:
    """Models for the knowledge centre's picker: the actor's machines' models first, then all.

    Returns:
        Dicts with name and mine (True for a model of a product the actor sees).
    """
    scope.require_active(actor)
    mine = set(
        session.exec(
            select(ProductModel.name)
            .join(Product, col(Product.model_id) == col(ProductModel.id))
            .where(col(Product.id).in_(scope.visible_product_ids_subquery(actor)))
            .distinct()
        ).all()
    )
    every = session.exec(select(ProductModel.name).order_by(col(ProductModel.name))).all()
    first = [{"name": name, "mine": True} for name in every if name in mine]
    return first + [{"name": name, "mine": False} for name in every if name not in mine]


def model_of_product(*, session: Session, actor: User | None, product_id: Any) -> str:
    """The model name of a product the actor sees, or '' (for ``?product=<id>``)."""
    try:
        product = scope.get_visible_product(session=session, actor=actor, product_id=product_id)
    except NotFound:
        return ""
    model = session.get(ProductModel, product.model_id)
    return model.name if model is not None else ""


def suggest_for_ticket(
    *,
    session: Session,
    actor: User | None,
    product_id: Any,
    error_code: Any,
    description: Any,
    language: Any,
    limit: int = 5,
) -> list[dict[str, Any]]:
    """The top articles for a ticket being written (SPEC X1).

    Searches the error code and description in the user's language, for the
    chosen product's model when the product is in the actor's scope.

    Returns:
        Up to ``limit`` dicts with id, title, summary (plain text) and link.
    """
    if not scope.is_active(actor):
        return []
    code = clean_query(error_code, MAX_CODE_LENGTH)
    words = clean_query(description, MAX_QUERY_LENGTH)
    text = f"{code} {words}".strip()[:MAX_QUERY_LENGTH]
    if not text:
        return []
    model = model_of_product(session=session, actor=actor, product_id=product_id)
    language = language if language in BASE_LANGUAGES else BASE_LANGUAGES[0]
    found = search(
        session=session,
        actor=actor,
        query=text,
        languages=[language],
        model_name=model or None,
        limit=limit,
    )
    return [
        {
            "id": item["id"],
            "title": item["title"],
            "summary": plain_snippet(item["snippet"]),
            "link": item["link"],
        }
        for item in found[:limit]
    ]


# --- Management (agents) ------------------------------------------------------------


def parse_codes(value: Any) -> list[str]:
    """Error codes from a comma-separated text (or a list), trimmed, without repeats."""
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        return []
    codes: list[str] = []
    for item in items:
        code = " ".join(str(item).split()) if isinstance(item, str | int) else ""
        if code and code.upper() not in {c.upper() for c in codes}:
            codes.append(code)
    return codes


def _clean_codes(value: Any, errors: dict[str, str]) -> list[str]:
    codes = parse_codes(value)
    if len(codes) > MAX_CODES:
        errors["error_codes"] = "error.kb_too_many_codes"
    elif any(len(code) > MAX_CODE_LENGTH or not _CODE.match(code) for code in codes):
        errors["error_codes"] = "error.kb_code_invalid"
    return codes


def _clean_models(session: Session, value: Any, errors: dict[str, str]) -> list[str]:
    if isinstance(value, str):
        value = [value] if value else []
    if not isinstance(value, list | tuple):
        value = []
    names: list[str] = []
    for item in value:
        if isinstance(item, str) and item.strip() and item.strip() not in names:
            names.append(item.strip())
    if len(names) > MAX_MODELS:
        errors["model_names"] = "error.kb_model_unknown"
        return names
    known = set(
        session.exec(select(ProductModel.name).where(col(ProductModel.name).in_(names))).all()
    )
    if set(names) - known:
        errors["model_names"] = "error.kb_model_unknown"
    return names


def valid_new_language(language: Any) -> bool:
    """Whether agents may write an article in ``language`` (es, en, de or any stemmed one)."""
    return (
        isinstance(language, str)
        and bool(_LANGUAGE.match(language))
        and (language in BASE_LANGUAGES or language in languages_supported())
    )


def _clean_text(value: Any, field: str, limit: int, errors: dict[str, str]) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if field == "title":
        text = " ".join(text.split())
    check_text(errors, field, text, limit, required=True)
    return text


def _clean_translation(
    language: Any, title: Any, body: Any, errors: dict[str, str]
) -> tuple[str, str]:
    """A translation's title and body, cleaned; problems (language too) go into ``errors``."""
    if not valid_new_language(language):
        errors["language"] = "error.language_invalid"
    return (
        _clean_text(title, "title", MAX_TITLE, errors),
        _clean_text(body, "body", MAX_BODY, errors),
    )


def _translation(
    session: Session, article: KnowledgeArticle, language: str
) -> ArticleTranslation | None:
    """The article's translation into ``language``, if it has one."""
    return session.exec(
        select(ArticleTranslation).where(
            col(ArticleTranslation.article_id) == article.id,
            col(ArticleTranslation.language) == language,
        )
    ).first()


def _touch(
    session: Session, article: KnowledgeArticle, translation: ArticleTranslation, now: datetime
) -> None:
    """Store a changed translation, marking it and its article as updated at ``now``."""
    translation.updated_at = now
    article.updated_at = now
    session.add(translation)
    session.add(article)
    session.flush()


def _get_article(session: Session, actor: User | None, article_id: Any) -> KnowledgeArticle:
    scope.require_role(actor, *MANAGERS)
    article = session.get(KnowledgeArticle, scope.as_id(article_id))
    if article is None:
        raise NotFound(scope.NOT_FOUND)
    return article


def _translations(session: Session, article_id: int) -> list[ArticleTranslation]:
    return list(
        session.exec(
            select(ArticleTranslation)
            .where(col(ArticleTranslation.article_id) == article_id)
            .order_by(col(ArticleTranslation.language))
        ).all()
    )


def list_articles(
    *, session: Session, actor: User | None, query: Any = "", language: str = "es", limit: int = 200
) -> list[dict[str, Any]]:
    """Articles for the management list, newest change first, filtered by title or code.

    Returns:
        Dicts with id, title (in ``language`` when it exists), error_codes,
        models, published (languages) and drafts (languages).

    Raises:
        PermissionDenied: The actor is not an agent or provider administrator.
    """
    scope.require_role(actor, *MANAGERS)
    text = clean_query(query, MAX_QUERY_LENGTH)
    ids_query = select(KnowledgeArticle.id).order_by(
        col(KnowledgeArticle.updated_at).desc(), col(KnowledgeArticle.id).desc()
    )
    if text:
        needle = text.lower()
        by_title = select(ArticleTranslation.article_id).where(
            sa.func.lower(col(ArticleTranslation.title)).contains(needle, autoescape=True)
        )
        codes = sa.func.lower(sa.cast(col(KnowledgeArticle.error_codes), sa.String))
        ids_query = ids_query.where(
            col(KnowledgeArticle.id).in_(by_title) | codes.contains(needle, autoescape=True)
        )
    ids = list(session.exec(ids_query.limit(max(1, min(int(limit), 500)))).all())
    if not ids:
        return []
    articles = {
        a.id: a
        for a in session.exec(
            select(KnowledgeArticle).where(col(KnowledgeArticle.id).in_(ids))
        ).all()
    }
    by_article: dict[int, list[ArticleTranslation]] = {}
    for translation in session.exec(
        select(ArticleTranslation)
        .where(col(ArticleTranslation.article_id).in_(ids))
        .order_by(col(ArticleTranslation.language))
    ).all():
        by_article.setdefault(translation.article_id, []).append(translation)
    rows = []
    for aid in ids:
        article = articles[aid]
        translations = by_article.get(aid, [])
        titles = {t.language: t.title for t in translations}
        order = _fallback_order([language], list(titles))
        rows.append(
            {
                "id": aid,
                "title": titles[order[0]] if order else "",
                "error_codes": list(article.error_codes or []),
                "models": list(article.model_names or []),
                "published": [t.language for t in translations if t.published],
                "drafts": [t.language for t in translations if not t.published],
            }
        )
    return rows


def article_for_edit(*, session: Session, actor: User | None, article_id: Any) -> dict[str, Any]:
    """An article with every translation, for the editor.

    Raises:
        PermissionDenied: Not an agent or provider administrator.
        NotFound: No such article.
    """
    article = _get_article(session, actor, article_id)
    return {
        "id": article.id,
        "error_codes": list(article.error_codes or []),
        "models": list(article.model_names or []),
        "translations": {
            t.language: {"title": t.title, "body": t.body, "published": t.published}
            for t in _translations(session, article.id)
        },
    }


def create_article(
    *,
    session: Session,
    actor: User | None,
    error_codes: Any,
    model_names: Any,
    language: Any,
    title: Any,
    body: Any,
    now: datetime | None = None,
) -> KnowledgeArticle:
    """Create an article with its first translation, as an unpublished draft.

    Raises:
        PermissionDenied: Not an agent or provider administrator.
        ValidationFailed: Per field: error_codes, model_names, language, title, body.
    """
    scope.require_role(actor, *MANAGERS)
    now = now or clock.now()
    errors: dict[str, str] = {}
    codes = _clean_codes(error_codes, errors)
    models = _clean_models(session, model_names, errors)
    clean_title, clean_body = _clean_translation(language, title, body, errors)
    if errors:
        raise ValidationFailed(errors)
    article = KnowledgeArticle(
        error_codes=codes,
        model_names=models,
        created_by_id=actor.id,
        created_at=now,
        updated_at=now,
    )
    session.add(article)
    session.flush()
    session.add(
        ArticleTranslation(
            article_id=article.id,
            language=language,
            title=clean_title,
            body=clean_body,
            published=False,
            updated_at=now,
        )
    )
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action="article.created",
        object_type="article",
        object_id=article.id,
        new={"error_codes": codes, "models": models, "language": language, "title": clean_title},
        now=now,
    )
    return article


def update_translation(
    *,
    session: Session,
    actor: User | None,
    article_id: Any,
    language: Any,
    title: Any,
    body: Any,
    now: datetime | None = None,
) -> ArticleTranslation:
    """Save an article's text in one language; a new language starts as a draft (translate).

    A published translation stays published and the index is updated once the
    transaction commits.

    Raises:
        PermissionDenied: Not an agent or provider administrator.
        NotFound: No such article.
        ValidationFailed: Per field: language, title, body.
    """
    article = _get_article(session, actor, article_id)
    now = now or clock.now()
    errors: dict[str, str] = {}
    clean_title, clean_body = _clean_translation(language, title, body, errors)
    if errors:
        raise ValidationFailed(errors)
    translation = _translation(session, article, language)
    old = None
    if translation is None:
        translation = ArticleTranslation(
            article_id=article.id, language=language, title="", body="", published=False
        )
    else:
        old = {"title": translation.title, "body_length": len(translation.body)}
    translation.title = clean_title
    translation.body = clean_body
    _touch(session, article, translation, now)
    audit.record(
        session=session,
        actor=actor,
        action="article.translation_saved",
        object_type="article",
        object_id=article.id,
        old=old,
        new={"language": language, "title": clean_title, "body_length": len(clean_body)},
        now=now,
    )
    if translation.published:
        index_writer.after_commit(session, article.id, language)
    return translation


def set_published(
    *,
    session: Session,
    actor: User | None,
    article_id: Any,
    language: Any,
    published: Any,
    now: datetime | None = None,
) -> ArticleTranslation:
    """Publish or unpublish one translation; the index follows once the transaction commits.

    Raises:
        PermissionDenied: Not an agent or provider administrator.
        NotFound: No such article or translation.
    """
    article = _get_article(session, actor, article_id)
    now = now or clock.now()
    translation = _translation(session, article, language if isinstance(language, str) else "")
    if translation is None:
        raise NotFound(scope.NOT_FOUND)
    wanted = published is True
    if translation.published != wanted:
        translation.published = wanted
        _touch(session, article, translation, now)
        audit.record(
            session=session,
            actor=actor,
            action="article.published" if wanted else "article.unpublished",
            object_type="article",
            object_id=article.id,
            old={"language": translation.language, "published": not wanted},
            new={"language": translation.language, "published": wanted},
            now=now,
        )
    index_writer.after_commit(session, article.id, translation.language)
    return translation


def set_codes_and_models(
    *,
    session: Session,
    actor: User | None,
    article_id: Any,
    error_codes: Any,
    model_names: Any,
    now: datetime | None = None,
) -> KnowledgeArticle:
    """Change an article's error codes and models (every language follows in the index).

    Raises:
        PermissionDenied: Not an agent or provider administrator.
        NotFound: No such article.
        ValidationFailed: Per field: error_codes, model_names.
    """
    article = _get_article(session, actor, article_id)
    now = now or clock.now()
    errors: dict[str, str] = {}
    codes = _clean_codes(error_codes, errors)
    models = _clean_models(session, model_names, errors)
    if errors:
        raise ValidationFailed(errors)
    old = {"error_codes": list(article.error_codes), "models": list(article.model_names)}
    article.error_codes = codes
    article.model_names = models
    article.updated_at = now
    session.add(article)
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action="article.codes_changed",
        object_type="article",
        object_id=article.id,
        old=old,
        new={"error_codes": codes, "models": models},
        now=now,
    )
    index_writer.after_commit(session, article.id)
    return article


def delete_article(
    *, session: Session, actor: User | None, article_id: Any, now: datetime | None = None
) -> None:
    """Delete an article in every language (and from the index once committed).

    Raises:
        PermissionDenied: Not an agent or provider administrator.
        NotFound: No such article.
    """
    article = _get_article(session, actor, article_id)
    translations = _translations(session, article.id)
    old = {
        "error_codes": list(article.error_codes),
        "titles": {t.language: t.title for t in translations},
    }
    for translation in translations:
        session.delete(translation)
    session.flush()
    session.delete(article)
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action="article.deleted",
        object_type="article",
        object_id=article.id,
        old=old,
        now=now,
    )
    index_writer.after_commit(session, article.id)


def model_names(session: Session) -> list[str]:
    """Every product model's name, for the editor's model choice."""
    return list(session.exec(select(ProductModel.name).order_by(col(ProductModel.name))).all())
