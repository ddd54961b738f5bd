"""The flat scorer ranks exactly as Whoosh's own search would, over several segments."""

import random

import pytest
from whoosh.collectors import FilterCollector, TopCollector
from whoosh.query import AndMaybe, Or, Term

from knowledge_index import ArticleDoc, KnowledgeIndex, querying
from knowledge_index.analysis import field_key
from knowledge_index.index import _fields
from knowledge_index.scoring import Clause, doc_mask, mask_intersection, mask_union, top_documents

WORDS = {
    "en": "paper jam toner fuser drum tray roller cover scanner network error memory".split(),
    "de": "Papierstau Toner Fixiereinheit Trommel Fach Rolle Abdeckung Scanner Fehler".split(),
}
CODES = ["C-2557", "SC 542", "#801", "E000007-0000"]
MODELS = ["bizhub C300i", "TASKalfa 2553ci"]


def random_doc(rng, article_id, language):
    words = WORDS[language]
    return ArticleDoc(
        article_id,
        language,
        " ".join(rng.choices(words, k=rng.randint(2, 5))),
        " ".join(rng.choices(words, k=rng.randint(5, 40))),
        rng.sample(CODES, rng.randint(0, 1)),
        rng.sample(MODELS, rng.randint(0, 1)),
    )


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    """An index of three segments, with replaced and deleted documents."""
    rng = random.Random(3)
    ix = KnowledgeIndex(tmp_path_factory.mktemp("kb"))
    ix.rebuild(random_doc(rng, n, lang) for n in range(1, 151) for lang in ("en", "de"))
    for first in (151, 181):
        with ix._writer() as writer:  # a new segment each time, no merging
            for n in range(first, first + 30):
                writer.add_document(**_fields(random_doc(rng, n, "en")))
            for n in range(first - 40, first - 20):  # replaces: deletes in older segments
                writer.update_document(**_fields(random_doc(rng, n, "en")))
            writer.commit(merge=False)
    ix.delete(5)
    yield ix
    ix.close()


def whoosh_top(searcher, plan, allowed, limit):
    """The same query run through Whoosh's matchers and collector, without pruning.

    Whoosh's pruning (block quality, matcher replacement) is switched off: it
    passes the unboosted threshold to boosted terms (``WrappingMatcher.replace``)
    and drops documents that belong in the top results.
    """
    required = Or([Term(c.field, c.text, boost=c.boost) for c in plan.required])
    query = required
    if plan.optional:
        optional = Or([Term(c.field, c.text, boost=c.boost) for c in plan.optional])
        query = AndMaybe(required, optional)
    allowed_set = {docnum for docnum, flag in enumerate(allowed) if flag}
    collector = FilterCollector(
        TopCollector(limit=limit, usequality=False, replace=0), allow=allowed_set
    )
    searcher.search_with_collector(query, collector)
    results = collector.results()
    return [(hit.score, hit.docnum) for hit in results]


QUERIES = [
    "paper jam",
    "toner",
    "fuser roller cover",
    "C-2557 paper",
    "e7 drum",
    "Papierstau Trommel",
    "scaner memory",
    "SC542 Fehler toner",
]


@pytest.mark.parametrize("common_share", [1.0, 0.3])
@pytest.mark.parametrize("text", QUERIES)
def test_flat_scores_and_order_equal_whoosh_search(index, text, common_share, monkeypatch):
    monkeypatch.setattr(querying, "COMMON_TERMS_MIN_DOCS", 10)
    monkeypatch.setattr(querying, "COMMON_SHARE", common_share)
    searcher = index._current_searcher()
    assert len(searcher.reader().leaf_readers()) == 3
    assert searcher.reader().has_deletions()
    size = searcher.doc_count_all()
    english = doc_mask(searcher.docs_for_query(Term("language", "en")), size)
    german = doc_mask(searcher.docs_for_query(Term("language", "de")), size)
    c300 = doc_mask(searcher.docs_for_query(Term("models", "bizhub c300i")), size)
    plan = querying.build_query(text, [field_key("en"), field_key("de")], searcher.reader())
    assert not plan.empty
    if common_share < 1.0 and text == "C-2557 paper":
        assert plan.optional  # the common-terms split is exercised
    both = mask_union(english, german)
    assert top_documents(searcher, plan.required, plan.optional, both, 10, {})
    for allowed in (both, english, mask_intersection(english, c300)):
        for limit in (3, 10, 500):
            ours = top_documents(searcher, plan.required, plan.optional, allowed, limit, {})
            theirs = whoosh_top(searcher, plan, allowed, limit)
            assert [docnum for _score, docnum in ours] == [docnum for _score, docnum in theirs]
            assert [score for score, _docnum in ours] == pytest.approx(
                [score for score, _docnum in theirs], rel=1e-5
            )


def test_deleted_and_filtered_out_documents_are_never_returned(index):
    searcher = index._current_searcher()
    size = searcher.doc_count_all()
    live_english = doc_mask(searcher.docs_for_query(Term("language", "en")), size)
    clauses = [Clause(f"{part}_{field_key('en')}", "paper") for part in ("title", "body")]
    top = top_documents(searcher, clauses, [], live_english, 10_000, {})
    found = {docnum for _score, docnum in top}
    assert found
    assert all(live_english[docnum] for docnum in found)
    assert not any(searcher.reader().is_deleted(docnum) for docnum in found)
    assert 5 not in {searcher.stored_fields(docnum)["article_id"] for docnum in found}


def test_masks_combine_bytewise():
    a = doc_mask([0, 2, 5], 7)
    b = doc_mask([2, 3], 7)
    assert mask_union(a, b) == bytes([1, 0, 1, 1, 0, 1, 0])
    assert mask_intersection(a, b) == bytes([0, 0, 1, 0, 0, 0, 0])
    assert 1 not in mask_intersection(a, doc_mask([1], 7))


@pytest.mark.parametrize("text", QUERIES)
def test_a_short_result_list_is_the_head_of_a_long_one(index, text, monkeypatch):
    # Whoosh's pruning got this wrong with common terms on several segments
    # ("C-2557 paper" with limit 1 returned a document without the code).
    monkeypatch.setattr(querying, "COMMON_TERMS_MIN_DOCS", 10)
    monkeypatch.setattr(querying, "COMMON_SHARE", 0.3)
    long = index.search(text, ["en", "de"], limit=100)
    for limit in (1, 3, 10):
        assert index.search(text, ["en", "de"], limit=limit) == long[:limit]
