"""Small text tools shared by the analysis modules: content terms, a light stemmer, negation, figures, slugs.

These work on plain strings, without a parser, because analysis runs over the whole corpus: a claim is compared with
many others and must be cheap to featurise. The per-article parse already happened in ``enrich``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d+(?:[.,]\d+)*")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "„": '"', "«": '"', "»": '"'})

_STOPWORDS_TEXT = """
    a about above after again against all also am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her here
    hers herself him himself his how i if in into is it its itself just me more most my myself of off on once only
    or other our ours ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours yourself yourselves mr mrs ms dr said says say saying
    told tell tells added adds according statement statements stated stating claimed claiming claim claims noted
    notes note stressed stressing insisted insisting would might may must shall one two its it's that's there's s
    t -
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

# Words that negate the clause they sit in. "not only" is handled apart: it does not negate.
_NEGATORS_TEXT = (
    "not no never n't none nothing nobody neither nor without cannot can't won't didn't doesn't don't isn't wasn't "
    "weren't aren't hasn't haven't hadn't couldn't wouldn't shouldn't"
)
NEGATORS = frozenset(_NEGATORS_TEXT.split())


# Verbs that, as the cue of an attribution or in the sentence around it, say the speaker rejects what follows or what
# someone else said. Whole verb forms, not stems, so that nouns and adjectives ("the island dispute", "the disputed
# islands", "a correct figure") do not count.
def _forms(*bases: str) -> frozenset[str]:
    out = set()
    for base in bases:
        root, _, forms = base.partition("/")
        out.add(root)
        out.update(root + f for f in forms.split(",") if f)
    return frozenset(out)


# Cues that flip the polarity of the content they introduce ("X denied that Y" asserts not-Y).
REJECTING_WORDS = _forms(
    "deny/",
    "denies/",
    "denied/",
    "denying/",
    "reject/s,ed,ing",
    "refute/s,d",
    "refuting/",
    "rebut/s,ted,ting",
    "dismiss/es,ed,ing",
    "disputed/",
    "disputing/",
    "repudiate/s,d",
    "repudiating/",
    "disavow/s,ed,ing",
    "debunk/s,ed,ing",
)
# Cues that only say "someone said otherwise" and point at another account.
POINTING_WORDS = _forms(
    "contradict/s,ed,ing",
    "corrected/",
    "correcting/",
    "countered/",
    "countering/",
    "challenged/",
    "challenging/",
    "gainsaid/",
)
CONTRADICTION_WORDS = REJECTING_WORDS | POINTING_WORDS
# Cues of an attribution by which the speaker holds its content to be false without rejecting anyone's account: "they
# doubt Trump has evidence" asserts no more than "there is no evidence".
DOUBTING_WORDS = _forms("doubt/s,ed,ing")
_NOT_A_SUBJECT = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "their",
        "its",
        "his",
        "her",
        "our",
        "your",
        "two",
        "three",
        "four",
        "five",
        "six",
    ]
)


_SUFFIXES = (
    "ational",
    "ization",
    "ations",
    "nesses",
    "ments",
    "ation",
    "ions",
    "ion",
    "ingly",
    "ness",
    "ment",
    "ings",
    "ing",
    "ies",
    "ied",
    "ed",
    "es",
    "ly",
    "s",
)


# A double quote between letters is an apostrophe mangled by an export ("didn"t", "I"ve"): read as one.
_MANGLED_APOSTROPHE_RE = re.compile(r'(?<=[A-Za-z])"(?=[a-z])')


# The conflict rules look at every pair of a claim group, so the same contents are read again and again: the
# per-text readings below are cached (strings keep their hash; a claim's text is one object across its pairs).
_TEXT_CACHE = 1 << 16


@lru_cache(maxsize=_TEXT_CACHE)
def normalise(text: str) -> str:
    """NFKC, curly quotes made straight, mangled apostrophes restored: the form every comparison in analysis uses."""
    return _MANGLED_APOSTROPHE_RE.sub("'", unicodedata.normalize("NFKC", text).translate(_QUOTES))


def words(text: str) -> list[str]:
    """Lower-cased word tokens (numbers kept whole: "1,200", "3.5")."""
    return list(_words(text))


