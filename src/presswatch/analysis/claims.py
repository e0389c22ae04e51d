"""Claims: every attribution of an enriched article becomes a Claim — who asserts what, about which topic, with what
polarity, when — and claims about the same topic are grouped across speakers and articles.

Grouping is near-linear: claims are put in blocks by topic keys (entity keys in the content, events, the rarest content
stems) and only claims that share a block are compared; a block too big to compare all-pairs is compared along its date
order within a bounded window, so the work per claim is bounded whatever the corpus size.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from presswatch.analysis.text import (
    CONTRADICTION_WORDS,
    DOUBTING_WORDS,
    POINTING_WORDS,
    REJECTING_WORDS,
    STOPWORDS,
    answers_own_clause,
    content_stems,
    figures,
    find_cue,
    is_ruling,
    normalise,
    polarity,
    sentence_bounds,
    slug,
    stem,
    words,
)
from presswatch.analysis.unionfind import UnionFind
from presswatch.models import Article, Attribution, Claim, EnrichedArticle, Span, Speaker

# Entity types whose mention inside a statement says what the statement is about. Countries (GPE) are kept but ranked
# last: "Russia" is in half the corpus, "Northern Territories" names the topic.
_TOPIC_RANK = {"EVENT": 0, "LOC": 1, "FAC": 1, "LAW": 1, "WORK_OF_ART": 1, "PRODUCT": 1, "ORG": 2, "PERSON": 3}
_GPE_RANK = 4
_SKIP_TYPES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "OUTLET"}
_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "it", "this", "that", "these", "those"})
_DETERMINER_PRONOUNS = frozenset({"her", "this", "these", "those"})  # "her account", "those claims"; "that": apart
# After a contradiction cue "that" opens the rejected clause ("denied that consultants were ...") unless a statement
# noun follows ("rejected that claim").
_STATEMENT_NOUNS_TEXT = (
    "statement statements claim claims remark remarks comment comments account accounts version versions report "
    "reports finding findings assertion assertions view views allegation allegations accusation accusations charge "
    "charges story stories suggestion suggestions words"
)
_STATEMENT_NOUNS = frozenset(_STATEMENT_NOUNS_TEXT.split())
# Words after an object pronoun that show it stands alone ("dismissed this as nonsense", "denied it, saying ..."),
# rather than determines a noun ("rejected those governments").
_NOT_A_NOUN_TEXT = (
    "as and but or saying adding because in on at with by to outright completely entirely flatly strongly too also "
    "however when after before while though"
)
_NOT_A_NOUN = frozenset(_NOT_A_NOUN_TEXT.split())
_ARTICLES = frozenset(["the", "a", "an", "mr", "mrs", "ms", "dr"])
_NAME_JOINERS = frozenset(["of", "the", "for", "and", "de", "von", "van"])
_DATE_RE = re.compile(
    r"\b(\d{4}-\d{2}-\d{2}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:, \d{4})?|"
    r"\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*(?: \d{4})?)\b"
)

_CUE_STEMS = frozenset(stem(w) for w in CONTRADICTION_WORDS)

#: Claims that share a block are compared; above this size a block is compared only along its date order.
MAX_BLOCK = 200
#: In an oversized block, each claim is compared with this many following claims (by date).
BLOCK_WINDOW = 40
#: Similarity at or above which two claims are about the same proposition.
SAME_PROPOSITION = 0.5


@dataclass(slots=True)
class ClaimFeatures:
    """What the comparison of two claims needs, computed once per claim."""

    claim: Claim
    stems: frozenset[str]
    topics: list[str]
    figures: dict[str, float]
    dates: frozenset[str]
    rejects: bool  # the speaker rejects the content ("denied that ...")
    rebuts: list[str] = field(default_factory=list)  # ids of claims this one explicitly contradicts
    cue: Span | None = None  # the contradiction cue in the sentence, when there is one
    published: str | None = None
    outlet: str | None = None
    original: str = ""  # the article id counted once for syndicated / translated copies
    speaker_kind: str = ""
    parent: str | None = None  # id of the claim that reports this one (nested attribution)
    points: bool = False  # a pointing cue ("contradicted", "disputed") with no resolved target
    sentence: str = ""  # the sentence(s) holding the statement and its cue: what "denied the charges" is read from
    names: frozenset[str] = frozenset()  # stems of the capitalised words inside the statement (names, not topic)

    def to_record(self) -> dict[str, Any]:
        """The claim as a stored record: the Claim fields plus what the query side filters on."""
        data = self.claim.to_dict()
        data.update(
            topics=self.topics,
            rejects=self.rejects,
            rebuts=self.rebuts,
            cue=self.cue.to_dict() if self.cue else None,
            published=self.published,
            outlet=self.outlet,
            speaker_kind=self.speaker_kind,
            parent=self.parent,
        )
        return data


_NAME_RE = re.compile(r"(?<![.!?\"“]\s)(?<!^)\b[A-Z][A-Za-z'’\-]*")


def name_stems(text: str) -> frozenset[str]:
    """Stems of the capitalised words of a statement that do not open a sentence: the names it mentions ("Kim Jong
    Nam", "VX", "Attorney General"), which say whom it is about, not what it says about them."""
    return frozenset(stem(w) for w in _NAME_RE.findall(normalise(text).strip()))


# Head nouns of a speaker that is described rather than named and can be a source: people by office, trade, relation or
# part, groups and bodies, and the documents that state things ("the judge", "her mother", "prosecutors", "the
# report"). Not things ("any arguments", "crime", "his website", "no evidence"): the parser took a noun for a speaker.
_SOURCE_HEADS_TEXT = """
    source official spokesman spokeswoman spokesperson aide diplomat insider person people member executive officer
    adviser advisor analyst expert observer lawmaker legislator politician staffer employee worker resident witness
    eyewitness investigator negotiator envoy representative strategist operative supporter critic delegate participant
    economist researcher scientist activist organizer organiser voter someone somebody figure leader bureaucrat
    president minister premier chancellor secretary ambassador senator congressman congresswoman governor mayor judge
    justice jury juror prosecutor prosecution attorney lawyer counsel defendant plaintiff claimant suspect victim
    survivor doctor physician nurse surgeon coroner pathologist professor teacher student author writer journalist
    reporter correspondent editor columnist commentator actor actress singer artist player coach manager chairman
    chairwoman chair director founder owner boss head chief general commander soldier detective agent king queen
    prince princess pope bishop priest cleric imam rabbi man woman men women boy girl child children mother father
    parent wife husband son daughter brother sister family relative friend neighbour neighbor colleague partner fan
    citizen public crowd protester demonstrator campaigner opponent proponent advocate candidate nominee challenger
    speaker host presenter veteran trooper investor forecaster local engineer filmmaker photographer gunman regulator
    inspector commissioner sheriff caller comedian businessman businesswoman designer user client patient individual
    pair couple refugee tribe conservative liberal meteorologist mp farmer customer consultant athlete performer dad
    mom respondent
    government side ministry administration department agency office party campaign committee company firm cabinet
    council commission court embassy military army police bank board union group team authority authorities regime
    state parliament congress senate house kremlin secretariat bureau organization organisation association
    coalition foundation institute network newspaper paper outlet daily media press service country nation opposition
    intelligence community school center centre club church airline trust city hospital charity
    report statement study survey poll document letter memo memorandum affidavit filing complaint indictment lawsuit
    ruling verdict judgment judgement resolution research analysis assessment review audit release communique
    announcement tweet message email transcript testimony estimate forecast projection census data results findings
    article post remarks comments words statistics
"""
_SOURCE_HEADS = frozenset(_SOURCE_HEADS_TEXT.split())
# A speaker whose head is one of these stands for no one in particular, or for someone the parser did not resolve.
_NO_ONE_TEXT = """
    he she it they we i you him her them us me who whom which that this these those what whoever one some any all
    both few many most several others other another either neither none nobody no-one everyone everybody anyone
    anybody something nothing
"""
_NO_ONE = frozenset(_NO_ONE_TEXT.split())
# Appositions and asides are separate descriptions of one speaker: "Kara-Murza's wife, Yevgenia", "softly-spoken,
# bespectacled union leader". Within one, the head ends where a prepositional phrase, a clause or a second conjunct
# begins: "senior figures in Trump's government", "a report that claims ...", "observer groups and eyewitnesses".
_APPOSITION_RE = re.compile(r"[,;:(\[]|\s[-–—]+\s|--")
_REFLEXIVES = frozenset(["himself", "herself", "itself", "themselves", "myself", "ourselves"])
_HEAD_END_RE = re.compile(r"\s(?:of|for|at|in|on|from|with|by|to|who|whom|whose|that|which|and|or|but)\s")


def _heads(name: str) -> list[str]:
    """The head word of each description a speaker's name or label holds: the last word before any modifier after
    it."""
    out = []
    for part in _APPOSITION_RE.split(normalise(name)):
        part = part.strip(" \"'?!.")
        end = _HEAD_END_RE.search(part)
        tokens = [t.strip("\"'?!.") for t in (part[: end.start()] if end else part).split()]
        tokens = [t for t in tokens if t and t.lower() not in _REFLEXIVES]  # "Trump himself"
        if tokens:
            out.append(tokens[-1].removesuffix("'s").removesuffix("'"))
    return out


def _source_noun(head: str) -> bool:
    """Is ``head`` a noun that can name a source ("prosecutors", "studies", "the 57-year-old"), or a name?"""
    low = head.lower()
    forms = {low}
    if low.endswith("ies"):
        forms.add(low[:-3] + "y")
    elif low.endswith("es"):
        forms.update((low[:-2], low[:-1]))
    elif low.endswith("s"):
        forms.add(low[:-1])
    if forms & _SOURCE_HEADS or low.endswith("year-old"):
        return True
    return head[0].isupper()  # a name the recogniser missed ("the U.K.-based Syrian Observatory")


def is_source(speaker: Speaker) -> bool:
    """Can this speaker be the source of an account? A named person, body, country or outlet, an anonymous source, a
    pronoun resolved to one of them, or a description whose head names people, a body or a document. Not a pronoun or
    quantifier left unresolved ("he", "few", "those") nor a thing the parser took for a speaker ("any arguments",
    "bloodshed", "his website", "no evidence"); a claim needs someone who makes it."""
    heads = _heads(speaker.name or ("" if speaker.kind == "pronoun" else speaker.label))
    if not heads or heads[0].lower() in _NO_ONE:
        return False
    if speaker.kind in ("anonymous", "organization", "outlet", "person") or speaker.entity:
        return True  # recognised as a source by the enrichment (a name, an anonymous or a collective head)
    return any(_source_noun(h) for h in heads)


def speaker_key(attribution: Attribution) -> str:
    """A stable key for the speaker: the entity key when resolved, else the kind and a slug of the name."""
    sp = attribution.speaker
    if sp.entity:
        return sp.entity
    name = sp.name or sp.label
    prefix = "anon" if sp.kind == "anonymous" else sp.kind or "speaker"
    return f"{prefix}:{slug(name)}"


def _mention_key(mention: Any, entities: dict[str, Any]) -> str:
    if mention.entity:
        return mention.entity
    return f"{mention.type.lower()}:{slug(mention.text)}"


def _topics_in(
    start: int, end: int, enriched: EnrichedArticle, entities: dict[str, Any], exclude: str | None
) -> list[str]:
    """Entity keys mentioned inside [start, end), most topical first (events and places before countries)."""
    ranked: dict[str, int] = {}
    for m in enriched.mentions:
        if m.start < start or m.end > end or m.type in _SKIP_TYPES:
            continue
        key = _mention_key(m, entities)
        if key == exclude:
            continue
        rank = _GPE_RANK if m.type in ("GPE", "NORP") else _TOPIC_RANK.get(m.type, 3)
        ranked[key] = min(rank, ranked.get(key, 99))
    return sorted(ranked, key=lambda k: (ranked[k], k))


def _event_topics(start: int, end: int, enriched: EnrichedArticle, article: Article) -> list[str]:
    """Keys of the events whose trigger lies in the sentence of the statement."""
    s0, e0 = sentence_bounds(article.text, start, end, enriched.sentences)
    out = []
    for ev in enriched.events:
        if s0 <= ev.trigger.start < e0:
            parts = sorted(p for p in ev.participants if p)[:3]
            out.append(f"event:{ev.type}:" + "+".join(slug(p) for p in parts))
    return out


def _explicit_rebuttal(
    article: Article, enriched: EnrichedArticle, index: int, keys: list[str], sources: list[bool]
) -> tuple[list[str], Span | None, bool]:
    """Find a contradiction cue in the sentence of attribution ``index`` (outside its content) and what it points at.

    Returns (ids of the attributions it contradicts, the cue span, whether the cue rejects the content itself).
    A cue points at another account when a pronoun object follows it ("contradicted him": the nearest earlier
    statement by someone else) or when a speaker's name follows it ("correcting Kishida's statement").
    """
    att = enriched.attributions[index]
    text = article.text
    s0, e0 = sentence_bounds(text, att.content.start, att.content.end, enriched.sentences)
    if att.cue is not None:
        s0, e0 = min(s0, att.cue.start), max(e0, att.cue.end)
    outside = [(s0, min(att.content.start, e0)), (max(att.content.end, s0), e0)]
    targets: list[str] = []
    cue_span: Span | None = None
    rejects = False
    if att.cue is not None and find_cue(att.cue.text, REJECTING_WORDS | DOUBTING_WORDS):
        rejects = True  # "X denied that ...", "they doubt Trump has evidence ...": the speaker holds the opposite
        cue_span = att.cue
    # "Police said ..., but her mother rejected that account": a cue that introduces someone else's statement in the
    # sentence is theirs, not this statement's
    others_cues = {
        x.cue.start for j, x in enumerate(enriched.attributions) if j != index and x.cue and keys[j] != keys[index]
    }
    for a, b in outside:
        if b <= a:
            continue
        segment = text[a:b]
        m = find_cue(segment, CONTRADICTION_WORDS)
        if m is None or a + m.start() in others_cues:
            continue
        word = m.group(0).lower()
        before, after = normalise(text[s0 : a + m.start()]), normalise(text[a + m.end() : e0])
        if is_ruling(before) or answers_own_clause(before, after):
            break  # a court's ruling, or a cue that answers its own clause ("something the government denies")
        cue_span = Span(a + m.start(), a + m.end(), m.group(0))
        # what follows the cue is read on to the end of the sentence, not to the start of the content: in "denied
        # that <content>" the "that" opens the content and refers to nothing
        follow = words(text[a + m.end() : min(e0, a + m.end() + 60)])
        target = _resolve_target(enriched, index, keys, sources, follow)
        if target:
            targets.append(target)
        elif word not in POINTING_WORDS and a < att.content.start and att.content.start - (a + m.end()) < 60:
            # "X dismissed reports that <content>": the content is what is rejected; not in "X denied that ..., saying
            # <content>", where the content is what X asserts instead
            rejects = not _NEW_CLAUSE_RE.search(text[a + m.end() : att.content.start])
        break
    return targets, cue_span, rejects


_NEW_CLAUSE_RE = re.compile(r"[;]|,\s*(?:saying|adding|insisting|arguing|explaining|and|but)\b|\b(?:but|while)\b")


def _points_back(follow: list[str]) -> bool:
    """Does the object after a contradiction cue refer back to an earlier statement ("contradicted him", "denied it",
    "rejected that claim", "disputed his account", "dismissed this as nonsense"), rather than open the rejected clause
    ("denied that ...") or name something else ("rejected her lawyer's request", "rejected those governments")?"""
    first, after = follow[0], follow[1:3]
    if first == "that":
        return not after or after[0] in _STATEMENT_NOUNS
    if first in ("his", "their") or first in _DETERMINER_PRONOUNS and after and after[0] not in _NOT_A_NOUN:
        return bool(_STATEMENT_NOUNS.intersection(after))  # a determiner: its noun must be a statement
    return first in _OBJECT_PRONOUNS


def _names_statement(follow: list[str], name: set[str], label: set[str]) -> bool:
    """Do the words after a cue name a statement of the speaker whose name words are ``name``: the speaker as the
    object ("contradicted Kishida", "rejected Foreign Minister Kishida"), their statement ("correcting Kishida's
    statement", "rejects Karlsson's view") or a statement by them ("the claims by Kishida")? Not something else of
    theirs ("rejected Lee's bid", "a motion by attorneys for Slager", "any connection to Kara-Murza's illness")."""
    for i, w in enumerate(follow[:4]):
        if w.removesuffix("'s") not in name:
            continue
        end = i  # the whole name: "Fumio Kishida's", "the Department of Justice's"
        while not follow[end].endswith("'s"):
            rest = [x.removesuffix("'s") for x in follow[end + 1 : end + 3]]
            if rest[:1] and rest[0] in name:
                end += 1
            elif len(rest) == 2 and rest[0] in _NAME_JOINERS and rest[1] in name:
                end += 2
            else:
                break
        before = follow[:i]
        after = follow[end + 1 : end + 2]
        modifier = before[-1:] in (["a"], ["an"], ["the"]) and not follow[end].endswith("'s")
        if modifier and after and after[0] not in _STATEMENT_NOUNS | _AFTER_A_NAME:
            return False  # the name modifies a noun: "dismissed a Trump lawsuit", "rejected the Kremlin plan"
        if follow[end].endswith("'s"):  # what of theirs: a statement, not a proposal ("the North's suggestion to")
            noun = next((k for k in range(end + 1, min(end + 3, len(follow))) if follow[k] in _STATEMENT_NOUNS), None)
            return noun is not None and follow[noun + 1 : noun + 2] != ["to"]
        if set(before) <= label | _ARTICLES:
            return True
        return len(before) >= 2 and before[-1] in ("by", "of", "from") and before[-2] in _STATEMENT_NOUNS
    return False


# Words that may follow a speaker's name as the object of a cue without the name modifying them ("rejected the Kremlin
# and its allies", "contradicted the minister on Tuesday").
_AFTER_A_NAME_TEXT = (
    "and or but as for in on at to that which who of over about with by after before when while saying because "
    "yesterday today earlier later again directly publicly"
)
_AFTER_A_NAME = frozenset(_AFTER_A_NAME_TEXT.split())


def _label_words(attribution: Attribution) -> set[str]:
    """The words of a speaker's label and name ("autopsy results", "Foreign Minister Fumio Kishida"), lower-cased."""
    label = f"{attribution.speaker.label} {attribution.speaker.name or ''}"
    return {w.removesuffix("'s") for w in words(label) if len(w) > 2} - STOPWORDS


def _label_names(attribution: Attribution) -> set[str]:
    """The capitalised words of a speaker's label and name ("a male midwife, Mohammed Lukeman": "mohammed",
    "lukeman"; a description's common nouns name no one), lower-cased."""
    label = normalise(f"{attribution.speaker.label} {attribution.speaker.name or ''}")
    return _label_words(attribution) & {w.lower().removesuffix("'s") for w in re.findall(r"\b[A-Z][\w'\-]*", label)}


def _name_words(attribution: Attribution) -> set[str]:
    """The words of a speaker's name ("Steven Theede"; the label when it has none), lower-cased."""
    name = attribution.speaker.name or attribution.speaker.label
    return {w.removesuffix("'s") for w in words(name) if len(w) > 2} - STOPWORDS


def _resolve_target(
    enriched: EnrichedArticle, index: int, keys: list[str], sources: list[bool], follow: list[str]
) -> str | None:
    if not follow:
        return None
    me = keys[index]
    if _points_back(follow):
        for j in range(index - 1, -1, -1):
            if keys[j] != me and sources[j] and enriched.attributions[j].nested_in is None:
                return enriched.attributions[j].id
        return None
    if follow[0] in ("that", "to"):  # the clause's subject ("denied that Kishida ...") or the one told ("denied to
        return None  # Vega that ..."), not the one answered
    # the rejecter's own words are no target ("denies responsibility, and its state media blamed ..." does not point
    # at "Malaysia's state news agency")
    own = _label_words(enriched.attributions[index])
    # the named speaker's nearest statement before the cue ("rejects Karlsson's view" answers what Karlsson just said),
    # else after it; a speaker named so outranks one whose label only holds the word ("Yukos chief executive Steven
    # Theede" is not "Yukos")
    order = [*range(index - 1, -1, -1), *range(index + 1, len(enriched.attributions))]
    candidates = [j for j in order if keys[j] != me and sources[j]]
    for described in (_name_words, _label_names):
        for j in candidates:
            other = enriched.attributions[j]
            if _names_statement(follow, described(other) - own, _label_words(other)):
                return other.id
    return None


def extract_claims(article: Article, enriched: EnrichedArticle) -> list[ClaimFeatures]:
    """Every attribution of one article whose speaker can be a source (``is_source``) as a claim, with the features the
    comparison needs."""
    entities = {e.key: e for e in enriched.entities}
    keys = [speaker_key(a) for a in enriched.attributions]
    sources = [is_source(a.speaker) for a in enriched.attributions]
    date = (article.published or "")[:10] or None
    out: list[ClaimFeatures] = []
    for i, att in enumerate(enriched.attributions):
        if not sources[i]:
            continue
        content = article.text[att.content.start : att.content.end] or att.content.text
        skey = keys[i]
        topics = _event_topics(att.content.start, att.content.end, enriched, article)
        topics += _topics_in(att.content.start, att.content.end, enriched, entities, skey)
        stems = content_stems(content)
        if not topics:  # no entity in the statement: its rarest-looking words stand for the topic
            topics = [f"term:{s}" for s in sorted(set(stems), key=lambda s: (-len(s), s))[:2]]
        rebuts, cue, rejects = _explicit_rebuttal(article, enriched, i, keys, sources)
        s0, e0 = sentence_bounds(article.text, att.content.start, att.content.end, enriched.sentences)
        if att.cue is not None:
            s0, e0 = min(s0, att.cue.start), max(e0, att.cue.end)
        pol = polarity(content) * (-1 if rejects else 1)
        claim = Claim(
            id=f"{article.id}:{att.id}",
            article_id=article.id,
            attribution_id=att.id,
            speaker=skey,
            speaker_name=att.speaker.name or att.speaker.label,
            topic=topics[0] if topics else "",
            proposition=" ".join(sorted(set(stems))),
            polarity=pol,
            time=att.time or date,
            content=Span(att.content.start, att.content.end, content),
        )
        out.append(
            ClaimFeatures(
                claim=claim,
                stems=frozenset(stems),
                topics=topics,
                figures=figures(content),
                dates=frozenset(d.lower() for d in _DATE_RE.findall(normalise(content))),
                rejects=rejects,
                rebuts=[f"{article.id}:{t}" for t in rebuts],
                cue=cue,
                published=date,
                outlet=att.outlet or article.outlet,
                original=article.duplicate_of or article.id,
                speaker_kind=att.speaker.kind,
                parent=f"{article.id}:{att.nested_in}" if att.nested_in else None,
                sentence=article.text[s0:e0],
                names=name_stems(content),
            )
        )
    return out


# Words that frame a statement (who says, accuses, denies) rather than say what it is about; left out of the content
# when a whole sentence stands for the statement, so two sentences meet on their subject, not on "said".
_FRAMING_TEXT = (
    "accused accuses accusing accusation accusations alleged allegedly allegation allegations alleges reported "
    "reports report reportedly suggested suggests suggestion suggestions claim claims claimed charges charge "
    "insisted insists strongly repeatedly flatly firmly strenuously vigorously vehemently categorically"
)
_FRAMING = frozenset(stem(w) for w in _FRAMING_TEXT.split())


def statement_features(text: str, *, id: str = "", speaker: str = "", date: str | None = None) -> ClaimFeatures:
    """A whole sentence (no enrichment) as a claim: its framing cue decides the polarity ("X denied that Y" is -Y).

    Used where only the statement text is known, e.g. the labelled pairs of eval/conflicts.
    """
    norm = normalise(text)
    cue = find_cue(norm, CONTRADICTION_WORDS)
    rejects = bool(cue and cue.group(0).lower() in REJECTING_WORDS)
    points = bool(cue and cue.group(0).lower() in POINTING_WORDS)
    stems = [s for s in content_stems(norm) if s not in _FRAMING and s not in _CUE_STEMS]
    claim = Claim(
        id=id,
        article_id=id,
        attribution_id="",
        speaker=speaker,
        speaker_name=speaker or "?",
        topic="",
        proposition=" ".join(sorted(set(stems))),
        polarity=polarity(norm),  # the rejecting verb is in the sentence: polarity() counts it already
        time=date,
        content=Span(0, len(text), text),
    )
    return ClaimFeatures(
        claim=claim,
        stems=frozenset(stems),
        topics=[],
        figures=figures(norm),
        dates=frozenset(d.lower() for d in _DATE_RE.findall(norm)),
        rejects=rejects,
        cue=Span(cue.start(), cue.end(), cue.group(0)) if cue else None,
        original=id,
        points=points,
        sentence=text,
        names=name_stems(norm),
    )


def iter_claims(items: Iterable[tuple[Article, EnrichedArticle]]) -> Iterator[ClaimFeatures]:
    """Claims of many articles, streamed."""
    for article, enriched in items:
        yield from extract_claims(article, enriched)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """How much two statements say the same thing: the mean of overlap (containment) and Jaccard of their stems.

    Containment lets a short denial ("X was not discussed") meet a longer assertion of the same thing; Jaccard keeps
    two long statements that share a few words apart.
    """
    if not a or not b:
        return 0.0
    inter = len(a & b)
    if inter < 2:
        return 0.0
    return 0.5 * (inter / min(len(a), len(b))) + 0.5 * (inter / len(a | b))


def candidate_pairs(claims: list[ClaimFeatures], *, extra_stem_keys: int = 2) -> Iterator[tuple[int, int]]:
    """Pairs (i, j), i < j, of claims that share a block, each pair once; never all pairs of the corpus.

    Block keys: the claim's topic keys and its ``extra_stem_keys`` rarest content stems (seen in at least two claims).
    A block of more than ``MAX_BLOCK`` claims is ordered by date and each claim meets only the ``BLOCK_WINDOW``
    claims on either side. Pairs are deduplicated per claim, not in a corpus-wide set, so memory stays linear.
    """
    df: Counter[str] = Counter()
    for c in claims:
        df.update(c.stems)
    keys_of: list[list[str]] = []
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        keys = set(c.topics)
        usable = (s for s in c.stems if df[s] >= 2 and len(s) > 3)
        keys.update(f"stem:{s}" for s in heapq.nsmallest(extra_stem_keys, usable, key=lambda s: (df[s], s)))
        keys_of.append(sorted(keys))
        for k in keys:
            blocks[k].append(i)
    position: dict[str, dict[int, int]] = {}
    for k, members in blocks.items():
        if len(members) > MAX_BLOCK:
            members.sort(key=lambda i: (claims[i].claim.time or "", i))
            position[k] = {i: x for x, i in enumerate(members)}
    for i in range(len(claims)):
        partners: set[int] = set()
        for k in keys_of[i]:
            members = blocks[k]
            if len(members) < 2:
                continue
            if k in position:
                x = position[k][i]
                partners.update(j for j in members[max(0, x - BLOCK_WINDOW) : x + BLOCK_WINDOW + 1] if j > i)
            else:  # members are in claim order: the partners after i are a slice
                partners.update(members[bisect.bisect_right(members, i) :])
        for j in sorted(partners):
            yield i, j


@dataclass(slots=True)
class ClaimGroup:
    """Claims about the same proposition, across speakers and articles."""

    id: str
    topic: str
    claims: list[str]
    speakers: list[str]
    articles: list[str]
    first: str | None
    last: str | None

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "topic": self.topic,
            "claims": self.claims,
            "speakers": self.speakers,
            "articles": self.articles,
            "first": self.first,
            "last": self.last,
        }


