"""The one writer of the knowledge index, shared by every worker (SPEC D2).

Whoosh lets one writer at a time into an index directory. Every write of the
portal goes through here and runs under the ``JobLock`` lease
``knowledge-index-writer``, so that of several worker processes (and threads)
only one writes at a time; the index's own file lock is the second line of
defence. Readers never take the lease: they open the index and search.

- ``apply_change`` runs after an article's transaction commits: it re-reads the
  article from the database (the source of truth) and upserts or deletes its
  translations in the index. When the lease stays taken for a few seconds it
  gives up and leaves the change to the next ``reconcile``.
- ``reconcile`` (a lifespan task, every minute, under the same lease) re-applies
  every article changed since the time stamp recorded next to the index, and
  rebuilds the index when its document count disagrees with the database
  (which catches deleted articles).
- ``rebuild`` and ``ensure_index`` (``python -m portal reindex``, ``prepare`` and
  the app start) build the whole index from the database.
"""

from __future__ import annotations

import asyncio
import logging
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from knowledge_index import ArticleDoc, IndexBusy, KnowledgeIndex
from portal import clock
from portal.models import ArticleTranslation, KnowledgeArticle
from portal.services.digest import worker_name
from portal.services.jobs import acquire_lease, release_lease
from portal.settings import settings

logger = logging.getLogger(__name__)

LEASE_NAME = "knowledge-index-writer"
#: Seconds one write may hold the lease; a crashed writer's lease expires after this.
LEASE_SECONDS = 60.0
#: Seconds a full rebuild may hold the lease.
REBUILD_LEASE_SECONDS = 900.0
#: Tries to get the lease (waiting 0.1, 0.2, 0.4 … s in between: about 3 s in all).
ATTEMPTS = 6
FIRST_WAIT = 0.1
#: Seconds a write waits for Whoosh's own lock before ``IndexBusy``.
LOCK_TIMEOUT = 5.0
#: ``reconcile`` re-applies changes this far back from its last run as well, so that a
#: transaction that committed while it ran is not skipped.
OVERLAP = timedelta(minutes=2)
RECONCILE_INTERVAL = 60.0

_PENDING = "knowledge_index_pending"
_LISTENING = "knowledge_index_listening"

_indexes: dict[Path, KnowledgeIndex] = {}
_open_lock = threading.Lock()


def index_dir() -> Path:
    """Where this portal's index lives (``settings.index_dir``; tests patch this)."""
    return settings.index_dir


def _resolve(path: str | Path | None) -> Path:
    return Path(path or index_dir()).resolve()


def open_index(path: str | Path | None = None) -> KnowledgeIndex:
    """The process-wide ``KnowledgeIndex`` of ``path`` (default: the portal's), for reading.

    One object per directory and process, so its searcher cache is shared.
    """
    where = _resolve(path)
    with _open_lock:
        index = _indexes.get(where)
        if index is None:
            index = KnowledgeIndex(where, lock_timeout=LOCK_TIMEOUT)
            _indexes[where] = index
        return index


def close_indexes() -> None:
    """Close every index opened by this process (tests; shutdown)."""
    with _open_lock:
        for index in _indexes.values():
            index.close()
        _indexes.clear()


def _marker_path(path: Path) -> Path:
    """The time stamp of the last full sync, kept next to (not inside) the index directory."""
    return path.with_name(path.name + ".synced")


def read_marker(path: str | Path | None = None) -> datetime | None:
    """When the index was last brought up to date with the database, or None."""
    try:
        return datetime.fromisoformat(_marker_path(_resolve(path)).read_text().strip())
    except (OSError, ValueError):
        return None


def _write_marker(path: Path, when: datetime) -> None:
    marker = _marker_path(path)
    marker.parent.mkdir(parents=True, exist_ok=True)
    temporary = marker.with_name(marker.name + ".tmp")
    temporary.write_text(when.isoformat())
    temporary.replace(marker)


_MD_IMAGE_OR_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"\*\*|__|\*|`+|~~")
_MD_LINE_START = re.compile(r"^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+[.)][ \t]+)", re.M)
_HTML_TAG = re.compile(r"<[^>]*>")


def markdown_text(body: str) -> str:
    """An article's Markdown as plain text for the index, so snippets show no ``**`` or ``###``."""
    text = _HTML_TAG.sub(" ", body or "")
    text = _MD_IMAGE_OR_LINK.sub(r"\1", text)
    text = _MD_LINE_START.sub("", text)
    return _MD_EMPHASIS.sub("", text)


