"""Jinja filters and globals the templates share (dates, links, search snippets)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment
from markupsafe import Markup, escape

from presswatch.web.highlight import entity_href

_MARK = re.compile(r"&lt;mark&gt;(.*?)&lt;/mark&gt;", re.S)


def safe_snippet(snippet: str | None) -> Markup:
    """A store snippet as HTML in which only <mark> survives.

    The store promises an escaped snippet with <mark> tags, but the page must not depend on that promise: everything is
    escaped again and then only the highlight tags are restored.
    """
    if not snippet:
        return Markup("")
    from html import unescape

    escaped = str(escape(unescape(snippet)))
    return Markup(_MARK.sub(r"<mark>\1</mark>", escaped))


def short_date(value: str | None) -> str:
    return (value or "")[:10] or "undated"


def query_url(path: str, params: dict[str, Any], **changes: Any) -> str:
    """``path`` with ``params`` updated by ``changes`` (None removes a key); list values repeat the key."""
    merged = {**params, **changes}
    pairs: list[tuple[str, str]] = []
    for key, value in merged.items():
        if value is None or value == "" or value == []:
            continue
        for item in value if isinstance(value, list) else [value]:
            pairs.append((key, str(item)))
    return path + ("?" + urlencode(pairs) if pairs else "")


def article_href(article_id: str, att: str | None = None) -> str:
    return "/articles/" + quote(article_id) + (f"#{quote(att)}" if att else "")


def is_web_url(value: str | None) -> bool:
    """Only http(s) URLs become links: an article's ``url`` field is untrusted (``javascript:`` must stay text)."""
    return bool(value) and value.strip().lower().startswith(("http://", "https://"))


def percent(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.0f}%"


def install(env: Environment) -> None:
    env.filters["snippet"] = safe_snippet
    env.filters["short_date"] = short_date
    env.filters["percent"] = percent
    env.filters["is_web_url"] = is_web_url
    env.globals["query_url"] = query_url
    env.globals["entity_href"] = entity_href
    env.globals["article_href"] = article_href
