"""The attribution extractor as a spaCy pipeline component, for spaCy users outside presswatch.

    import spacy
    import presswatch.enrich.component  # registers the factory

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("presswatch_attributions", config={"outlet": "Sankei"})
    doc = nlp(text)
    for a in doc._.attributions:
        print(a.speaker.label, a.cue.text if a.cue else "-", a.content.text)

The component needs the dependency parse, so it goes after the parser (``add_pipe`` appends it last by default).
Entity-step output is not available inside a spaCy pipeline, so speakers are resolved from ``doc.ents``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from presswatch.enrich.attributions import extract_attributions
from presswatch.errors import UsageError

EXTENSION = "attributions"
FACTORY = "presswatch_attributions"


def register_extension() -> None:
    """Register ``Doc._.attributions`` once; calling again is harmless (spaCy extensions are process-global)."""
    if not Doc.has_extension(EXTENSION):
        Doc.set_extension(EXTENSION, default=None)


class AttributionComponent:
    """Stores the list of :class:`~presswatch.models.Attribution` of each Doc in ``doc._.attributions``."""

    def __init__(self, name: str = FACTORY, outlet: str | None = None) -> None:
        self.name = name
        self.outlet = outlet
        register_extension()

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) and not doc.has_annotation("DEP"):
            raise UsageError(
                f"{self.name} needs a dependency parse: add it after the parser, e.g. "
                f'nlp = spacy.load("en_core_web_sm"); nlp.add_pipe("{FACTORY}")'
            )
        doc._.set(EXTENSION, extract_attributions(doc, outlet=self.outlet))
        return doc


@Language.factory(
    FACTORY,
    default_config={"outlet": None},
    requires=["token.dep", "token.head", "token.lemma", "token.pos"],
    assigns=[f"doc._.{EXTENSION}"],
)
def make_attribution_component(nlp: Language, name: str, outlet: str | None) -> AttributionComponent:
    """spaCy factory: ``nlp.add_pipe("presswatch_attributions", config={"outlet": "Sankei"})``. spaCy checks the
    config against the type hints, so a bad ``outlet`` is refused when the pipe is added."""
    return AttributionComponent(name=name, outlet=outlet)
