"""Relevance: codes in their spellings, stemming, accents, typos, filters, ranking."""

import re

import pytest

from knowledge_index import KnowledgeIndex
from tests.knowledge_index.corpus import (
    ARTICLES,
    DUPLEX,
    FRENCH,
    FUSER_WORDS,
    JAM,
    MENTIONS_JAM_CODE,
    NETWORK,
    SCRIPT,
    TONER,
)

ALL = ["es", "en", "de", "fr"]


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    """One index over the fixed corpus, shared by the read-only tests of this module."""
    ix = KnowledgeIndex(tmp_path_factory.mktemp("kb"))
    ix.rebuild(ARTICLES)
    yield ix
    ix.close()


def ids(hits):
    """(article_id, language) of each hit, best first."""
    return [(hit.article_id, hit.language) for hit in hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("E000007-0000", JAM),
        ("e000007-0000", JAM),
        ("E000007", JAM),
        ("e7", JAM),
        ("E7", JAM),
        ("E 000007 0000", JAM),
        ("error E000007 while printing", JAM),
        ("E602-0001", DUPLEX),
        ("e602 0001", DUPLEX),
        ("E602", DUPLEX),
        ("SC 542", TONER),
        ("SC542", TONER),
        ("sc-542", TONER),
        ("#801", NETWORK),
        ("801", NETWORK),
        ("# 801", NETWORK),
    ],
)
def test_each_spelling_of_a_code_finds_its_article_first(index, query, expected):
    hits = index.search(query, ["en"])
    assert hits, query
    assert hits[0].article_id == expected


def test_a_code_is_never_matched_approximately(index):
    assert index.search("E000008", ALL) == []
    exact = index.search("E000007-0000", ["en"])[0].score
    other_suffix = index.search("E000007-0001", ["en"])
    assert all(hit.score < exact / 4 for hit in other_suffix)
    assert all(hit.article_id != TONER for hit in index.search("SC 543", ALL))


def test_a_code_match_ranks_above_a_mention_in_the_body(index):
    hits = index.search("E000007", ["en"])
    assert ids(hits)[:2] == [(JAM, "en"), (MENTIONS_JAM_CODE, "en")]
    assert hits[0].score > hits[1].score


def test_a_title_match_ranks_above_a_body_match(index):
    hits = index.search("fuser", ["en"])
    assert hits[0].article_id == FUSER_WORDS
    toner = index.search("toner", ["en"])
    assert [hit.article_id for hit in toner][:2] == [TONER, FUSER_WORDS]


def test_only_the_languages_asked_for_are_returned(index):
    assert ids(index.search("E000007", ["de"])) == [(JAM, "de")]
    both = ids(index.search("e7", ["es", "de"]))
    assert sorted(both) == [(JAM, "de"), (JAM, "es")]
    assert index.search("E000007", []) == []
    assert index.search("paper jam", ["it"]) == []


def test_language_codes_are_case_insensitive(index):
    assert ids(index.search("Papierstau", ["DE"])) == [(JAM, "de")]


def test_the_model_filter_keeps_only_articles_for_those_models(index):
    c250 = index.search("toner cartridge jam", ["en"], models=["bizhub C250i"])
    assert {hit.article_id for hit in c250} == {TONER, MENTIONS_JAM_CODE, FUSER_WORDS}
    strict = index.search(
        "toner cartridge jam", ["en"], models=["bizhub C250i"], include_generic=False
    )
    assert {hit.article_id for hit in strict} == {TONER}
    c300 = index.search("toner cartridge jam", ["en"], models=["BIZHUB  c300i"])
    assert TONER not in {hit.article_id for hit in c300}
    assert JAM in {hit.article_id for hit in c300}
    assert index.search("SC 542", ALL, models=["bizhub C300i"]) == []
    assert index.search("toner", ["en"], models=[]) != []


def test_articles_for_every_model_follow_the_model_filter_unless_excluded(index):
    assert NETWORK in {hit.article_id for hit in index.search("#801", ["en"], models=["X"])}
    assert index.search("#801", ["en"], models=["X"], include_generic=False) == []
    assert index.search("#801", ["en"], models=[], include_generic=False) == []


@pytest.mark.parametrize(
    ("query", "language", "expected"),
    [
        ("atascos", "es", JAM),
        ("atascado", "es", JAM),
        ("cartuchos", "es", TONER),
        ("jams", "en", JAM),
        ("jammed", "en", JAM),
        ("cartridges", "en", TONER),
        ("Papierstaus", "de", JAM),
        ("papierstau", "de", JAM),
        ("Tonerkassetten", "de", TONER),
        ("bourrages", "fr", FRENCH),
    ],
)
def test_words_are_found_in_other_forms(index, query, language, expected):
    hits = index.search(query, [language])
    assert hits and hits[0].article_id == expected


