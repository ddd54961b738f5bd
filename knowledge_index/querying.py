"""Turn what a user typed into a Whoosh query, token by token (no query parser).

Nothing the user types is interpreted as syntax: quotes, parentheses, "AND",
"*", "~" are just characters, so no input is ever a syntax error, and no
wildcard, regex or phrase query is ever built (no slow query forms).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from whoosh.reading import IndexReader

from knowledge_index.analysis import WORD_PATTERN, _stoplist, word_variants
from knowledge_index.codes import iter_code_spans, query_variants
from knowledge_index.schema import body_field, title_field
from knowledge_index.scoring import Clause

#: Longest query text taken into account (characters); the rest is ignored.
MAX_QUERY_CHARS = 200
#: Most distinct words and codes taken from one query.
MAX_QUERY_TERMS = 12

CODE_BOOST = 12.0
TITLE_BOOST = 3.0
BODY_BOOST = 1.0
#: Weight of a typo match relative to an exact match in the same field.
FUZZY_FACTOR = 0.4
#: Shortest word (characters) that tolerates a typo.
FUZZY_MIN_LENGTH = 5
MAX_FUZZY_LENGTH = 30
#: Most words scored for one query; longer text keeps its rarest words.
MAX_SCORED_WORDS = 6
#: Most indexed terms one typo away that stand in for a misspelled word, per field.
MAX_TYPO_TERMS = 8
#: Index size from which very common terms only rank what rarer terms find.
COMMON_TERMS_MIN_DOCS = 10_000
#: Share of the index's documents above which a term is common.
COMMON_SHARE = 0.03
#: Longer "words" (pasted hashes, URLs) are ignored.
MAX_WORD_LENGTH = 60

_WORD = re.compile(WORD_PATTERN)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass
class QueryPlan:
    """The terms searched for one input, and what highlighting needs to know.

    A document matches when it has one of the ``required`` terms; ``optional``
    terms only add to its score (see ``_split``).
    """

    required: list[Clause] = field(default_factory=list)
    optional: list[Clause] = field(default_factory=list)
    code_tokens: set[str] = field(default_factory=set)
    words: list[str] = field(default_factory=list)
    #: Index terms searched, per field (typo expansions included).
    terms: dict[str, set[str]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        """True when nothing typed is searchable or in the index."""
        return not self.required


def clean_text(text: str) -> str:
    """The part of ``text`` that counts: NFC, no control characters, bounded length."""
    text = unicodedata.normalize("NFC", _CONTROL.sub(" ", str(text)))[: MAX_QUERY_CHARS + 50]
    return text[:MAX_QUERY_CHARS]


def _has_letters_and_digits(word: str) -> bool:
    return any(ch.isdigit() for ch in word) and any(ch.isalpha() for ch in word)


def extract_terms(text: str) -> tuple[list[str], list[str]]:
    """Split query text into canonical codes and lower-case words (in order, capped)."""
    codes: list[str] = []
    code_spans: list[tuple[int, int]] = []
    for start, end, found in iter_code_spans(text):
        code_spans.append((start, end))
        codes += [code for code in found if code not in codes]
    words: list[str] = []
    for match in _WORD.finditer(text):
        word = match.group().lower()
        inside_code = any(start <= match.start() < end for start, end in code_spans)
        if word.isdigit() or (inside_code and not _has_letters_and_digits(word)):
            continue
        if 2 <= len(word) <= MAX_WORD_LENGTH and word not in words:
            words.append(word)
    codes = codes[:MAX_QUERY_TERMS]
    return codes, words[: max(0, MAX_QUERY_TERMS - len(codes))]


def fuzzy_allowed(word: str) -> bool:
    """Only plain words of 5–30 letters tolerate a typo; never codes or numbers."""
    return FUZZY_MIN_LENGTH <= len(word) <= MAX_FUZZY_LENGTH and word.isalpha()


def transpositions(word: str) -> list[str]:
    """``word`` with two neighbouring letters swapped, the first letter kept."""
    return [
        word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        for i in range(1, len(word) - 1)
        if word[i] != word[i + 1]
    ]


def near_terms(word: str, lexicon: tuple[frozenset[str], str]) -> set[str]:
    """The terms of ``lexicon`` one edit from ``word`` after its first letter, or one swap.

    The same terms as Whoosh's ``terms_within(field, word, 1, prefix=1)`` plus
    ``transpositions``, found by looking up every such spelling (built from
    the letters the field's terms use) in a set instead of walking the term
    index with an automaton, which costs about 0.3 ms a field.

    Args:
        word: An analysed query word.
        lexicon: ``(terms, letters)`` of one field (see ``field_lexicon``).
    """
    terms, letters = lexicon
    first, rest = word[:1], word[1:]
    spellings = {word, *transpositions(word)}
    for i in range(len(rest) + 1):
        head, tail = first + rest[:i], rest[i:]
        if tail:
            spellings.add(head + tail[1:])
        for letter in letters:
            spellings.add(head + letter + tail)
            if tail:
                spellings.add(head + letter + tail[1:])
    return {spelling for spelling in spellings if spelling in terms}


def field_lexicon(reader: IndexReader, name: str, cache: dict | None) -> tuple[frozenset[str], str]:
    """Every term of field ``name`` and the letters they use (kept in ``cache``)."""
    found = None if cache is None else cache.get(("lexicon", name))
    if found is None:
        terms = frozenset(reader.field_terms(name))
        found = (terms, "".join(sorted({letter for term in terms for letter in term})))
        if cache is not None:
            cache["lexicon", name] = found
    return found


def build_query(
    text: str, keys: Iterable[str], reader: IndexReader, cache: dict | None = None
) -> QueryPlan:
    """Build the query for ``text`` over the fields of the language keys ``keys``.

    Only terms present in the index become clauses. A word none of whose forms
    is in the index (in any field of that language) is taken as a typo: it is
    replaced by the indexed terms one edit away (insertion, deletion or
    substitution after the first letter: Whoosh's Levenshtein automaton) or one
    swap of neighbouring letters (which the automaton does not cover), at a
    lower weight. Correctly spelled words get no typo expansion, which keeps
    queries small and results precise.

    Args:
        text: What the user typed (any string).
        keys: Field keys of the languages searched (``analysis.field_key``).
        reader: The index reader.
        cache: Kept by the caller for the life of ``reader`` (each field's terms,
            for the typo expansion).

    Returns:
        The plan; it is ``empty`` when nothing searchable was typed or nothing
        typed is in the index.
    """
    codes, words = extract_terms(clean_text(text))
    keys = list(dict.fromkeys(keys))
    indexed_fields = set(reader.indexed_field_names())
    clauses: list[Clause] = []
    terms: dict[str, set[str]] = {}

    code_tokens = {token for code in codes for token in query_variants(code)}
    for token in sorted(code_tokens):
        if ("codes", token) in reader:
            clauses.append(Clause("codes", token, CODE_BOOST))
    per_word = [_word_terms(word, keys, reader, indexed_fields, cache) for word in words]
    per_word = [word_terms for word_terms in per_word if word_terms]
    if len(per_word) > MAX_SCORED_WORDS:
        # Long text: the rarest words say most about it and cost least to score.
        def frequency(word_terms: list[tuple[str, str, float]]) -> int:
            return min(reader.doc_frequency(name, term) for name, term, _boost in word_terms)

        per_word = sorted(per_word, key=frequency)[:MAX_SCORED_WORDS]
    for word_terms in per_word:
        for name, term, boost in _distinct(word_terms, reader):
            clauses.append(Clause(name, term, boost))
            terms.setdefault(name, set()).add(term)
    for token in code_tokens:
        terms.setdefault("codes", set()).add(token)
    required, optional = _split(clauses, reader)
    return QueryPlan(required, optional, code_tokens=code_tokens, words=words, terms=terms)


def _distinct(
    word_terms: list[tuple[str, str, float]], reader: IndexReader
) -> list[tuple[str, str, float]]:
    """One word's terms without the variants that stand for the same postings.

    A word is indexed in a few variants at the same position (``word_variants``);
    most of the time they come from the same tokens and have the same postings,
    and scoring them all only multiplies the work. Variants of one field with the
    same document frequency and the same first document count as one.
    """
    kept: list[tuple[str, str, float]] = []
    seen: set[tuple[str, float, int, int]] = set()
    for name, term, boost in word_terms:
        postings = reader.postings(name, term)
        first = postings.id() if postings.is_active() else -1
        key = (name, boost, reader.doc_frequency(name, term), first)
        if key not in seen:
            seen.add(key)
            kept.append((name, term, boost))
    return kept


def _split(clauses: list[Clause], reader: IndexReader) -> tuple[list[Clause], list[Clause]]:
    """(required, optional): on a large index, very common terms only add to the score.

    Scoring costs time for every document a term matches: a word found in a
    third of 50,000 documents adds some 17,000 candidates. On an index of
    ``COMMON_TERMS_MIN_DOCS`` documents or more, a term in more than
    ``COMMON_SHARE`` of them is *common*; when the query also has rarer terms
    (a code, a specific word), documents must match one of those and the
    common terms only rank them (Lucene's "common terms" query). A query of
    common terms alone keeps them all required.
    """
    total = reader.doc_count()
    if total >= COMMON_TERMS_MIN_DOCS:
        cutoff = COMMON_SHARE * total
        rare = [c for c in clauses if reader.doc_frequency(c.field, c.text) <= cutoff]
        common = [c for c in clauses if reader.doc_frequency(c.field, c.text) > cutoff]
        if rare and common:
            return rare, common
    return clauses, []


def _word_terms(
    word: str, keys: list[str], reader: IndexReader, indexed_fields: set[str], cache: dict | None
) -> list[tuple[str, str, float]]:
    """(field, index term, boost) for one query word in every language searched."""
    found_terms: list[tuple[str, str, float]] = []
    for key in keys:
        fields = [
            (name, boost)
            for name, boost in ((title_field(key), TITLE_BOOST), (body_field(key), BODY_BOOST))
            if name in indexed_fields
        ]
        if not fields or word in _stoplist(key):
            continue
        variants = word_variants(word, key)
        found = [
            (name, v, boost) for name, boost in fields for v in variants if (name, v) in reader
        ]
        found_terms += found
        if found or not variants or not fuzzy_allowed(word):
            continue
        for name, boost in fields:
            near = near_terms(variants[0], field_lexicon(reader, name, cache))
            found_terms += [(name, t, boost * FUZZY_FACTOR) for t in sorted(near)[:MAX_TYPO_TERMS]]
    return found_terms
