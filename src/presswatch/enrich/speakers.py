"""Who is speaking: turn the words that name a speaker into a :class:`~presswatch.models.Speaker`.

A speaker is named in one of four ways in news text, and each needs its own reading:

* a person ("Kishida", "Foreign Minister Fumio Kishida"): resolved to the article's entity, with role and affiliation;
* an organisation ("The Russian government", "the Russian side"): resolved to the country or body it stands for;
* an anonymous source ("a government source", "A senior Foreign Ministry official"): parsed into role and affiliation,
  since the description is all the reader gets;
* a pronoun ("He"): resolved to the person most recently quoted, else the nearest person named before it.

Entity information comes from the entity step (``mentions``/``entities``) when the pipeline has run it, and from
``doc.ents`` otherwise; the fallback builds keys the same way (type prefix + slug of the canonical name).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from presswatch.enrich.cues import words
from presswatch.models import Entity, Mention, Speaker
from presswatch.models import Span as TextSpan

# Head nouns of descriptions that hide a person's name ("a source", "officials", "a spokesman").
ANONYMOUS_HEADS: frozenset[str] = words(
    """
    source official spokesman spokeswoman spokesperson aide diplomat insider person people member executive
    officer adviser advisor analyst expert observer lawmaker legislator politician staffer employee worker
    resident witness investigator negotiator envoy representative strategist operative supporter critic delegate
    participant economist researcher scientist activist organizer organiser voter someone somebody figure leader
    bureaucrat
    """
)
# Head nouns of collective speakers ("the government", "the Russian side", "the ministry").
ORGANIZATION_HEADS: frozenset[str] = words(
    """
    government side ministry administration department agency office party campaign committee company firm
    cabinet council commission court embassy military army police bank board union group team authority
    authorities regime state parliament congress senate house white kremlin secretariat bureau organization
    organisation association coalition foundation institute network newspaper paper outlet daily
    """
)
# Heads of collective speakers that stand for the country a demonym or place name before them names ("the Russian
# side", "Belgian authorities", "the Chinese government"); other bodies are only qualified by it ("the US Senate").
COUNTRY_BODY_HEADS: frozenset[str] = words(
    """
    government side administration authorities authority leadership delegation cabinet regime state kremlin
    officials diplomats
    """
)
# Words before an anonymous head that belong to the role, not the affiliation ("senior official").
ROLE_MODIFIERS: frozenset[str] = words(
    """
    senior top high-ranking high high-level ranking junior former retired chief deputy vice assistant acting
    veteran leading key longtime long-time
    """
)
# Head nouns of descriptions that can only be of a person ("her aunt, Rubeena Banu", "Mexico's president, ...").
PERSON_NOUNS: frozenset[str] = ANONYMOUS_HEADS - {"source", "people", "member", "figure", "group"} | words(
    """
    president minister lawyer attorney barrister mother father son daughter wife husband aunt uncle brother sister
    cousin chief director founder head captain professor editor judge mayor governor senator author co-author
    correspondent reporter chairman chairwoman secretary ambassador commander general colleague friend
    """
)
PERSON_PRONOUNS: frozenset[str] = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS: frozenset[str] = frozenset({"they", "we", "it", "i", "you"})

# Demonyms seen in diplomatic reporting, for "the Russian side" -> Russia. Entities from the entity step take
# precedence; this small table only serves the fallback.
DEMONYMS: dict[str, str] = {
    "russian": "Russia",
    "japanese": "Japan",
    "chinese": "China",
    "american": "United States",
    "u.s.": "United States",
    "us": "United States",
    "korean": "Korea",
    "south korean": "South Korea",
    "north korean": "North Korea",
    "british": "United Kingdom",
    "french": "France",
    "german": "Germany",
    "indian": "India",
    "ukrainian": "Ukraine",
    "taiwanese": "Taiwan",
    "australian": "Australia",
    "canadian": "Canada",
    "italian": "Italy",
    "iranian": "Iran",
    "israeli": "Israel",
    "european": "European Union",
}
_TITLE_WORDS = words(
    """
    mr mr. mrs mrs. ms ms. dr dr. prof prof. sir president prime minister foreign secretary chancellor governor
    senator sen. rep. representative mayor ambassador chief general gen. spokesman spokeswoman chairman
    chairwoman director leader premier king queen prince pope defense defence finance chief cabinet deputy vice
    state
    """
)
_DETERMINERS = frozenset({"a", "an", "the", "another", "one", "some", "two", "three", "several", "many", "other"})


def _country_of_demonym(word: str) -> str | None:
    """ "Syrian" -> "Syria": the small table above, then the packaged gazetteer's demonyms."""
    from presswatch.enrich.aliases import load_gazetteer

    return DEMONYMS.get(word.lower()) or load_gazetteer().country_of_demonym(word)