def article_docs(
    session: Session, article_ids: Iterable[int] | None = None
) -> Iterator[ArticleDoc]:
    """The published translations as index documents, by article and language.

    Args:
        session: An open session.
        article_ids: Only these articles (default: all).
    """
    query = (
        select(ArticleTranslation, KnowledgeArticle)
        .join(KnowledgeArticle, col(KnowledgeArticle.id) == col(ArticleTranslation.article_id))
        .where(col(ArticleTranslation.published).is_(True))
        .order_by(col(ArticleTranslation.article_id), col(ArticleTranslation.language))
    )
    if article_ids is not None:
        query = query.where(col(ArticleTranslation.article_id).in_(list(article_ids)))
    for translation, article in session.exec(query.execution_options(yield_per=500)):
        yield ArticleDoc(
            article_id=article.id,
            language=translation.language,
            title=translation.title,
            body=markdown_text(translation.body),
            error_codes=tuple(article.error_codes or ()),
            models=tuple(article.model_names or ()),
        )


def _published_count(session: Session) -> int:
    query = select(func.count()).select_from(ArticleTranslation)
    return session.exec(query.where(col(ArticleTranslation.published).is_(True))).one()


def _holder() -> str:
    """This thread as a lease holder: two threads of one process exclude each other too."""
    return f"{worker_name()}:{threading.get_ident()}"[-80:]


def _under_lease(
    engine: sa.Engine,
    work: Callable[[], Any],
    *,
    attempts: int = ATTEMPTS,
    seconds: float = LEASE_SECONDS,
) -> tuple[bool, Any]:
    """Run ``work`` holding the writer lease; retry with back-off while someone else holds it.

    Returns:
        (True, work's result), or (False, None) when the lease (or Whoosh's lock)
        stayed taken for every attempt.
    """
    holder = _holder()
    wait = FIRST_WAIT
    for attempt in range(attempts):
        if attempt:
            time.sleep(wait)
            wait *= 2
        if not acquire_lease(engine=engine, name=LEASE_NAME, holder=holder, seconds=seconds):
            continue
        try:
            return True, work()
        except IndexBusy:
            logger.info("knowledge index busy (attempt %d of %d)", attempt + 1, attempts)
        finally:
            release_lease(engine=engine, name=LEASE_NAME, holder=holder)
    return False, None


def _sync_article(session: Session, index: KnowledgeIndex, article_id: int) -> None:
    """Make the index hold exactly the published translations of one article."""
    docs = list(article_docs(session, [article_id]))
    if not docs:
        index.delete(article_id)
        return
    published = {doc.language for doc in docs}
    languages = session.exec(
        select(ArticleTranslation.language).where(col(ArticleTranslation.article_id) == article_id)
    ).all()
    for language in sorted(set(languages) - published):
        index.delete(article_id, language)
    for doc in docs:
        index.upsert(doc)


def apply_change(
    *,
    engine: sa.Engine,
    article_id: int,
    language: str | None = None,
    path: str | Path | None = None,
) -> bool:
    """Bring one article (or one of its translations) in the index up to date with the database.

    Call it after the change has committed. A translation that is published is
    upserted; one that is unpublished or gone is deleted; an article that is
    gone is deleted in every language.

    Returns:
        True when applied; False when the writer stayed busy (the next
        ``reconcile`` applies it then).
    """
    where = _resolve(path)

    def work() -> None:
        index = open_index(where)
        with Session(engine) as session:
            if language is None:
                _sync_article(session, index, article_id)
                return
            docs = [d for d in article_docs(session, [article_id]) if d.language == language]
        if docs:
            index.upsert(docs[0])
        else:
            index.delete(article_id, language)

    done, _ = _under_lease(engine, work)
    if not done:
        logger.warning(
            "knowledge index busy: article %s (%s) left for the next reconcile",
            article_id,
            language or "all languages",
        )
    return done


def _apply_pending(session: Session) -> None:
    pending = session.info.pop(_PENDING, set())
    if not pending:
        return
    engine = session.get_bind()
    for article_id, language in sorted(pending, key=lambda item: (item[0], item[1] or "")):
        try:
            apply_change(engine=engine, article_id=article_id, language=language)
        except Exception:  # the change is committed; reconcile repairs the index later
            logger.exception("knowledge index update failed for article %s", article_id)


def _drop_pending(session: Session, *_: Any) -> None:
    session.info.pop(_PENDING, None)


