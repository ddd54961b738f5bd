"""Per-language text analysis: stop words, accent folding, stemming, German compounds.

Every language code maps to a *field key*: its base language when Whoosh has a
stemmer for it ("pt-BR" → "pt"), otherwise the sanitised code itself, which is
indexed without stemming. The schema has fields for every stemmed language and
glob fields for the rest, so a new language needs no code change.

Each word is emitted in a few variants at the same position so that a query
matches whatever form the user typed:

* the stem of the word as written and the stem of its accent-folded form, both
  folded ("configuración" → "configur" and "configuracion"; "fusión" and
  "fusion" share "fusion") — Snowball stemmers treat accented suffixes
  differently, so folding only before or only after stemming loses matches;
* for German, the stem without a final "s" (plural/genitive: "Papierstaus" →
  "papierstau"), which the German Snowball stemmer keeps after most letters;
* for German documents (not queries), the parts of compound words that contain
  one of a small built-in list of printer nouns ("Papierstau" → "papier",
  "stau"; "Fixiereinheit" → "fixi", "einheit"; "Einzugsrolle" → "einzug",
  "roll"). A dictionary split rather than n-grams: n-grams would match
  fragments of unrelated words and blow up the index; a missed split only costs
  a missed match for that part, while the whole word still matches.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterator
from itertools import chain

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StopFilter
from whoosh.analysis.acore import Token
from whoosh.lang import has_stemmer, has_stopwords, languages, stemmer_for_language
from whoosh.lang import stopwords_for_language as _whoosh_stopwords
from whoosh.support.charset import accent_map

#: Word pattern of the tokenizer (Whoosh's default: letters/digits, inner dots kept).
WORD_PATTERN = r"\w+(?:\.?\w+)*"

# Common nouns of printer service texts; compounds containing them are split.
_GERMAN_PARTS_RAW = (
    "papier stau toner einzug fixier einheit trommel kassette fach drucker druck walze "
    "rolle schacht behälter patrone tinte farbe bild scanner deckel klappe fehler meldung "
    "zähler ablage vorlage glas transfer entwickler heizung lampe sensor motor lüfter "
    "netz kabel karte modul kopierer kopie hefter sortierer duplex wartung reinigung "
    "abfall resttoner format seite blatt umschlag etikett folie speicher treiber einstellung "
    "verbindung band riemen gurt zufuhr ausgabe eingabe"
)
# Words that merely end like a compound of a listed noun.
_NOT_COMPOUNDS = frozenset(
    "einfach mehrfach vielfach zweifach dreifach vierfach zehnfach hundertfach".split()
)
_MIN_COMPOUND = 7
_MIN_PART_REST = 4


def fold(text: str) -> str:
    """Remove accents ("fusión" → "fusion", "Zähler" → "Zahler"); ß and the like stay."""
    return text.translate(accent_map)


@functools.lru_cache(maxsize=4096)
def field_key(language: str) -> str:
    """The suffix of the title/body fields that hold ``language`` ("pt-BR" → "pt")."""
    code = language.strip().lower()
    base = re.split(r"[-_]", code, maxsplit=1)[0]
    if base in languages and has_stemmer(base):
        return base
    return re.sub(r"[^a-z0-9]", "_", code)[:12] or "xx"


def normalise_language(language: str) -> str:
    """The language code as stored and filtered on: trimmed, lower case."""
    return language.strip().lower()


@functools.cache
def languages_supported() -> tuple[str, ...]:
    """Language codes indexed with a stemmer (any other code is indexed unstemmed)."""
    return tuple(sorted(code for code in languages if has_stemmer(code)))


@functools.cache
def _stemmer(key: str) -> Callable[[str], str]:
    if key in languages and has_stemmer(key):
        return functools.lru_cache(maxsize=100_000)(stemmer_for_language(key))
    return lambda word: word


@functools.cache
def _stoplist(key: str) -> frozenset[str]:
    if key in languages and has_stopwords(key):
        words = {word.lower() for word in _whoosh_stopwords(key)}
        return frozenset(words | {fold(word) for word in words})
    return frozenset()


@functools.cache
def _german_parts() -> tuple[str, ...]:
    parts = {fold(word) for word in _GERMAN_PARTS_RAW.split()}
    return tuple(sorted(parts, key=len, reverse=True))


def decompose_german(word: str, _depth: int = 0) -> list[str]:
    """Parts of a (lower-case, folded) German compound, or [] when it is not one."""
    if len(word) < _MIN_COMPOUND or word in _NOT_COMPOUNDS or _depth > 3:
        return []
    found: list[str] = []
    for part in _german_parts():
        if part == word:
            continue
        if word.startswith(part) and len(word) - len(part) >= _MIN_PART_REST:
            rest = word[len(part) :]
            if rest[0] == "s" and any(rest[1:].startswith(other) for other in _german_parts()):
                rest = rest[1:]
            found += [part, rest, *decompose_german(rest, _depth + 1)]
        if word.endswith(part) and len(word) - len(part) >= _MIN_PART_REST:
            head = word[: -len(part)]
            if head.endswith("s") and len(head) > _MIN_PART_REST:
                head = head[:-1]
            found += [part, head, *decompose_german(head, _depth + 1)]
    return found


@functools.lru_cache(maxsize=200_000)
def word_variants(word: str, key: str, *, compounds: bool = False) -> tuple[str, ...]:
    """The index/query terms for one lower-cased word in language ``key``, main one first."""
    stem = _stemmer(key)
    folded = fold(word)
    variants = [fold(stem(folded)), fold(stem(word))]
    if key == "de":
        variants += [word[:-1] for word in variants if len(word) > 4 and word.endswith("s")]
        if compounds:
            for part in decompose_german(folded):
                variants.append(fold(stem(part)))
    return tuple(dict.fromkeys(variant for variant in variants if variant))


#: Distinct words remembered per language by ``index_terms`` (then it starts afresh).
TOKEN_CACHE_SIZE = 500_000
_WORD = re.compile(WORD_PATTERN)
_token_terms: dict[str, dict[str, tuple[str, ...]]] = {}


def _terms_of_token(token: str, key: str) -> tuple[str, ...]:
    word = token.lower()
    if word in _stoplist(key):
        return ()
    return word_variants(word, key, compounds=key == "de")


def _token_cache(key: str, *, encoded: bool = False) -> dict:
    name = f"{key}\x00" if encoded else key
    cache = _token_terms.get(name)
    if cache is None or len(cache) > TOKEN_CACHE_SIZE:
        cache = _token_terms[name] = {}
    return cache


def token_terms(token: str, key: str) -> tuple[str, ...]:
    """The index terms ``analyzer_for(key)`` makes of one token (a ``WORD_PATTERN`` match)."""
    cache = _token_cache(key)
    terms = cache.get(token)
    if terms is None:
        terms = cache[token] = _terms_of_token(token, key)
    return terms


def index_terms(text: str, key: str, *, encoded: bool = False) -> tuple[int, Counter]:
    """The field length and term frequencies ``analyzer_for(key)`` gives ``text`` when indexing.

    The same result as running the analyser (checked by the tests), but each
    distinct word of the text is analysed once, and its terms are remembered
    for the next text.

    Args:
        text: The field's text.
        key: Field key of its language.
        encoded: Give the terms as UTF-8 bytes (as the index stores them).
    """
    cache = _token_cache(key, encoded=encoded)
    tokens = _WORD.findall(text)
    for token in set(tokens).difference(cache):
        terms = _terms_of_token(token, key)
        cache[token] = tuple(term.encode("utf-8") for term in terms) if encoded else terms
    freqs = Counter(chain.from_iterable(map(cache.__getitem__, tokens)))
    return sum(freqs.values()), freqs


class VariantsFilter(Filter):
    """Replace each token by its stemmed, accent-folded variants (see module docstring)."""

    def __init__(self, key: str) -> None:
        self.key = key

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            compounds = self.key == "de" and token.mode != "query"
            for variant in word_variants(token.text, self.key, compounds=compounds):
                token.text = variant
                yield token


class AccentFoldingStopFilter(StopFilter):
    """Stop words of a language, matched with or without accents."""

    def __init__(self, key: str) -> None:
        super().__init__(stoplist=_stoplist(key), minsize=1)
        self.key = key


def analyzer_for(key: str):
    """The analyser of the title/body fields with field key ``key``."""
    return (
        RegexTokenizer(WORD_PATTERN)
        | LowercaseFilter()
        | AccentFoldingStopFilter(key)
        | VariantsFilter(key)
    )
