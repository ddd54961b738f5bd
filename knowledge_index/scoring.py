"""Rank documents for a flat OR of terms with BM25F, reading each posting list once.

Whoosh's own search walks a tree of matchers and calls a scorer per posting and
per level, in Python: about 2 µs a posting, so a common word found in a third
of 50,000 documents costs tens of milliseconds. The queries built here are
always a flat OR of terms (plus, on large indexes, terms that only rank what
the others find), so this module reads each term's postings block by block and
adds up the same BM25F scores into one dictionary, about 0.2 µs a posting.
Scores and order are those of ``Searcher.search`` with the default
``BM25F`` weighting: score descending, then document number ascending
(``tests/knowledge_index/test_scoring.py`` compares both).

Whoosh 2.7.4 is the last Whoosh release and is pinned; postings and the
field-length column are read through two of its internals (``W3LeafMatcher``
blocks and the fixed-width length column), each with a slower public fallback.
"""

from __future__ import annotations

import heapq
from array import array
from collections.abc import Sequence
from itertools import accumulate
from typing import NamedTuple

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching.wrappers import FilterMatcher
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

#: Whoosh's BM25F defaults.
DEFAULT_B = 0.75
DEFAULT_K1 = 1.2


class Clause(NamedTuple):
    """One index term searched, and the factor its score is multiplied by."""

    field: str
    text: str
    boost: float = 1.0


def doc_mask(docs: Sequence[int] | object, size: int) -> bytes:
    """``size`` bytes, 1 at each document number in ``docs`` and 0 elsewhere."""
    mask = bytearray(size)
    for docnum in docs:
        mask[docnum] = 1
    return bytes(mask)


def mask_union(a: bytes, b: bytes) -> bytes:
    """Documents in ``a`` or ``b`` (masks of the same size)."""
    return (int.from_bytes(a, "big") | int.from_bytes(b, "big")).to_bytes(len(a), "big")


def mask_intersection(a: bytes, b: bytes) -> bytes:
    """Documents in both ``a`` and ``b`` (masks of the same size)."""
    return (int.from_bytes(a, "big") & int.from_bytes(b, "big")).to_bytes(len(a), "big")


def _postings(segment, clause: Clause) -> tuple[Sequence[int], Sequence[float]]:
    """Segment-local document numbers and term weights of one term.

    Deleted documents are left in: callers only keep documents of a mask
    built from live postings.
    """
    matcher = segment.postings(clause.field, clause.text)
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child
    ids: list[int] = []
    weights: list[float] = []
    if isinstance(matcher, W3LeafMatcher):
        while matcher.is_active():
            matcher._read_data()
            # Block ids are stored as gaps; Whoosh decodes them with a generator.
            ids.extend(matcher._data[0] if matcher._byteids else accumulate(matcher._data[0]))
            matcher._read_weights()
            weights.extend(matcher._weights)
            matcher._next_block()
        return ids, weights
    while matcher.is_active():  # postings inlined in the term info
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return ids, weights


def _length_bytes(segment, field: str, cache: dict) -> bytes:
    """The encoded length of ``field`` in each document of ``segment`` (one byte each)."""
    key = ("lengths", id(segment), field)
    found = cache.get(key)
    if found is None:
        size = segment.doc_count_all()
        column = segment._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
        if column is None:
            found = bytes(size)
        elif getattr(column, "_fixedlen", None) == 1:
            found = column._dbfile.get(column._basepos, min(column._count, size))
            found = found.ljust(size, b"\0")
        else:
            found = bytes(column[docnum] for docnum in range(size))
        cache[key] = found
    return found