def _known_person(label: str, head: str) -> str | None:
    """The canonical name of the packaged gazetteer's person ``label`` names on its own ("Trump", "Mr. Putin"), if
    any; ``head`` (the phrase's head word) must be part of the name ("A Trump spokeswoman" is not Trump)."""
    from presswatch.enrich.aliases import load_gazetteer

    words = [w for w in label.split() if w.lower().rstrip(".") not in _TITLE_WORDS and w.lower() not in _DETERMINERS]
    if not words or len(words) > 3 or head not in words or not all(w[:1].isupper() for w in words):
        return None
    entry = load_gazetteer().person(" ".join(words))
    return entry.name if entry is not None else None


@lru_cache(maxsize=4096)  # pure; names repeat across and within articles
def slug(name: str) -> str:
    """Lower-case ASCII slug of a name: "Sergey Lavrov" -> "sergey-lavrov"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


_FALLBACK_PREFIX = {"PERSON": "person", "ORG": "org", "GPE": "gpe", "NORP": "norp", "LOC": "loc", "FAC": "fac"}


@dataclass(slots=True)
class _EntityView:
    """Entity information for one article, from the entity step or from ``doc.ents``."""

    mention_starts: list[int]
    mentions: list[Mention]
    entities: dict[str, Entity]
    full_names: dict[str, str]  # surname -> longest full name seen (fallback only): "Lavrov" -> "Sergey Lavrov"


def build_entity_view(doc: Doc, mentions: Sequence[Mention] | None, entities: Sequence[Entity] | None) -> _EntityView:
    """Index the entity step's output, or build an equivalent from ``doc.ents`` (keys: type prefix + slug)."""
    if mentions is not None:
        ms = sorted(mentions, key=lambda m: (m.start, m.end))
        ents = {e.key: e for e in (entities or [])}
        return _EntityView([m.start for m in ms], ms, ents, {})
    # Fallback: link every PERSON mention to the longest PERSON name ending with the same surname, so that
    # "Lavrov" resolves to "Sergey Lavrov"; organisations and places by their own text.
    full_names: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            words = [t.text for t in ent if t.text.lower().rstrip(".") not in _TITLE_WORDS]
            if words:
                last = words[-1].rstrip("’'s")
                name = " ".join(words)
                if len(name) > len(full_names.get(last, "")):
                    full_names[last] = name
    ms: list[Mention] = []
    ents: dict[str, Entity] = {}
    for ent in doc.ents:
        prefix = _FALLBACK_PREFIX.get(ent.label_)
        if prefix is None:
            continue
        text = ent.text
        if ent.label_ == "PERSON":
            words = [t.text for t in ent if t.text.lower().rstrip(".") not in _TITLE_WORDS]
            name = full_names.get(words[-1].rstrip("’'s"), " ".join(words)) if words else text
        elif ent.label_ == "NORP":
            name = DEMONYMS.get(text.lower(), text)
            prefix = "gpe" if text.lower() in DEMONYMS else prefix
        else:
            name = re.sub(r"^(the)\s+", "", text, flags=re.I)
        key = f"{prefix}:{slug(name)}"
        ents.setdefault(key, Entity(key=key, name=name, type=ent.label_ if prefix != "gpe" else "GPE"))
        ms.append(Mention(ent.start_char, ent.end_char, text, ent.label_, key))
    ms.sort(key=lambda m: (m.start, m.end))
    return _EntityView([m.start for m in ms], ms, ents, full_names)


def _mentions_in(view: _EntityView, start: int, end: int) -> list[Mention]:
    i = bisect.bisect_left(view.mention_starts, start)
    j = max(0, i - 3)
    return [m for m in view.mentions[j:] if m.start < end and m.end > start and m.start < end][:8]