@pytest.mark.parametrize(
    ("query", "language", "expected"),
    [
        ("fusion", "es", JAM),
        ("fusión", "es", JAM),
        ("FUSIÓN", "es", JAM),
        ("toner vacio", "es", TONER),
        ("Zahler", "de", TONER),
        ("Zaehler", "de", TONER),
    ],
)
def test_accents_do_not_matter(index, query, language, expected):
    hits = index.search(query, [language])
    if expected is None:
        assert hits == []
    else:
        assert hits and hits[0].article_id == expected


@pytest.mark.parametrize(
    ("query", "language", "expected"),
    [
        ("toneer", "en", TONER),
        ("cartrigde", "en", TONER),
        ("netwrok", "en", NETWORK),
        ("atsaco", "es", JAM),
        ("Papierstua", "de", JAM),
    ],
)
def test_one_typo_in_a_longer_word_is_tolerated(index, query, language, expected):
    hits = index.search(query, [language])
    assert hits and hits[0].article_id == expected


def test_short_words_and_numbers_get_no_typo_tolerance(index):
    assert index.search("jan", ["en"]) == []
    assert index.search("802", ALL) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [("Stau", JAM), ("Staus", JAM), ("Papier", JAM), ("Einheit", JAM), ("Kassette", TONER)],
)
def test_german_compounds_are_found_by_their_parts(index, query, expected):
    hits = index.search(query, ["de"])
    assert hits and hits[0].article_id == expected


def test_a_language_without_built_in_code_is_searchable(tmp_path):
    from knowledge_index import ArticleDoc

    ix = KnowledgeIndex(tmp_path)
    ix.rebuild(
        [
            ArticleDoc(1, "it", "Inceppamento della carta", "Aprire lo sportello.", [], []),
            ArticleDoc(2, "pt-BR", "Atolamento de papel", "Abra a tampa frontal.", [], []),
            ArticleDoc(3, "pl", "Zacięcie papieru", "Otwórz pokrywę.", ["E7"], []),
        ]
    )
    assert ids(ix.search("inceppamenti", ["it"])) == [(1, "it")]
    assert ids(ix.search("atolamentos", ["pt-br"])) == [(2, "pt-br")]
    assert ids(ix.search("zaciecie", ["pl"])) == [(3, "pl")]
    assert ids(ix.search("e7", ["pl", "it"])) == [(3, "pl")]
    ix.close()


def test_hits_carry_the_article_and_a_highlighted_snippet(index):
    hit = index.search("atascos", ["es"])[0]
    assert (hit.article_id, hit.language) == (JAM, "es")
    assert hit.title == "Atasco de papel en la unidad de fusión"
    assert "<mark>atasco</mark>" in hit.snippet
    assert isinstance(hit.score, float) and hit.score > 0
    code = index.search("e7", ["en"])[0]
    assert "<mark>E000007-0000</mark>" in code.snippet
    typo = index.search("toneer", ["en"])[0]
    assert "<mark>toner</mark>" in typo.snippet
    compound = index.search("Stau", ["de"])[0]
    assert "<mark>Papierstau</mark>" in compound.snippet


def test_the_snippet_is_safe_html(index):
    hit = index.search("cloth", ["en"])[0]
    assert hit.article_id == SCRIPT
    assert "&lt;script&gt;" in hit.snippet
    assert "&amp;" in hit.snippet and "&quot;solvents&quot;" in hit.snippet
    without_marks = hit.snippet.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in without_marks and ">" not in without_marks
    assert index.search("script", ["en"])[0].snippet.count("<mark>script</mark>") == 2


def test_a_long_body_is_cut_around_the_match(tmp_path):
    from knowledge_index import ArticleDoc

    body = "Lorem ipsum dolor sit amet. " * 60 + "Replace the drum unit now. " + "Filler. " * 60
    ix = KnowledgeIndex(tmp_path)
    ix.upsert(ArticleDoc(1, "en", "Drum", body, [], []))
    snippet = ix.search("unit", ["en"])[0].snippet
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>unit</mark>" in snippet
    assert len(re.sub(r"</?mark>", "", snippet)) < 260
    ix.close()


def test_limit_bounds_the_number_of_hits(index):
    assert len(index.search("paper jam toner error", ALL, limit=2)) == 2
    assert index.search("paper", ALL, limit=0) == []
