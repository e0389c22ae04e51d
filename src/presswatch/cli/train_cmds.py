"""CLI command ``train-attributions``: train the CRF attribution tagger on a corpus the user holds the rights to.

presswatch ships no trained weights (its default extractor is rule-based); this command writes a model file that
``presswatch enrich/ingest/extract --attribution-model PATH`` uses. See docs/attributions.md, "Training your own
tagger".
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from presswatch.cli.progress import LogStatus


def register(app: typer.Typer) -> None:
    """Add ``train-attributions`` to the app."""

    @app.command("train-attributions")
    def train_attributions(
        data: Path = typer.Option(
            ...,
            "--data",
            help="Corpus: text/*.txt + attributions/*.ann (BRAT, the PolNeAR format), or a folder per split of them",
        ),
        split: str = typer.Option("train", "--split", help="The split sub-folder of --data to train on"),
        out: Path = typer.Option(..., "--out", help="Model file to write (e.g. attributions.crfsuite)"),
        limit: int | None = typer.Option(None, "--limit", min=1, help="Train on the first N articles only"),
        iterations: int = typer.Option(100, "--iterations", min=1, help="CRF training iterations (L-BFGS)"),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress"),
    ) -> None:
        """Train an attribution tagger (CRF over Source / Cue / Content spans) and write it to --out."""
        from presswatch.enrich.attribution_training import load_corpus, train_model

        err = Console(stderr=True)
        docs = load_corpus(data, split, limit)  # CorpusFormatError: one line saying what is expected
        if out.is_dir():
            from presswatch.errors import UsageError

            raise UsageError(f"--out {out} is a folder; give a file name such as {out / 'attributions.crfsuite'}")
        n_attr = sum(len(d.attributions) for d in docs)
        if not quiet:
            err.print(f"training on {len(docs)} articles with {n_attr} attributions", highlight=False)
        log = LogStatus(err, "training") if not quiet else None

        def progress(stage: str, done: int, total: int) -> None:
            if log is not None:
                what = "articles parsed" if stage == "parse" else "CRF iterations"
                log.show(f"{done} of {total} {what}")

        report = train_model(docs, out, iterations=iterations, progress=progress)
        if log is not None:
            log.flush()
        if not quiet:
            err.print(
                f"wrote {report.path} ({report.model_bytes / 1e6:.1f} MB): {report.articles} articles, "
                f"{report.tokens} tokens, parse {report.seconds_parse:.0f} s, training {report.seconds_train:.0f} s",
                highlight=False,
            )
