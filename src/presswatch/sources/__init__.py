"""Sources: where articles come from. Files, directories, stdin, URLs, feeds, WARC, CSV/JSONL, zip archives.

Public API: ``SourceOptions`` and ``iter_documents(spec, options)``, which yields ``RawDocument`` for every readable
item and ``SourceFailure`` (location + reason) for every unreadable one, streaming, without ever stopping the run.
"""

from __future__ import annotations

from presswatch.sources.dispatch import iter_documents
from presswatch.sources.feeds import FEED_ENTRY_MEDIA_TYPE
from presswatch.sources.options import DEFAULT_COLUMNS, DEFAULT_MAX_BYTES, SourceOptions
from presswatch.sources.presets import PRESETS
from presswatch.sources.records import RECORD_MEDIA_TYPE

__all__ = [
    "DEFAULT_COLUMNS",
    "DEFAULT_MAX_BYTES",
    "FEED_ENTRY_MEDIA_TYPE",
    "PRESETS",
    "RECORD_MEDIA_TYPE",
    "SourceOptions",
    "iter_documents",
]
