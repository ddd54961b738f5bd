"""Time the knowledge index (SPEC D2) against SQLite FTS5 on the same generated corpus.

Usage::

    python benchmarks/kb_search.py [--docs N] [--queries N] [--seed N]

Generates ``--docs`` article-languages (default 50,000: about 16,667 articles
× es/en/de; printer words and made-up words drawn with Zipf frequencies, error
codes in four formats, model lists), then in the same run:

* builds a Whoosh index with ``KnowledgeIndex.rebuild`` in a temporary
  directory and an SQLite FTS5 table (``unicode61 remove_diacritics 2``) in a
  file next to it, and prints both build rates (docs/s);
* times ``--queries`` queries (default 200) of each kind — ``code`` (error codes
  as users type them: "C-2557", "c2557", "SC 542", "#801", "E000007", "e7"),
  ``word`` (one or two words, some misspelled, some inflected, some rare, some
  German compound parts) and ``mixed`` (a code plus two words, one misspelled)
  — each over one or all three languages, half of them with a model filter;
* prints p50 / p95 / max milliseconds per kind and engine, the Whoosh/FTS5 p95
  ratio (the figure to watch) and whether Whoosh's p95 is under the 20 ms target;
* prints the Whoosh rebuild's speed-up over the 92 s baseline (the rebuild of
  50,000 before ``knowledge_index.building``) against the 4× target;
* times the same queries once more on a freshly opened index without warm-up
  (the first searches after a commit fill the per-searcher caches: field
  lexicons for typos, scored postings) and prints their p95 per kind.

Both engines see the same query text. FTS5 gets an honest equivalent of what
``KnowledgeIndex.search`` does: the text is split into codes and words by
``knowledge_index.querying.extract_terms``; codes (already normalised) are
matched as quoted phrases in the ``codes`` column, words as quoted terms in
``title``/``body``, all ORed; languages and models are filtered in the WHERE
clause; rows are ordered by weighted ``bm25`` with ``LIMIT 10`` and return a
``snippet()``. FTS5 does no stemming, typo tolerance or code-spelling variants
beyond that normalisation, so it finds less (see the "no hits" column): the
comparison is of latency, not relevance.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from knowledge_index import ArticleDoc, KnowledgeIndex, code_variants  # noqa: E402
from knowledge_index.querying import clean_text, extract_terms  # noqa: E402
from knowledge_index.schema import normalise_model  # noqa: E402

LANGUAGES = ("es", "en", "de")
KINDS = ("code", "word", "mixed")
TARGET_P95_MS = 20.0
#: Seconds the rebuild of 50,000 article-languages took before ``knowledge_index.building``.
BASELINE_BUILD_S = 92.0
TARGET_BUILD_SPEEDUP = 4.0
LIMIT = 10
MODELS = [f"bizhub C{n}i" for n in (250, 300, 360, 450, 550, 650)] + [
    f"TASKalfa {n}ci" for n in (2553, 3253, 4053, 5053, 6053)
]
WORDS = {
    "en": (
        "paper jam toner cartridge fuser unit drum tray feeder roller cover door "
        "scanner glass network cable driver error message counter waste box duplex "
        "staple finisher sensor motor fan heater belt transfer developer image blurry "
        "streaks faded lines print copy scan fax memory firmware update reset replace "
        "clean open close remove insert check restart"
    ).split(),
    "es": (
        "atasco papel tóner cartucho unidad fusión tambor bandeja alimentador rodillo "
        "tapa puerta escáner cristal red cable controlador error mensaje contador "
        "residuos dúplex grapa finalizador sensor motor ventilador calentador correa "
        "transferencia revelador imagen borrosa rayas líneas impresión copia escaneo "
        "memoria actualización reiniciar sustituir limpiar abrir cerrar retirar comprobar"
    ).split(),
    "de": (
        "Papierstau Tonerkassette Fixiereinheit Trommeleinheit Papierfach Einzugsrolle "
        "Abdeckung Klappe Scanner Vorlagenglas Netzwerkkabel Treiber Fehlermeldung "
        "Zähler Resttonerbehälter Duplexeinheit Heftklammer Sensor Motor Lüfter "
        "Heizung Transferband Entwickler Bild unscharf Streifen Linien Druck Kopie "
        "Speicher Aktualisierung zurücksetzen austauschen reinigen öffnen schließen "
        "entfernen einsetzen prüfen neu starten"
    ).split(),
}
GERMAN_PARTS = ("Stau", "Kassette", "Einheit", "Fach", "Rolle", "Toner", "Papier", "Glas")
SYLLABLES = "ka ri to me sa lu pen dor vi ga nel tro su mi bar fe lo zan qui ber".split()
MADE_UP_WORDS = 1500

Vocabulary = dict[str, tuple[list[str], list[float]]]


@dataclass(frozen=True)
class Query:
    """One search as a user would run it."""

    kind: str
    text: str
    languages: tuple[str, ...]
    models: tuple[str, ...] | None


# --- corpus ---------------------------------------------------------------------------


def code_for(number: int) -> str:
    """A deterministic error code in one of the usual formats."""
    kind = number % 4
    if kind == 0:
        return f"E{number:06d}-{number % 7:04d}"
    if kind == 1:
        return f"SC {number % 900 + 100}"
    if kind == 2:
        return f"#{number % 9000 + 1000}"
    return f"C-{number % 9000 + 1000}"


def vocabulary(language: str, rng: random.Random) -> tuple[list[str], list[float]]:
    """The printer words of ``language`` then 1,500 made-up words, with Zipf weights.

    Real article text has a few frequent words and a long tail; drawing every
    word uniformly from 60 printer words would make each word match a third of
    the corpus, which no real knowledge base does.
    """
    words = list(WORDS[language])
    rng.shuffle(words)
    while len(words) < len(WORDS[language]) + MADE_UP_WORDS:
        words.append("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return words, [1.0 / (rank + 1) for rank in range(len(words))]


def make_docs(count: int, vocab: Vocabulary, rng: random.Random) -> list[ArticleDoc]:
    """``count`` article-languages: articles in every language, with codes and models."""
    docs: list[ArticleDoc] = []
    article = 0
    while len(docs) < count:
        article += 1
        codes = [code_for(article * 3 + k) for k in range(rng.randint(0, 2))]
        models = rng.sample(MODELS, rng.randint(0, 3))
        for language in LANGUAGES[: count - len(docs)]:
            words, weights = vocab[language]
            title = " ".join(rng.choices(words, weights, k=rng.randint(3, 7)))
            sentences = [
                " ".join(rng.choices(words, weights, k=rng.randint(6, 14))) + "."
                for _ in range(rng.randint(3, 10))
            ]
            if codes:
                sentences.insert(rng.randint(0, len(sentences)), f"Code {codes[0]}.")
            body = " ".join(sentences)
            docs.append(ArticleDoc(article, language, title.capitalize(), body, codes, models))
    return docs


# --- queries --------------------------------------------------------------------------


def typo(word: str, rng: random.Random) -> str:
    """``word`` with one edit after its first letter."""
    if len(word) < 5:
        return word
    i = rng.randint(1, len(word) - 2)
    edit = rng.choice(("drop", "double", "swap", "replace"))
    if edit == "drop":
        return word[:i] + word[i + 1 :]
    if edit == "double":
        return word[:i] + word[i] + word[i:]
    if edit == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + "x" + word[i + 1 :]


def inflect(word: str, language: str) -> str:
    """A plural of ``word``, roughly: what stemming should bring back to the indexed form."""
    if language == "es":
        return word + ("s" if word[-1] in "aeiouáéíóú" else "es")
    return word if word.endswith("s") else word + "s"


def spellings(code: str) -> list[str]:
    """The ways a user might type ``code``."""
    compact = code.replace("#", "").replace(" ", "").replace("C-", "C")
    out = [code, code.lower(), compact, "#" + compact if compact.isdigit() else compact]
    if "-" in code and code.startswith("E"):
        head = code.split("-")[0]
        out += [head, "e" + str(int(head[1:])), code.replace("-", " ")]
    return out


def typed_code(codes: list[str], rng: random.Random) -> str:
    """A code of the corpus (one in ten: any code of the formats), spelled as a user might."""
    code = rng.choice(codes) if rng.random() < 0.9 else code_for(rng.randint(3, 10**6))
    return rng.choice(spellings(code))


def typed_words(language: str, vocab: Vocabulary, rng: random.Random) -> str:
    """One or two words: plain, misspelled, inflected, rare or a German compound part."""
    words = rng.sample(WORDS[language], rng.randint(1, 2))
    roll = rng.random()
    if roll < 0.25:
        words[-1] = typo(words[-1], rng)
    elif roll < 0.45:
        words = [inflect(word, language) for word in words]
    elif roll < 0.6:
        words[0] = rng.choice(vocab[language][0][len(WORDS[language]) :])
    elif roll < 0.7 and language == "de":
        words = [rng.choice(GERMAN_PARTS)]
    return " ".join(words)


def make_queries(
    kind: str, count: int, codes: list[str], vocab: Vocabulary, rng: random.Random
) -> list[Query]:
    """``count`` queries of ``kind``, each in one language, over it or all three."""
    queries = []
    for n in range(count):
        language = LANGUAGES[n % len(LANGUAGES)]
        if kind == "code":
            text = typed_code(codes, rng)
        elif kind == "word":
            text = typed_words(language, vocab, rng)
        else:
            word = rng.choice(WORDS[language])
            text = f"{typed_code(codes, rng)} {word} {typo(rng.choice(WORDS[language]), rng)}"
        languages = LANGUAGES if rng.random() < 0.5 else (language,)
        models = (rng.choice(MODELS),) if rng.random() < 0.5 else None
        queries.append(Query(kind, text, languages, models))
    return queries


# --- engines --------------------------------------------------------------------------


def build_whoosh(docs: list[ArticleDoc], directory: Path) -> tuple[KnowledgeIndex, float]:
    """A Whoosh index of ``docs`` and the seconds the rebuild took."""
    index = KnowledgeIndex(directory / "kb")
    step, shown = max(1, len(docs) // 10), [0]

    def progress(done: int, total: int | None) -> None:
        if done >= shown[0] + step or (done == total and done > shown[0]):
            shown[0] = done
            print(f"  whoosh rebuild: {done:,} / {total:,}", file=sys.stderr, flush=True)

    started = time.perf_counter()
    index.rebuild(docs, progress)
    return index, time.perf_counter() - started


def fts_row(doc: ArticleDoc) -> tuple[str, str, str, str, str, str]:
    """The FTS5 row of one article-language (codes as the Whoosh index stores them)."""
    codes = sorted({variant for code in doc.error_codes for variant in code_variants(code)})
    models = {normalise_model(name) for name in doc.models} - {""}
    packed = "," + ",".join(sorted(models)) + "," if models else ""
    return str(doc.article_id), doc.language, doc.title, doc.body, " ".join(codes), packed


def build_fts(docs: list[ArticleDoc], path: Path) -> tuple[sqlite3.Connection, float]:
    """An FTS5 table of ``docs`` in a file, optimised; and the seconds it took."""
    started = time.perf_counter()
    db = sqlite3.connect(path)
    db.execute(
        "CREATE VIRTUAL TABLE kb USING fts5(article_id UNINDEXED, language UNINDEXED, "
        "title, body, codes, models UNINDEXED, tokenize='unicode61 remove_diacritics 2')"
    )
    with db:
        db.executemany("INSERT INTO kb VALUES (?, ?, ?, ?, ?, ?)", map(fts_row, docs))
    with db:
        db.execute("INSERT INTO kb(kb) VALUES ('optimize')")
    return db, time.perf_counter() - started


def quoted(term: str) -> str:
    """``term`` as an FTS5 string (a phrase): no character is syntax."""
    return '"' + term.replace('"', '""') + '"'


def fts_match(text: str) -> str | None:
    """The MATCH expression for what a user typed, or None when nothing is searchable."""
    codes, words = extract_terms(clean_text(text))
    parts = []
    if codes:
        parts.append("{codes} : (" + " OR ".join(quoted(code) for code in codes) + ")")
    if words:
        parts.append("{title body} : (" + " OR ".join(quoted(word) for word in words) + ")")
    return " OR ".join(parts) or None


def fts_search(db: sqlite3.Connection, query: Query) -> list[tuple]:
    """The FTS5 counterpart of ``KnowledgeIndex.search`` (bm25: code > title > body)."""
    match = fts_match(query.text)
    if match is None:
        return []
    where = ["kb MATCH ?", f"language IN ({','.join('?' * len(query.languages))})"]
    params: list[str] = [match, *query.languages]
    if query.models is not None:
        names = sorted({normalise_model(name) for name in query.models})
        where.append("(models = '' OR " + " OR ".join("instr(models, ?)" for _ in names) + ")")
        params += [f",{name}," for name in names]
    sql = (
        "SELECT article_id, language, title, snippet(kb, 3, '<mark>', '</mark>', '…', 24) "
        f"FROM kb WHERE {' AND '.join(where)} "
        f"ORDER BY bm25(kb, 0, 0, 3.0, 1.0, 12.0, 0) LIMIT {LIMIT}"
    )
    return db.execute(sql, params).fetchall()


# --- timing and report ----------------------------------------------------------------

Engine = Callable[[Query], Sequence[object]]


@dataclass
class Timing:
    """Milliseconds per query and how many queries found nothing."""

    ms: list[float]
    empty: int


def time_queries(engine: Engine, queries: list[Query]) -> Timing:
    """Run each query once through ``engine``, timing it."""
    ms, empty = [], 0
    for query in queries:
        started = time.perf_counter()
        found = engine(query)
        ms.append((time.perf_counter() - started) * 1000)
        empty += not found
    return Timing(ms, empty)


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of ``values`` lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def print_build(docs: int, whoosh_s: float, fts_s: float) -> None:
    """Build times and rates of both engines."""
    print(f"corpus: {docs:,} article-languages ({', '.join(LANGUAGES)})")
    for name, seconds in (("whoosh", whoosh_s), ("fts5", fts_s)):
        print(f"build {name:<7}{seconds:>8.1f} s {docs / seconds:>10,.0f} docs/s")
    print(f"build rate whoosh/fts5: {fts_s / whoosh_s:.3f} (fts5 {whoosh_s / fts_s:.0f}× faster)")
    speedup = BASELINE_BUILD_S / whoosh_s
    verdict = "met" if speedup >= TARGET_BUILD_SPEEDUP else "NOT MET"
    print(
        f"whoosh rebuild vs the {BASELINE_BUILD_S:.0f} s baseline: {speedup:.1f}× faster "
        f"(target {TARGET_BUILD_SPEEDUP:.0f}×: {verdict}"
        + ("" if docs == 50_000 else f"; baseline is for 50,000 docs, not {docs:,}")
        + ")"
    )


def print_table(results: dict[str, dict[str, Timing]]) -> None:
    """p50/p95/max per kind and engine, the p95 ratio and the Whoosh target check."""
    print(
        f"\n{'kind':<7}{'engine':<8}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"
        f"{'no hits':>9}{'p95 ratio':>11}"
    )
    for kind, engines in results.items():
        p95 = {name: percentile(timing.ms, 0.95) for name, timing in engines.items()}
        for name, timing in engines.items():
            ratio = f"{p95['whoosh'] / p95['fts5']:>11.1f}" if name == "whoosh" else ""
            print(
                f"{kind:<7}{name:<8}{len(timing.ms):>5}{percentile(timing.ms, 0.5):>9.2f}"
                f"{p95[name]:>9.2f}{max(timing.ms):>9.2f}{timing.empty:>9}{ratio}"
            )
    print(f"\nwhoosh p95 target: under {TARGET_P95_MS:.0f} ms")
    for kind, engines in results.items():
        p95 = percentile(engines["whoosh"].ms, 0.95)
        verdict = "under" if p95 < TARGET_P95_MS else "OVER"
        print(f"  {kind:<7}{p95:>8.2f} ms  {verdict}")
    print(
        "\nFTS5 does no stemming, typo tolerance or code-spelling variants here (codes are "
        "normalised for it),\nso it finds less; the comparison is of latency, not relevance."
    )


def main() -> None:
    """Generate, build both engines, warm up, time the queries, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=50_000, help="article-languages")
    parser.add_argument("--queries", type=int, default=200, help="queries per kind")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    vocab = {language: vocabulary(language, rng) for language in LANGUAGES}
    docs = make_docs(args.docs, vocab, rng)
    codes = sorted({code for doc in docs for code in doc.error_codes})
    queries = {kind: make_queries(kind, args.queries, codes, vocab, rng) for kind in KINDS}
    warm_up = [q for kind in KINDS for q in make_queries(kind, 30, codes, vocab, rng)]

    with tempfile.TemporaryDirectory() as name:
        directory = Path(name)
        index, whoosh_s = build_whoosh(docs, directory)
        db, fts_s = build_fts(docs, directory / "kb.sqlite")
        print_build(len(docs), whoosh_s, fts_s)
        engines: dict[str, Engine] = {
            "whoosh": lambda q: index.search(q.text, q.languages, q.models, LIMIT),
            "fts5": lambda q: fts_search(db, q),
        }
        for engine in engines.values():
            time_queries(engine, warm_up)
        results = {
            kind: {name: time_queries(engine, queries[kind]) for name, engine in engines.items()}
            for kind in KINDS
        }
        print_table(results)
        index.close()
        cold = KnowledgeIndex(directory / "kb")
        print("\nwhoosh p95 on a freshly opened index, no warm-up (cold caches):")
        for kind in KINDS:
            timing = time_queries(
                lambda q: cold.search(q.text, q.languages, q.models, LIMIT), queries[kind]
            )
            print(f"  {kind:<7}{percentile(timing.ms, 0.95):>8.2f} ms  (max {max(timing.ms):.2f})")
        cold.close()
        db.close()


if __name__ == "__main__":
    main()
