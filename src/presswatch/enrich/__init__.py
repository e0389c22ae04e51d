"""Enrichment: ``Article -> EnrichedArticle`` (sentences, entities, attributions, times, events), pure and picklable.

The entry points are in ``presswatch.enrich.pipeline``: ``EnrichOptions``, ``enrich_article``, ``enrich_many`` and
``ENRICH_VERSION``. This package imports nothing heavy at import time (spaCy is loaded on first use).
"""
