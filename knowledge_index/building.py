"""A fast writer for full rebuilds: same segment files as Whoosh's, a fraction of the work.

Whoosh's ``SegmentWriter`` runs every token through a chain of filter objects,
puts every posting into a sorted pool as a 5-tuple, sorts the pool at commit
and then, for every posting, reads the document's field length back from the
column it has just written: some 10 µs a posting in Python, and 50,000
article-languages have about 3 million postings.

``RebuildWriter`` writes the same segment through the same codec objects but:

* analyses each distinct word of a text once per language (``analysis.index_terms``:
  the words of a text are counted first, then each distinct word's variants
  are looked up in a cache), giving the same terms, frequencies and field
  lengths as the field's analyser;
* keeps postings grouped by term in compact arrays (document numbers arrive
  in order, so nothing is sorted but the distinct terms);
* remembers each document's field lengths and hands the postings writer one
  whole block (128 postings) at a time.

It only handles what a rebuild needs (adding documents, then committing with
``CLEAR``); upserts and deletes use Whoosh's writer. The posting blocks are
filled through internals of Whoosh 2.7.4's ``W3PostingsWriter`` (pinned, the
last release); ``tests/knowledge_index/test_building.py`` checks that both
writers produce the same postings, block statistics, lengths and stored fields.
"""

from __future__ import annotations

from array import array

from whoosh.codec.whoosh3 import W3FieldWriter, W3PostingsWriter
from whoosh.fields import TEXT
from whoosh.formats import Frequency
from whoosh.system import pack_uint
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from knowledge_index.analysis import VariantsFilter, index_terms

_SMALL = 256
#: ``pack_uint(freq)``, shared for small frequencies.
_FREQ_BYTES = [pack_uint(n) for n in range(_SMALL)]
_INDEX_CACHE_SIZE = 5000


def _fast_key(field) -> str | None:
    """The language key of a field analysed by ``analysis.analyzer_for``, else None."""
    if not isinstance(field, TEXT) or type(field.format) is not Frequency:
        return None
    if field.format.field_boost != 1.0:
        return None
    items = getattr(field.analyzer, "items", None)
    if items and isinstance(items[-1], VariantsFilter):
        return items[-1].key
    return None


class _Postings:
    """The postings of one term: document numbers, weights, encoded values."""

    __slots__ = ("ids", "values", "weights")

    def __init__(self) -> None:
        self.ids = array("I")
        self.weights = array("d")
        self.values: list[bytes] = []


