"""The index directory: open, write through one writer, search."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError
from whoosh.query import Term
from whoosh.writing import CLEAR

from knowledge_index.analysis import field_key, normalise_language
from knowledge_index.building import RebuildWriter
from knowledge_index.codes import code_variants
from knowledge_index.documents import ArticleDoc, Hit
from knowledge_index.querying import MAX_QUERY_CHARS, MAX_QUERY_TERMS, build_query
from knowledge_index.schema import (
    ANY_MODEL,
    SCHEMA_VERSION,
    body_field,
    build_schema,
    doc_key,
    normalise_model,
    title_field,
)
from knowledge_index.scoring import (
    PostingsCache,
    doc_mask,
    mask_intersection,
    mask_union,
    top_documents,
)
from knowledge_index.snippets import make_snippet

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None

Progress = Callable[[int, int | None], None]

__all__ = ["MAX_QUERY_CHARS", "MAX_QUERY_TERMS", "IndexBusy", "KnowledgeIndex", "Progress"]

MAX_LIMIT = 100
MAX_LANGUAGES = 20
PROGRESS_EVERY = 250
_VERSION_FILE = "knowledge_index.version"
_OPEN_LOCK_FILE = "knowledge_index.openlock"
_REBUILT_FILE = "knowledge_index.rebuilt"

_process_locks: dict[str, threading.RLock] = {}
_process_locks_guard = threading.Lock()


def _process_lock(path: Path) -> threading.RLock:
    """One lock per index directory shared by every KnowledgeIndex of this process."""
    with _process_locks_guard:
        return _process_locks.setdefault(str(path), threading.RLock())


@contextlib.contextmanager
def _directory_lock(path: Path) -> Iterator[None]:
    """Serialise opening/creating the index across processes."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    with open(path / _OPEN_LOCK_FILE, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _fields(doc: ArticleDoc) -> dict[str, object]:
    language = normalise_language(doc.language)
    key = field_key(language)
    codes = sorted({variant for code in doc.error_codes for variant in code_variants(str(code))})
    models = sorted({normalise_model(str(name)) for name in doc.models} - {""}) or [ANY_MODEL]
    return {
        "key": doc_key(doc.article_id, language),
        "aid": str(doc.article_id),
        "article_id": doc.article_id,
        "language": language,
        "title": doc.title,
        "body": doc.body,
        "models": ",".join(models),
        "codes": " ".join(codes),
        title_field(key): doc.title,
        body_field(key): doc.body,
    }


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


class IndexBusy(RuntimeError):
    """Another writer held the index for longer than ``lock_timeout`` seconds."""


