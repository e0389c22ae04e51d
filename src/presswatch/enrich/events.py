"""Events: meetings, talks, visits, summits, calls, agreements, announcements, news conferences, communications.

General rules over the dependency parse, no page-specific ones:

* a trigger is a verb or noun of an event type ("met", "meeting", "visit", "talks", "news conference", "conveyed");
* participants come from the trigger's own arguments (subject, object, "with"/"between"/"by" phrases, possessors,
  "Abe-Putin" compounds) and, for a noun, from the clause it sits in when its verb is a light one ("held their first
  meeting", "In a news conference ..., Kishida said"); "they"/"their" is the nearest coordinated group before it;
* the place is a GPE/LOC/FAC mention in an "in"/"at"/"to" phrase of the trigger or its verb (or the object of "visit");
* the time is the time expression attached to the trigger or its verb, else one in the same sentence;
* status: cancelled (cancel, call off, postpone ...), planned (future, intention verbs, infinitives, a time after the
  article date, a noun under no past verb), otherwise held.

Events of one type with the same participants and status are merged; their evidence spans are kept.
"""

from __future__ import annotations

import bisect
import re

from presswatch.enrich.nlp import DocIndex
from presswatch.models import Entity, Event, Mention, Span, TimeRef

_NOUN_TRIGGERS = {
    "meeting": "meeting", "meetings": "meeting", "talks": "talks", "negotiations": "talks", "negotiation": "talks",
    "visit": "visit", "visits": "visit", "trip": "visit", "summit": "summit", "summits": "summit",
    "agreement": "agreement", "accord": "agreement", "deal": "agreement", "treaty": "agreement",
    "announcement": "announcement", "conference": "news_conference", "briefing": "news_conference",
    "call": "call", "phone": "call", "talk": "talks",
}  # fmt: skip
_VERB_TRIGGERS = {
    "meet": "meeting", "visit": "visit", "agree": "agreement", "sign": "agreement", "announce": "announcement",
    "convey": "communication", "inform": "communication", "notify": "communication", "communicate": "communication",
    "phone": "call", "telephone": "call", "call": "call", "negotiate": "talks",
}  # fmt: skip
_LIGHT_VERBS = {
    "hold", "have", "attend", "conduct", "engage", "resume", "begin", "start", "open", "plan", "seek", "agree", "work",
    "make", "pay", "host", "join", "arrange", "schedule", "set", "propose", "continue", "cancel", "postpone", "say",
    "tell", "announce", "end", "wrap", "realize", "realise", "achieve", "try", "determine", "confirm",
}  # fmt: skip
_INTENT_VERBS = {
    "plan", "hope", "seek", "aim", "expect", "arrange", "propose", "schedule", "consider", "prepare", "want", "intend",
    "work", "try", "determine", "agree", "resume", "push", "call", "urge", "wish", "eye", "explore", "coordinate",
}  # fmt: skip
_CANCEL_VERBS = {"cancel", "postpone", "scrap", "shelve", "delay", "suspend", "drop", "abandon", "scrub", "call"}
_PLANNED_MODIFIERS = {"planned", "upcoming", "proposed", "possible", "future", "next", "expected", "scheduled"}
_PLACE_TYPES = {"GPE", "LOC", "FAC"}
_PARTY_TYPES = {"PERSON", "ORG", "GPE", "NORP", "OUTLET"}
_THEY = {"they", "their", "them"}
_MIND_NOUNS = {"agreement": {"sign", "reach", "conclude", "strike", "seal", "agree"}}


def extract_events(
    doc, *, mentions: list[Mention], entities: list[Entity], times: list[TimeRef], article_date: str | None = None
) -> list[Event]:
    """Events of the parsed article with participants (entity keys, else the words), place, time and status."""
    if not doc.has_annotation("DEP"):
        return []
    ctx = _Context(doc, mentions, entities, times, article_date)
    # Only the tokens whose word could be a trigger are looked at (iterating a Doc costs a Python object per token).
    index = ctx.index
    candidates = (index.token_at(m.start()) for m in _TRIGGER_WORDS.finditer(index.text))
    triggers = [
        (tok, etype)
        for i in dict.fromkeys(c for c in candidates if c is not None)
        if (etype := _trigger_type(tok := doc[i])) is not None
    ]
    # "a source informed Sankei on Oct. 14" is news sourcing, not an event: it neither becomes one nor competes for
    # the sentence's time expression.
    triggers = [(tok, etype) for tok, etype in triggers if not (etype == "communication" and ctx.tells_outlet(tok))]
    ctx.trigger_chars = [tok.idx for tok, _ in triggers]
    built = [(tok, ev) for tok, etype in triggers if (ev := ctx.build(tok, etype)) is not None]
    # Times and statuses once the events are known: a sentence's time expression goes to the nearest trigger that
    # became an event ("territorial negotiations" in general does not compete for "on Oct. 14").
    ctx.trigger_chars = [tok.idx for tok, _ in built]
    found = []
    for tok, ev in built:
        verb = _governing_verb(tok)
        time, attached = ctx.time_for(tok, verb)
        ev.time = time
        ev.status = ctx.status(tok, verb, time if attached else None)
        ev.summary = ctx.summary(ev)
        found.append(ev)
    return _merge(found)


