"""The knowledge centre's search engine (SPEC D2), built on Whoosh.

It knows nothing of the portal's tables: the portal hands it ``ArticleDoc``
values (one article in one language) and gets ``Hit`` values back.

    index = KnowledgeIndex(settings.index_dir)
    index.rebuild(docs, progress=lambda done, total: ...)
    index.upsert(ArticleDoc(7, "es", "Atasco de papel", "...", ["E000007-0000"], ["C300i"]))
    hits = index.search("e7 atascos", languages=["es", "en"], models=["C300i"])
    index.delete(7, "es")

Concurrency: any number of readers (threads or processes) may search while one
writer writes; a search always sees the last committed state. ``upsert``,
``delete`` and ``rebuild`` take a lock per index directory inside the process
and Whoosh's file lock across processes, waiting up to ``lock_timeout`` seconds
before raising ``IndexBusy``. Several worker processes should still route their
writes through one writer (one process, or one job lease) so that a long
rebuild does not make every worker wait.
"""

from knowledge_index.analysis import languages_supported
from knowledge_index.codes import code_variants, find_codes, normalise_code
from knowledge_index.documents import ArticleDoc, Hit
from knowledge_index.index import IndexBusy, KnowledgeIndex

__all__ = [
    "ArticleDoc",
    "Hit",
    "IndexBusy",
    "KnowledgeIndex",
    "code_variants",
    "find_codes",
    "languages_supported",
    "normalise_code",
]