def speaker_tokens(head: Token) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by ``head``, without clauses or appositions after it."""
    left = head.i
    right = head.i
    for child in head.children:
        if child.dep_ in ("relcl", "acl", "appos", "punct", "advcl", "parataxis", "cc", "conj", "ccomp", "dep"):
            continue
        if child.dep_ == "prep" and child.i > head.i and child.lower_ not in ("of", "for", "at", "with", "from", "in"):
            continue
        sub = list(child.subtree)
        if any(t.pos_ == "VERB" and t.dep_ not in ("amod", "compound") for t in sub):
            continue
        left = min(left, sub[0].i)
        right = max(right, sub[-1].i)
    # coordinated speakers ("Kishida and Lavrov said") belong together
    for child in head.children:
        if child.dep_ == "conj" and child.i > head.i and child.pos_ in ("PROPN", "NOUN"):
            right = max(right, child.right_edge.i)
    return left, right + 1


def _strip_determiner(words: list[str]) -> list[str]:
    while words and words[0].lower() in _DETERMINERS:
        words = words[1:]
    return words


_MALE_TITLES = ("mr", "mr.", "sir", "lord", "king", "prince")
_FEMALE_TITLES = ("mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady", "queen", "princess", "baroness")


def _title_gender(text: str) -> str | None:
    words = text.lower().split()
    if any(w in _MALE_TITLES for w in words):
        return "m"
    if any(w in _FEMALE_TITLES for w in words):
        return "f"
    return None


def _coordinated_subject_before(pronoun: Token) -> str | None:
    """ "Abe and Putin" when a subject of coordinated names precedes ``pronoun`` in its sentence, else None."""
    sent = pronoun.sent
    for t in reversed(sent[: pronoun.i - sent.start]):
        if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "PROPN":
            conj = [c for c in t.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
            if conj:
                return " and ".join([t.text] + [c.text for c in conj])
    return None


_POSSESSIVE_SUBJECTS = {"his": ("he",), "her": ("she",), "their": ("they",), "its": ("it",)}


def _possessor_subject(pronoun: Token) -> Token | None:
    """The subject a possessive speaker stands for in its own clause: "his" in "Trump continued his attacks on X",
    "the candidate repeated his promise", "Donald Trump is doubling down on his attacks" (the statement noun is the
    verb's object). None when the possessive is not such a speaker ("in his attacks", "his call to ...")."""
    if pronoun.tag_ != "PRP$" or pronoun.lower_ not in _POSSESSIVE_SUBJECTS:
        return None
    noun = pronoun.head
    if noun.dep_ == "dobj":
        verb = noun.head
    elif noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.lower_ in ("on", "against", "up"):
        verb = noun.head.head
    else:
        return None
    for _ in range(3):
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            break
        if verb.dep_ not in ("xcomp", "conj") or verb.head.i >= verb.i:
            return None
        verb = verb.head
    else:
        return None
    if subj.i > pronoun.i or subj.lower_ in ("who", "which", "that"):
        return None
    if subj.pos_ == "PRON":
        return subj if subj.lower_ in _POSSESSIVE_SUBJECTS[pronoun.lower_] else None
    plural = subj.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subj.children)
    if pronoun.lower_ == "their" and not plural or pronoun.lower_ in ("his", "her") and plural:
        return None
    if pronoun.lower_ == "its":
        return None  # a body's "its" is left as written
    return subj