class PostingsCache:
    """Each term's postings as scored, kept for the life of one searcher.

    The BM25F score of a term in a document is its ``boost`` times a part that
    depends only on the term, the document and the searcher's statistics, so
    a term searched again (common words are, all the time) costs one multiply
    and add per posting instead of decoding its blocks again. Bounded by
    ``max_postings`` in all (12 bytes each); when full it starts afresh.
    """

    def __init__(self, max_postings: int = 2_000_000) -> None:
        self.max_postings = max_postings
        self.size = 0
        self._parts: dict[tuple, tuple[array, array]] = {}

    def get(self, key: tuple) -> tuple[array, array] | None:
        """The cached ``(document numbers, score parts)`` of ``key``, or None."""
        return self._parts.get(key)

    def put(self, key: tuple, ids: array, parts: array) -> None:
        """Remember one term's postings (unless they alone exceed the bound)."""
        if len(ids) > self.max_postings:
            return
        if self.size + len(ids) > self.max_postings:
            self._parts.clear()
            self.size = 0
        self._parts[key] = (ids, parts)
        self.size += len(ids)


def _scored_postings(
    searcher, segment, clause: Clause, b: float, k1: float, cache: dict
) -> tuple[Sequence[int], Sequence[float]]:
    """Segment-local document numbers and unboosted BM25F scores of one term."""
    base = searcher.idf(clause.field, clause.text) * (k1 + 1)
    average = searcher.avg_field_length(clause.field) or 1
    # The BM25 length norm for each of the 256 encoded lengths.
    norm = [k1 * ((1 - b) + b * byte_to_length(code) / average) for code in range(256)]
    lengths = _length_bytes(segment, clause.field, cache)
    ids, weights = _postings(segment, clause)
    parts = [
        base * weight / (weight + norm[lengths[docnum]])
        for docnum, weight in zip(ids, weights, strict=True)
    ]
    return ids, parts


def _parameters(searcher) -> tuple[float, float]:
    weighting = searcher.weighting
    if isinstance(weighting, BM25F):
        return weighting.B, weighting.K1
    return DEFAULT_B, DEFAULT_K1


def top_documents(
    searcher,
    required: Sequence[Clause],
    optional: Sequence[Clause],
    allowed: bytes,
    limit: int,
    cache: dict,
    postings_cache: PostingsCache | None = None,
) -> list[tuple[float, int]]:
    """The best ``limit`` documents as ``(score, docnum)``, best first.

    Args:
        searcher: A Whoosh searcher (its reader may have several segments).
        required: A document must match at least one of these terms.
        optional: These terms only add to the score of a document that matches
            a required term.
        allowed: ``doc_mask`` of the documents that may be returned (live
            documents of the languages and models searched).
        limit: Most documents returned.
        cache: Kept by the caller for the life of ``searcher`` (field lengths).
        postings_cache: Kept by the caller for the life of ``searcher``, if given.

    Returns:
        ``(score, docnum)`` pairs; ties in score go to the lower document number.
    """
    b, k1 = _parameters(searcher)
    best: list[tuple[float, int]] = []
    for segment, offset in searcher.reader().leaf_readers():
        size = segment.doc_count_all()
        mask = allowed[offset : offset + size]
        scores: dict[int, float] = {}
        get = scores.get
        for clause, is_required in [(c, True) for c in required] + [(c, False) for c in optional]:
            if (clause.field, clause.text) not in segment:
                continue
            key = (id(segment), clause.field, clause.text)
            found = None if postings_cache is None else postings_cache.get(key)
            if found is None:
                ids, parts = _scored_postings(searcher, segment, clause, b, k1, cache)
                if postings_cache is not None:
                    postings_cache.put(key, array("I", ids), array("d", parts))
            else:
                ids, parts = found
            boost = clause.boost
            if is_required:
                for docnum, part in zip(ids, parts, strict=True):
                    if mask[docnum]:
                        scores[docnum] = get(docnum, 0.0) + boost * part
            else:
                for docnum, part in zip(ids, parts, strict=True):
                    score = get(docnum)
                    if score is not None:
                        scores[docnum] = score + boost * part
        top = heapq.nlargest(limit, scores.items(), key=lambda item: (item[1], -item[0]))
        best += [(score, docnum + offset) for docnum, score in top]
    return heapq.nlargest(limit, best, key=lambda item: (item[0], -item[1]))
