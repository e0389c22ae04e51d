"""Named schema migrations. Each backend lists its own; a store applies, in order, those not yet applied, each in one
transaction, and records their names in the ``migrations`` table. Never edit a released migration: add a new one."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Migration:
    name: str  # "0001_initial": unique, sorted in the order of application
    statements: tuple[str, ...]
