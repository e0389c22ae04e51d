"""``jmh-summary``: a JMH Summary page: the day's coverage of one topic across papers, in one article.

Same page shape as a translation (see ``jmh_header``), but the outlet field reads ``All national papers`` (or ``All
newspapers and TV networks``), the date is often written out (``February 20, 2018``), and a category breadcrumb
(``POLITICS > Cabinet``) may stand above the headline; it becomes the tags. The papers the body names inline
("Yomiuri reported ...") are left to enrichment: the outlet of the article is the summary's own outlet field.
"""

from __future__ import annotations

from presswatch.layouts.base import PAGE_MEDIA_TYPES
from presswatch.layouts.jmh_translation import JmhArticleLayout, is_jmh_page, is_summary, read_page_header
from presswatch.models import RawDocument


class JmhSummaryLayout(JmhArticleLayout):
    name = "jmh-summary"
    description = "Japan Media Highlights summary page: one topic summarised across all national papers"
    default_kind = "Summary"

    def detect(self, raw: RawDocument, text: str) -> float:
        if raw.media_type not in PAGE_MEDIA_TYPES or text.lstrip().startswith("<"):
            return 0.0
        header = read_page_header(text)
        return 0.96 if is_jmh_page(header) and is_summary(header) else 0.0


LAYOUT = JmhSummaryLayout()
