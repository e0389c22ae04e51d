"""The Layout contract: how one kind of page is recognised and turned into articles.

A layout is a module in this package that defines ``LAYOUT``, an object with a ``name``, ``detect(raw, text)`` (a
confidence from 0 to 1 that the document is in this layout) and ``parse(raw, text)`` (the articles in it). The
registry finds layouts by importing the modules of this package, so a new layout is a new file.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from presswatch.errors import PresswatchError
from presswatch.models import Article, RawDocument

# Media types of whole documents (pages, text files); records and feed entries have media types of their own, and
# page layouts do not even look at them (detection runs for every document: it must stay cheap).
PAGE_MEDIA_TYPES = frozenset({None, "text/plain", "text/html", "application/xhtml+xml"})


class LayoutError(PresswatchError):
    """Nothing usable in a document (empty, binary, no body), or an unknown layout name. The message says why."""


@runtime_checkable
class Layout(Protocol):
    name: str
    description: str

    def detect(self, raw: RawDocument, text: str) -> float:
        """Confidence in [0, 1] that ``raw`` (decoded as ``text``) is in this layout; 0 means never."""
        ...

    def parse(self, raw: RawDocument, text: str) -> list[Article]:
        """The articles in ``raw``; raises LayoutError when it holds none."""
        ...
