"""The words that introduce reported speech: verbs, nouns and phrases that mark *who said what*.

The lexicon is data, not code: the extractor asks it questions (``is_speech_verb(lemma)``) so that a user can widen or
narrow it without touching the rules. Speech verbs open an attribution on their own; belief verbs ("think", "believe")
only when they take a clause complement, because "hoping to resolve the issue" is an intention, not a statement.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.strings import get_string_id


def words(text: str) -> frozenset[str]:
    """A word list written as running text (one lexicon entry per word), as an immutable set."""
    return frozenset(text.split())


# Verbs of saying and of communicating information, by lemma. Chosen from the PolNeAR train split's cue list and the
# reporting verbs of the Gender Gap Tracker and BBC Citron (read, not copied), pruned of verbs that in news far more
# often mean something else ("show", "find").
SPEECH_VERBS: frozenset[str] = words(
    """
    say tell add claim note inform convey stress deny argue warn insist explain announce acknowledge admit
    assert confirm suggest report state write declare reveal predict promise complain emphasize emphasise
    maintain contend allege testify recall ask urge reply respond answer tweet post comment observe remark
    mention concede agree disclose hint boast joke quip muse lament caution vow pledge threaten estimate
    forecast reckon charge accuse blame counter retort rebut dispute concur affirm reiterate repeat stress
    underline underscore highlight continue conclude complain grumble predict project speculate acknowledge
    swear recount describe brief notify advise assure reassure remind caution admit confess proclaim testify
    told tweet posit propose demand order instruct request plead shout yell scream cry whisper mutter murmur
    exclaim
    indicate signal imply tout decry assail wonder chant lament brag interject reaffirm quip email retweet retweete
    boast bemoan contemplate envision read
    """
)

# Verbs of belief and cognition: attributions in the PolNeAR sense when they take a clause ("thinks that ...").
BELIEF_VERBS: frozenset[str] = words(
    """
    think believe feel expect hope fear know doubt suspect worry guess assume understand consider conclude
    insist imagine realize realise recognize recognise acknowledge show find learn wonder deem remember identify
    """
)

# Verbs of intention whose content is an infinitive or a clause ("hopes to win", "plans to run", "is hoping that
# ..."): beliefs in PolNeAR's sense, kept apart from speech (see ``CueLexicon.kind``). "hop" is how en_core_web_sm
# lemmatises "hoping". Measured on the train split once intentions inside another's statement were dropped (see
# attributions._drop_nested_stances): "want", "plan", "decide", "aim", "intend" right as cues 0.40-0.50 of the time;
# "try", "need", "attempt" and "look" under 0.35, left out.
INTENTION_VERBS: frozenset[str] = words("hope hop want plan decide aim intend")

# Verbs of stance whose content is their object phrase ("denied the report", "called the plan a disaster"): an
# attribution in PolNeAR's sense and a claim the conflict finder can use. The last line ("expressed concern",
# "echoed the charge", "pointed to the polls", "listed the risks", "discussed the plan", "26 percent said the same")
# was measured on the PolNeAR train split at 0.6-0.9 precision each, the wider BROAD_CUES verbs below at 0.25-0.5.
OBJECT_CONTENT_VERBS: frozenset[str] = words(
    """
    deny call criticize criticise endorse describe praise accuse defend propose promise announce blame condemn
    welcome reject dismiss question urge demand recommend slam attack blast thank applaud mock denounce dispute
    back support oppose predict cite warn acknowledge admit confirm reveal tweet characterize characterise label
    express echo point list mention discuss say
    tout decry portray assail reference note recall stress emphasize explain highlight lament rail quote outline
    invoke credit attribute chide congratulate vouch liken lash hail bemoan rebuke lambast deride dub disavow
    apologize refer allude deem favor compare embrace promote advocate talk remember identify
    """
)

# Object-content verbs whose cue takes "to" ("pointed to the polls", "referred to Rubio as ...", "alluded to").
TO_CUE_VERBS: frozenset[str] = words("point refer allude")

# Speech acts and declared aims whose content is an infinitive ("vowed to fight on", "urged Congress to act", "sought
# to reassure").
INFINITIVE_CONTENT_VERBS: frozenset[str] = words(
    "vow pledge promise threaten urge ask refuse decline swear seek encourage convince order"
)
INFINITIVE_CONTENT_VERBS |= INTENTION_VERBS

# Verbs whose direct object is the addressee ("told reporters", "informed Sankei") rather than the content.
ADDRESSEE_OBJECT_VERBS: frozenset[str] = words(
    """
    tell inform brief notify advise assure reassure remind warn ask urge caution instruct order
    """
)

# Verbs whose addressee is the object of "to" ("conveyed to Japan", "said to reporters", "explained to him").
ADDRESSEE_TO_VERBS: frozenset[str] = words(
    """
    say convey explain announce confirm admit write report reveal disclose mention complain describe suggest
    indicate signal state declare deny stress emphasize emphasise pledge promise
    """
)

# Phrasal reporting verbs: lemma + particle ("points out", "spelled out").
PHRASAL_VERBS: frozenset[tuple[str, str]] = frozenset(
    {("point", "out"), ("spell", "out"), ("lay", "out"), ("make", "clear"), ("go", "on"), ("set", "out")}
)

# Nouns that name a statement: "in a statement", "Kishida's remarks", "the ministry's announcement that ...".
SPEECH_NOUNS: frozenset[str] = words(
    """
    statement remark remarks comment comments announcement claim claims assertion testimony interview speech
    declaration warning pledge promise admission denial allegation view belief argument insistence suggestion
    message letter tweet post briefing
    """
)

# Nouns that open an attribution of their own when a possessor names the speaker and a clause, an infinitive or an
# "of"/"for"/"about" phrase gives the content: "Trump's claim that ...", "his call for a ban", "her criticism of the
# vote", "the senator's pledge to ...".
# Kept to the nouns that were right as cues at least about 40% of the time on the PolNeAR train split ("statement",
# "comment", "speech", "view", "proposal" and "refusal" were not: their possessor is often not who the annotators
# named, or the noun is the object of a reporting verb that is the cue).
CUE_NOUNS: frozenset[str] = words(
    "claim claims attack attacks promise remark remarks call endorsement suggestion assertion criticism contention "
    "insistence warning"
)

# Adjectives that make a copula a cue of stance or belief when they take a clause, an infinitive or an object
# ("is confident that ...", "was critical of the plan", "is eager to ...", "were adamant that ..."): PolNeAR's cue
# is the copula with the adjective ("has been critical of").
STANCE_ADJECTIVES: frozenset[str] = words(
    """
    sure confident convinced certain concerned worried critical skeptical sceptical adamant optimistic pessimistic
    hopeful eager clear proud glad happy wary afraid fearful supportive dismissive insistent doubtful unsure
    scared leery upbeat appreciative angry furious frustrated disappointed pleased thrilled excited grateful thankful
    vocal outspoken opposed open
    """
)

# Adverbs that attribute the whole clause to an unnamed reporter ("reportedly", "allegedly").
HEARSAY_ADVERBS: frozenset[str] = frozenset({"reportedly", "allegedly", "purportedly", "supposedly"})

# Verbs of appearance that hedge a clause without naming who holds it ("the race appears to be tightening", "he
# seemed uneasy"), and "be expected to": PolNeAR annotates them as attributions without a source, the content being
# the whole clause. presswatch keeps them (speaker kind "unknown") because they mark a statement the reporter does
# not assert as fact.
HEDGE_VERBS: frozenset[str] = words("seem appear")

# Prepositional cues: "according to X", "in the words of X"; matched on lower-cased token texts.
PREP_CUES: tuple[tuple[str, ...], ...] = (("according", "to"), ("in", "the", "words", "of"), ("quoting",))


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """The cue words the extractor knows. Picklable, immutable and hashable: safe to ship to worker processes.
    Widen it with ``CueLexicon(speech_verbs=SPEECH_VERBS | {"grumble"})``."""

    speech_verbs: frozenset[str] = SPEECH_VERBS
    belief_verbs: frozenset[str] = BELIEF_VERBS | INTENTION_VERBS
    phrasal_verbs: frozenset[tuple[str, str]] = PHRASAL_VERBS
    speech_nouns: frozenset[str] = SPEECH_NOUNS
    hearsay_adverbs: frozenset[str] = HEARSAY_ADVERBS
    object_content_verbs: frozenset[str] = OBJECT_CONTENT_VERBS
    infinitive_content_verbs: frozenset[str] = INFINITIVE_CONTENT_VERBS
    addressee_object_verbs: frozenset[str] = ADDRESSEE_OBJECT_VERBS
    addressee_to_verbs: frozenset[str] = ADDRESSEE_TO_VERBS
    hedge_verbs: frozenset[str] = HEDGE_VERBS
    intention_verbs: frozenset[str] = INTENTION_VERBS
    to_cue_verbs: frozenset[str] = TO_CUE_VERBS
    cue_nouns: frozenset[str] = CUE_NOUNS
    stance_adjectives: frozenset[str] = STANCE_ADJECTIVES

    def hashed(self) -> tuple[frozenset[int], frozenset[int]]:
        """spaCy string hashes of every cue lemma (as written and capitalised) and of the first words of
        prepositional cues: a fast pre-filter over ``Doc.to_array``. Hashes do not depend on the vocab."""
        return _hashed(self)

    def is_speech_verb(self, lemma: str) -> bool:
        """True when ``lemma`` is a verb of saying (opens an attribution with or without a clause)."""
        return lemma in self.speech_verbs

    def is_belief_verb(self, lemma: str) -> bool:
        """True when ``lemma`` is a verb of belief (an attribution only with a clause complement)."""
        return lemma in self.belief_verbs

    def kind(self, lemma: str) -> str:
        """What a cue word reports, by its lemma: "speech" (a statement: "said", "denied the report", "his claim") or
        "belief" (a belief, an intention or an attitude: "thinks", "hopes to", "is confident that"). ``Attribution``
        has no field for it (that would be a model change): a caller that keeps the quotes page to statements asks
        the lexicon with the lemma of the cue's head word."""
        if lemma in self.speech_verbs or lemma in self.object_content_verbs:
            return "speech"
        if lemma in self.belief_verbs or lemma in self.intention_verbs or lemma in self.stance_adjectives:
            return "belief"
        return "speech"

    def is_cue_verb(self, lemma: str) -> bool:
        """True when ``lemma`` may open an attribution at all (speech, belief or stance verb)."""
        return (
            self.is_speech_verb(lemma)
            or self.is_belief_verb(lemma)
            or lemma in self.object_content_verbs
            or lemma in self.infinitive_content_verbs
        )


