"""docs/web.md documents every web setting and every API route (a new one without docs fails here)."""

from __future__ import annotations

from pathlib import Path

from presswatch.web import create_app
from presswatch.web.settings import settings_help

DOC = Path(__file__).resolve().parents[1] / "docs" / "web.md"


def test_every_setting_is_documented():
    text = DOC.read_text(encoding="utf-8")
    missing = [name for name, _, _ in settings_help() if f"`{name}`" not in text]
    assert missing == []


def test_every_api_route_is_documented(tmp_path):
    text = DOC.read_text(encoding="utf-8")
    spec = create_app(f"sqlite:///{tmp_path / 's.db'}").openapi()
    missing = [path for path in spec["paths"] if path not in text]
    assert missing == []
    assert all(op.get("summary") and op.get("description") for ops in spec["paths"].values() for op in ops.values())