def group_claims(
    claims: list[ClaimFeatures],
    *,
    threshold: float = SAME_PROPOSITION,
    pairs: Iterable[tuple[int, int]] | None = None,
) -> list[ClaimGroup]:
    """Group claims about the same proposition (similar content within a shared block). Singletons are left out.

    ``pairs``: the candidate pairs when the caller has them already (``candidate_pairs(claims)``), to block once.
    """
    uf = UnionFind(len(claims))
    for i, j in candidate_pairs(claims) if pairs is None else pairs:
        if similarity(claims[i].stems, claims[j].stems) >= threshold:
            uf.union(i, j)
    groups = []
    for idxs in uf.groups():
        if len(idxs) < 2:
            continue
        cs = [claims[i] for i in idxs]
        topic = Counter(t for c in cs for t in c.topics[:1]).most_common(1)
        times = sorted(c.claim.time for c in cs if c.claim.time)
        groups.append(
            ClaimGroup(
                id="g:" + min(c.claim.id for c in cs),
                topic=topic[0][0] if topic else "",
                claims=[c.claim.id for c in cs],
                speakers=sorted({c.claim.speaker for c in cs}),
                articles=sorted({c.claim.article_id for c in cs}),
                first=times[0] if times else None,
                last=times[-1] if times else None,
            )
        )
    groups.sort(key=lambda g: (-len(g.claims), g.id))
    return groups