class KnowledgeIndex:
    """A Whoosh index of knowledge articles in one directory.

    Opening never fails because of the directory's content: a missing, empty,
    unreadable or outdated index (older schema version) is replaced by an empty
    one and ``needs_rebuild`` is True, so the caller can rebuild from its source
    of truth.

    Args:
        path: The index directory; created when missing.
        lock_timeout: Seconds a write waits for another writer before raising
            ``IndexBusy``.
    """

    def __init__(self, path: str | Path, *, lock_timeout: float = 60.0) -> None:
        self.path = Path(path).resolve()
        self.lock_timeout = lock_timeout
        self._write_lock = _process_lock(self.path)
        self._read_lock = threading.Lock()
        self._searcher = None
        self._cache: dict[tuple, bytes] = {}
        #: Per searcher as well: field lexicons and scored postings (``scoring.PostingsCache``).
        self._terms_cache: dict[tuple, object] = {}
        self._postings_cache = PostingsCache()
        self._cache_owner = None
        self.path.mkdir(parents=True, exist_ok=True)
        self._schema = build_schema()
        with self._write_lock, _directory_lock(self.path):
            self._ix = self._open_or_create()

    def _open_or_create(self):
        storage = FileStorage(str(self.path))
        version_file = self.path / _VERSION_FILE
        current = version_file.exists() and version_file.read_text().strip() == SCHEMA_VERSION
        if current:
            try:
                ix = storage.open_index(schema=self._schema)
                ix.doc_count()
                return ix
            except Exception:  # noqa: BLE001 - missing or damaged: start afresh
                pass
        (self.path / _REBUILT_FILE).unlink(missing_ok=True)
        ix = storage.create_index(self._schema)
        _write_atomically(version_file, SCHEMA_VERSION)
        return ix

    @property
    def needs_rebuild(self) -> bool:
        """True until a ``rebuild`` (by any process) has completed on this index.

        A new index, or one that replaced a missing, damaged or outdated one,
        needs a rebuild from the source of truth; upserts alone do not count.
        Checked on disk each time.
        """
        return not (self.path / _REBUILT_FILE).exists()

    @contextlib.contextmanager
    def _writer(self, *, rebuild: bool = False):
        """The one writer: process lock, then Whoosh's file lock (waiting for it).

        With ``rebuild``, a ``building.RebuildWriter`` (adds and a ``CLEAR`` commit only).
        """
        if not self._write_lock.acquire(timeout=self.lock_timeout):
            msg = f"knowledge index {self.path} is locked by another writer"
            raise IndexBusy(msg)
        try:
            try:
                if rebuild:
                    writer = RebuildWriter(self._ix, timeout=self.lock_timeout, delay=0.05)
                else:
                    writer = self._ix.writer(timeout=self.lock_timeout, delay=0.05)
            except LockError as error:
                msg = f"knowledge index {self.path} is locked by another process"
                raise IndexBusy(msg) from error
            try:
                yield writer
            finally:
                if not writer.is_closed:  # not committed: an error, or nothing to do
                    writer.cancel()
        finally:
            self._write_lock.release()

    def rebuild(self, docs: Iterable[ArticleDoc], progress: Progress | None = None) -> int:
        """Replace the whole index content with ``docs`` in one commit.

        Searches running meanwhile keep seeing the previous content until the
        commit; afterwards they see only ``docs``.

        Args:
            docs: Every article-language to index (any iterable; a generator is
                fine). When an article id and language repeat, the first wins.
            progress: Called as ``progress(done, total)`` every few hundred
                documents and once at the end; ``total`` is ``len(docs)`` when
                ``docs`` has a length, else None.

        Returns:
            The number of documents read from ``docs``.

        Raises:
            IndexBusy: Another writer held the index too long.
        """
        total = len(docs) if hasattr(docs, "__len__") else None
        done = 0
        seen: set[str] = set()
        with self._writer(rebuild=True) as writer:
            for doc in docs:
                fields = _fields(doc)
                if fields["key"] not in seen:
                    seen.add(fields["key"])
                    writer.add_document(**fields)
                done += 1
                if progress is not None and done % PROGRESS_EVERY == 0:
                    progress(done, total)
            writer.commit(mergetype=CLEAR)
            _write_atomically(self.path / _REBUILT_FILE, f"{done}\n")
        if progress is not None:
            progress(done, total)
        return done

    def upsert(self, doc: ArticleDoc) -> None:
        """Add ``doc`` or replace the document with the same article id and language.

        Raises:
            IndexBusy: Another writer held the index too long.
        """
        with self._writer() as writer:
            writer.update_document(**_fields(doc))
            writer.commit()

    def delete(self, article_id: int | str, language: str | None = None) -> None:
        """Remove an article in one language, or in every language when ``language`` is None.

        Removing something that is not indexed is not an error.

        Raises:
            IndexBusy: Another writer held the index too long.
        """
        with self._writer() as writer:
            if language is None:
                writer.delete_by_term("aid", str(article_id))
            else:
                writer.delete_by_term("key", doc_key(article_id, normalise_language(language)))
            writer.commit()

    def search(
        self,
        query: str,
        languages: Sequence[str],
        models: Sequence[str] | None = None,
        limit: int = 10,
        *,
        include_generic: bool = True,
    ) -> list[Hit]:
        """Find articles for what a user typed; never raises for any query text.

        Error codes in the query are recognised in their usual spellings
        ("E000007-0000", "E000007", "e7", "e602 0001", "SC 542", "#801") and
        matched exactly (no typo tolerance); words are stemmed per language,
        accent-insensitive, and words of five letters or more tolerate one typo.
        A code match ranks above a title match, which ranks above a body match.
        Only the first ``MAX_QUERY_CHARS`` characters and ``MAX_QUERY_TERMS``
        words/codes count. On a large index, words found in a big share of
        all documents only rank what the query's rarer terms find
        (``querying.COMMON_SHARE``).

        Args:
            query: Free text as typed.
            languages: Only translations in these languages are returned; empty
                means no results.
            models: When given (even empty), only articles for these model names
                (case-insensitive), plus articles for every model (no models)
                when ``include_generic``.
            limit: Most hits returned (capped at 100).
            include_generic: With ``models``, also return articles that list no model.

        Returns:
            Hits, best first; an empty list when nothing matches.
        """
        limit = min(int(limit), MAX_LIMIT)
        wanted = list(dict.fromkeys(normalise_language(str(lang)) for lang in languages))
        wanted = [lang for lang in wanted if lang][:MAX_LANGUAGES]
        if limit <= 0 or not wanted or not isinstance(query, str):
            return []
        keys = list(dict.fromkeys(field_key(lang) for lang in wanted))
        names: set[str] = set()
        if models is not None:
            names = {normalise_model(str(name)) for name in models} - {""}
            if include_generic:
                names.add(ANY_MODEL)
            if not names:
                return []
        filter_key = (tuple(sorted(wanted)), None if models is None else tuple(sorted(names)))
        with self._read_lock:
            searcher = self._current_searcher()
            plan = build_query(query, keys, searcher.reader(), self._terms_cache)
            if plan.empty:
                return []
            allowed = self._cache.get(filter_key)
            if allowed is None:
                # Filters repeat (a user's languages, a product's model): keep
                # their document masks for the life of this searcher, and those
                # of each language and model, so that a new combination costs
                # two big-integer operations instead of reading postings.
                allowed = self._term_docs(searcher, "language", wanted)
                if models is not None:
                    allowed = mask_intersection(
                        allowed, self._term_docs(searcher, "models", sorted(names))
                    )
                self._cache[filter_key] = allowed
            if 1 not in allowed:
                return []
            top = top_documents(
                searcher,
                plan.required,
                plan.optional,
                allowed,
                limit,
                self._cache,
                self._postings_cache,
            )
            hits = []
            for score, docnum in top:
                result = searcher.stored_fields(docnum)
                key = field_key(result["language"])
                matched = plan.terms.get(title_field(key), set()) | plan.terms.get(
                    body_field(key), set()
                )
                body = result.get("body") or ""
                title = result.get("title") or ""
                snippet = make_snippet(body or title, key, matched, plan.code_tokens)
                hits.append(
                    Hit(
                        article_id=result["article_id"],
                        language=result["language"],
                        title=title,
                        snippet=snippet,
                        score=float(score),
                    )
                )
            return hits

    def _term_docs(self, searcher, field: str, texts: Sequence[str]) -> bytes:
        """Mask of the live documents with any of ``texts`` in ``field``; each term's is cached."""
        size = searcher.doc_count_all()
        docs = bytes(size)
        for text in texts:
            term_docs = self._cache.get((field, text))
            if term_docs is None:
                term_docs = self._cache[(field, text)] = doc_mask(
                    searcher.docs_for_query(Term(field, text)), size
                )
            docs = mask_union(docs, term_docs)
        return docs

    def _current_searcher(self):
        """A searcher on the last committed state (reused while nothing changed)."""
        if self._searcher is None:
            self._searcher = self._ix.searcher()
        else:
            self._searcher = self._searcher.refresh()
        if self._cache_owner is not self._searcher:
            self._terms_cache = {}
            self._postings_cache = PostingsCache()
        if self._cache_owner is not self._searcher or len(self._cache) > 256:
            self._cache = {}
            self._cache_owner = self._searcher
        return self._searcher

    def doc_count(self) -> int:
        """Number of article-languages in the index (committed state)."""
        with self._read_lock:
            return self._current_searcher().doc_count()

    def close(self) -> None:
        """Release the cached searcher; the object must not be used afterwards."""
        with self._read_lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
        self._ix.close()

    def __enter__(self) -> KnowledgeIndex:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