@lru_cache(maxsize=_TEXT_CACHE)
def _words(text: str) -> tuple[str, ...]:
    return tuple(w.lower().strip("'-") for w in WORD_RE.findall(normalise(text)) if w.strip("'-"))


def stem(word: str) -> str:
    """A light suffix stripper: enough to make "discussed", "discussions" and "discuss" meet, and "the dam's gates"
    and "the dam"; not linguistics."""
    w = word.lower().replace("’", "'").removesuffix("'s").rstrip("'")
    if len(w) <= 4 or w[0].isdigit():
        return w
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            w = w[: -len(suf)]
            break
    if w.endswith("e") and len(w) > 5:
        w = w[:-1]
    return w


def content_stems(text: str, *, drop: frozenset[str] = frozenset()) -> list[str]:
    """Stems of the content words of ``text`` (no stop words, no negators), in order, repeats kept."""
    out = []
    for w in words(text):
        if w in STOPWORDS or w in NEGATORS or w in drop or len(w) < 2:
            continue
        out.append(stem(w))
    return out


# "A and not B", "A, not B": the negation sets B against A and leaves the clause asserted ("better to talk to one
# another and not about one another").
_CONTRAST_NOT_RE = re.compile(
    r"(?:,|\b(?:and|but|or))\s+not\s+(?=(?:about|in|on|at|for|with|by|from|of|the|a|an|his|her|their|its|this|"
    r"these|those|because|as)\b)",
    re.IGNORECASE,
)
# "not only", and a hedge: "We're not saying that this is a ban" denies no ban (where "I never said that" denies a
# statement).
_FAILED = frozenset(["fail", "fails", "failed", "failing"])
# Idioms whose negator asserts: "there is no question this is ...", "no doubt", "a no brainer", "not least".
_NOT_NEGATING_NEXT = frozenset(
    ["only", "just", "merely", "saying", "suggesting", "claiming", "implying", "question", "doubt", "brainer", "least"]
)


@lru_cache(maxsize=_TEXT_CACHE)
def negation_count(text: str) -> int:
    """How many negators the text holds ("not only", "not saying that", "A and not B" are none; "failed to" is one)."""
    text = _CONTRAST_NOT_RE.sub(" ", normalise(text))
    toks = words(text.replace("n't", " n't"))
    n = 0
    for i, t in enumerate(toks):
        following = toks[i + 1] if i + 1 < len(toks) else ""
        if t in NEGATORS or t.endswith("n't"):
            n += following not in _NOT_NEGATING_NEXT
        elif t in _FAILED and following == "to":  # "he failed to disclose" = "he did not disclose"
            n += 1
    return n + len(_FALSE_RE.findall(text)) + len(_NOT_RULED_OUT_RE.findall(text))


# "ruled out a bid" negates the bid; "cannot rule out that the adviser spoke about sanctions" hedges the claim, it
# does not negate it (the negator and "rule out" cancel).
_NOT_RULED_OUT_RE = re.compile(r"\brul(?:e|es|ed|ing)\s+out\b", re.IGNORECASE)
# Saying a claim is false, or that someone was wrongly accused, negates it like "not" ("the claims are untrue", "he
# was wrongly arrested on suspicion of murder" agree with "X denied the claims", "X denied being involved"); "false
# news", "a false name" and "false imprisonment" are things, not verdicts on a claim.
_FALSE_RE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|as)(?:n't)?\s+(?:not\s+)?(?:\w+ly\s+|all\s+)?"
    r"(?:false|untrue|baseless|unfounded|groundless|nonsense|fabricated|bogus|inaccurate|incorrect)\b"
    r"|\b(?:wrongly|falsely|wrongfully|unjustly)\s+(?:accused|arrested|convicted|charged|jailed|imprisoned|blamed|"
    r"implicated|identified|named|detained|suspected)\b",
    re.IGNORECASE,
)


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘A-Z])")


_ABBREVIATIONS_TEXT = (
    "mr mrs ms dr sen rep gov gen col lt sgt st jr sr prof rev inc co corp vs jan feb mar apr jun jul aug sep "
    "sept oct nov dec"
)
_ABBREVIATIONS = frozenset(_ABBREVIATIONS_TEXT.split())
_LAST_WORD_RE = re.compile(r"([A-Za-z]+)\.$")


