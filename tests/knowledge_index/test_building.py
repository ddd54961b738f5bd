"""The fast paths give what Whoosh's own writer, analysers and typo search give."""

import random

import pytest

from knowledge_index import ArticleDoc, KnowledgeIndex
from knowledge_index.analysis import analyzer_for, index_terms
from knowledge_index.querying import field_lexicon, near_terms, transpositions
from tests.knowledge_index.corpus import ARTICLES

WORDS = (
    "Papierstau Fixiereinheit Einzugsrolle Resttonerbehälter einfach Straße der die "
    "atasco configuración fusión papeles la de paper jams toner the of İstanbul ǅemal "
    "3.14 v2.0 E000007-0000 ÄÖÜ naïve café"
).split()
LANGUAGES = ("en", "es", "de", "pt-BR", "fr", "zz")


def _corpus():
    rng = random.Random(5)
    docs = list(ARTICLES)
    for n in range(100, 400):
        language = LANGUAGES[n % len(LANGUAGES)]
        title = " ".join(rng.choices(WORDS, k=rng.randint(1, 6)))
        body = " ".join(rng.choices(WORDS, k=rng.randint(0, 300)))
        codes = rng.sample(["E000007-0000", "SC 542", "#801", "C-2557"], rng.randint(0, 2))
        models = rng.sample(["bizhub C300i", "TASKalfa 2553ci", "X"], rng.randint(0, 2))
        docs.append(ArticleDoc(n, language, title, body, codes, models))
    return docs


def _content(ix):
    """Every term's postings and statistics, every stored field and field length."""
    reader = ix._ix.reader()
    try:
        terms = {}
        for name in reader.indexed_field_names():
            for text in reader.lexicon(name):
                info = reader.term_info(name, text)
                matcher = reader.postings(name, text)
                postings = []
                while matcher.is_active():
                    postings.append(
                        (
                            matcher.id(),
                            matcher.weight(),
                            matcher.value(),
                            matcher.block_min_length(),
                            matcher.block_max_length(),
                            matcher.block_max_weight(),
                        )
                    )
                    matcher.next()
                terms[name, text] = (
                    postings,
                    info.weight(),
                    info.doc_frequency(),
                    info.min_length(),
                    info.max_length(),
                    info.max_weight(),
                )
        count = reader.doc_count_all()
        names = sorted(reader.indexed_field_names())
        lengths = {name: [reader.doc_field_length(n, name) for n in range(count)] for name in names}
        totals = {name: reader.field_length(name) for name in names}
        stored = [reader.stored_fields(n) for n in range(count)]
        return terms, lengths, totals, stored
    finally:
        reader.close()


def test_the_rebuild_writer_writes_what_whoosh_writes(tmp_path):
    docs = _corpus()
    fast = KnowledgeIndex(tmp_path / "fast")
    fast.rebuild(docs)
    plain = KnowledgeIndex(tmp_path / "plain")
    writer = plain._writer
    plain._writer = lambda rebuild=False: writer(rebuild=False)  # Whoosh's SegmentWriter
    plain.rebuild(docs)
    assert _content(fast) == _content(plain)
    assert fast.search("Papierstau", ["de"]) == plain.search("Papierstau", ["de"])
    fast.close()
    plain.close()


@pytest.mark.parametrize("key", ["en", "es", "de", "pt", "fr", "zz"])
def test_index_terms_are_those_of_the_analyser(key):
    analyzer = analyzer_for(key)
    rng = random.Random(key)
    for _ in range(50):
        text = " ".join(rng.choices(WORDS, k=rng.randint(0, 40)))
        tokens = [token.text for token in analyzer(text, mode="index")]
        length, freqs = index_terms(text, key)
        assert length == len(tokens)
        assert dict(freqs) == {term: tokens.count(term) for term in set(tokens)}


def test_near_terms_are_whooshs_terms_within_and_swaps(tmp_path):
    ix = KnowledgeIndex(tmp_path)
    ix.rebuild(_corpus())
    reader = ix._current_searcher().reader()
    rng = random.Random(2)
    for name in ("title_de", "body_es", "body_en", "body_zz"):
        lexicon = field_lexicon(reader, name, {})
        for term in sorted(lexicon[0]):
            if len(term) < 3:
                continue
            i = rng.randint(1, len(term) - 1)
            for typo in (term[:i] + term[i + 1 :], term[:i] + "q" + term[i:], term[:i] + "x"):
                expected = set(reader.terms_within(name, typo, 1, prefix=1))
                expected |= {t for t in transpositions(typo) if (name, t) in reader}
                assert near_terms(typo, lexicon) == expected
    ix.close()