class RebuildWriter(SegmentWriter):
    """A ``SegmentWriter`` for a rebuild: ``add_document`` then ``commit(mergetype=CLEAR)``."""

    def __init__(self, ix, **kwargs) -> None:
        super().__init__(ix, **kwargs)
        #: Per field and term: ``_Postings``, or (docnum, freq) pairs for text fields.
        self._terms: dict[str, dict[bytes, _Postings | array]] = {}
        #: Field lengths as the length column stores them (one byte per document).
        self._lengths: dict[str, bytearray] = {}
        self._fields: dict[str, tuple] = {}
        self._index_cache: dict[tuple[str, str], list] = {}

    def _field(self, fieldname: str) -> tuple:
        """(field, language key of a fast text field or None, its terms), looked up once."""
        info = self._fields.get(fieldname)
        if info is None:
            field = self.schema[fieldname]
            if field.separate_spelling() or field.vector:
                msg = f"field {fieldname!r}: spelling and vectors are not supported here"
                raise NotImplementedError(msg)
            terms = self._terms.setdefault(fieldname, {})
            info = self._fields[fieldname] = (field, _fast_key(field), terms)
        return info

    def add_document(self, **fields) -> None:
        """Add one document: the fields of ``SegmentWriter.add_document``, no boosts."""
        self._check_state()
        if any(name.startswith("_") for name in fields):
            msg = "boosts and custom stored values are not supported here"
            raise NotImplementedError(msg)
        docnum = self.docnum
        perdocwriter = self.perdocwriter
        fieldnames = sorted(fields)
        self._check_fields(self.schema, fieldnames)
        perdocwriter.start_doc(docnum)
        for fieldname in fieldnames:
            value = fields[fieldname]
            if value is None:
                continue
            field, key, terms = self._field(fieldname)
            length = 0
            if field.indexed:
                if key is not None:
                    if not isinstance(value, str):
                        msg = f"field {fieldname!r}: only text values are supported here"
                        raise NotImplementedError(msg)
                    # Frequency.word_values with a field boost of 1 gives weight
                    # = freq and value = pack_uint(freq): keeping (docnum, freq)
                    # pairs is enough (see ``_write_frequencies``).
                    total, freqs = index_terms(value, key, encoded=True)
                    for tbytes, freq in freqs.items():
                        pairs = terms.get(tbytes)
                        if pairs is None:
                            pairs = terms[tbytes] = array("I")
                        pairs.append(docnum)
                        pairs.append(freq)
                else:
                    # Languages, models and codes repeat from one document to the next.
                    cached = self._index_cache.get((fieldname, value))
                    if cached is None:
                        if len(self._index_cache) > _INDEX_CACHE_SIZE:
                            self._index_cache.clear()
                        cached = list(field.index(value))
                        if isinstance(value, str):
                            self._index_cache[fieldname, value] = cached
                    total = 0
                    for tbytes, freq, weight, vbytes in cached:
                        postings = terms.get(tbytes)
                        if postings is None:
                            postings = terms[tbytes] = _Postings()
                        postings.ids.append(docnum)
                        postings.weights.append(weight)
                        postings.values.append(vbytes or b"")
                        total += freq
                if field.scorable:
                    length = total
            perdocwriter.add_field(fieldname, field, value if field.stored else None, length)
            if length:
                lengths = self._lengths.get(fieldname)
                if lengths is None:
                    lengths = self._lengths[fieldname] = bytearray()
                if len(lengths) <= docnum:
                    lengths.extend(bytes(docnum + 1 - len(lengths)))
                lengths[docnum] = length_to_byte(length)
            column = field.column_type
            if column:
                perdocwriter.add_column_value(fieldname, column, field.to_column_value(value))
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        fieldwriter = self.fieldwriter
        if not isinstance(fieldwriter, W3FieldWriter):  # pragma: no cover - pinned Whoosh
            msg = f"unsupported Whoosh field writer {type(fieldwriter).__name__}"
            raise TypeError(msg)
        decoded = [byte_to_length(code) for code in range(256)]
        for fieldname in sorted(self._terms):
            terms = self._terms[fieldname]
            if not terms:
                continue
            fieldwriter.start_field(fieldname, self.schema[fieldname])
            lengths = self._lengths.get(fieldname, b"")
            for btext in sorted(terms):
                fieldwriter.start_term(btext)
                postings = terms[btext]
                if isinstance(postings, array):
                    _write_frequencies(fieldwriter._postwriter, postings, lengths, decoded)
                else:
                    _write_postings(fieldwriter._postwriter, postings, lengths, decoded)
                fieldwriter.finish_term()
            fieldwriter.finish_field()
        fieldwriter.close()
        self._terms.clear()


def _write_frequencies(writer: W3PostingsWriter, pairs: array, lengths, decoded) -> None:
    """``_write_postings`` for (docnum, freq) pairs of a Frequency field without boosts."""
    ids, freqs = pairs[0::2], pairs[1::2]

    def fill(start: int, end: int) -> None:
        block_freqs = freqs[start:end]
        writer._weights = array("f", block_freqs)
        writer._values = [_FREQ_BYTES[f] if f < _SMALL else pack_uint(f) for f in block_freqs]
        writer._maxweight = float(max(block_freqs))

    _write_blocks(writer, ids, lengths, decoded, fill)


def _write_postings(writer: W3PostingsWriter, postings: _Postings, lengths, decoded) -> None:
    """Fill ``writer``'s blocks as ``add_posting`` would, one block at a time."""
    weights, values = postings.weights, postings.values

    def fill(start: int, end: int) -> None:
        block_weights = weights[start:end]
        writer._weights = array("f", block_weights)
        writer._values = [value for value in values[start:end] if value]
        writer._maxweight = max(0, max(block_weights))

    _write_blocks(writer, postings.ids, lengths, decoded, fill)


def _write_blocks(writer: W3PostingsWriter, ids, lengths, decoded, fill) -> None:
    """Write ``ids`` block by block; ``fill(start, end)`` sets each block's weights and values."""
    size = len(lengths)
    step = writer._blocklimit
    for start in range(0, len(ids), step):
        if start:
            writer._write_block()
        block = ids[start : start + step]
        writer._ids = block
        fill(start, start + step)
        codes = [lengths[docnum] for docnum in block if docnum < size]
        nonzero = [code for code in codes if code]
        writer._minlength = decoded[min(nonzero)] if nonzero else None
        writer._maxlength = decoded[max(codes)] if codes else 0


__all__ = ["RebuildWriter"]
