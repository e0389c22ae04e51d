"""Events (meetings, talks, visits, summits, calls, agreements, announcements, news conferences, communications).

Filled in by the rule-based extractor; see ``extract_events``.
"""

from __future__ import annotations

from presswatch.models import Entity, Event, Mention, TimeRef


def extract_events(doc, *, mentions: list[Mention], entities: list[Entity], times: list[TimeRef]) -> list[Event]:
    """Events of the parsed article with participants (entity keys), place, time and status."""
    return []
