"""Finds the layouts: every module of this package that defines ``LAYOUT``."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from presswatch.layouts.base import Layout

_NOT_LAYOUTS = {"base", "registry", "dates", "htmltext", "jmh_header"}


@cache
def layouts() -> dict[str, Layout]:
    """name -> layout, in name order (ties in detection go to the first)."""
    import presswatch.layouts as package

    found: dict[str, Layout] = {}
    for info in pkgutil.iter_modules(package.__path__):
        if info.name in _NOT_LAYOUTS or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        layout = getattr(module, "LAYOUT", None)
        if layout is not None:
            found[layout.name] = layout
    return dict(sorted(found.items()))