_TRIGGER_WORDS = re.compile(
    r"\b(?:meet\w*|met|visit\w*|agree\w*|sign\w*|announc\w*|convey\w*|inform\w*|notif\w*|communicat\w*|"
    r"phon\w*|telephon\w*|call\w*|negotiat\w*|talks?|summits?|trips?|accords?|deals?|treaty|conferences?|briefings?)\b",
    re.IGNORECASE,
)


def _trigger_type(tok) -> str | None:
    low = tok.lower_
    if tok.pos_ in ("NOUN", "PROPN"):
        etype = _NOUN_TRIGGERS.get(low)
        if etype is None:
            return None
        if etype == "news_conference":
            # only "news/press conference", "press briefing"
            if not any(c.dep_ in ("compound", "amod") and c.lower_ in ("news", "press") for c in tok.children):
                return None
        elif etype == "call":
            # a "phone call" / "telephone call" / "call" held or made; "phone" alone only as a compound of "talks"
            if low == "phone" or not (
                any(c.lower_ in ("phone", "telephone") for c in tok.children) or tok.head.lemma_ in ("hold", "make")
            ):
                return None
        elif etype == "agreement" and low == "treaty":
            return None  # a treaty is a document; signing it is the event (verb trigger "sign")
        if tok.dep_ == "compound" and _trigger_type(tok.head) is not None:
            return None  # "summit meeting": one event, named by the head
        if tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text in ("-", "–"):
            return None  # "summit-level talks": a modifier, not an event
        return etype
    if tok.pos_ == "VERB":
        lemma = tok.lemma_.lower()
        if lemma not in _VERB_TRIGGERS or _VERB_TRIGGERS[lemma] is None:
            return None
        etype = _VERB_TRIGGERS[lemma]
        if etype == "call" and lemma == "call" and not any(c.lower_ in ("phone", "telephone") for c in tok.subtree):
            return None
        if lemma == "agree" and any(c.dep_ == "xcomp" for c in tok.children):
            return None  # "agreed to resume talks": the talks are the event, the agreeing is reported with them
        if etype == "communication" and not any(c.dep_ in ("ccomp", "dobj", "dative") for c in tok.children):
            return None
        if lemma == "sign" and not any(c.dep_ == "dobj" and c.lower_ in ("treaty", "agreement", "accord", "deal")
                                       for c in tok.children):  # fmt: skip
            return None
        return etype
    return None