def first_sentence(text: str) -> str:
    """The first sentence of a statement that runs over several ("I never met them. I have no idea ..."); a title or
    an initial is no sentence end ("Sen. Franken, I'm not aware ...", "U.S. officials")."""
    text = text.strip()
    for m in _SENTENCE_END.finditer(text):
        last = _LAST_WORD_RE.search(text, 0, m.start())
        if last and (last.group(1).lower() in _ABBREVIATIONS or len(last.group(1)) == 1):
            continue
        return text[: m.start()]
    return text


def polarity(text: str) -> int:
    """+1 when the text asserts, -1 when it denies: an odd number of negators, or a rejecting verb used as a verb
    ("the Kremlin denies any deal"), in its first sentence (a second sentence says something else)."""
    head = first_sentence(text)
    n = negation_count(head)
    if find_cue(head, REJECTING_WORDS):
        n += 1
    return -1 if n % 2 else 1


def find_cue(text: str, vocabulary: frozenset[str]) -> re.Match[str] | None:
    """The first word of ``text`` in ``vocabulary`` used as a verb by a speaker: not after a determiner ("the disputed
    islands"), not passive ("licences were denied", "were systematically denied", "licences denied under the
    embargo"), not counterfactual ("had he denied the charge"), not negated ("has not denied", "would neither confirm
    nor deny"), not what someone else is urged to do or fails to do ("challenged him to deny", "failed to deny"), and
    not the action a refusal governs ("refused to disavow his charges" rejects nothing)."""
    prev2 = prev = ""
    recent: list[str] = []  # the words before, for "urged the council to reject"
    refused = False
    for m in re.finditer(r"[A-Za-z]+", text):
        word = m.group(0).lower()
        if word in vocabulary:
            usable = prev not in _NOT_A_SUBJECT and prev not in _PASSIVE and not refused
            usable = usable and not (prev2 == "had" and prev in _PRONOUNS)
            usable = usable and not (prev.endswith("ly") and prev2 in _PASSIVE)
            usable = usable and prev not in _NEGATED and not (prev == "or" and prev2 == "confirm")
            usable = usable and not (prev == "to" and not _NOT_DONE.isdisjoint(recent[-4:-1]))
            usable = usable and not _PASSIVE_AFTER_RE.match(text, m.end())
            usable = usable and not _passive_pair(prev, prev2, recent)
            if usable and not _is_refusal(word, text, m):
                return m
        refused = refused or _is_refusal(word, text, m)
        prev2, prev = prev, word
        recent.append(word)
    return None


# "licences were denied", "being denied from travelling": a passive denial is a refusal of something, not a speaker
# rejecting an account.
_PASSIVE = frozenset(["is", "are", "was", "were", "be", "been", "being"])
_PASSIVE_AFTER_RE = re.compile(r"\s+(?:under|from|by)\b", re.IGNORECASE)
_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "you"])
_NEGATED = frozenset(["not", "never", "nor", "t"])  # "t": the tail of "didn't" in the [A-Za-z]+ tokens
# "<X> to deny": a denial asked of someone, or not made ("urged the club to reject", "it is wrong to deny people ...")
_NOT_DONE_TEXT = (
    "fail failed fails declined declines urged urges challenged challenges asked called wrong attempt attempts "
    "sought seeking want wants wanted little nothing tried trying hope hopes hoped expect expects expected pressed "
    "pressing asks asking"
)
_NOT_DONE = frozenset(_NOT_DONE_TEXT.split())


def _passive_pair(prev: str, prev2: str, recent: list[str]) -> bool:
    """The second of two coordinated participles is passive like the first ("requests are consistently delayed or
    denied")."""
    if prev not in ("or", "and") or not prev2.endswith("ed") or len(recent) < 3:
        return False
    before = recent[-3]
    return before in _PASSIVE or (before.endswith("ly") and len(recent) >= 4 and recent[-4] in _PASSIVE)


def _is_refusal(word: str, text: str, m: re.Match[str]) -> bool:
    """ "refused to step down", "refused to disavow his charges": refusing an action, not rejecting an account."""
    return word.startswith("refus") and re.match(r"\s+to\b", text[m.end() :]) is not None


