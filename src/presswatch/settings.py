"""Settings declared once: name, default, environment variable and help. The CLI options, the environment and the docs
all read them from here, so a default is never written twice.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str
    env: str | None = None  # environment variable that overrides the default

    def value(self, given: Any = None) -> Any:
        """The value to use: the one given (not None), else the environment's, else the default."""
        if given is not None:
            return given
        if self.env and os.environ.get(self.env):
            raw = os.environ[self.env]
            return type(self.default)(raw) if self.default is not None else raw
        return self.default


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting(
            "db",
            "sqlite:///presswatch.db",
            "Store URL: sqlite:///path.db, a file path, or postgresql://user@host:port/db",
            env="PRESSWATCH_DB",
        ),
        Setting("workers", 1, "Enrichment processes (spaCy); 2 on a 2-core machine", env="PRESSWATCH_WORKERS"),
        Setting(
            "near_dup_threshold",
            0.8,
            "Estimated Jaccard similarity of 3-word shingles at or above which an article is stored as a "
            "near-duplicate of an earlier one",
        ),
        Setting("batch_size", 200, "Articles per transaction when storing"),
        Setting("search_limit", 20, "Search results per page"),
        Setting(
            "cache_dir",
            os.path.join(os.path.expanduser("~"), ".cache", "presswatch"),
            "Where the demo keeps the corpus it downloads",
            env="PRESSWATCH_CACHE",
        ),
    )
}


def get(name: str, given: Any = None) -> Any:
    """The value of setting ``name``: given > environment > default."""
    return SETTINGS[name].value(given)


def help_text(name: str) -> str:
    s = SETTINGS[name]
    extra = f" [env: {s.env}]" if s.env else ""
    return f"{s.help} (default: {s.default}){extra}"