class _Context:
    def __init__(self, doc, mentions, entities, times, article_date):
        self.doc = doc
        self.text = DocIndex.of(doc).text
        self.index = DocIndex.of(doc)
        self.token_key: dict[int, Mention] = {}
        for m in mentions:
            if not m.entity:
                continue
            first, last = self.index.token_at(m.start), self.index.token_at(m.end - 1)
            if first is not None and last is not None:
                for i in range(first, last + 1):
                    self.token_key[i] = m
        self.names = {e.key: e.name for e in entities}
        self.types = {e.key: e.type for e in entities}
        self.times = sorted((t for t in times if t.kind != "duration"), key=lambda t: t.start)
        self.time_starts = [t.start for t in self.times]
        self.article_date = article_date[:10] if article_date else None
        self.trigger_chars: list[int] = []

    # -- participants

    def party(self, tok) -> list[str]:
        """Entity keys (else the words) of a noun phrase and its coordinated members."""
        out: list[str] = []
        for t in (tok, *tok.conjuncts):
            if t.lower_ in _THEY:
                out.extend(self.they(t))
                continue
            m = self.token_key.get(t.i)
            if m is not None and m.type in _PARTY_TYPES | _PLACE_TYPES:
                out.append(m.entity or m.text)
            elif t.pos_ in ("NOUN", "PROPN") and t.lower_ not in ("side", "countries", "leaders"):
                skip = ("conj", "cc", "punct", "det", "prep", "relcl", "appos")
                words = [w for w in t.subtree if w.i == t.i or w.dep_ not in skip]
                words = [w for w in words if not any(a.dep_ in ("conj", "prep", "relcl") for a in _between(w, t))]
                if words and any(w.lower_ in _PEOPLE_WORDS for w in words):
                    out.append(self.text[words[0].idx : words[-1].idx + len(words[-1])])
        return out

    def they(self, tok) -> list[str]:
        """The nearest coordinated group ("Abe and Putin") before a plural pronoun (same or previous sentence)."""
        n = self.index.sentence_of(tok.i)
        lo = self.index.sent_starts[max(0, n - 1)]
        for i in range(tok.i - 1, lo - 1, -1):
            t = self.doc[i]
            if t.dep_ in ("nsubj", "nsubjpass") and t.conjuncts:
                return [k for k in self.party(t) if k]
        return []

    def subject_of(self, verb) -> list[str]:
        for _ in range(4):
            for c in verb.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    return self.party(c)
            if verb.dep_ in ("xcomp", "conj", "advcl", "relcl") and verb.head.i != verb.i:
                verb = verb.head
            else:
                break
        return []

    # -- one event

    def build(self, trig, etype: str) -> Event | None:
        participants: list[str] = []
        place: str | None = None
        verb = _governing_verb(trig)
        if trig.pos_ == "VERB":
            participants += self.subject_of(trig)
            for c in trig.children:
                if c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and c.lower_ in ("with", "to")):
                    objs = [g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" else [c]
                    for o in objs:
                        keys = self.party(o)
                        if etype == "visit" and keys and self._is_place(o):
                            place = place or keys[0]
                        elif etype == "communication" and self._is_outlet(o):
                            return None  # "a source informed Sankei": news sourcing, not a diplomatic exchange
                        else:
                            participants += keys
        else:
            # the noun's own arguments
            for c in trig.children:
                if c.dep_ == "poss":
                    participants += self.they(c) if c.lower_ in _THEY else self.party(c)
                elif c.dep_ == "prep" and c.lower_ in ("between", "with", "by", "of", "among"):
                    for o in c.children:
                        if o.dep_ == "pobj":
                            participants += self.party(o)
                elif c.dep_ in ("compound", "amod", "nmod") and c.i in self.token_key:
                    m = self.token_key[c.i]
                    if m.type in _PARTY_TYPES:
                        participants.append(m.entity or m.text)
            if not participants and verb is not None and verb.lemma_.lower() in _LIGHT_VERBS:
                participants += self.subject_of(verb)
        # place: the trigger's (or, for a noun, its light verb's) in/at/to phrase
        holders = [trig] + ([verb] if verb is not None and trig.pos_ != "VERB" else [])
        place_preps = ("in", "at", "to") if etype in ("visit", "summit") else ("in", "at")
        for h in holders:
            for c in h.children:
                if place is None and c.dep_ == "prep" and c.lower_ in place_preps:
                    for o in c.children:
                        if o.dep_ == "pobj" and self._is_place(o):
                            place = self.token_key[o.i].entity
        participants = [p for p in dict.fromkeys(participants) if p and p != place]
        if not participants and place is None:
            return None  # "territorial talks" in general: not one event we can name
        s_start, s_end = self.index.sentence_chars(self.index.sentence_of(trig.i))
        start, end = _trigger_extent(trig)
        ev = Event(
            id="",
            type=etype,
            trigger=Span(start, end, self.text[start:end]),
            participants=participants,
            place=place,
            evidence=[Span(s_start, s_end, self.text[s_start:s_end])],
        )
        return ev

    def tells_outlet(self, verb) -> bool:
        """Whether a communication verb's addressee is a news outlet."""
        for c in verb.children:
            objs = [g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" and c.lower_ == "to" else [c]
            if c.dep_ in ("dobj", "dative", "prep") and any(self._is_outlet(o) for o in objs):
                return True
        return False

    def _is_place(self, tok) -> bool:
        m = self.token_key.get(tok.i)
        return m is not None and m.type in _PLACE_TYPES and bool(m.entity)

    def _is_outlet(self, tok) -> bool:
        m = self.token_key.get(tok.i)
        return m is not None and m.type == "OUTLET"

    def time_for(self, trig, verb) -> tuple[TimeRef | None, bool]:
        """The time of the event and whether it is syntactically attached to the trigger (else: same sentence)."""
        s_start, s_end = self.index.sentence_chars(self.index.sentence_of(trig.i))
        lo = bisect.bisect_left(self.time_starts, s_start)
        hi = bisect.bisect_left(self.time_starts, s_end)
        cands = self.times[lo:hi]
        if not cands:
            return None, False
        anchors = {trig.i} | ({verb.i} if verb is not None else set())
        for t in cands:
            span = self.doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is None:
                continue
            head = span.root
            for _ in range(4):
                head = head.head
                if head.i in anchors:
                    return t, True
                if head.head.i == head.i:
                    break
        # No attached expression: the nearest one in the sentence, unless another trigger is nearer to it (then it is
        # that event's time: "at their meeting in late September ... the best time for Putin's visit").
        best = min(cands, key=lambda t: abs(t.start - trig.idx))
        in_sentence = [c for c in self.trigger_chars if s_start <= c < s_end]
        if min(in_sentence, key=lambda c: abs(best.start - c), default=trig.idx) != trig.idx:
            return None, False
        return best, False

    def status(self, trig, verb, time: TimeRef | None) -> str:
        chain = [trig, *list(trig.ancestors)[:4]]
        for t in chain:
            if (
                t.lemma_.lower() in _CANCEL_VERBS
                and t.pos_ == "VERB"
                and not (t.lemma_.lower() == "call" and not any(c.lower_ == "off" for c in t.children))
            ):
                return "cancelled"
            if t.lower_ == "cancelled" or t.lower_ == "canceled":
                return "cancelled"
        if any(c.lower_ in _PLANNED_MODIFIERS for c in trig.children if c.dep_ in ("amod", "compound")):
            return "planned"
        # An attached time settles it: wholly before the article date it happened, after it it is planned.
        if time is not None and self.article_date:
            if time.latest and time.latest < self.article_date and time.kind != "before":
                return "held"
            if time.earliest and time.earliest > self.article_date:
                return "planned"
        for t in chain:
            if t.pos_ in ("VERB", "AUX"):
                if any(c.lower_ in ("will", "'ll", "shall") or (c.tag_ == "MD" and c.lower_ == "would")
                       for c in t.children):  # fmt: skip
                    return "planned"
                if t.i != trig.i and t.lemma_.lower() in _INTENT_VERBS and t.i < trig.i:
                    return "planned"
                if t.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
                    return "planned"
        if time is not None and time.kind == "before" and self.article_date and (time.latest or "") > self.article_date:
            return "planned"
        if trig.pos_ != "VERB":
            # A noun event is held when the verb of its clause is past ("held their meeting"); under a present verb it
            # is mostly one to come ("the prerequisite for Putin's visit is ..."), whatever the reporting verb above.
            if verb is None:
                return "held"
            past = verb.tag_ == "VBD" or (verb.tag_ == "VBN" and verb.dep_ != "amod")
            past = past or any(c.tag_ == "VBD" for c in verb.children if c.dep_ in ("aux", "auxpass"))
            return "held" if past else "planned"
        return "held"

    def summary(self, ev: Event) -> str:
        who = ", ".join(self.names.get(p, p) for p in ev.participants) or "?"
        out = f"{ev.type.replace('_', ' ')}: {who}"
        if ev.place:
            out += f" in {self.names.get(ev.place, ev.place)}"
        if ev.time:
            out += f" ({ev.time.value})"
        return out + ("" if ev.status == "held" else f" [{ev.status}]")


_PEOPLE_WORDS = {
    "officials", "official", "leaders", "leader", "ministers", "minister", "diplomats", "diplomat", "delegation",
    "delegations", "president", "premier", "envoy", "envoys", "lawmakers", "executives", "negotiators", "counterpart",
    "counterparts", "government", "side", "representatives", "members",
}  # fmt: skip


def _between(w, top):
    """Tokens on the path from ``w`` up to (excluding) ``top``."""
    out = []
    t = w
    while t.i != top.i and t.head.i != t.i:  # spaCy makes a new Token object per access: compare indexes
        out.append(t)
        t = t.head
    return out


def _governing_verb(tok):
    """The nearest verb above a token (the verb of the clause a noun trigger sits in)."""
    for t in tok.ancestors:
        if t.pos_ in ("VERB", "AUX"):
            return t
    return None


def _trigger_extent(trig) -> tuple[int, int]:
    """The trigger's characters: "news conference", "phone call", "talks"."""
    start = trig.idx
    for c in trig.lefts:
        if c.dep_ == "compound" and c.lower_ in ("news", "press", "phone", "telephone", "summit"):
            start = min(start, c.idx)
    return start, trig.idx + len(trig)


def _merge(events: list[Event]) -> list[Event]:
    """One event per (type, participants, status): later mentions add evidence, and fill a missing place or time."""
    out: list[Event] = []
    for ev in events:
        target = None
        if ev.participants and ev.type not in ("communication", "announcement", "call"):
            for prev in out:
                if (
                    prev.type == ev.type
                    and prev.status == ev.status
                    and set(prev.participants) == set(ev.participants)
                    and (prev.place is None or ev.place is None or prev.place == ev.place)
                    and (prev.time is None or ev.time is None or prev.time.value == ev.time.value)
                ):
                    target = prev
                    break
        if target is None:
            out.append(ev)
            continue
        target.evidence.extend(s for s in ev.evidence if s not in target.evidence)
        target.place = target.place or ev.place
        target.time = target.time or ev.time
    for i, ev in enumerate(out, 1):
        ev.id = f"e{i}"
    return out
