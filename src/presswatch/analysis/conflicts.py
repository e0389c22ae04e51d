"""Conflicts: two accounts of the same thing that cannot both be true, with the reason, a confidence and both spans.

Reasons, strongest first:

- ``explicit_cue``: the text says so — a contradiction cue in the sentence of one statement ("Lavrov contradicted him",
  "correcting Kishida's statement", "denied the report by ...") points at the other statement's speaker;
- ``polarity``: the same proposition asserted by one speaker and negated (or rejected: "denied that ...") by another;
- ``figures``: the same proposition with different numbers for the same unit ("30 killed" / "45 killed");
- ``dates``: the same proposition with different dates.

``classify_pair`` decides one pair; ``find_conflicts`` runs it over the candidate pairs of a corpus (blocked, see
``claims.candidate_pairs``). ``analyse`` does it over a store and persists claims, claim groups and conflicts.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from presswatch.analysis.claims import (
    SAME_PROPOSITION,
    ClaimFeatures,
    candidate_pairs,
    group_claims,
    iter_claims,
    similarity,
    statement_features,
)
from presswatch.analysis.text import (
    CONTRADICTION_WORDS,
    STOPWORDS,
    answers_own_clause,
    content_stems,
    find_cue,
    is_ruling,
    negation_count,
    normalise,
    polarity,
    quantities,
    stem,
    words,
)
from presswatch.models import Article, Conflict, EnrichedArticle

CLAIMS = "claims"
MIN_WORDS = 6  # a statement of fewer words is a fragment, not a proposition (unless a cue points at it)
MIN_STEMS = 3  # a statement of fewer content words ("her claims") is too thin to be one side of a conflict
CLAIM_GROUPS = "claim_groups"
MAX_ACCOUNT_DISTANCE = 1500  # characters from an account to the denial that points back at it (dev: all within 1,300)
CONFLICTS = "conflicts"


@dataclass(slots=True, frozen=True)
class ConflictRules:
    """Thresholds of the pair classifier (tuned on the dev half of eval/conflicts, see docs/analysis.md)."""

    same_proposition: float = SAME_PROPOSITION  # similarity at which two statements are about the same thing
    polarity_min_similarity: float = 0.5
    figures_min_similarity: float = 0.5
    figures_min_relative_difference: float = 0.05
    pointing_min_similarity: float = (
        0.3  # "X disputed/contradicted ..." with no resolved target: how close to the other
    )
    min_confidence: float = 0.5
    min_shared: int = 3  # content words two statements must share to be about the same proposition
    min_jaccard: float = 0.3  # and their overlap relative to both (a short statement is contained in many long ones)
    # words besides names two statements must share for polarity, figures or dates to oppose them ("who appears to be
    # Kim Jong Nam" and "cannot confirm ... Kim Jong Nam's death" share a name and say different things of him)
    min_shared_terms: int = 2
    # an explicit cue whose target shares no word with the rejecting statement (the speaker is named, the statement
    # is the nearest of theirs)
    unconfirmed_target_confidence: float = 0.7
    # two accounts of one count ("police say about 500 people were arrested" / "rights groups say 1,000 were taken
    # into custody"): below every explicit cue, as the wording decides what is the same count
    count_confidence: float = 0.6
    # "there are no Russian special forces in Egypt" / "Russia deployed a special forces unit to an Egyptian base"
    existence_confidence: float = 0.55
    # The two polarity rules without a contradiction word ("there is no X" against X; "never met" against "met") are
    # off by default: on the labelled dev2 pairs they found real conflicts, but on the whole demo store they made 124
    # of 346 conflicts, about one in ten of them real (judged by hand, docs/analysis.md): one shared word is too little
    # to know two statements speak of the same thing. On for research with ConflictRules(weak_polarity=True).
    weak_polarity: bool = False


DEFAULT_RULES = ConflictRules()


@dataclass(slots=True)
class PairVerdict:
    conflict: bool
    reason: str = ""
    confidence: float = 0.0
    explanation: str = ""
    anaphor_of: tuple[str, int] | None = None  # (rejecting sentence, account offset) when a denial points back


def _different_figures(a: ClaimFeatures, b: ClaimFeatures, rules: ConflictRules) -> str | None:
    for unit, va in a.figures.items():
        if unit == "_" or unit not in b.figures:
            continue
        vb = b.figures[unit]
        if abs(va - vb) > rules.figures_min_relative_difference * max(abs(va), abs(vb), 1e-9):
            return f"{unit}: {va:g} vs {vb:g}"
    return None


# A count that is an update, a part, another time or another event is no second account of the same count: "rose to",
# "of that number", "last month", "in a separate incident", "later changed his estimate".
_NOT_SAME_COUNT_RE = re.compile(
    r"\b(?:rose|risen|rising|rises|climbed|increased|jumped|grew|fell|dropped|up\s+from|down\s+from|now|revised|"
    r"updated|later|earlier|initially|previous(?:ly)?|last\s+(?:year|month|week)|a\s+year\s+(?:before|earlier|ago)|"
    r"since|before|ago|of\s+(?:that|this|these|them|whom)|including|among\s+them|separate|another|other|second|first|"
    r"per|each|every|a\s+(?:day|week|month|year)|average)\b",
    re.IGNORECASE,
)
_YEAR_OR_MONTH_RE = re.compile(
    r"\b(?:1[89]\d\d|20\d\d|January|February|March|April|May|June|July|August|September|October|November|"
    r"December|yesterday|today|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)


def _close_or_alike(a: ClaimFeatures, b: ClaimFeatures, min_similarity: float) -> bool:
    """Two statements that may speak of one thing without a cue saying so: close together in one article, or much
    alike across articles."""
    ca, cb = a.claim.content, b.claim.content
    if a.claim.article_id == b.claim.article_id:
        return ca is not None and cb is not None and abs(ca.start - cb.start) <= MAX_ACCOUNT_DISTANCE
    return similarity(a.stems, b.stems) >= min_similarity


def _different_counts(a: ClaimFeatures, b: ClaimFeatures, rules: ConflictRules) -> str | None:
    """Do two statements give the same count (what the words around the number measure: arrests, deaths, a cost, a
    worth ...) values that cannot both hold? Ranges, "at least", "about" and rounding are read as intervals; an update,
    a part of a total, another time or another event is not the same count. Within one article the two statements
    must stand close together; across articles they must also say much the same thing."""
    ta, tb = (c.claim.content.text if c.claim.content else "" for c in (a, b))
    if not (a.figures and b.figures) or a.claim.polarity != b.claim.polarity or a.rejects or b.rejects:
        return None
    if _NOT_SAME_COUNT_RE.search(normalise(ta)) or _NOT_SAME_COUNT_RE.search(normalise(tb)):
        return None
    ya, yb = (set(_YEAR_OR_MONTH_RE.findall(normalise(t))) for t in (ta, tb))
    if ya and yb and ya != yb:
        return None
    if not _close_or_alike(a, b, rules.figures_min_similarity):
        return None
    qa, qb = quantities(ta), quantities(tb)
    for measure in sorted({m for q in qa for m in q[3]} & {m for q in qb for m in q[3]}):
        xa = [q for q in qa if measure in q[3]]
        xb = [q for q in qb if measure in q[3]]
        tol = rules.figures_min_relative_difference
        if not any(x[0] <= y[1] * (1 + tol) and y[0] <= x[1] * (1 + tol) for x in xa for y in xb):
            return f"{measure}: {xa[0][0]:g} vs {xb[0][0]:g}"
    return None


# A statement that something does not exist or did not happen, with what it denies: "there are no Russian special
# forces in Egypt", "found no proof of extra-judicial killings", "there was no wiretapping of Trump Tower".
_NO_SUCH_RE = re.compile(
    r"\b(?:there\s+(?:is|are|was|were|has\s+been|have\s+been|had\s+been)\s+no|"
    r"(?:found|find|finds|saw|seen|see|is|was|has|have|had)\s+no\s+(?:evidence|proof|sign|signs|indication|trace|record)\s+"
    r"(?:of|that)|not\s+a\s+single)\s+(?P<what>[^,.;:!?\"]+)",
    re.IGNORECASE,
)
_WHAT_END_RE = re.compile(r"[()\[\]]|\s(?:but|saying|adding|because|while|although|though|when|after|since)\s")
_HEAD_END_RE = re.compile(r"\s(?:of|in|at|on|to|for|from|near|by|with|about|over|during|since)\s", re.IGNORECASE)
NO_SUCH_MIN_SHARED = 2  # words of what is denied that the other account must assert
NO_SUCH_MIN_SHARE = 0.5  # and their share of what is denied


def _denied_existence(x: ClaimFeatures, y: ClaimFeatures) -> str | None:
    """Does ``x`` say that something ``y`` asserts does not exist or did not happen ("there are no Russian special
    forces in Egypt" / "Russia deployed a special forces unit to an airbase in Egypt")? What is denied must share at
    least two words besides names with ``y``, and half of its words; ``y`` must assert with no negation at all ("No,
    Russia has not stationed special forces there" negates twice and asserts nothing), not deny or doubt."""
    if y.rejects:
        return None
    found = _no_such(x.claim.content.text if x.claim.content else "")
    if found is None:
        return None
    ty = normalise(y.claim.content.text if y.claim.content else "")
    if negation_count(ty) or not is_assertion(y):
        return None
    said, what = found
    end = _WHAT_END_RE.search(what)
    what = what[: end.start()] if end else what
    what = " ".join(what.split()[:8])
    denied = set(content_stems(what)) - x.names
    shared = denied & y.stems
    if len(shared) < NO_SUCH_MIN_SHARED or len(shared) < NO_SUCH_MIN_SHARE * len(denied):
        return None
    # the thing itself must be shared, not only where or whose it is ("no shortage of work at the north quay" says
    # nothing of a crane at the north quay)
    head = _HEAD_END_RE.split(what, maxsplit=1)[0]
    if not (set(content_stems(head)) & shared):
        return None
    return said


@lru_cache(maxsize=1 << 16)
def _no_such(text: str) -> tuple[str, str] | None:
    """The "there is no X" phrase of a content and its X, read once per content (every pair of a group asks)."""
    m = _NO_SUCH_RE.search(normalise(text))
    return None if m is None else (m.group(0).strip(), m.group("what"))


# "I never met with any Russian officials" / "..., where he met with the Russian ambassador": the word a negator
# negates, past the auxiliaries, adverbs and determiners between them.
_NEGATED_WORD_RE = re.compile(
    r"\b(?:not|never|n't)\s+(?:(?:have|has|had|be|been|being|ever|any|a|an|the|to|yet|really|actually|also|even|"
    r"directly|personally|once|previously|again)\s+){0,3}(?P<word>[a-z][a-z'\-]+)",
    re.IGNORECASE,
)
_IRREGULAR = {
    "met": "meet",
    "meetings": "meet",
    "meeting": "meet",
    "spoke": "speak",
    "spoken": "speak",
    "told": "tell",
    "paid": "pay",
    "knew": "know",
    "known": "know",
    "sent": "send",
    "gave": "give",
    "given": "give",
    "took": "take",
    "taken": "take",
    "saw": "see",
    "seen": "see",
    "made": "make",
    "held": "hold",
}
_CONTESTS_RE = re.compile(r"\bcontest(?:s|ed|ing)\b", re.IGNORECASE)
NEGATED_MIN_SHARED = 2  # words besides the negated one (names count) the two statements share


def _predicate_stem(word: str) -> str:
    w = word.lower()
    return _IRREGULAR.get(w, stem(w))


@lru_cache(maxsize=1 << 16)
def _negated_word(text: str) -> re.Match[str] | None:
    return _NEGATED_WORD_RE.search(text)


@lru_cache(maxsize=1 << 16)
def _predicate_stems(text: str) -> frozenset[str]:
    return frozenset(_predicate_stem(w) for w in words(text))


def _negated_predicate(x: ClaimFeatures, y: ClaimFeatures, rules: ConflictRules) -> str | None:
    """Does ``x`` negate the predicate ``y`` asserts of the same things ("I never met with any Russian officials to
    discuss the campaign" / "the RNC, where he met with the Russian ambassador")? One negation in ``x``, none in
    ``y``; the negated word is in ``y`` and the two share two more words (names count). Within one article the two
    stand close together; across articles they must also say much the same thing."""
    if x.rejects or y.rejects:
        return None
    tx = normalise(x.claim.content.text if x.claim.content else "")
    ty = normalise(y.claim.content.text if y.claim.content else "")
    if negation_count(tx) != 1 or negation_count(ty) or not is_assertion(y):
        return None
    if _CONTESTS_RE.search(ty) or _BARE_DISPUTE_RE.search(ty):
        return None  # "Noonan strongly contests a finding that the meeting was inappropriate" asserts nothing of it
    m = _negated_word(tx)
    if m is None or m.group("word").lower() in STOPWORDS or len(m.group("word")) < 3:
        return None
    if not _close_or_alike(x, y, rules.polarity_min_similarity):
        return None
    word = _predicate_stem(m.group("word"))
    if word not in _predicate_stems(ty):
        return None
    shared = ((x.stems | x.names) & (y.stems | y.names)) - {stem(m.group("word").lower())}
    if len(shared) < NEGATED_MIN_SHARED:
        return None
    return m.group(0).strip()


def _surname(name: str) -> str:
    parts = [p for p in re.findall(r"[A-Za-z][A-Za-z'’\-]+", name) if p[0].isupper()]
    return parts[-1].lower() if parts else ""


def same_speaker(a: ClaimFeatures, b: ClaimFeatures) -> bool:
    """One speaker behind both claims: the same key; people whose names end in the same surname ("Sessions", "Jeff
    Sessions": across articles the surname-only form often has a key of its own); or a body and its own official
    ("White House", "White House official")."""
    if a.claim.speaker and a.claim.speaker == b.claim.speaker and not a.claim.speaker.startswith("unknown:"):
        return True
    if a.speaker_kind in ("person", "pronoun") and b.speaker_kind in ("person", "pronoun"):
        sa, sb = _surname(a.claim.speaker_name), _surname(b.claim.speaker_name)
        return bool(sa) and sa == sb
    na, nb = (_ARTICLE_RE.sub("", x.claim.speaker_name.lower().strip()) for x in (a, b))
    short, long_ = sorted((na, nb), key=len)
    return len(short) > 3 and _contains_words(long_, short)


_ARTICLE_RE = re.compile(r"^(the|a|an)\s+")


def _contains_words(text: str, part: str) -> bool:
    """``part`` occurs in ``text`` with no word character on either side (a regex built per pair cost seconds: this
    runs for every candidate pair of the corpus)."""
    start = text.find(part)
    while start >= 0:
        end = start + len(part)
        if (start == 0 or not text[start - 1].isalnum() and text[start - 1] != "_") and (
            end == len(text) or not text[end].isalnum() and text[end] != "_"
        ):
            return True
        start = text.find(part, start + 1)
    return False


def _plain(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", normalise(text).lower()))


SAME_QUOTE_RUN = 10  # words in a row two contents share when one is the other's quote reported again


def _unattributed(c: ClaimFeatures) -> bool:
    return c.claim.speaker in ("", "unknown:")


def _longest_common_run(a: list[str], b: list[str]) -> int:
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size


def same_statement(a: ClaimFeatures, b: ClaimFeatures) -> bool:
    """One statement reported twice (the same quote, whoever it was attributed to), unless one side rejects it ("X
    denied that <the same words>" is the opposite claim): the shorter text (five words or more) is word for word inside
    the longer (which may wrap it: "he didn't mislead anyone when he said <it>"), or one of them has no speaker and
    repeats ten words or more of the other in a row, or almost verbatim with the same polarity and the same figures."""
    if a.rejects != b.rejects:
        return False
    ta, tb = (a.claim.content.text if a.claim.content else ""), (b.claim.content.text if b.claim.content else "")
    short, long_ = sorted((_plain(ta), _plain(tb)), key=len)
    if len(short.split()) < 5:
        return False
    if f" {short} " in f" {long_} ":
        return True
    if _unattributed(a) != _unattributed(b) and _longest_common_run(short.split(), long_.split()) >= SAME_QUOTE_RUN:
        return True  # a passage with no speaker found that repeats another's words at length is their quote again
    if a.claim.polarity != b.claim.polarity or any(b.figures.get(u, v) != v for u, v in a.figures.items()):
        return False
    return fuzz.partial_ratio(short, long_) >= 90


# A content that opens with a question word or a preposition is a question or a fragment of a misread cue ("into
# question Russia and Japan's positions" from "call into question"); one that opens with "to" is what someone was
# asked, declined or wanted to do ("declined to comment on ...", "wants to block ..."); one that opens with a verb has
# lost its subject ("was across the street from the mosque"). None is a statement.
_NOT_A_CLAUSE_START = frozenset(
    ["whether", "if", "how", "why", "what", "when", "who", "which", "into", "of", "about", "over", "on", "for", "with"]
    + ["to", "is", "are", "was", "were"]
)
# Saying nothing is no assertion: "the agency doesn't comment on pending litigation", "declined to comment"; nor is a
# question left open: "he had no information on whether the building was a mosque", "did not know if ...".
_NO_STANCE_RE = re.compile(
    r"\b(?:not|n't|no|never|declin\w*|refus\w*|without)\W+(?:\w+\W+){0,2}?comment"
    r"|\b(?:not|n't|no|never|unclear|unknown|uncertain)\W+(?:\w+\W+){0,4}?whether\b"
    r"|\b(?:not|n't|no)\W+(?:\w+\W+)?(?:know|sure|clear|certain|say|said|confirm|tell)\W+if\b",
    re.IGNORECASE,
)


def _takes_no_stance(c: ClaimFeatures) -> bool:
    return _no_stance_text(c.claim.content.text if c.claim.content else "")


@lru_cache(maxsize=1 << 16)
def _no_stance_text(text: str) -> bool:
    return _NO_STANCE_RE.search(normalise(text)) is not None


def is_assertion(c: ClaimFeatures) -> bool:
    """Can the content be true or false? Not a fragment ("Meetings with Russian ambassador", "who appears to be
    Kim", "into question the positions", "to comment on the litigation"), an embedded question ("whether he plans to
    step down") nor a statement that takes no stance ("doesn't comment on ...", "no information on whether ...")."""
    return _asserts(c.claim.content.text if c.claim.content else "")


@lru_cache(maxsize=1 << 16)
def _asserts(text: str) -> bool:
    """``is_assertion`` of one content text, read once however many pairs ask."""
    toks = _plain(text).split()
    return len(toks) >= MIN_WORDS and toks[0] not in _NOT_A_CLAUSE_START and not _no_stance_text(text)


def one_passage(a: ClaimFeatures, b: ClaimFeatures) -> bool:
    """Are the two statements one passage of one article (overlapping or nested: "a fake online report that claims
    China will issue ..." and "China will issue ...", one sentence given to two speakers by the parser)? A passage is
    never in conflict with itself."""
    ca, cb = a.claim.content, b.claim.content
    if a.claim.article_id != b.claim.article_id or ca is None or cb is None:
        return False
    return ca.start < cb.end and cb.start < ca.end


def _denies_own_account(a: ClaimFeatures, b: ClaimFeatures) -> bool:
    """Is the subject of the rejecting cue the speaker of the other account ("Kelly called the order lawful" ...
    "Kelly disputed that it is a ban")? The parser may have given the rejection another speaker; the words just before
    the cue say who rejects."""
    for x, y in ((a, b), (b, a)):
        if not y.sentence:
            continue
        fy = _sentence_features(y.sentence)
        if not (fy.rejects or fy.points) or fy.cue is None:
            continue
        subject = set(re.findall(r"[a-z][a-z'’\-]+", normalise(y.sentence[: fy.cue.start]).lower()[-60:]))
        surname = _surname(x.claim.speaker_name) if x.speaker_kind in ("person", "pronoun") else ""
        if surname and surname in subject:
            return True
    return False


def _denier_is_another(a: ClaimFeatures, b: ClaimFeatures) -> bool:
    """Does the subject of one sentence's rejecting cue name someone other than the claim's speaker, someone the other
    sentence names ("Trump accused Biden of ..." / "Biden denied, though Trump said it is on tape", both given to
    Trump)?"""
    for x, y in ((a, b), (b, a)):
        if not (x.sentence and y.sentence) or x.sentence == y.sentence:
            continue
        fy = _sentence_features(y.sentence)
        if not fy.rejects or fy.cue is None:
            continue
        subject = re.findall(r"\b[A-Z][a-z][\w'’\-]*", normalise(y.sentence)[: fy.cue.start][-40:])
        names = {w.lower().removesuffix("'s") for w in subject} - _NOT_NAMES
        if not names or _surname(y.claim.speaker_name) in names:
            continue
        if names & set(re.findall(r"[a-z][\w'’\-]*", normalise(x.sentence).lower())):
            return True
    return False


_NOT_NAMES = frozenset(["but", "and", "the", "on", "in", "however", "earlier", "later", "meanwhile", "mr", "mrs", "ms"])


def _points_elsewhere(y: ClaimFeatures, x: ClaimFeatures) -> bool:
    """Does ``y`` carry a pointing cue ("disputed", "contradicted") with no resolved target that may answer ``x``? Not
    when ``x`` points too, nor when ``y``'s own sentence tells, before the cue, the account it answers ("police
    reports of killings, which the group said its research contradicted")."""
    if not y.points or y.rebuts or x.points:
        return False
    fy = _sentence_features(y.sentence) if y.sentence else None
    if fy is None or fy.cue is None:
        return True
    n = normalise(y.sentence)
    if _DENIALS_RE.match(n[fy.cue.end :]) and not x.rejects:
        return False  # "the report contradicted repeated denials from officials" answers a denial, not this account
    return not _OWN_ACCOUNT_RE.search(n[: fy.cue.start])


def _cue_names_another_statement(y: ClaimFeatures, x: ClaimFeatures) -> bool:
    """Does the object of ``y``'s cue, which points at ``x``'s speaker, say what it rejects in words that ``x`` does not
    use ("rejected Ms Murphy's assertion the company was insolvent" answers that assertion, not her "the dispute would
    not be resolved")? The speaker's name and the statement noun do not count."""
    if not y.sentence:
        return False
    fy = _sentence_features(y.sentence)
    if fy.cue is None:
        return False
    after = normalise(y.sentence)[fy.cue.end :]
    end = _CLAUSE_END_RE.search(after)
    obj = after[: end.start()] if end else after
    speaker = set(content_stems(x.claim.speaker_name))
    kept = " ".join(w for w in re.findall(r"[\w'’\-]+", obj) if not _STATEMENT_NOUN_RE.fullmatch(w.lower()))
    said = {s for s in content_stems(kept) if s not in speaker} - y.names
    return len(said) >= 2 and not (said & x.stems)


_STATEMENT_NOUN_RE = re.compile(
    r"(?:charges?|claims?|accusations?|allegations?|reports?|story|stories|accounts?|suggestions?|assertions?|"
    r"findings?|remarks?|comments?|statements?|versions?|testimony|views?|words?|recollections?|assessments?|ideas?|"
    r"notions?|positions?|arguments?|events?|descriptions?|characteri[sz]ations?|portrayals?|[\w.\-]+'s)"
)
_DENIALS_RE = re.compile(r"^\W*(?:[\w'’\-]+\s+){0,3}?denials?\b", re.IGNORECASE)


def classify_pair(a: ClaimFeatures, b: ClaimFeatures, rules: ConflictRules = DEFAULT_RULES) -> PairVerdict:
    """Do claims ``a`` and ``b`` conflict? The reason and confidence say why (general rules; nothing per page)."""
    # Cheap tests first: most candidate pairs of a corpus share a block but say different things.
    same_article = a.claim.article_id == b.claim.article_id
    same = same_speaker(a, b)
    # one speaker for both may be the parser's error when a denial's own subject is someone the account names ("Trump
    # accused Biden of ..." / "Biden denied, though Trump said ..."): the two sentences are still read
    if same and not (same_article and _denier_is_another(a, b)):
        return PairVerdict(False, explanation="same speaker")
    if one_passage(a, b):
        return PairVerdict(False, explanation="one passage of the article, overlapping or nested")
    if _denies_own_account(a, b):
        return PairVerdict(False, explanation="the one who rejects is the other account's speaker")
    if a.original == b.original and a.claim.article_id != b.claim.article_id:
        return PairVerdict(False, explanation="copies of one article")
    explicit = a.claim.id in b.rebuts or b.claim.id in a.rebuts
    # Within one article, "X denied the charges" rejects the account an earlier sentence gives on someone else's word;
    # the speakers differ (checked above), so the denier is the other side, not the accuser denying twice.
    if not explicit and same_article and a.sentence and b.sentence and a.sentence != b.sentence:
        verdict = classify_sentences(a.sentence, b.sentence)
        fb = _sentence_features(b.sentence)
        b_rejects = fb.rejects or fb.points or (_is_verdict(b.sentence) and not _is_verdict(a.sentence))
        account, rejecting = (a, b) if b_rejects else (b, a)
        ca, cr = account.claim.content, rejecting.claim.content
        # the account comes first and close by: "denied the charges" looks back a few sentences, not across the page;
        # its statement must assert something (not "was across the street ..."), and the rejecting one take a stance
        # (not "he had no information on whether ...")
        close = ca is not None and cr is not None and 0 <= cr.start - ca.end <= MAX_ACCOUNT_DISTANCE
        if verdict.conflict and close and is_assertion(account) and not _takes_no_stance(rejecting):
            if verdict.reason == "explicit_cue":
                verdict.anaphor_of = (f"{rejecting.claim.article_id}:{rejecting.sentence}", ca.start)
            return verdict
    if same:
        return PairVerdict(False, explanation="same speaker")
    if not explicit:
        counts = _different_counts(a, b, rules)
        if counts:
            return PairVerdict(True, "figures", rules.count_confidence, f"different figures for one count ({counts})")
        for x, y in ((a, b), (b, a)) if rules.weak_polarity else ():
            gone = _denied_existence(x, y) or _negated_predicate(x, y, rules)
            if gone:
                return PairVerdict(True, "polarity", rules.existence_confidence, f"'{gone}' of what the other asserts")
    sim = similarity(a.stems, b.stems)
    pointing = _points_elsewhere(a, b) or _points_elsewhere(b, a)
    if not explicit and not (pointing and sim >= rules.pointing_min_similarity):
        shared = len(a.stems & b.stems)
        jaccard = shared / len(a.stems | b.stems) if a.stems or b.stems else 0.0
        if shared < rules.min_shared or jaccard < rules.min_jaccard:
            return PairVerdict(False, explanation=f"too little in common ({shared} words, Jaccard {jaccard:.2f})")
    if same_statement(a, b):
        return PairVerdict(False, explanation="the same statement reported twice")
    if not explicit and not (is_assertion(a) and is_assertion(b)):
        return PairVerdict(False, explanation="a fragment or a question, not an assertion")
    # An explicit cue that points at the other statement is the strongest evidence, whatever the wording overlap; but
    # a cue names a speaker, and which of their statements it answers is a guess when the two share no word about
    # what they say ("rejected Ms Murphy's assertion the company was insolvent" and her "the dispute would not be
    # resolved"), so that guess ranks below a conflict on the same proposition.
    for x, y in ((a, b), (b, a)):
        if x.claim.id in y.rebuts and min(len(x.stems), len(y.stems)) >= MIN_STEMS:
            if _cue_names_another_statement(y, x):
                return PairVerdict(False, explanation="the cue names what it rejects, and this statement says other")
            if x.claim.polarity != y.claim.polarity and sim >= rules.same_proposition:
                conf = 0.95
            else:
                conf = 0.85 if (a.stems & b.stems) - a.names - b.names else rules.unconfirmed_target_confidence
            cue = y.cue.text if y.cue else "a contradiction cue"
            return PairVerdict(True, "explicit_cue", conf, f"{y.claim.speaker_name} '{cue}' {x.claim.speaker_name}")
    for x, y in ((a, b), (b, a)):
        if _points_elsewhere(y, x) and sim >= rules.pointing_min_similarity:
            cue = y.cue.text if y.cue else "a contradiction cue"
            return PairVerdict(True, "explicit_cue", round(0.55 + 0.4 * sim, 3), f"'{cue}' with the other account")
    if explicit:  # the cue's target is too thin a statement (see MIN_STEMS)
        return PairVerdict(False, explanation="an explicit cue, but one side is too short to be an account")
    if len((a.stems & b.stems) - a.names - b.names) < rules.min_shared_terms:
        return PairVerdict(False, explanation="they share names, not what they say about them")
    opposite = a.claim.polarity != b.claim.polarity and _said_polarity(a, b) != _said_polarity(b, a)
    if opposite and _rejected_similarity(a, b) >= rules.polarity_min_similarity:
        rejecting = a if a.rejects else b if b.rejects else None
        if rejecting is not None and rejecting.cue is not None:
            how = f"{rejecting.claim.speaker_name} '{rejecting.cue.text}' what the other asserts"
        else:
            how = "one asserts what the other negates"
        return PairVerdict(True, "polarity", round(0.5 + 0.45 * sim, 3), how)
    if sim >= rules.figures_min_similarity:
        diff = _different_figures(a, b, rules)
        if diff:
            return PairVerdict(True, "figures", round(0.45 + 0.4 * sim, 3), f"different figures ({diff})")
        if a.dates and b.dates and not (a.dates & b.dates):
            da, db = sorted(a.dates)[0], sorted(b.dates)[0]
            return PairVerdict(True, "dates", round(0.4 + 0.4 * sim, 3), f"different dates ({da} vs {db})")
    return PairVerdict(False, explanation=f"similarity {sim:.2f}, polarity {a.claim.polarity}/{b.claim.polarity}")


# Where a clause ends inside a statement: punctuation, a conjunction, a subordinator, a comparison or a relative clause
# ("... and that there is no prognosis", "... if he did not pay", "... than those who had not", "a serious man who
# nobody really knew").
_PHRASE_END_RE = re.compile(
    r"[,;:()\[\]]|\s[-–—]+\s|[.!?][\"']?\s+"
    r"|\s(?:and|but|if|unless|because|while|though|although|whereas|since|than|who|whom|which)\s",
    re.IGNORECASE,
)


def _said_polarity(c: ClaimFeatures, other: ClaimFeatures) -> int:
    """The polarity of what a plain assertion says about what both claims share: read from the clause that holds most
    shared words, so that an aside, a condition or a second clause does not flip it ("X spoke twice with the
    ambassador, encounters he did not disclose" asserts the meetings; so do "she would tell his wife if he did not pay"
    and "No Nexit. The anti-EU right has lost" of what they share). A rejection keeps the polarity its cue gives it
    when it rejects a proposition, not when it refuses a thing ("rejects some or many of his proposed cuts")."""
    text = c.claim.content.text if c.claim.content else ""
    if c.rejects:
        return c.claim.polarity if _is_proposition(normalise(text), c.cue.text if c.cue else "") else -c.claim.polarity
    if not text:
        return c.claim.polarity
    shared = (c.stems & other.stems) - c.names - other.names
    phrases = _PHRASE_END_RE.split(normalise(text))
    return polarity(max(phrases, key=lambda p: len(shared & set(content_stems(p)))))


def _rejected_similarity(a: ClaimFeatures, b: ClaimFeatures) -> float:
    """Similarity of two claims where a rejecting claim counts only the clause it rejects: "X denied she killed him
    on purpose, saying she believed it was a prank" opposes "she killed him", not "she believed it was a prank"."""
    stems = []
    for c in (a, b):
        text = c.claim.content.text if c.claim.content else ""
        end = _CLAUSE_END_RE.search(text) if c.rejects else None
        stems.append(frozenset(content_stems(text[: end.start()])) if end else c.stems)
    return similarity(stems[0], stems[1])


def _conflict_id(a: str, b: str) -> str:
    return "c:" + hashlib.sha1(f"{min(a, b)}|{max(a, b)}".encode()).hexdigest()[:16]


def make_conflict(a: ClaimFeatures, b: ClaimFeatures, verdict: PairVerdict) -> Conflict:
    """The Conflict record for a pair the classifier accepted (``a`` the earlier account when dates are known)."""
    if (b.claim.time or "") < (a.claim.time or "") or (b.claim.id in a.rebuts):
        a, b = b, a
    cue = b.cue if verdict.reason == "explicit_cue" or b.rejects else a.cue if a.rejects else None
    return Conflict(
        id=_conflict_id(a.claim.id, b.claim.id),
        claim_a=a.claim.id,
        claim_b=b.claim.id,
        reason=verdict.reason,
        confidence=verdict.confidence,
        topic=a.claim.topic if a.claim.topic in b.topics else (set(a.topics) & set(b.topics) or {a.claim.topic}).pop(),
        evidence_a=a.claim.content,
        evidence_b=b.claim.content,
        article_a=a.claim.article_id,
        article_b=b.claim.article_id,
        cue=cue,
        explanation=verdict.explanation,
    )


def conflicts_among(
    claims: list[ClaimFeatures],
    rules: ConflictRules = DEFAULT_RULES,
    pairs: Iterable[tuple[int, int]] | None = None,
) -> list[tuple[Conflict, ClaimFeatures, ClaimFeatures]]:
    """Conflicts between claims of a list: explicit rebuttals, then every blocked candidate pair (``pairs`` when the
    caller computed them already)."""
    by_id = {c.claim.id: i for i, c in enumerate(claims)}
    explicit: set[tuple[int, int]] = set()
    for j, c in enumerate(claims):  # explicit rebuttals link claims that may share no block (no common words)
        for target in c.rebuts:
            i = by_id.get(target)
            if i is not None and i != j:
                explicit.add((min(i, j), max(i, j)))
    blocked = candidate_pairs(claims) if pairs is None else pairs
    out = []
    # the blocked pairs are streamed (never held), the few explicit ones first; each pair is classified once
    nearest: dict[str, int] = {}  # a denial that points back ("denied the charges") answers the nearest account only
    anaphoric: dict[str, tuple[str, int]] = {}
    for i, j in itertools.chain(sorted(explicit), (p for p in blocked if p not in explicit)):
        a, b = claims[i], claims[j]
        verdict = classify_pair(a, b, rules)
        if verdict.conflict and verdict.confidence >= rules.min_confidence:
            conflict = make_conflict(a, b, verdict)
            first, second = (a, b) if conflict.claim_a == a.claim.id else (b, a)
            out.append((conflict, first, second))
            if verdict.anaphor_of is not None:
                key, start = verdict.anaphor_of
                anaphoric[conflict.id] = verdict.anaphor_of
                nearest[key] = max(nearest.get(key, -1), start)
    out = [t for t in out if t[0].id not in anaphoric or nearest[anaphoric[t[0].id][0]] == anaphoric[t[0].id][1]]
    # A report that wraps a statement ("a source said the Russian side informed Japan that ...") conflicts with
    # whatever the statement conflicts with; keep only the statement itself, the more precise account.
    by_pair = {(c.claim_a, c.claim_b) for c, _, _ in out} | {(c.claim_b, c.claim_a) for c, _, _ in out}
    children = {c.parent: c.claim.id for c in claims if c.parent}
    out = [
        t
        for t in out
        if not any(
            (children.get(x) and (children[x], y) in by_pair)
            for x, y in ((t[0].claim_a, t[0].claim_b), (t[0].claim_b, t[0].claim_a))
        )
    ]
    out.sort(key=lambda t: (-t[0].confidence, t[0].id))
    return out


def find_conflicts(
    items: Iterable[tuple[Article, EnrichedArticle]], rules: ConflictRules = DEFAULT_RULES
) -> list[Conflict]:
    """Conflicting accounts across the given enriched articles (a library call; nothing is stored)."""
    claims = list(iter_claims(items))
    return [c for c, _, _ in conflicts_among(claims, rules)]


def conflict_record(conflict: Conflict, a: ClaimFeatures, b: ClaimFeatures) -> dict[str, Any]:
    """A conflict as stored: the Conflict fields plus speakers, topics and dates for querying without joins."""
    data = conflict.to_dict()
    data.update(
        speaker_a=a.claim.speaker,
        speaker_b=b.claim.speaker,
        speaker_name_a=a.claim.speaker_name,
        speaker_name_b=b.claim.speaker_name,
        date_a=a.claim.time,
        date_b=b.claim.time,
        outlet_a=a.outlet,
        outlet_b=b.outlet,
        topics=sorted(set(a.topics) | set(b.topics)),
    )
    return data


@dataclass(slots=True)
class AnalysisSummary:
    articles: int
    claims: int
    groups: int
    conflicts: int

    def lines(self) -> list[str]:
        return [
            f"{self.articles} articles, {self.claims} claims, {self.groups} claim groups, {self.conflicts} conflicts"
        ]


def analyse(store: Any, *, since: str | None = None, until: str | None = None) -> AnalysisSummary:
    """Extract claims from the stored enriched articles, group them, find conflicts, and persist all three.

    With a date range only that range is recomputed and its records are upserted (others are kept); without one every
    record of the three kinds is replaced.
    """
    n_articles = 0

    def counted() -> Iterable[tuple[Article, EnrichedArticle]]:
        nonlocal n_articles
        for item in store.iter_enriched(since=since, until=until):
            n_articles += 1
            yield item

    claims = list(iter_claims(counted()))
    # the candidate pairs are generated twice rather than held: memory stays linear in the number of claims
    groups = group_claims(claims)
    found = conflicts_among(claims)
    write = store.put_records if (since or until) else store.replace_records
    write(CLAIMS, ((c.claim.id, c.to_record()) for c in claims))
    write(CLAIM_GROUPS, ((g.id, g.to_record()) for g in groups))
    write(CONFLICTS, ((c.id, conflict_record(c, a, b)) for c, a, b in found))
    return AnalysisSummary(n_articles, len(claims), len(groups), len(found))


def query_conflicts(
    store: Any,
    *,
    entity: str | None = None,
    topic: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    min_confidence: float = 0.0,
) -> list[dict[str, Any]]:
    """Stored conflicts, filtered: ``entity`` matches either speaker or a topic (key, name or alias); ``topic`` a topic.

    Dates filter on the later of the two accounts. Newest first, then by confidence.
    """
    from presswatch.analysis.identity_adapter import matcher_for

    ent = matcher_for(entity) if entity else None
    top = matcher_for(topic) if topic else None
    out = []
    for _, rec in store.get_records(CONFLICTS):
        if rec.get("confidence", 0) < min_confidence:
            continue
        date = max(rec.get("date_a") or "", rec.get("date_b") or "")
        if date_from and date and date[:10] < date_from:
            continue
        if date_to and date and date[:10] > date_to:
            continue
        if ent is not None:
            hay = [rec.get("speaker_a"), rec.get("speaker_b"), rec.get("speaker_name_a"), rec.get("speaker_name_b")]
            if not any(ent(h) for h in hay + list(rec.get("topics", []))):
                continue
        if top is not None and not any(top(t) for t in rec.get("topics", []) + [rec.get("topic")]):
            continue
        out.append(rec)
    out.sort(key=lambda r: (max(r.get("date_a") or "", r.get("date_b") or ""), r.get("confidence", 0)), reverse=True)
    return out


# ---------------------------------------------------------------------------------------------------------------------
# Two bare sentences (no enrichment, no speakers): the setting of the labelled pairs in eval/conflicts.

# The sentence that is rejected must assert something on someone's word (an accusation, a report, a claim, a finding)
# and not be a denial itself.
_FRAME_RE = re.compile(
    r"\b(accus\w*|alleg\w*|claim\w*|report\w*|suggest\w*|say|says|said|according|believ\w*|told|is considered|"
    r"revealed|published|found|investigat\w*|sued|promised|maintains|blam\w*|charged|indicted|"
    # a suspicion, a charge or a fear held by someone is an account too ("The US suspects Lisov of ...", "He faces
    # charges of ...", "Turkey considers the YPG an arm of the PKK", "the news that ...", "fears of Russia's ambitions")
    r"suspect(?:s|ed)?\s+(?:[\w'’\-]+\s+){1,4}?of|consider(?:s|ed)\s+(?:[\w'’\-]+\s+){1,4}?(?:an?|the|to\s+be)|"
    r"news\s+(?:that|of)|fears?\s+(?:of|that)|faces?\s+(?:\w+\s+)?charges|charges\s+(?:of|that|against)|convicted|"
    r"insist\w*|argu(?:e|es|ed)|assert\w*|testif\w*|conclud\w*|speculat\w*|rumou?r\w*)\b",
    re.IGNORECASE,
)
# "continues to dispute media reports", "disputes that ...": the bare verb, which the cue vocabulary leaves out (as a
# word it is mostly the noun, "the island dispute"), makes a sentence a rejection too, not an account to reject.
_BARE_DISPUTE_RE = re.compile(
    r"\b(?:to|does|do|did|will|would|they|we)\s+(?:\w+ly\s+)?dispute\b|\bdisputes\s+(?:that|the|media|reports?|claims?)\b",
    re.IGNORECASE,
)
# a dispute asked of someone else is none made ("asked the FBI to publicly dispute reports about ...")
_ASKED_TO_DISPUTE_RE = re.compile(
    r"\b(?:asked|asks|urged|urges|called\s+on|pressed|wants?|wanted)\s+(?:[\w'’\-]+\s+){0,3}to\s+(?:\w+ly\s+)?dispute\b",
    re.IGNORECASE,
)
# What the rejecting verb takes as its object refers back to the other account: "denied the charges", "rejected the
# allegations", "dismissed the claim", "denied any involvement".
_ANAPHOR_NOUN = (
    r"(?:charges?|claims?|accusations?|allegations?|reports?|stories|story|account|suggestions?|assertion|"
    # not "the idea": what is dismissed as one is seldom an account
    r"findings?|remarks?|comments?|statements?|version|testimony|speculation|agreement|rumou?rs?|news|message|"
    r"recollection|assessment)"
)
_ANAPHOR_RE = re.compile(
    # "denied the charges", "rejected Malaysian police's account", "disputed elements of the story"
    r"^\W*(?:(?:elements|parts|details|aspects)\s+of\s+)?(?:all\s+(?:of\s+)?(?=the|those|these|his|her|their|its))?"
    r"(?:(?:the|those|these|this|such|all|his|her|their|its)\s+)?(?:other\s+)?"
    r"(?:[A-Z][\w.]*\s+){0,3}?(?:(?P<owner>\w+)(?:'s|’s|s'|s’)\s+)?(?:such\s+)?" + _ANAPHOR_NOUN + r"\b"
    # "denied any involvement", "denied responsibility for the bombing"
    r"|^\W*(?:having\s+)?(?:(?:any|all)\s+)?(?:such\s+)?(?:\w+\s+)?(?:involvement|wrongdoing|responsibility)\b"
    r"|^\W*(?:having\s+)?(?:any|all)\s+(?:such\s+)?(?:\w+\s+)?(?:role|contacts?|knowledge|agreement|unrest|"
    r"allegations?|charges?)\b"
    # "denied a connection between ...", "denied the existence of the squad", "dismissed its influence"
    r"|^\W*(?:an?y?|the)\s+(?:\w+\s+)?(?:connections?|links?|existence)\b|^\W*(?:its|his|her|their)\s+influence\b"
    # "denied it.", "Biden denied, though ...": the object is the account just given
    r"|^\W*(?:this|it)\W*$|^\s*[,.;]"
    # "denied Phillips made the remark", "denied Mr Brown made that quote"
    r"|^\W*(?:[\w.]+\s+){1,3}(?:made|said|gave)\s+(?:the|that|this|such|those)\s+(?:remarks?|quotes?|comments?|"
    r"statements?|claims?)\b",
)
# "denied any involvement", "denied wrongdoing": the denial names no account, so the other sentence must accuse someone
# ("He will be deported, Ali said." is no account that "North Korea denies responsibility" answers).
_BARE_ANAPHOR_RE = re.compile(
    r"^\W*(?:having\s+)?(?:(?:any|all)\s+)?(?:such\s+)?(?:\w+\s+)?(?:involvement|wrongdoing|responsibility|role|"
    r"contacts?|knowledge|unrest)\b"
    r"|^\W*(?:an?y?|the)\s+(?:\w+\s+)?(?:connections?|links?|existence)\b|^\W*(?:its|his|her|their)\s+influence\b"
)
_ACCUSATION_RE = re.compile(
    r"\b(?:accus|alleg|claim|report|suspect|blam|charg|indict|believ|behind|responsib|involv|order|implicat|link)\w*",
    re.IGNORECASE,
)
_ACCUSED_OF_RE = re.compile(r"\b(?:accus|alleg|suspect|charg)\w*\s+(?:[\w'’\-]+\s+){0,4}?of\b", re.IGNORECASE)
# "rejected the request for the FBI to comment": refusing a request, offer or proposal is an action, not a denial
_REQUEST_RE = re.compile(
    r"^\W*(?:(?:the|a|an|this|that|his|her|their|its|any)\s+)?(?:\w+\s+)?(?:requests?|offers?|proposals?|"
    r"invitations?|pleas?|appeals?|applications?|bids?|demands?)\b"
)
# The rejected object ends with its clause: "denied he had an affair and refused to step down, saying ..." rejects
# "he had an affair" only.
_CLAUSE_END_RE = re.compile(
    r"[,;:()\[\]]|\s(?:and|but|saying|adding|insisting|though|although|while|amid|after|because|when)\s"
)
SENTENCE_OBJECT_OVERLAP = 0.5  # share of the rejected object's words found in the other sentence (tuned on dev)
# An accusation, claim or report told in the rejecting sentence itself, before its cue ("Bahrain accused Iran of arming
# militants, something Tehran dismissed"; "accuses it of anti-Semitism - a claim activists deny"): the denial answers
# its own sentence, so an anaphor in it does not reach back to another one.
_OWN_NOUN_RE = re.compile(r"\b(?:accus|alleg|claim|charg|suggest|report|blam)\w*", re.IGNORECASE)
_OWN_ACCOUNT_RE = re.compile(
    # "The claims angered London, and GCHQ rejected the allegations": a noun after a determiner names an account told
    # elsewhere, not one told here
    r"(?<!\bthe )(?<!\bthese )(?<!\bthose )(?<!\bsuch )(?<!\bthis )(?<!\bthat )\b(?:accus|alleg|claim|charg|suggest|"
    r"report|blam)\w*",
    re.IGNORECASE,
)
# "denied all possible allegations concerning the talks on ...": the noun names its matter, which the other account
# must be about
_MATTER_RE = re.compile(r"\s*(?:concerning|regarding|about|over|of|into|in|on)\s+(?P<matter>[^,.;]+)", re.IGNORECASE)
# "rejected suggestions by Beijing that ...", "dismissed claims that ...": the noun names its content, no anaphor.
_NAMED_CONTENT_RE = re.compile(
    r"\s*(?:(?:made\s+)?(?:by|from|of)\s+[^,.;]{1,60}?)?,?\s+that\s+(?P<clause>.*)", re.DOTALL
)
# A rejected thing, not a proposition: "rejected the constitution", "denying a certain try", "denied their rights".
# An object that opens with a determiner is a proposition only when a verb follows ("denied the decision would ...").
_DETERMINER_RE = re.compile(r"^\W*(?:the|a|an|his|her|their|its|this|these|those|some|our|my|your)\b", re.I)
# "denied any links" denies that they exist; "rejected any tariff rise" refuses one
_ANY_RE = re.compile(r"^\W*(?:any|all)\b", re.IGNORECASE)
_VERB_SOON_RE = re.compile(
    r"^\W*(?:\S+\s+){1,5}?(?:is|was|were|are|be|been|had|has|have|would|will|could|can|did|does|should|might|may|"
    r"must)\b",
    re.IGNORECASE,
)
_CLAUSE_START_RE = re.compile(
    r"^\W*(?:\w+ly\s+|ever\s+)?(?!(?:funding|financing|spending|building|housing|training|shipping|clothing|"
    r"warning|ruling|hearing|briefing|offering|bombing|killing|shooting)\b)"
    r"(?:that|he|she|it|they|we|i|you|there|any|all|\w+ing|knowledge|involvement|"
    r"responsibility|wrongdoing|links?|contacts?|ties)\b"
    # "dismissed NATO as obsolete", "rejects Karlsson's view of their country"
    r"|^\W*(?:[\w'’\-]+\s+){1,4}?as\s"
    r"|^\W*(?:[A-Z][\w.\-]*\s+){0,3}[A-Z][\w.\-]*(?:'s|’s)\s+(?:\w+\s+)?(?:" + _ANAPHOR_NOUN + r"|views?)\b"
    r"|^\W*(?:[A-Z][\w.'’\-]*\s+){1,3}(?:\w+ed|made|said|gave|told|knew|met|paid|took|sent|had|was|were|is|are|"
    r"did|would|will|could)\b"
)


def _tells_own_account(before: str, anaphor: str) -> bool:
    """Does the rejecting sentence tell, before its cue, the account it rejects? A verb does ("Bahrain accused Iran
    ..., something Tehran dismissed"); so does a noun ("the reports identify individuals ... who denied any
    involvement"), unless the cue's object names an account itself ("The claims angered London, and GCHQ rejected the
    allegations": the claims and the allegations are one account, told elsewhere)."""
    if _OWN_ACCOUNT_RE.search(before):
        return True
    return bool(_BARE_ANAPHOR_RE.match(anaphor)) and _OWN_NOUN_RE.search(before) is not None


def _names_other_matter(rest: str, other: frozenset[str]) -> bool:
    """Does the rejected account name its matter ("allegations concerning the talks on the transfer of players") with
    none of the other sentence's words?"""
    m = _MATTER_RE.match(rest)
    if not m:
        return False
    matter = set(content_stems(m.group("matter"))[:6])
    return len(matter) >= 3 and not (matter & other)


# A rejection with no rejecting verb: a verdict on an account just given ("'It is absolutely not true,' Arnesen told
# the radio", "these claims are ridiculous and should be ignored", "GCHQ said the claim was nonsense").
_VERDICT_RE = re.compile(
    r"^\W*(?:[\w'’\-]+\s+){0,3}?(?:says?|said|told\s+\w+|insists?|insisted)?\s*\W*"
    r"(?:(?:it|this|that)|(?:these|those|the|such|all\s+the|all\s+these)\s+(?:[\w'’\-]+\s+)?"
    r"(?:claims?|allegations?|reports?|accusations?|suggestions?|stories|story|assertions?|charges?|rumou?rs?))\s+"
    r"(?:is|are|was|were)(?:n't)?\s+(?:\w+ly\s+|all\s+|just\s+)?"
    r"(?:not\s+(?:\w+ly\s+)?true|untrue|false|nonsense|ridiculous|baseless|unfounded|groundless|fabricated|lies|"
    r"a\s+lie|fake\s+news)\b"
    r"|^\W*that'?s\s+(?:\w+ly\s+)?(?:not\s+true|untrue|false|nonsense|a\s+lie)\b",
    re.IGNORECASE,
)


# A verdict that names what it judges, anywhere in its sentence: "Victor Conte's allegations are not true", "recent
# allegations made by ... Napolitano about GCHQ ... are nonsense", "Cummings called Sessions' claim ... 'demonstrably
# false'", "the report, which British intelligence blasted as 'nonsense'", "the incorrect assertion that NATO countries
# owe vast sums", "he has repeatedly referred to them as 'fake news'", "Fox News has 'no evidence of any kind'".
_FALSE_WORDS = (
    r"(?:not\s+(?:\w+ly\s+)?true|untrue|false|nonsense|wrong|incorrect|inaccurate|baseless|unfounded|groundless|"
    r"ridiculous|absurd|fabricat\w+|lies|a\s+lie|fake\s+news|rubbish)"
)
_VERDICT_ON_RE = re.compile(
    r"\b(?:claims?|allegations?|accusations?|reports?|assertions?|suggestions?|stories|story|charges?|comments?)\b"
    r"[^.;!?]{0,160}?\s(?:is|are|was|were)\s+(?:\w+ly\s+|all\s+|just\s+|simply\s+)?" + _FALSE_WORDS + r"\b"
    r"|\b(?:called|calling|calls|described|describing|blasted|branded|labell?ed|termed|referred\s+to)\s+"
    r"[^.;!?]{0,160}?[\s\"'](?:as\s+)?[\"']?(?:\w+ly\s+)?" + _FALSE_WORDS + r"\b"
    r"|\b(?:incorrect|false|erroneous|untrue|baseless|unfounded|bogus)\s+(?:assertions?|claims?|allegations?|"
    r"suggestions?|reports?)\s+that\b"
    r"|\bno\s+evidence\s+of\s+any\s+kind\b|\bcould\s+not\s+substantiate\b"
    r"|\bdespite\s+what\s+you\s+(?:have\s+)?(?:heard|read|seen)\b",
    re.IGNORECASE,
)
_NOUN_THAT_RE = re.compile(
    r"\b(?:claims?|allegations?|accusations?|reports?|assertions?|suggestions?|charges?)\b[^.;!?]{0,60}?\bthat\s+"
    r"(?P<clause>[^.;!?]+)",
    re.IGNORECASE,
)
VERDICT_MIN_SHARED = 2  # words a named verdict shares with the account it judges (names count: "Conte's allegations")


def _is_verdict(text: str) -> bool:
    n = normalise(text)
    return _VERDICT_RE.search(n) is not None or _VERDICT_ON_RE.search(n) is not None


def _named_verdict(a: str, b: str, fa: ClaimFeatures, fb: ClaimFeatures) -> PairVerdict:
    """One sentence calls an account false in words that name it ("Conte's allegations are not true", "the claims of
    lawlessness ... are just wrong"), the other gives that account on someone's word and shares its words; not when
    the verdict judges an account its own sentence tells before it ("Bahrain accused Iran of ..., allegations Iran
    says are false")."""
    for xt, yt, fx, fy in ((a, b, fa, fb), (b, a, fb, fa)):
        ny = normalise(yt)
        m = _VERDICT_ON_RE.search(ny)
        if m is None or _is_verdict(xt) or not _FRAME_RE.search(xt) or _OWN_ACCOUNT_RE.search(ny[: m.start()]):
            continue
        shared = (fx.stems | fx.names) & (fy.stems | fy.names)
        named = _NOUN_THAT_RE.search(ny)
        if named:  # "the board's claim that the bay was clean is false" judges that clause, not any account
            shared = set(content_stems(named.group("clause"))) & (fx.stems | fx.names)
        if len(shared) >= VERDICT_MIN_SHARED:
            return PairVerdict(True, "explicit_cue", 0.7, f"'{' '.join(m.group(0).split()[-6:])}' of the other account")
    return PairVerdict(False, explanation="no rejecting or contradicting verb, no verdict on the other account")


def _verdict_without_verb(a: str, b: str, fa: ClaimFeatures, fb: ClaimFeatures) -> PairVerdict:
    """Two sentences with no rejecting verb conflict when one calls an account false with no verb ("It is absolutely
    not true") and the other gives an account on someone's word; the verdict must not judge its own sentence's
    account ("Trump's claim that ... is false")."""
    for xt, yt in ((a, b), (b, a)):
        m = _VERDICT_RE.search(normalise(yt))
        if m is None or _VERDICT_RE.search(normalise(xt)) or not _FRAME_RE.search(xt):
            continue
        if _OWN_NOUN_RE.search(normalise(yt)[: m.start()]) or _NAMED_CONTENT_RE.match(normalise(yt)[m.end() :]):
            continue
        if re.match(r"\s*(?:that|to)\b", normalise(yt)[m.end() :]):
            continue  # "it is false that ...", "it is not true to say ...": the verdict names its own object
        return PairVerdict(True, "explicit_cue", 0.75, f"'{m.group(0).strip()}' of the other account")
    return _named_verdict(a, b, fa, fb)


def _clause_polarity(text: str, terms: set[str]) -> int:
    """The polarity of the clause of ``text`` that holds most of ``terms``: in "the Kremlin is not shying away from
    such actions, even after allegations that Russia tried to interfere", the allegation is asserted, not negated."""
    bounds = [0] + [m.start() for m in _CLAUSE_END_RE.finditer(text)] + [len(text)]
    clauses = [text[s:e] for s, e in itertools.pairwise(bounds)]
    # on a tie, the clause that tells an account on someone's word ("..., even after allegations that Russia tried to
    # interfere") is the one a rejection answers
    best = max(clauses, key=lambda c: (len(terms & set(content_stems(c))), _FRAME_RE.search(c) is not None))
    return polarity(best)


def _is_proposition(obj: str, verb: str) -> bool:
    """Can the object of a rejecting verb be true or false ("that the building was a mosque", "he had an affair",
    "being leaned on", "the decision would suggest ...", "denied any links"), rather than be a thing refused or
    blocked ("rejected any tariff increases")?"""
    if _ANY_RE.match(obj) and not verb.lower().startswith("den"):
        return False
    if _DETERMINER_RE.match(obj):
        return _VERB_SOON_RE.match(obj) is not None
    # a clause ("he had an affair", "that ...", "being leaned on", "any links") or a name with its verb ("Phillips made
    # the remark"); not a bare noun ("rejected independence from the UK", "has denied India access for years")
    return _CLAUSE_START_RE.match(obj) is not None or _VERB_SOON_RE.match(obj) is not None


@lru_cache(maxsize=1 << 17)  # every sentence of a large analysis: 8,192 thrashed and re-read each one ~9 times
def _sentence_features(text: str) -> ClaimFeatures:
    """A sentence read as a bare claim; cached because one sentence meets many others in a block."""
    return statement_features(text, id="s")


def classify_sentences(a: str, b: str) -> PairVerdict:
    """Do two sentences give conflicting accounts? One must reject (deny, dismiss, dispute ...) what the other asserts
    on someone's word: either by an anaphor ("denied the charges") or by naming it again (most of the rejected
    object's words are in the other sentence, with opposite polarity). Thresholds tuned on the dev half only."""
    fa, fb = _sentence_features(a), _sentence_features(b)
    if not (fa.rejects or fa.points or fb.rejects or fb.points):
        return _verdict_without_verb(a, b, fa, fb)
    x, y, xt, yt = (fa, fb, a, b) if (fb.rejects or fb.points) else (fb, fa, b, a)
    disputes = _BARE_DISPUTE_RE.search(xt) is not None and not _ASKED_TO_DISPUTE_RE.search(xt)
    if x.rejects or x.points or not _FRAME_RE.search(xt) or disputes:
        return PairVerdict(False, explanation="the other sentence is no account to reject")  # two rejections agree
    n = normalise(yt)
    m = find_cue(n, CONTRADICTION_WORDS)
    after = n[m.end() :] if m else ""
    anaphor = _ANAPHOR_RE.match(after)
    named = _NAMED_CONTENT_RE.match(after, anaphor.end()) if anaphor else None
    if m is not None and is_ruling(n[: m.start()]):
        return PairVerdict(False, explanation=f"'{m.group(0)}' a ruling on a claim, not an account")
    if anaphor and m is not None and answers_own_clause(n[: m.start()], after):
        return PairVerdict(False, explanation=f"'{m.group(0)}' answers what its own sentence tells")
    if named:  # "dismissed claims that X": X is what is rejected, read like "denied that X"
        after = named.group("clause")
    elif anaphor and m is not None and _tells_own_account(n[: m.start()], anaphor.group(0)):
        return PairVerdict(False, explanation=f"'{m.group(0)}' answers the account in its own sentence")
    elif anaphor and anaphor.group("owner") and stem(anaphor.group("owner")) not in content_stems(xt):
        return PairVerdict(False, explanation=f"'{m.group(0)}' {anaphor.group('owner')}'s account, not this one")
    elif anaphor and _BARE_ANAPHOR_RE.match(anaphor.group(0)) and not _ACCUSATION_RE.search(xt):
        return PairVerdict(False, explanation=f"'{m.group(0)}' involvement, but the other sentence accuses no one")
    elif anaphor and _names_other_matter(after[anaphor.end() :], x.stems):
        return PairVerdict(False, explanation=f"'{m.group(0)}' {anaphor.group(0).strip()} on another matter")
    elif anaphor:
        return PairVerdict(True, "explicit_cue", 0.8, f"'{m.group(0)}' refers back to the other account")
    if _REQUEST_RE.match(after):
        return PairVerdict(False, explanation=f"'{m.group(0)}' a request or an offer: an action refused, no account")
    end = _CLAUSE_END_RE.search(after)
    rejected = after[: end.start()] if end else after
    if not named and not _is_proposition(rejected, m.group(0)):
        return PairVerdict(False, explanation=f"'{m.group(0)}' a thing refused or blocked, not a statement")
    obj = set(content_stems(rejected)[:10])
    overlap = len(obj & x.stems) / max(1, len(obj))
    # The rejection asserts the opposite of its clause ("denied he had an affair" says he had none), whatever the rest
    # of the sentence negates ("..., saying there were no grounds").
    asserted = -polarity(rejected)
    # one word in common ("dismissed the matter") does not name the other account
    # one word names the account only when that account accuses someone of it ("accused of having an affair" / "denied
    # he had an affair")
    named_once = len(obj) == 1 and overlap == 1 and _ACCUSED_OF_RE.search(xt) is not None
    if (len(obj) >= 2 or named_once) and overlap >= SENTENCE_OBJECT_OVERLAP and _clause_polarity(xt, obj) != asserted:
        return PairVerdict(True, "polarity", round(0.5 + 0.4 * overlap, 3), f"'{m.group(0)}' what the other asserts")
    return PairVerdict(False, explanation=f"object overlap {overlap:.2f}")
