"""Index lifecycle: rebuild, upsert, delete, reopen, concurrency, hostile input."""

import threading
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge_index import ArticleDoc, KnowledgeIndex
from knowledge_index.schema import SCHEMA_VERSION


def doc(article_id, language="en", title="Paper jam", body="Open the cover.", codes=(), models=()):
    """An ArticleDoc with defaults."""
    return ArticleDoc(article_id, language, title, body, tuple(codes), tuple(models))


@pytest.fixture
def index(tmp_path):
    """An empty index in a fresh directory."""
    ix = KnowledgeIndex(tmp_path / "kb")
    yield ix
    ix.close()


def test_a_new_index_is_empty_and_needs_a_rebuild(index):
    assert index.needs_rebuild
    assert index.doc_count() == 0
    assert index.search("paper", ["en"]) == []


def test_rebuild_replaces_everything_and_reports_progress(index):
    index.rebuild([doc(1, title="Old article about staples")])
    calls = []
    docs = [doc(n, title=f"Fuser article {n}") for n in range(600)]
    assert index.rebuild(docs, progress=lambda done, total: calls.append((done, total))) == 600
    assert calls[-1] == (600, 600)
    assert [done for done, _total in calls] == sorted(done for done, _total in calls)
    assert len(calls) >= 3
    assert index.doc_count() == 600
    assert index.search("staples", ["en"]) == []
    assert not index.needs_rebuild


def test_rebuild_accepts_a_generator_without_a_length(index):
    calls = []
    count = index.rebuild((doc(n) for n in range(3)), progress=lambda d, t: calls.append((d, t)))
    assert count == 3
    assert calls == [(3, None)]


def test_upsert_replaces_the_same_article_language(index):
    index.upsert(doc(1, title="Staple jam"))
    index.upsert(doc(1, language="es", title="Atasco de grapas"))
    index.upsert(doc(1, title="Drum replacement"))
    assert index.doc_count() == 2
    assert index.search("staple", ["en"]) == []
    hits = index.search("drum", ["en"])
    assert [(hit.article_id, hit.title) for hit in hits] == [(1, "Drum replacement")]


def test_upsert_changes_codes_and_models(index):
    index.upsert(doc(1, codes=["E1"], models=["A"]))
    index.upsert(doc(1, codes=["E2"], models=["B"]))
    assert index.search("E1", ["en"]) == []
    assert index.search("E2", ["en"], models=["A"], include_generic=False) == []
    assert [hit.article_id for hit in index.search("E2", ["en"], models=["b"])] == [1]


def test_delete_removes_one_language_or_all(index):
    index.rebuild([doc(1), doc(1, "de", "Papierstau"), doc(2, title="Paper tray")])
    index.delete(1, "EN")
    assert [(h.article_id, h.language) for h in index.search("paper", ["en"])] == [(2, "en")]
    assert index.search("Papierstau", ["de"])
    index.delete(1)
    assert index.search("Papierstau", ["de"]) == []
    index.delete(99, "en")
    assert index.doc_count() == 1


def test_article_ids_come_back_unchanged(index):
    index.upsert(doc("kb-7", title="Waste toner box"))
    index.upsert(doc(7, title="Waste toner bottle"))
    assert {hit.article_id for hit in index.search("waste", ["en"])} == {"kb-7", 7}


def test_reopening_keeps_the_content(tmp_path):
    first = KnowledgeIndex(tmp_path)
    first.rebuild([doc(1, title="Fuser")])
    first.upsert(doc(2, title="Fuser unit"))
    first.close()
    again = KnowledgeIndex(tmp_path)
    assert not again.needs_rebuild
    assert {hit.article_id for hit in again.search("fuser", ["en"])} == {1, 2}
    again.close()


def test_needs_rebuild_until_any_instance_has_rebuilt(tmp_path):
    first = KnowledgeIndex(tmp_path)
    second = KnowledgeIndex(tmp_path)
    first.upsert(doc(1))
    assert first.needs_rebuild and second.needs_rebuild
    second.rebuild([doc(1)])
    assert not first.needs_rebuild
    first.close()
    second.close()


def test_an_outdated_or_damaged_index_is_replaced_by_an_empty_one(tmp_path):
    first = KnowledgeIndex(tmp_path)
    first.rebuild([doc(1, title="Fuser")])
    first.close()
    (tmp_path / "knowledge_index.version").write_text(SCHEMA_VERSION + "-old")
    outdated = KnowledgeIndex(tmp_path)
    assert outdated.needs_rebuild and outdated.doc_count() == 0
    outdated.rebuild([doc(1, title="Fuser")])
    outdated.close()
    for toc in tmp_path.glob("_MAIN_*.toc"):
        toc.write_bytes(b"garbage")
    damaged = KnowledgeIndex(tmp_path)
    assert damaged.needs_rebuild and damaged.doc_count() == 0
    damaged.close()


def test_searches_during_a_rebuild_keep_finding_articles(index):
    index.rebuild([doc(n, title=f"Fuser unit {n}") for n in range(300)])
    failures: list[str] = []
    searches = 0
    done = threading.Event()

    def read():
        nonlocal searches
        while not done.is_set():
            hits = index.search("fuser", ["en"])
            searches += 1
            if not hits:
                failures.append("no hits")

    readers = [threading.Thread(target=read) for _ in range(2)]
    for reader in readers:
        reader.start()
    try:
        for _round in range(3):
            index.rebuild(doc(n, title=f"Fuser unit {n}", body="x " * 50) for n in range(300))
    finally:
        done.set()
        for reader in readers:
            reader.join()
    assert searches > 0
    assert failures == []