class SpeakerResolver:
    """Names speakers and resolves pronouns, remembering the speakers already seen in the article (in order)."""

    def __init__(self, doc: Doc, view: _EntityView, text: str | None = None) -> None:
        self.doc = doc
        self.view = view
        self.text = text if text is not None else doc.text
        self.history: list[tuple[int, Speaker]] = []  # (char offset, speaker) of attributions resolved so far
        self._genders: dict[str, str | None] = {}

    def gender(self, speaker: Speaker) -> str | None:
        """'m' or 'f' when a title gives it away ("Mr Blair", "Ms Essex", in the label or any mention), else None."""
        key = speaker.entity or speaker.name or speaker.label
        if key in self._genders:
            return self._genders[key]
        found = _title_gender(speaker.label)
        if found is None and speaker.entity:
            for m in self.view.mentions:
                if m.entity == speaker.entity:
                    found = _title_gender(m.text) or _title_gender(self.text[max(0, m.start - 6) : m.start])
                    if found:
                        break
        self._genders[key] = found
        return found

    def remember(self, pos: int, speaker: Speaker) -> None:
        self.history.append((pos, speaker))

    def describe(self, span: Span, head: Token) -> Speaker:
        """A Speaker for the tokens ``span`` whose syntactic head is ``head``."""
        owner = _possessor_subject(head)
        if owner is not None:
            # "Trump continued his attacks on ...": the subject who does it is named, not the possessive
            s0, e0 = speaker_tokens(owner)
            breaks = [t.i for t in self.doc[s0 : owner.i] if "\n" in t.text]
            s0 = breaks[-1] + 1 if breaks else s0  # never across a paragraph break ("7:25 a.m.\n\nDonald Trump")
            return self.describe(self.doc[s0:e0], owner)
        label = span.text.strip(" ,")
        text_span = TextSpan(span.start_char, span.end_char, span.text)
        lower = head.lower_
        if lower in ("who", "that", "which") and head.head.dep_ == "relcl" and head.head.head.i != head.i:
            # "Lavrov, who said ...": the relative pronoun stands for the noun its clause hangs on
            antecedent = head.head.head
            s0, e0 = speaker_tokens(antecedent)
            resolved = self.describe(self.doc[s0:e0], antecedent)
            if lower == "that" and s0 < head.i and not any(t.is_punct for t in self.doc[min(e0, head.i) : head.i]):
                # "a super PAC that backed Mr. Rubio": a restrictive clause is part of the noun phrase that names the
                # speaker, so the speaker is named from the noun phrase to the pronoun
                first = self.doc[s0]
                text_span = TextSpan(first.idx, span.end_char, self.text[first.idx : span.end_char])
            return Speaker(
                kind="pronoun",
                label=label,
                span=text_span,
                entity=resolved.entity,
                name=resolved.name or resolved.label,
                role=resolved.role,
                affiliation=resolved.affiliation,
            )
        if lower == "they":
            group = _coordinated_subject_before(head)
            if group is not None:
                # "Although Abe and Putin agreed ..., they merely confirmed": the pair named in the same sentence
                return Speaker(kind="pronoun", label=label, span=text_span, name=group)
        if head.pos_ == "PRON" or lower in PERSON_PRONOUNS | GROUP_PRONOUNS:
            return self._pronoun(label, text_span, lower, span.start_char)
        mentions = _mentions_in(self.view, span.start_char, span.end_char)
        head_mention = next((m for m in mentions if m.start <= head.idx < m.end), None)
        if (
            head.pos_ == "PROPN"
            and head.text in self.view.full_names
            and (head_mention is None or head_mention.type != "PERSON")
        ):
            # a surname the NER tagged as something else ("Lavrov" as ORG) is the person named in full elsewhere
            name = self.view.full_names[head.text]
            key = f"person:{slug(name)}"
            self.view.entities.setdefault(key, Entity(key=key, name=name, type="PERSON"))
            head_mention = Mention(head.idx, head.idx + len(head.text), head.text, "PERSON", key)
        if head_mention is not None and head_mention.type in ("PERSON", "ORG", "OUTLET", "GPE", "NORP"):
            return self._from_mention(label, text_span, head_mention, span)
        known = _known_person(label, head.text) if head_mention is None else None
        if known is not None:
            # a known name the tagger missed ("Trump immediately took issue", "trump" read as a verb)
            key = f"person:{slug(known)}"
            self.view.entities.setdefault(key, Entity(key=key, name=known, type="PERSON"))
            return self._from_mention(
                label, text_span, Mention(head.idx, head.idx + len(head.text), head.text, "PERSON", key), span
            )
        named = self._apposition_name(span, head, mentions) if head_mention is None else None
        if named is not None:
            # "The US ambassador to the UN, Nikki Haley", "A spokeswoman for Pfizer, Sally Beatty": the description
            # and the name are one speaker, keyed by the name; the description is the role when nothing else gives one
            lemma = head.lemma_.lower()
            kind = "PERSON" if lemma in PERSON_NOUNS else "ORG" if lemma in ORGANIZATION_HEADS else named.type
            if kind != named.type and named.type in ("PERSON", "ORG"):
                # the description says what the name is when the tagger does not ("her aunt, Rubeena Banu" as ORG)
                key = f"{kind.lower()}:{slug(named.text)}"
                self.view.entities.setdefault(key, Entity(key=key, name=named.text, type=kind))
                named = Mention(named.start, named.end, named.text, kind, key)
            speaker = self._from_mention(label, text_span, named, span)
            if speaker.kind == "person" and speaker.role is None:
                described = self.text[span.start_char : named.start].strip(" ,")
                speaker.role = " ".join(_strip_determiner(described.split())) or None
            return speaker
        if head.pos_ == "PROPN" and head.lemma_.lower() not in ORGANIZATION_HEADS:
            # A name the NER missed: still a person or body, unresolved.
            kind = "person" if head.ent_type_ in ("", "PERSON") else "organization"
            return Speaker(kind=kind, label=label, span=text_span, name=label)
        lemma = head.lemma_.lower()
        if lemma in ANONYMOUS_HEADS:
            return self._anonymous(label, text_span, span, head, mentions)
        if lemma in ORGANIZATION_HEADS or head_mention is not None:
            return self._organization(label, text_span, span, head, mentions)
        return Speaker(kind="unknown", label=label, span=text_span, name=" ".join(_strip_determiner(label.split())))

    def _apposition_name(self, span: Span, head: Token, mentions: list[Mention]) -> Mention | None:
        """The name set off after a description heading ``span`` ("the president, Barack Obama"): the person or body
        mention the apposition of ``head`` starts with, inside the span; None when there is none."""
        if head.pos_ != "NOUN":
            return None
        for child in head.children:
            if child.dep_ != "appos" or child.i <= head.i or child.i >= span.end:
                continue
            for m in mentions:
                if m.type in ("PERSON", "ORG", "OUTLET") and m.start <= child.idx < m.end and m.end <= span.end_char:
                    return m
        return None

    # --- the four kinds -------------------------------------------------------------------------------------------

    def _from_mention(self, label: str, text_span: TextSpan, mention: Mention, span: Span) -> Speaker:
        entity = self.view.entities.get(mention.entity or "")
        kind = {"PERSON": "person", "OUTLET": "outlet"}.get(mention.type, "organization")
        speaker = Speaker(
            kind=kind,
            label=label,
            span=text_span,
            entity=mention.entity,
            name=entity.name if entity else mention.text,
            role=entity.role if entity else None,
            affiliation=entity.affiliation if entity else None,
        )
        if kind == "person" and speaker.role is None:
            speaker.role, affiliation = self._title_from_context(mention)
            speaker.affiliation = speaker.affiliation or affiliation
        return speaker

    def _title_from_context(self, mention: Mention) -> tuple[str | None, str | None]:
        """Role and affiliation from the first full mention of the person ("Russian Foreign Minister Sergey Lavrov")."""
        key = mention.entity
        for m in self.view.mentions:
            if m.entity != key or m.type != "PERSON":
                continue
            tok = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if tok is None:
                continue
            words: list[str] = []
            affiliation = None
            i = tok.start - 1
            while i >= 0 and (self.doc[i].pos_ == "PROPN" or self.doc[i].ent_type_ == "NORP") and i >= tok.start - 5:
                t = self.doc[i]
                if t.ent_type_ == "NORP" or t.lower_ in DEMONYMS:
                    affiliation = DEMONYMS.get(t.lower_, t.text)
                    break
                if t.lower_.rstrip(".") not in _TITLE_WORDS:
                    break
                words.insert(0, t.text)
                i -= 1
            words += [t.text for t in tok if t.lower_.rstrip(".") in _TITLE_WORDS and t.lower_ not in ("mr.", "mr")]
            if words:
                return " ".join(words), affiliation
        return None, None

    def _organization(
        self, label: str, text_span: TextSpan, span: Span, head: Token, mentions: list[Mention]
    ) -> Speaker:
        # "the Russian side", "Belgian authorities": the country the demonym names stands for the body; but "the US
        # Senate", "US hip-hop group ..." are bodies of their own that the country only qualifies
        stands_for_country = head.lemma_.lower() in COUNTRY_BODY_HEADS or head.lower_ in COUNTRY_BODY_HEADS
        country_name = None
        for m in mentions:
            entity = self.view.entities.get(m.entity or "")
            if m.type in ("NORP", "GPE") and entity is not None:
                if stands_for_country:
                    return Speaker(
                        kind="organization",
                        label=label,
                        span=text_span,
                        entity=entity.key,
                        name=entity.name,
                        affiliation=entity.name,
                    )
                if m.type == "GPE":
                    country_name = country_name or entity.name
                else:  # a demonym ("German company"): its country, when it names one
                    country_name = country_name or _country_of_demonym(entity.name)
            if m.type in ("ORG", "OUTLET"):
                return self._from_mention(label, text_span, m, span)
        for t in span:
            country = DEMONYMS.get(t.lower_)
            if country and stands_for_country:
                return Speaker(
                    kind="organization",
                    label=label,
                    span=text_span,
                    entity=f"gpe:{slug(country)}",
                    name=country,
                    affiliation=country,
                )
            country_name = country_name or country
        name = " ".join(_strip_determiner(label.split()))
        return Speaker(kind="organization", label=label, span=text_span, name=name, affiliation=country_name)

    def _anonymous(self, label: str, text_span: TextSpan, span: Span, head: Token, mentions: list[Mention]) -> Speaker:
        role_words: list[str] = []
        affiliation_words: list[str] = []
        for t in span:
            if t.i >= head.i:
                break
            low = t.lower_
            if low in _DETERMINERS or t.pos_ in ("DET", "PUNCT", "NUM"):
                continue
            if low in ROLE_MODIFIERS:
                role_words.append(t.text)
            elif t.pos_ in ("PROPN", "NOUN") or t.ent_type_ in ("NORP", "ORG", "GPE"):
                affiliation_words.append(t.text)
        # "a spokesman for the ministry", "an official at the embassy"
        for child in head.rights:
            if (
                child.dep_ == "prep"
                and child.lower_ in ("for", "at", "of", "with", "from", "in")
                and child.i < span.end
            ):
                affiliation_words = [
                    w.text for w in child.subtree if w.i != child.i and w.lower_ not in _DETERMINERS and w.i < span.end
                ]
                break
        head_word = head.text if head.lemma_.lower() != "source" else None
        role = " ".join(role_words + [head_word]) if head_word else None
        if role and not role_words and head.lemma_.lower() in ("official", "source", "person", "people"):
            role = head.lemma_.lower() if head.lemma_.lower() != "people" else None
        affiliation = " ".join(affiliation_words) or None
        name = " ".join(_strip_determiner(label.split()))
        entity = None
        for m in mentions:
            if m.type in ("ORG", "GPE", "NORP") and m.entity:
                entity_rec = self.view.entities.get(m.entity)
                if entity_rec is not None and affiliation and m.text in affiliation:
                    entity = None  # the source is anonymous: the body is its affiliation, not its identity
        return Speaker(
            kind="anonymous", label=label, span=text_span, entity=entity, name=name, role=role, affiliation=affiliation
        )

    def _pronoun(self, label: str, text_span: TextSpan, lower: str, pos: int) -> Speaker:
        resolved = self.resolve_pronoun(lower, pos)
        return Speaker(
            kind="pronoun",
            label=label,
            span=text_span,
            entity=resolved.entity if resolved else None,
            name=resolved.name if resolved else None,
            role=resolved.role if resolved else None,
            affiliation=resolved.affiliation if resolved else None,
        )

    def resolve_pronoun(self, lower: str, pos: int) -> Speaker | None:
        """The speaker a pronoun at ``pos`` refers to: the last one quoted, else the nearest person named before."""
        if lower in ("i", "you"):
            # the one who writes or speaks and the one spoken to: never the body named before ("Tesco", "Kenya")
            return None
        wants_person = lower in PERSON_PRONOUNS
        wants_gender = {"he": "m", "him": "m", "she": "f", "her": "f"}.get(lower)
        for prev_pos, prev in reversed(self.history):
            if prev_pos >= pos or pos - prev_pos > 1500:
                continue
            if wants_person and (
                prev.kind in ("person", "anonymous", "unknown")
                or prev.kind == "pronoun"
                and prev.name
                and (prev.entity or "person:").startswith("person:")
            ):
                if wants_gender and self.gender(prev) not in (None, wants_gender):
                    continue  # "Mr Blair said ... She said": not him
                return prev
            if not wants_person and prev.kind in ("organization", "outlet"):
                return prev
        if wants_person:
            i = bisect.bisect_left(self.view.mention_starts, pos) - 1
            while i >= 0 and pos - self.view.mentions[i].start < 1500:
                m = self.view.mentions[i]
                if m.type == "PERSON":
                    entity = self.view.entities.get(m.entity or "")
                    candidate = Speaker(kind="person", label=m.text, entity=m.entity)
                    if wants_gender and self.gender(candidate) not in (None, wants_gender):
                        i -= 1
                        continue
                    return Speaker(
                        kind="person",
                        label=m.text,
                        span=TextSpan(m.start, m.end, m.text),
                        entity=m.entity,
                        name=entity.name if entity else m.text,
                        role=entity.role if entity else None,
                        affiliation=entity.affiliation if entity else None,
                    )
                i -= 1
        return None