FIGURE_RE = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(\s*(?:%|percent|per cent|million|billion|"
    r"thousand|[a-z]+))?",
    re.IGNORECASE,
)
YEAR_RE = re.compile(r"^(1[89]\d\d|20\d\d)$")


# One figure in two notations must read the same: "$3bln" / "$3 billion", and a result "55-45 percent" / "55% to 45%"
# (the unit after the second number is the first one's too).
_SCALE_WORDS = {
    "bln": "billion",
    "bn": "billion",
    "mln": "million",
    "mn": "million",
    "tn": "trillion",
    "trln": "trillion",
}
_PAIR_UNIT_RE = re.compile(
    r"(?<![\w.])(\d+(?:\.\d+)?)\s*[-\u2013]\s*(\d+(?:\.\d+)?)\s*(%|percent\b|per cent\b)", re.IGNORECASE
)


def figures(text: str) -> dict[str, float]:
    """Numbers with the word after them as their unit: {"people": 30.0, "percent": 5.0}. Years are left out."""
    out: dict[str, float] = {}
    text = _PAIR_UNIT_RE.sub(r"\1 \3 to \2 \3", normalise(text))
    for m in FIGURE_RE.finditer(text):
        num, unit = m.group(1), (m.group(2) or "").strip().lower()
        unit = _SCALE_WORDS.get(unit, unit)
        if YEAR_RE.match(num) and not unit.startswith(("percent", "%", "million", "billion")):
            continue
        try:
            value = float(num.replace(",", ""))
        except ValueError:
            continue
        unit = "percent" if unit in ("%", "per cent") else stem(unit) if unit else "_"
        if unit in STOPWORDS:
            unit = "_"
        out.setdefault(unit, value)
    return out


def slug(text: str) -> str:
    """ "Northern Territories" -> "northern-territories"."""
    text = unicodedata.normalize("NFKD", normalise(text)).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def sentence_bounds(text: str, start: int, end: int, sentences: list[tuple[int, int]] | None = None) -> tuple[int, int]:
    """The (start, end) of the sentence(s) holding [start, end): from the enrichment when given, else by punctuation."""
    if sentences:
        s0 = max((s for s, e in sentences if s <= start), default=0)
        e0 = min((e for s, e in sentences if e >= end), default=len(text))
        return s0, e0
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    s0 = left + 1 if left >= 0 else 0
    m = re.search(r"[.!?][\"”’]?(\s|$)", text[end:])
    e0 = end + m.end() if m else len(text)
    return s0, e0


# "something the government denies.", "which it fiercely denies", "the institutions that Le Pen rejects", "even if
# Parliament rejects it": a cue with no object of its own, in a relative or conditional clause, answers what its own
# sentence tells, not another account.
_OWN_CLAUSE_RE = re.compile(
    r"\b(?:something|which|what|that|if|unless)\W+(?:[\w'’\-]+\W+){0,5}$|[-–—]\s+(?:a|an)\s+\w+\s+(?:[\w'’\-]+\s+){0,4}$",
    re.IGNORECASE,
)
_NO_OBJECT_RE = re.compile(r"^\W*(?:it\W*)?$|^\s*(?:it\s*)?[,.;]")


def answers_own_clause(before: str, after: str) -> bool:
    """Is a contradiction cue, with ``before`` and ``after`` the text of its sentence on either side, one with no
    object of its own ("... denies.", "... rejects it") inside a relative or conditional clause?"""
    return _NO_OBJECT_RE.match(after) is not None and _OWN_CLAUSE_RE.search(before) is not None


# A court that dismisses or rejects a claim, a suit or an appeal rules on it; it gives no account of its own ("A
# district court sided with the school board and dismissed Grimm's claim", "Judge David Norton denied a motion").
_RULING_RE = re.compile(
    r"(?:\b(?i:the|a|an|two|three)\s+(?:[\w'’\-]+\s+){0,2}?(?i:court|judges?|tribunal|jury|justices?)"
    r"|\b[Jj]udge(?:\s+[A-Z]\w*){1,3})"
    r"\b(?:(?!\b(?:said|says|told)\b)[^,.;]){0,60}$"
)


def is_ruling(before: str) -> bool:
    """Is the subject of a cue that ends ``before`` a court or a judge?"""
    return _RULING_RE.search(before) is not None


# Figures with what they count, for the figures reason of the conflict finder: "about 500 people were arrested" and
# "1,000 were taken into custody" count one thing (arrests) with different values; "more than 800" and "as many as 820"
# do not differ; "between 12 and 15 billion" is a range.
_QUANTITY_RE = re.compile(
    r"(?P<bound>\b(?:at\s+least|more\s+than|over|up\s+to|as\s+many\s+as|nearly|almost|about|around|roughly|some|"
    r"approximately|fewer\s+than|less\s+than|under|only|just)\s+)?"
    r"(?:between\s+)?\$?(?P<low>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?:\s*(?:-|to|and)\s*\$?(?P<high>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?))?"
    r"(?P<scale>\s*(?:million|billion|trillion|thousand|mln|bln|bn|tn|m)\b)?",
    re.IGNORECASE,
)
_SCALES = {
    "thousand": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
# what a count measures, by the words around it: one stem per family of synonyms
_MEASURE_SYNONYMS = {
    "detain": "arrest",
    "custody": "arrest",
    "arrest": "arrest",
    "kill": "kill",
    "dead": "kill",
    "death": "kill",
    "die": "kill",
    "died": "kill",
    "injur": "injur",
    "wound": "injur",
    "hurt": "injur",
    "cost": "cost",
    "worth": "worth",
    "fighter": "fighter",
    "troop": "troop",
    "soldier": "troop",
    "protest": "protest",
    "demonstr": "protest",
    "attend": "attend",
    "crowd": "attend",
    "vote": "vote",
    "seat": "seat",
    "refug": "refugee",
    "migrant": "refugee",
    "evacu": "evacu",
    "homeless": "homeless",
    "displac": "displac",
    "missing": "missing",
    "victim": "kill",
    "toll": "kill",
    "bodi": "kill",
    "body": "kill",
    "casualt": "casualt",
    "job": "job",
    "member": "member",
}
_MEASURE_WINDOW = 5  # words after a number (and two before) that say what it counts


def quantities(text: str) -> list[tuple[float, float, str, frozenset[str]]]:
    """Each count of ``text`` as (lowest, highest, bound, what it measures): "at least 20 people were killed" ->
    (20, inf, "at least", {"kill"}); "between $12 billion and $15 billion" -> (12e9, 15e9, "", {"cost"?}). Years,
    percentages, times of day and ordinals are left out; what it measures comes from a short list of families
    (arrests, deaths, injuries, costs, worth, fighters, crowds ...), read in the words just around the number."""
    norm = normalise(text)
    out = []
    for m in _QUANTITY_RE.finditer(norm):
        low_s, high_s = m.group("low"), m.group("high")
        if YEAR_RE.match(low_s) or (high_s and YEAR_RE.match(high_s)):
            continue
        after = norm[m.end() : m.end() + 12].lower()
        if re.match(r"\s*(?:%|percent|per\s*cent|th\b|st\b|nd\b|rd\b|am\b|pm\b|a\.m|p\.m|:\d)", after):
            continue
        if m.start() > 0 and norm[m.start() - 1] in ":/.":
            continue
        scale = _SCALES.get((m.group("scale") or "").strip().lower(), 1.0)
        low = float(low_s.replace(",", "")) * scale
        high = float(high_s.replace(",", "")) * scale if high_s else low
        if high < low:
            high = low * scale if high_s and not m.group("scale") else high
        bound = " ".join((m.group("bound") or "").lower().split())
        if bound in ("at least", "more than", "over"):
            high = float("inf")
        elif bound in ("up to", "as many as", "fewer than", "less than", "under", "nearly", "almost"):
            low = 0.0 if bound in ("up to", "fewer than", "less than", "under") else low * 0.9
        elif bound in ("about", "around", "roughly", "some", "approximately"):
            low, high = low * 0.9, high * 1.1
        before = words(norm[max(0, m.start() - 30) : m.start()])[-2:]
        following = words(norm[m.end() : m.end() + 80])[:_MEASURE_WINDOW]
        measures = set()
        for w in before + following:
            s = stem(w)
            for key, family in _MEASURE_SYNONYMS.items():
                if s.startswith(key):
                    measures.add(family)
        if m.group("scale") or "$" in norm[max(0, m.start() - 2) : m.start() + 1]:
            measures.update({"cost"} if "cost" in measures or not measures else set())
        out.append((low, high, bound, frozenset(measures)))
    return out