DEFAULT_CUES = CueLexicon()


@lru_cache(maxsize=8)
def _hashed(lexicon: CueLexicon) -> tuple[frozenset[int], frozenset[int]]:
    # a pure cache of a pure function: lexicons are immutable and hashing strings is deterministic
    lemmas = set(lexicon.speech_verbs | lexicon.belief_verbs | lexicon.object_content_verbs)
    lemmas |= lexicon.infinitive_content_verbs | lexicon.hedge_verbs
    lemmas |= {verb for verb, _ in lexicon.phrasal_verbs} | lexicon.cue_nouns | lexicon.stance_adjectives
    lemma_ids = {get_string_id(w) for w in lemmas} | {get_string_id(w.capitalize()) for w in lemmas}
    lower_ids = {get_string_id(phrase[0]) for phrase in PREP_CUES} | {get_string_id(w) for w in lexicon.hearsay_adverbs}
    return frozenset(lemma_ids), frozenset(lower_ids)


# PolNeAR's notion of attribution is wider than reported speech: intentions ("wants to"), perceptions ("sees X as")
# and topics of talk ("talked about X") count too. This profile adds them; the default leaves them out because in the
# reporting presswatch reads they are mostly the journalist's own description ("the administration is hoping to ...").
BROAD_CUES = CueLexicon(
    belief_verbs=BELIEF_VERBS | INTENTION_VERBS | words("see view regard"),
    object_content_verbs=OBJECT_CONTENT_VERBS | words("talk refer name share embrace ignore address"),
    infinitive_content_verbs=INFINITIVE_CONTENT_VERBS | words("want hope plan intend expect prefer aim wish"),
)