def after_commit(session: Session, article_id: int, language: str | None = None) -> None:
    """Update the index for this article once ``session``'s transaction commits.

    Nothing reaches the index when the transaction rolls back.

    Args:
        session: The service's session (its caller commits it).
        article_id: The article saved, published, unpublished or deleted.
        language: The translation concerned, or None for every language of the article.
    """
    session.info.setdefault(_PENDING, set()).add((article_id, language))
    if not session.info.get(_LISTENING):
        session.info[_LISTENING] = True
        sa.event.listen(session, "after_commit", _apply_pending)
        sa.event.listen(session, "after_soft_rollback", _drop_pending)


def _rebuild_now(engine: sa.Engine, where: Path, progress: Callable | None) -> int:
    started = clock.now()
    index = open_index(where)
    with Session(engine) as session:
        report = None
        if progress is not None:
            total = _published_count(session)

            def report(done: int, _total: int | None = None) -> None:
                progress(done, total)

        count = index.rebuild(article_docs(session), progress=report)
    _write_marker(where, started - OVERLAP)
    return count


def rebuild(
    *,
    engine: sa.Engine,
    path: str | Path | None = None,
    progress: Callable[[int, int | None], None] | None = None,
) -> int:
    """Replace the index content with every published translation in the database.

    Args:
        engine: The database engine.
        path: The index directory (default: the portal's).
        progress: Called as ``progress(done, total)`` while documents are indexed.

    Returns:
        The number of article-languages indexed.

    Raises:
        IndexBusy: Another writer held the lease for every attempt.
    """
    where = _resolve(path)
    done, count = _under_lease(
        engine,
        lambda: _rebuild_now(engine, where, progress),
        seconds=REBUILD_LEASE_SECONDS,
    )
    if not done:
        msg = "another process is writing the knowledge index"
        raise IndexBusy(msg)
    return count


def needs_build(path: str | Path | None = None) -> bool:
    """Whether the index is missing, outdated or was never synced with the database."""
    where = _resolve(path)
    return read_marker(where) is None or open_index(where).needs_rebuild


def ensure_index(
    *,
    engine: sa.Engine,
    path: str | Path | None = None,
    progress: Callable[[int, int | None], None] | None = None,
) -> int | None:
    """Build the index from the database when it is missing; otherwise do nothing.

    Returns:
        The number of documents indexed, or None when the index was already there.
    """
    if not needs_build(path):
        return None
    return rebuild(engine=engine, path=path, progress=progress)


def _reconcile_now(engine: sa.Engine, where: Path) -> int:
    index = open_index(where)
    since = read_marker(where)
    if since is None or index.needs_rebuild:
        return _rebuild_now(engine, where, None)
    started = clock.now()
    with Session(engine) as session:
        changed = set(
            session.exec(
                select(ArticleTranslation.article_id).where(
                    col(ArticleTranslation.updated_at) > since
                )
            ).all()
        )
        changed |= set(
            session.exec(
                select(KnowledgeArticle.id).where(col(KnowledgeArticle.updated_at) > since)
            ).all()
        )
        for article_id in sorted(changed):
            _sync_article(session, index, article_id)
        expected = _published_count(session)
    if index.doc_count() != expected:
        # Something is in the index that is no longer in the database (a deleted
        # article whose update was lost): start again from the database.
        return _rebuild_now(engine, where, None)
    _write_marker(where, max(since, started - OVERLAP))
    return len(changed)


def reconcile(*, engine: sa.Engine, path: str | Path | None = None) -> int | None:
    """Re-apply the articles changed since the last sync; rebuild when the counts disagree.

    Runs only when the writer lease is free (one try): another worker's
    reconcile or write is doing the work meanwhile.

    Returns:
        How many articles were re-applied (or indexed, after a rebuild), or None
        when another writer held the lease.
    """
    where = _resolve(path)
    done, count = _under_lease(engine, lambda: _reconcile_now(engine, where), attempts=1)
    return count if done else None


async def run_index_maintenance(interval: float = RECONCILE_INTERVAL) -> None:
    """Build the index when missing, then reconcile it every ``interval`` seconds; a lifespan task.

    Each step runs in a worker thread; an error is logged and the loop carries on.
    """
    from portal.db import get_engine

    try:
        await asyncio.to_thread(ensure_index, engine=get_engine())
    except Exception:
        logger.exception("building the knowledge index failed")
    while True:
        await asyncio.sleep(interval)
        try:
            await asyncio.to_thread(reconcile, engine=get_engine())
        except Exception:
            logger.exception("knowledge index reconcile failed")