def test_two_threads_upserting_lose_no_article(tmp_path):
    first = KnowledgeIndex(tmp_path)
    second = KnowledgeIndex(tmp_path)

    def write(ix, start):
        for n in range(start, start + 15):
            ix.upsert(doc(n, title=f"Toner {n}"))

    threads = [
        threading.Thread(target=write, args=(first, 0)),
        threading.Thread(target=write, args=(second, 100)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert first.doc_count() == 30
    assert len(second.search("toner", ["en"], limit=100)) == 30
    first.close()
    second.close()


def _upsert_in_another_process(path, start):
    ix = KnowledgeIndex(path)
    for n in range(start, start + 10):
        ix.upsert(doc(n, title=f"Drum {n}"))
    ix.close()


def test_two_processes_upserting_lose_no_article(tmp_path):
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    KnowledgeIndex(tmp_path).close()
    workers = [
        context.Process(target=_upsert_in_another_process, args=(tmp_path, start))
        for start in (0, 100)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert [worker.exitcode for worker in workers] == [0, 0]
    ix = KnowledgeIndex(tmp_path)
    assert ix.doc_count() == 20
    ix.close()


HOSTILE = [
    "",
    "   ",
    '"unclosed',
    "(paper AND jam) OR NOT toner",
    "*",
    "*jam",
    "jam~2",
    "title:paper",
    "body_en:jam^100",
    "[a TO z]",
    "\\",
    "\x00\x01\u202e",
    "🖨️ atasco 紙詰まり",
    "e7 " * 3000,
    "x" * 10_000,
    "-" * 500,
    "# # # 0000000000000000000000000000000000000000",
]


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    """An index with a few articles in three languages."""
    ix = KnowledgeIndex(tmp_path_factory.mktemp("hostile"))
    ix.rebuild(
        [
            doc(1, "en", "Paper jam", "Code E000007-0000 jam.", ["E000007-0000"], ["M1"]),
            doc(1, "es", "Atasco de papel", "Código E000007-0000.", ["E000007-0000"], ["M1"]),
            doc(1, "de", "Papierstau", "Code E000007-0000.", ["E000007-0000"], ["M1"]),
        ]
    )
    yield ix
    ix.close()


@pytest.mark.parametrize("query", HOSTILE)
def test_any_query_gives_a_list_quickly(filled, query):
    started = time.perf_counter()
    hits = filled.search(query, ["en", "es", "de"], models=["M1"])
    assert isinstance(hits, list)
    assert time.perf_counter() - started < 0.5


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    query=st.text(max_size=300),
    languages=st.lists(st.text(max_size=6), max_size=4),
    models=st.none() | st.lists(st.text(max_size=10), max_size=3),
)
def test_no_input_raises(filled, query, languages, models):
    hits = filled.search(query, languages + ["en"], models=models)
    assert isinstance(hits, list)
    for hit in hits:
        without_marks = hit.snippet.replace("<mark>", "").replace("</mark>", "")
        assert "<" not in without_marks


def test_a_repeated_article_language_is_indexed_once(index):
    index.rebuild([doc(1, title="Fuser"), doc(1, title="Fuser again"), doc(1, "de", "Fixierer")])
    assert index.doc_count() == 2
    assert [hit.title for hit in index.search("fuser", ["en"])] == ["Fuser"]


def test_a_failing_rebuild_keeps_the_previous_content(index):
    index.rebuild([doc(1, title="Fuser")])

    def broken():
        yield doc(2, title="Drum")
        msg = "database went away"
        raise RuntimeError(msg)

    with pytest.raises(RuntimeError):
        index.rebuild(broken())
    assert [hit.article_id for hit in index.search("fuser", ["en"])] == [1]
    assert index.search("drum", ["en"]) == []
    index.upsert(doc(3, title="Drum"))
    assert index.doc_count() == 2


def test_a_writer_that_waits_too_long_gets_index_busy(tmp_path):
    from knowledge_index import IndexBusy

    holder = KnowledgeIndex(tmp_path)
    impatient = KnowledgeIndex(tmp_path, lock_timeout=0.2)
    with holder._writer():
        with pytest.raises(IndexBusy):
            impatient.upsert(doc(1))
    impatient.upsert(doc(1))
    assert holder.doc_count() == 1
    holder.close()
    impatient.close()


def _common_words_corpus(index):
    """20 articles all about paper; one also about the fuser, one with code C-2557."""
    docs = [doc(n, title=f"Paper tray {n}", body="Load paper in the tray.") for n in range(1, 19)]
    docs.append(doc(19, title="Fuser unit", body="Replace the fuser. Paper curls."))
    docs.append(doc(20, title="Error C-2557", body="Paper feed fault.", codes=["C-2557"]))
    index.rebuild(docs)


def test_on_a_large_index_common_words_only_rank_what_rarer_terms_find(index, monkeypatch):
    from knowledge_index import querying

    _common_words_corpus(index)
    monkeypatch.setattr(querying, "COMMON_TERMS_MIN_DOCS", 10)
    monkeypatch.setattr(querying, "COMMON_SHARE", 0.25)

    found = {h.article_id for h in index.search("fuser paper", ["en"], limit=50)}
    assert found == {19}
    assert [h.article_id for h in index.search("C-2557 paper", ["en"], limit=50)] == [20]
    # Common words alone still find everything that has them.
    assert len(index.search("paper", ["en"], limit=50)) == 20


def test_on_a_small_index_every_word_finds_its_articles(index):
    _common_words_corpus(index)
    found = [h.article_id for h in index.search("fuser paper", ["en"], limit=50)]
    assert found[0] == 19
    assert len(found) == 20
