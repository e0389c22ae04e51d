"""Who said what: find the attributions of an article (speaker, cue, content, addressee, nesting) in a parsed Doc.

The rules follow the best rule-based quote extractors (the Gender Gap Tracker's, BBC Citron's) and go further where
diplomatic reporting needs it. They run over the spaCy dependency parse plus the quote marks of the text:

1. **Trailing reporting clauses** - "<content>, a source informed Sankei on Oct. 14." / "<content>, said Mr. X." The
   parser often hangs such a clause inside the content, so it is found on the surface first: a short noun phrase and a
   reporting verb after the last comma of the sentence.
2. **Reporting verbs** with a subject and a clause or quote - "Kishida said that ...", "Lavrov contradicted him,
   claiming that ..." (the subject is inherited along ``advcl``/``xcomp``/``conj``), "He added that ...",
   "“...,” he said.", "She said: “...”". Belief verbs ("thinks that") count only with a clause.
3. **Prepositional cues** - "According to a government source, <content>".
4. **Quotes left over** - a quotation no rule claimed is given to the speaker of the attribution just before it in the
   same or previous paragraph (a quotation that simply continues what the last speaker said).

Then every attribution whose cue lies inside another's content is nested in it ("according to a government source,
the Russian side informed Japan that “...”"), and the form (direct / indirect / mixed) is read from the quote marks
the content covers that no nested attribution owns. Nothing here raises on odd text: a sentence whose reading fails is
skipped and the rest of the article is still read.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.attrs import LEMMA, LOWER, ORTH, SPACY
from spacy.tokens import Doc, Token

from presswatch.enrich.attribution_quotes import Quote, QuoteIndex, find_quotes, paragraph_spans
from presswatch.enrich.attribution_time import article_day, resolve_statement_day
from presswatch.enrich.cues import DEFAULT_CUES, PREP_CUES, CueLexicon, words
from presswatch.enrich.speakers import SpeakerResolver, build_entity_view, speaker_tokens
from presswatch.models import Attribution, Entity, Mention, Span, Speaker

_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
_INHERIT_DEPS = ("advcl", "xcomp", "conj", "pcomp", "dep")
_CONTENT_MARKERS = frozenset({"that", "whether", "if", "how", "why", "what", ":"})
_TRIM_CHARS = " \t\n,;:\u00a0—–-"
_QUOTED_SELF = frozenset({"i", "we", "you"})
_SHORT_ANSWERS = frozenset({"yes", "no", "so", "nothing"})
_MAX_SPEAKER_TOKENS = 12  # a trailing "..., <speaker> said" noun phrase longer than this is a clause, not a speaker


@dataclass(slots=True)
class _Draft:
    """An attribution before ids, nesting and speaker resolution."""

    cue: tuple[int, int] | None  # char offsets
    speaker: tuple[int, int] | None  # token range [start, end)
    speaker_head: int | None  # token index
    content: tuple[int, int]  # char offsets
    addressee: tuple[int, int] | None = None
    rule: str = ""
    when: tuple[int, int] | None = None  # char offsets of the date phrase on the reporting verb ("on Oct. 14")

    @property
    def position(self) -> int:
        return min(self.content[0], self.cue[0] if self.cue else self.content[0])


def extract_attributions(
    doc: Doc,
    *,
    mentions: list[Mention] | None = None,
    entities: list[Entity] | None = None,
    outlet: str | None = None,
    article_date: str | None = None,
    cues: CueLexicon | None = None,
) -> list[Attribution]:
    """Find who said what in ``doc`` (the parsed ``Article.text``).

    ``mentions``/``entities`` come from the entity step and resolve speakers to entity keys and canonical names;
    without them ``doc.ents`` is used. ``outlet`` is the outlet that reported the article (set on every attribution,
    never used as a speaker). ``article_date`` (ISO) anchors the day of a statement ("said on Monday" ->
    ``Attribution.time``).
    ``cues`` replaces the default cue lexicon. Offsets are character offsets into ``doc.text``. Never raises on odd
    text: a sentence that cannot be read is skipped.
    """
    lexicon = cues or DEFAULT_CUES
    text = _doc_text(doc)
    paras = paragraph_spans(text)
    quotes = QuoteIndex(find_quotes(text, paras), text)
    drafts: list[_Draft] = []
    candidates = _candidate_tokens(doc, lexicon)
    for start, end in _units(doc, text):
        try:
            drafts.extend(_drafts_in_unit(doc, start, end, lexicon, quotes, paras, candidates))
        except Exception:  # noqa: BLE001 - one unreadable sentence must not lose the article; see module docstring
            continue
    drafts = _clip_to_frames(text, _dedupe(drafts))
    _extend_continued_quotes(doc, drafts, quotes)
    _merge_following_quotes(doc, drafts, quotes, paras)
    drafts.extend(_signed_quotes(doc, drafts, quotes, paras))
    drafts.extend(_leftover_quotes(doc, drafts, quotes, paras))
    drafts.sort(key=lambda d: (d.position, d.content[0]))
    return _finish(doc, drafts, quotes, paras, mentions, entities, outlet, article_date)


# ---------------------------------------------------------------------------------------------------------------------
# Units: sentences cut at paragraph breaks (the pipeline guarantees this; a plain nlp(text) Doc does not)


def _doc_text(doc: Doc) -> str:
    """``doc.text``, built from the token arrays: spaCy builds it from Token objects, which costs more than all the
    rules together on a long article."""
    strings = doc.vocab.strings
    return "".join(
        strings[orth] + " " if space else strings[orth] for orth, space in doc.to_array([ORTH, SPACY]).tolist()
    )


def _units(doc: Doc, text: str) -> list[tuple[int, int]]:
    """Token ranges of sentences, split wherever a sentence crosses a paragraph boundary (a blank line)."""
    units: list[tuple[int, int]] = []
    for sent in doc.sents:
        start = sent.start
        if "\n" in text[sent.start_char : sent.end_char]:
            for tok in sent:
                if tok.i > start and tok.is_space and tok.text.count("\n") + tok.whitespace_.count("\n") >= 1:
                    prev = doc[tok.i - 1]
                    # a blank line: two newlines in this space token or across the previous token's trailing space
                    newlines = tok.text.count("\n") + prev.whitespace_.count("\n")
                    if newlines >= 2 or "\n" in prev.text:
                        units.append((start, tok.i))
                        start = tok.i + 1
        if start < sent.end:
            units.append((start, sent.end))
    return [(s, e) for s, e in units if any(not doc[i].is_space for i in range(s, e))]


# ---------------------------------------------------------------------------------------------------------------------
# Rules within one unit


# Words before a colon that label the text rather than name a speaker ("Update: ...", "Editor's note: ...").
_NOT_SPEAKER_LABELS = words(
    "note update updated photo photos video watch read related editor correction warning breaking exclusive "
    "analysis opinion source sources disclaimer caption credit tags topics share advertisement"
)


def _colon_cue(doc: Doc, start: int, end: int, paras: list[tuple[int, int]], quotes: QuoteIndex) -> _Draft | None:
    """ "Lavrov: Islands were not discussed" (headlines) and "TAPPER: ..." (transcripts): a name, a colon, and the
    rest of the paragraph as what the named one said."""
    first = doc[start]
    if first.i > 0 and "\n" not in doc[first.i - 1].text_with_ws and not doc[first.i - 1].is_space:
        return None
    colon = next((j for j in range(start, min(end, start + 7)) if doc[j].text == ":"), None)
    if colon is None or colon == start:
        return None
    name = doc[start:colon]
    if any(t.pos_ in ("VERB", "AUX", "PRON") for t in name) or name[0].lower_ in _NOT_SPEAKER_LABELS:
        return None
    if not any(t.pos_ == "PROPN" or t.pos_ == "NOUN" and (t.is_title or t.is_upper) for t in name):
        return None
    if not all(t.is_title or t.is_upper or t.is_punct or t.lower_ in ("the", "of", "dr.", "mr.", "ms.") for t in name):
        return None
    para_end = next((e for s, e in paras if s <= first.idx < e), doc[end - 1].idx + len(doc[end - 1].text))
    content = _trim(quotes.text, doc[colon].idx + 1, para_end, drop_marker=False)
    if content is None:
        return None
    head = name.root
    return _Draft(
        cue=(doc[colon].idx, doc[colon].idx + 1),
        speaker=(start, colon),
        speaker_head=head.i,
        content=_unquote(quotes.text, content, quotes),
        rule="colon",
    )


def _candidate_tokens(doc: Doc, lexicon: CueLexicon) -> list[int]:
    """Indexes of the tokens that may open an attribution (cue verbs by lemma, first words of prepositional cues),
    found with one pass over the Doc's arrays: most tokens are never turned into Python Token objects."""
    if not len(doc):
        return []
    lemmas, lowers = lexicon.hashed()
    arr = doc.to_array([LEMMA, LOWER]).tolist()
    return [i for i, (lemma, lower) in enumerate(arr) if lemma in lemmas or lower in lowers]


def _drafts_in_unit(
    doc: Doc,
    start: int,
    end: int,
    lexicon: CueLexicon,
    quotes: QuoteIndex,
    paras: list[tuple[int, int]],
    candidates: list[int],
) -> list[_Draft]:
    out: list[_Draft] = []
    colon = _colon_cue(doc, start, end, paras, quotes)
    if colon is not None:
        out.append(colon)
    lo = bisect.bisect_left(candidates, start)
    hi = bisect.bisect_left(candidates, end)
    for i in candidates[lo:hi]:
        tok = doc[i]
        low = tok.lower_
        # prepositional cues: "according to X"
        claimed = False
        for phrase in PREP_CUES:
            if low == phrase[0] and all(i + k < end and doc[i + k].lower_ == phrase[k] for k in range(len(phrase))):
                draft = _prep_cue(doc, i, i + len(phrase), start, end, quotes)
                if draft is not None:
                    out.append(draft)
                    claimed = True
        if claimed or tok.pos_ not in ("VERB", "AUX"):
            continue
        lemma = tok.lemma_.lower()
        phrasal = any(c.dep_ == "prt" and (lemma, c.lower_) in lexicon.phrasal_verbs for c in tok.children)
        if not (lexicon.is_cue_verb(lemma) or phrasal):
            continue
        draft = _trailing_clause(doc, tok, start, end, lexicon, quotes)
        if draft is None:
            draft = _verb_cue(doc, tok, start, end, lexicon, quotes, phrasal)
        if draft is not None:
            out.append(draft)
    for draft in out:
        if draft.speaker is not None:
            draft.speaker = _clean_speaker_range(doc, draft.speaker, start, end)
    return out


_QUOTE_TOKENS = frozenset({"“", "”", '"', "''", "``", "‘", "’"})


def _clean_speaker_range(doc: Doc, rng: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """Keep a speaker phrase inside its unit and off quotation remnants: the parse of a sentence that crossed a
    paragraph, or of `“..., Mr. President,” Representative X said`, can reach too far left."""
    s, e = max(rng[0], start), min(rng[1], end)
    for j in range(e - 1, s - 1, -1):
        if doc[j].text in _QUOTE_TOKENS or doc[j].is_space or doc[j].text in (".", "!", "?", ":"):
            s = j + 1
            break
    # a dateline ("LONDON (Reuters) -", "WASHINGTON (AP) —") is not part of the speaker
    if doc[s].is_upper and len(doc[s].text) > 1:
        close = next((j for j in range(s + 1, min(e, s + 6)) if doc[j].text == ")"), None)
        if close is not None and close + 1 < e:
            s = close + 1
    while s < e - 1 and (doc[s].is_punct or doc[s].is_space) and doc[s].text not in ("(", "["):
        s += 1
    while e > s + 1 and (doc[e - 1].is_punct or doc[e - 1].is_space) and doc[e - 1].text not in (")", "]"):
        e -= 1
    # a closing bracket the phrase opened ("Bernie Sanders (I-VT)") stays; the tokenizer may leave it outside
    opened = sum(t.text == "(" for t in doc[s:e]) - sum(t.text == ")" for t in doc[s:e])
    if opened > 0 and e < end and doc[e].text == ")":
        e += 1
    return (s, e) if e > s else rng


_CUE_PREPOSITIONS = frozenset({"for", "of", "about", "against", "on"})


def _cue_span(doc: Doc, verb: Token, with_preposition: bool = False) -> tuple[int, int]:
    """The cue of a verb: the verb with its particle ("points out") and, for object contents, the preposition that
    introduces them ("called for"); auxiliaries stay out, as the example expects."""
    end_tok = verb
    for c in verb.children:
        if c.dep_ == "prt" and c.i == verb.i + 1:
            end_tok = c
    # auxiliaries, negation and a manner adverb right before the verb are part of the cue ("has repeatedly said")
    start_tok = verb
    left = {c.i: c for c in verb.children if c.i < verb.i and c.dep_ in ("aux", "auxpass", "neg", "advmod")}
    while start_tok.i - 1 in left and left[start_tok.i - 1].pos_ != "SCONJ":
        start_tok = left[start_tok.i - 1]
    if with_preposition:
        nxt = end_tok.i + 1
        if (
            nxt < len(doc)
            and doc[nxt].dep_ == "prep"
            and doc[nxt].head.i == verb.i
            and doc[nxt].lower_ in _CUE_PREPOSITIONS
        ):
            end_tok = doc[nxt]
    return start_tok.idx, end_tok.idx + len(end_tok.text)


def _addressee(doc: Doc, verb: Token, lexicon: CueLexicon) -> tuple[int, int] | None:
    lemma = verb.lemma_.lower()
    for c in verb.children:
        if (
            c.dep_ in ("dobj", "dative", "iobj")
            and lemma in lexicon.addressee_object_verbs
            and c.pos_ != "PRON"
            or (c.dep_ in ("dobj", "dative") and lemma in lexicon.addressee_object_verbs)
        ):
            return _np_chars(doc, c)
        if c.dep_ in ("prep", "dative") and c.lower_ == "to" and lemma in lexicon.addressee_to_verbs:
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                return _np_chars(doc, objs[0])
    return None


def _time_phrase(verb: Token) -> tuple[int, int] | None:
    """The date phrase hanging on a reporting verb: "on Oct. 14", "on Monday", "yesterday" (a DATE entity)."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "on":
            objs = [g for g in c.children if g.dep_ == "pobj" and g.ent_type_ == "DATE"]
            if objs:
                return objs[0].left_edge.idx, objs[0].right_edge.idx + len(objs[0].right_edge.text)
        if c.dep_ in ("npadvmod", "advmod") and c.ent_type_ == "DATE":
            return c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)
    return None


def _np_chars(doc: Doc, head: Token) -> tuple[int, int]:
    s, e = speaker_tokens(head)
    return doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)


def _trim(text: str, start: int, end: int, *, drop_marker: bool = True) -> tuple[int, int] | None:
    """Trim spaces, commas and a leading complementiser ("that") from a char range; None when nothing is left."""
    while start < end and text[start] in _TRIM_CHARS:
        start += 1
    while end > start and text[end - 1] in _TRIM_CHARS:
        end -= 1
    if drop_marker:
        for marker in ("that ", "that\u00a0"):
            if text[start : start + len(marker)].lower() == marker:
                start += len(marker)
                while start < end and text[start] in _TRIM_CHARS:
                    start += 1
    if end - start < 2:
        return None
    return start, end


def _is_nounish(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "PROPN", "PRON") and tok.lower_ not in ("it", "this", "that", "there", "which", "who")


_DASHES = ("—", "–", "--")


def _is_break(doc: Doc, j: int) -> bool:
    """A comma or dash that can end a content before a reporting clause (also `,”` and `,''`)."""
    t = doc[j].text
    return t == "," or t in _DASHES or (t in ("”", '"', "''") and j > 0 and doc[j - 1].text == ",")


_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "xcomp", "advcl", "relcl", "conj", "parataxis", "csubj", "pcomp", "acl"})


def _has_clause(tokens: Sequence[Token]) -> bool:
    """True when the tokens hold a verb of their own (a finite verb or a copula heading a clause)."""
    return any(
        t.pos_ == "VERB" and t.dep_ not in ("amod", "compound") or t.pos_ == "AUX" and t.dep_ in _CLAUSE_DEPS
        for t in tokens
    )


def _trailing_clause(
    doc: Doc, verb: Token, start: int, end: int, lexicon: CueLexicon, quotes: QuoteIndex
) -> _Draft | None:
    """Reporting clauses set off by commas, found on the surface because the parser often hangs them inside the
    content:

    * trailing: "<content>, <speaker> <verb> [<obj>] [<pp>]." (the speaker may carry an apposition:
      "<content>, Mark Dubowitz, executive director of the FDD, said.")
    * inverted: "<content>, <verb> <speaker>[, <apposition>]."
    * parenthetical: "<content>, <speaker> <verb>, <content continued>." (the content is the whole unit)
    """
    if any(c.dep_ == "ccomp" and c.i > verb.i or c.lower_ in _SHORT_ANSWERS and c.i > verb.i for c in verb.children):
        return None  # "X, Y, said that ...", "Asked if ..., he said no": the content follows the verb
    breaks = [j for j in range(verb.i - 1, start, -1) if _is_break(doc, j)]
    if not breaks or breaks[0] - start < 1:
        return None
    comma = breaks[0]
    # after the verb: up to the next comma, nothing clausal; after that comma either nothing, an apposition of an
    # inverted speaker, or the rest of a parenthetically interrupted content
    tail_end = next((j for j in range(verb.i + 1, end) if doc[j].text == ","), end)
    if _has_clause(doc[verb.i + 1 : tail_end]):
        return None
    rest = [t for t in doc[tail_end + 1 : end] if not t.is_punct and not t.is_space]
    subj_left = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i), None)
    parenthetical = False
    if rest and tail_end < end and rest[0].lower_ not in ("who", "whose", "which"):
        # (", who noted that ..." after an inverted speaker describes the speaker; it does not resume the content,
        # nor does ", adding that ...", which is an attribution of its own)
        clause_after = _has_clause(doc[tail_end + 1 : end])
        own_cue = rest[0].pos_ == "VERB" and lexicon.is_cue_verb(rest[0].lemma_.lower())
        # after "<speaker> said," whatever follows goes on with the content; after "said <speaker>," it may be an
        # apposition of the speaker
        parenthetical = not own_cue and (
            clause_after or subj_left is not None or len(rest) > 3 and rest[0].pos_ not in ("DET", "PROPN", "NOUN")
        )
    min_content = 1 if parenthetical else 3  # "This campaign, he says, is different" vs a real trailing content
    if breaks[0] - start < min_content:
        return None
    speaker_range: tuple[int, int] | None = None
    head: Token | None = None
    if subj_left is None and verb.dep_ == "acl" and verb.head.i < verb.i and _is_nounish(verb.head):
        subj_left = verb.head  # "..., a source informed Sankei": parsed as a noun with a participle
    finite = verb.tag_ in ("VBD", "VBZ", "VBP")  # "..., said X" inverts; "..., calling X a liar" does not
    if subj_left is None and finite and all(t.pos_ in ("AUX", "PART", "ADV", "PUNCT") for t in doc[comma + 1 : verb.i]):
        # inverted: "..., said Mr. X, the minister."
        after = doc[verb.i + 1 : tail_end]
        subj = [t for t in after if _is_nounish(t) and t.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "npadvmod")]
        subj = subj or [t for t in after if _is_nounish(t)]
        if not subj or parenthetical:
            return None
        head = subj[0]
        while verb.i < head.head.i < tail_end and head.head.i != head.i and _is_nounish(head.head):
            head = head.head
        s_start = min(t.i for t in after if t.i >= head.left_edge.i)
        describes_speaker = bool(rest) and rest[0].lower_ in ("who", "whose", "which")
        s_end = end if rest and (describes_speaker or not _has_clause(doc[tail_end + 1 : end])) else tail_end
        while s_end > s_start + 1 and (doc[s_end - 1].is_punct or doc[s_end - 1].is_space):
            s_end -= 1
        speaker_range = (s_start, s_end)
    else:
        # "<content>, <subject [, apposition,]> <verb>": the subject's phrase must follow a break directly
        if subj_left is None or not _is_nounish(subj_left):
            return None
        head = subj_left
        s_start = subj_left.left_edge.i
        before = s_start - 1
        while before > start and doc[before].text in ("”", '"', "''") and doc[before - 1].text == ",":
            before -= 1
        if before - start < min_content or not _is_break(doc, before) and doc[before].text != ",":
            return None
        comma = before
        s_end = verb.i
        while s_end > s_start + 1 and doc[s_end - 1].pos_ in ("AUX", "PART", "ADV", "PUNCT"):
            s_end -= 1
        if s_end - s_start > _MAX_SPEAKER_TOKENS * 3:
            return None
        speaker_range = (s_start, s_end)
    if parenthetical:
        last = end - 1
        while last > start and (doc[last].is_punct or doc[last].is_space) and doc[last].text not in ("”", "''", '"'):
            last -= 1
        # "Still, he said, officials have to decide": an adverbial opener is not part of what was said
        opener = doc[start:comma]
        first = start if any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in opener) else tail_end + 1
        if first > last:
            return None
        content = _trim(quotes.text, doc[first].idx, doc[last].idx + len(doc[last].text), drop_marker=False)
        rule = "parenthetical"
    else:
        content = _trim(quotes.text, doc[start].idx, doc[comma].idx, drop_marker=False)
        rule = "trailing"
    if content is None or head is None:
        return None
    if not _is_statement(doc, content, quotes):
        return None
    content = _unquote(quotes.text, content, quotes)
    return _Draft(
        cue=_cue_span(doc, verb),
        speaker=speaker_range,
        speaker_head=head.i,
        content=content,
        addressee=_addressee(doc, verb, lexicon),
        rule=rule,
        when=_time_phrase(verb),
    )


def _is_statement(doc: Doc, content: tuple[int, int], quotes: QuoteIndex) -> bool:
    """A content set off by a reporting clause must say something: a clause with a subject, or a quotation. "In the
    final Mass of his trip, Francis told the crowd" has only an adverbial before the comma."""
    if quotes.at(content[0]) is not None or quotes.text[content[0]] in "“\"'`":
        return True
    span = doc.char_span(content[0], content[1], alignment_mode="expand")
    if span is None:
        return True
    return any(t.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for t in span)


def _unquote(text: str, span: tuple[int, int], quotes: QuoteIndex) -> tuple[int, int]:
    """A content that is one quotation, marks included or cut at its comma (“...,” he said), becomes its inner text.
    A content starting inside a quotation that opened in an earlier sentence takes the whole quotation."""
    s, e = span
    q = quotes.at(s)
    if q is not None and q.start <= s <= q.inner_start:
        if q.inner_end >= e - 1 or q.end >= e - 1 and q.end <= e + 2:
            e2 = min(e, q.inner_end)
            while e2 > q.inner_start and text[e2 - 1] in " ,":
                e2 -= 1
            return q.inner_start, e2
        return s, e
    if q is not None and q.inner_start < s and q.inner_end >= e - 2 and q.inner_end <= e + 2:
        return q.inner_start, q.inner_end if text[q.inner_end - 1] != "," else q.inner_end - 1
    while e > s and text[e - 1] in " ,":
        e -= 1
    return s, e


def _subject(verb: Token) -> Token | None:
    """The subject of a verb, inherited from the governing verb along advcl/xcomp/conj ("..., claiming that")."""
    tok = verb
    for _ in range(4):
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "csubj")), None)
        if subj is not None:
            return subj
        if tok.dep_ == "acl" and tok.head.i < tok.i and _is_nounish(tok.head):
            return tok.head
        if tok.dep_ not in _INHERIT_DEPS or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _verb_cue(
    doc: Doc, verb: Token, start: int, end: int, lexicon: CueLexicon, quotes: QuoteIndex, phrasal: bool
) -> _Draft | None:
    lemma = verb.lemma_.lower()
    speech = lexicon.is_speech_verb(lemma) or phrasal
    content: tuple[int, int] | None = None
    comp = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if comp is None and speech:
        # "told reporters the plan was dead": the clause hangs off the object in some parses
        comp = next((c for c in verb.children if c.dep_ in ("xcomp",) and c.i > verb.i and lemma in ("say",)), None)
    if comp is not None:
        last = _clause_end(doc, comp, lexicon)
        content = _trim(quotes.text, comp.left_edge.idx, doc[last].idx + len(doc[last].text))
        if content is not None:
            content = _snap_to_quote(quotes.text, content, quotes, doc[end - 1].idx + len(doc[end - 1].text))
    if content is None and lemma in ("ask", "wonder", "question", "inquire"):
        # "asked if they planned to attend", "asked whether ...", "asked what he thought"
        for c in verb.children:
            if (
                c.i > verb.i
                and c.dep_ in ("advcl", "ccomp", "dobj", "xcomp")
                and (
                    any(g.dep_ == "mark" and g.lower_ in ("if", "whether") for g in c.children)
                    or c.left_edge.tag_ in ("WP", "WRB", "WDT")
                )
            ):
                content = _trim(
                    quotes.text, c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text), drop_marker=False
                )
                break
    if content is None and speech:
        content = _adjacent_quote(doc, verb, start, end, quotes)
    if content is None and speech:
        answer = next((c for c in verb.children if c.i > verb.i and c.lower_ in _SHORT_ANSWERS), None)
        if answer is not None:  # "he said no", "55 percent said so"
            content = (answer.idx, answer.idx + len(answer.text))
    if content is None and speech and verb.dep_ == "parataxis" and verb.head.i < verb.i:
        # "The plan is dead, he said": the reporting clause hangs off the content's verb
        left = min(t.i for t in verb.subtree)
        if left - start >= 3:
            content = _trim(quotes.text, doc[start].idx, doc[left].idx, drop_marker=False)
            if content is not None:
                content = _unquote(quotes.text, content, quotes)
    object_content = False
    if content is None and lemma in lexicon.infinitive_content_verbs:
        # "vowed to fight on", "urged Congress to act": the infinitive (with the addressee before it) is the content
        xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
        if xcomp is not None:
            objs = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i < xcomp.i and c.i > verb.i]
            first = objs[0].left_edge if objs else xcomp.left_edge
            content = _trim(
                quotes.text, first.idx, xcomp.right_edge.idx + len(xcomp.right_edge.text), drop_marker=False
            )
            object_content = content is not None
    if content is None and lemma in lexicon.object_content_verbs:
        content = _object_content(doc, verb, quotes)
        object_content = True
    if content is None:
        return None
    cue = _cue_span(doc, verb, with_preposition=object_content)
    if content[0] <= cue[0] < content[1]:
        return None
    subj = _subject(verb)
    if subj is not None and subj.i < start:
        # the parse ran across a paragraph break ("12:15 p.m.\n\nObama says"): take the subject within the unit
        inside = [t for t in doc[start : verb.i] if _is_nounish(t) and not start <= t.head.i < verb.i]
        subj = inside[-1] if inside else None
    if quotes.at(verb.idx) is not None and (
        subj is not None and subj.lower_ in _QUOTED_SELF or not speech and not object_content
    ):
        # "“We expect ...”", "“the doubters should now believe ...”": the quoted speaker's own words, not a new
        # attribution (a quoted report of someone else's words, "“Lavrov told me ...”", is kept and nested)
        return None
    if subj is None:
        # "it would be difficult to say ...": an infinitive or a passive with nobody saying it is not an attribution
        return None
    if subj.lower_ in ("who", "which", "that") and subj.head.dep_ == "relcl":
        # "Lavrov, who said that ...": named by the relative pronoun, resolved (speakers.py) to the noun it hangs on
        speaker_range = (subj.i, subj.i + 1)
    elif subj.i < verb.i and subj.right_edge.i < verb.i:
        # the whole subject phrase, apposition included ("Mark Dubowitz, director of the FDD, said")
        left, right = subj.left_edge.i, subj.right_edge.i
        while right > left and (doc[right].is_punct or doc[right].is_space):
            right -= 1
        speaker_range = (left, right + 1)
    else:
        speaker_range = speaker_tokens(subj)
    if subj.lower_ in ("it", "this", "there") or subj.pos_ == "DET":
        return None  # "it would say", "this suggests": no speaker
    return _Draft(
        cue=cue,
        speaker=speaker_range,
        speaker_head=subj.i if subj is not None else None,
        content=content,
        addressee=_addressee(doc, verb, lexicon),
        rule="verb",
        when=_time_phrase(verb),
    )


def _clause_end(doc: Doc, comp: Token, lexicon: CueLexicon) -> int:
    """Last token of a content clause, stopping before a reporting verb that continues the sentence
    ("she was thinking “...,” adding “...”" ends before ", adding")."""
    last = comp.right_edge.i
    for t in comp.subtree:
        if (
            t.i > comp.i
            and t.dep_ in ("advcl", "conj")
            and t.pos_ == "VERB"
            and lexicon.is_speech_verb(t.lemma_.lower())
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
        ):
            cut = t.left_edge.i - 1
            while cut > comp.i and (doc[cut].is_punct or doc[cut].lower_ in ("and", "but")):
                cut -= 1
            last = min(last, cut)
    return last


_ARGUMENT_PREPOSITIONS = frozenset({"as", "of", "for", "about", "against", "on", "to", "with", "over"})
_OBJECT_DEPS = frozenset({"dobj", "dative", "oprd", "prep", "xcomp", "attr", "acomp", "prt", "ccomp", "advmod"})


def _object_content(doc: Doc, verb: Token, quotes: QuoteIndex) -> tuple[int, int] | None:
    """The object phrase of a verb whose content is a noun phrase ("denied the report", "called the plan a
    disaster", "accused Clinton of lying"): from the first object to the end of the verb phrase."""
    right = [
        c
        for c in verb.children
        if c.i > verb.i
        and c.dep_ in _OBJECT_DEPS
        and c.dep_ != "prt"
        # arguments, not adjuncts: "accused X of Y", "described X as Y", but not "... during a call on Tuesday"
        and (c.dep_ != "prep" or c.lower_ in _ARGUMENT_PREPOSITIONS)
    ]
    # stop at the first adjunct after the object: the content is one contiguous stretch
    adjunct = next(
        (c.i for c in verb.children if c.i > verb.i and c.dep_ in ("prep", "npadvmod", "advcl") and c not in right),
        None,
    )
    if adjunct is not None:
        right = [c for c in right if c.i < adjunct]
    if not any(
        c.dep_ in ("dobj", "oprd", "dative") or c.dep_ == "prep" and c.lower_ in ("for", "of", "on") for c in right
    ):
        return None
    right = [c for c in right if not (c.dep_ == "advmod" and c.i == right[0].i)]
    if not right:
        return None
    first = right[0].left_edge
    if right[0].dep_ == "prep" and right[0].lower_ in _CUE_PREPOSITIONS:
        # "called for X", "warned of X": the preposition belongs to the cue (see _cue_span), X is the content
        objs = [g for g in right[0].children if g.dep_ in ("pobj", "pcomp")]
        if not objs:
            return None
        first = objs[0].left_edge
    last = max(c.right_edge.i for c in right)
    content = _trim(quotes.text, first.idx, doc[last].idx + len(doc[last].text), drop_marker=False)
    if content is None or content[1] - content[0] < 3:
        return None
    if last == first.i and doc[last].pos_ == "PRON":
        return None  # "urged them", "is promising them": an addressee, not a content
    return content


def _snap_to_quote(text: str, content: tuple[int, int], quotes: QuoteIndex, unit_end: int) -> tuple[int, int]:
    """When a clause content opens with a quotation, take the quotation whole (the parser often drops its end)."""
    s, e = content
    q = quotes.at(s)
    if q is not None and q.start == s and q.end <= unit_end + 1:
        # the quotation followed by a participle clause ("“...,” correcting Kishida's statement") is still the quote
        if q.end >= e - 1 or text[q.inner_end - 1 : q.inner_end] == "," or text[q.end : q.end + 1] == ",":
            return _unquote(text, (q.start, q.end), quotes)
        return s, max(e, q.end)
    return content


def _adjacent_quote(doc: Doc, verb: Token, start: int, end: int, quotes: QuoteIndex) -> tuple[int, int] | None:
    """A quotation right after the verb ("said: “...”") or right before its clause ("“...,” he said")."""
    unit_start, unit_end = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    verb_end = verb.idx + len(verb.text)
    # after: within a few characters (": ", ", ", " ")
    for q in quotes.within(verb_end, min(unit_end + 1, verb_end + 40)):
        raw = quotes.text[verb_end : q.start]
        gap = raw.strip(" \t\n\u00a0,:;—–-").lower()
        addressee = _addressee(doc, verb, DEFAULT_CUES)
        if addressee is not None and verb_end <= addressee[0] and addressee[1] <= q.start:
            # "told the crowd “...”": the addressee may stand between the verb and the quotation
            gap = (quotes.text[verb_end : addressee[0]] + quotes.text[addressee[1] : q.start]).strip(
                " \t\n\u00a0,:;—–-"
            )
        # "said: “", "said that “", or a short phrase ending in a colon ("told reporters on Monday: “")
        if gap in ("", "that") or raw.rstrip().endswith(":") and len(raw) <= 60 and not any(c in raw for c in ".!?"):
            return q.inner_start, q.inner_end
    # before: the quotation ends shortly before the reporting clause
    subj = _subject(verb)
    left = min(verb.idx, subj.left_edge.idx if subj is not None else verb.idx)
    for q in reversed(quotes.within(unit_start, left)):
        gap = quotes.text[q.end : left]
        if q.end <= left and len(gap) <= 4 and q.start >= unit_start - 1:
            return _unquote(quotes.text, (q.start, q.end), quotes)
        if q.end <= left and gap.strip(" ,") == "" and q.start < unit_start:
            return q.inner_start, q.inner_end
    return None


def _prep_cue(doc: Doc, cue_start: int, cue_end: int, start: int, end: int, quotes: QuoteIndex) -> _Draft | None:
    """ "According to <speaker>, <content>" (or "<content>, according to <speaker>")."""
    objs = [t for t in doc[cue_end - 1].children if t.dep_ == "pobj"]
    head = objs[0] if objs else (doc[cue_end] if cue_end < end and _is_nounish(doc[cue_end]) else None)
    if head is None:
        return None
    s, e = speaker_tokens(head)
    s = max(s, cue_end)
    # the speaker phrase ends at the first comma after it
    for j in range(cue_end, min(end, e)):
        if doc[j].text == ",":
            e = j
            break
    if cue_start - start <= 1:
        content = _trim(
            quotes.text, doc[e].idx if e < end else doc[end - 1].idx, doc[end - 1].idx + len(doc[end - 1].text)
        )
        # the final period of the sentence is not part of the content
        if content is not None and quotes.text[content[1] - 1] == "." and doc[end - 1].text == ".":
            content = (content[0], content[1] - 1)
    else:
        after = [t for t in doc[e:end] if not (t.is_punct or t.is_space)]
        if len(after) >= 3 and _has_clause(doc[e:end]):
            # "Most Americans - 63 percent, according to the report - still believe ...": the content goes on
            last = end - 1
            while last > e and (doc[last].is_punct or doc[last].is_space) and doc[last].text not in ("”", "''", '"'):
                last -= 1
            content = _trim(quotes.text, doc[start].idx, doc[last].idx + len(doc[last].text), drop_marker=False)
        else:
            content = _trim(quotes.text, doc[start].idx, doc[cue_start].idx, drop_marker=False)
    if content is None:
        return None
    cue_last = doc[cue_end - 1]
    return _Draft(
        cue=(doc[cue_start].idx, cue_last.idx + len(cue_last.text)),
        speaker=(s, e),
        speaker_head=head.i,
        content=content,
        rule="prep",
    )


# ---------------------------------------------------------------------------------------------------------------------
# Across units


def _extend_continued_quotes(doc: Doc, drafts: list[_Draft], quotes: QuoteIndex) -> None:
    """A content that starts in the last paragraph of a quotation running over several paragraphs takes it whole."""
    for d in drafts:
        s, e = d.content
        q = quotes.at(s)
        if q is None or q.inner_start >= s - 2 or q.inner_end < e - 2:
            continue
        d.content = (q.inner_start, e)


def _merge_following_quotes(doc: Doc, drafts: list[_Draft], quotes: QuoteIndex, paras: list[tuple[int, int]]) -> None:
    """ "“A,” he said. “B.”": the quotation right after a reporting clause goes on with the same statement, so the
    content runs from A to B (one statement, one attribution; the reporting clause sits inside it)."""
    text = quotes.text
    claimed = [d.content for d in drafts]
    cues = sorted(d.cue[0] for d in drafts if d.cue)
    for d in sorted(drafts, key=lambda d: d.content[0]):
        if d.cue is None or d.rule not in ("trailing", "verb") or d.content[1] > d.cue[0]:
            continue
        q = quotes.at(d.content[0])
        if q is None or q.inner_end > d.content[1] + 2:
            continue
        end_of_frame = max(d.cue[1], doc[d.speaker[1] - 1].idx + len(doc[d.speaker[1] - 1].text) if d.speaker else 0)
        # the reporting sentence may go on ("she said on stage at the convention."): skip to its end
        stop = min((i for i in (text.find(c, end_of_frame, end_of_frame + 200) for c in ".!?") if i >= 0), default=-1)
        if stop >= 0 and not any(m in text[end_of_frame:stop] for m in '“”"') and "''" not in text[end_of_frame:stop]:
            end_of_frame = stop + 1
        while True:
            nxt = quotes.within(end_of_frame, end_of_frame + 6)
            nxt = [n for n in nxt if n.start >= end_of_frame]
            if not nxt:
                break
            n = nxt[0]
            gap = text[end_of_frame : n.start]
            if "\n" in gap or gap.strip(" .,:;") or _para_of(paras, n.start) != _para_of(paras, d.content[0]):
                break
            if any(c[0] < n.inner_end and n.inner_start < c[1] for c in claimed if c != d.content):
                break
            if any(n.start <= c < n.end for c in cues):
                break
            d.content = (d.content[0], n.inner_end)
            end_of_frame = n.end
    # "He said: “A.”" + next paragraph "“B.”": a quotation that ends its paragraph goes on in the next one when that
    # paragraph opens with a quotation of its own with no reporting verb
    para_starts = [s for s, _ in paras]
    for d in drafts:
        if d.cue is None:
            continue
        for _ in range(5):
            q = quotes.at(max(d.content[0], d.content[1] - 1))
            if q is None or q.inner_end > d.content[1] + 2:
                break
            k = _para_of(paras, q.start)
            rest_of_paragraph = text[q.end : paras[k][1]]
            frame_follows = q.end <= d.cue[0] and d.cue[1] <= paras[k][1]  # “A,” said X, who ... (then B)
            if k + 1 >= len(paras) or rest_of_paragraph.strip(" .\u00a0") and not frame_follows:
                break
            n = quotes.at(para_starts[k + 1])
            if n is None or n.start != para_starts[k + 1] or n.end < paras[k + 1][1] - 2:
                break
            if any(c[0] < n.inner_end and n.inner_start < c[1] for c in claimed if c != d.content):
                break
            if any(n.start <= c < n.end for c in cues):
                break
            d.content = (d.content[0], n.inner_end)


def _clip_to_frames(text: str, drafts: list[_Draft]) -> list[_Draft]:
    """Cut a trailing reporting clause out of the contents the parser hung it in: in "<A conveyed that X>, a source
    informed Sankei", the content of "conveyed" ends before ", a source informed"."""
    frames = [(d.content[1], d.cue[1]) for d in drafts if d.rule == "trailing" and d.cue is not None]
    out = []
    for d in drafts:
        s, e = d.content
        for frame_start, frame_end in frames:
            if s < frame_start < e and frame_end <= e + 1 and d.rule != "trailing":
                e = frame_start
        if (s, e) != d.content:
            trimmed = _trim(text, s, e, drop_marker=False)
            if trimmed is None:
                continue
            d.content = trimmed
        out.append(d)
    return out


def _dedupe(drafts: list[_Draft]) -> list[_Draft]:
    """One attribution per cue: the first rule that claimed it wins."""
    seen: set[tuple[int, int]] = set()
    out = []
    for d in drafts:
        key = d.cue if d.cue else d.content
        if key in seen:
            continue
        seen.add(key)
        out.append(d)
    return out


_BRACKET_SIGNATURE = re.compile(r"[ \t\u00a0]*\(([^()\n]{2,100})\)")
_DASH_SIGNATURE = re.compile(r"[ \t\u00a0]*(?:—|–|--|-)[ \t\u00a0]*([A-Z][^\n]{1,100})")


def _signed_quotes(doc: Doc, drafts: list[_Draft], quotes: QuoteIndex, paras: list[tuple[int, int]]) -> list[_Draft]:
    """Quotations signed by their speaker instead of introduced by a verb: `“...” (Ishiba, LDP secretary general)`
    (the weeklies' short takes) and `“...” — Josh Bivens, Economic Policy Institute`. The signature must run to the
    end of the paragraph and start with a name."""
    text = quotes.text
    para_ends = [e for _, e in paras]
    out: list[_Draft] = []
    for q in quotes.quotes:
        if any(d.content[0] < q.inner_end and q.inner_start < d.content[1] for d in drafts):
            continue
        m = _BRACKET_SIGNATURE.match(text, q.end) or _DASH_SIGNATURE.match(text, q.end)
        if m is None:
            continue
        p_end = para_ends[min(bisect.bisect_left(para_ends, q.end), len(para_ends) - 1)]
        tail = text[m.end() : p_end].strip(" .;\u00a0")
        if tail or not m.group(1)[:1].isupper():
            continue
        span = doc.char_span(m.start(1), m.end(1), alignment_mode="contract")
        if span is None or not any(t.pos_ == "PROPN" for t in span):
            continue
        # the name is the phrase before the first comma ("Ishiba, LDP secretary general")
        name_end = next((t.i for t in span if t.text == ","), span.end)
        name = doc[span.start : name_end]
        if not len(name):
            continue
        out.append(
            _Draft(
                cue=None,
                speaker=(span.start, span.end),
                speaker_head=name.root.i,
                content=(q.inner_start, q.inner_end),
                rule="signed",
            )
        )
    return out


def _leftover_quotes(doc: Doc, drafts: list[_Draft], quotes: QuoteIndex, paras: list[tuple[int, int]]) -> list[_Draft]:
    """Quotations no rule claimed, given to the speaker of the closest attribution before them (same or previous
    paragraph): the way a reporter lets a speaker go on talking without repeating "he said"."""
    out: list[_Draft] = []
    ordered = sorted(drafts, key=lambda d: d.position)
    for q in quotes.quotes:
        if q.inner_end - q.inner_start < 20 or len(quotes.text[q.inner_start : q.inner_end].split()) < 5:
            continue  # short quoted phrases are names, titles or scare quotes, not statements
        if any(d.content[0] < q.inner_end and q.inner_start < d.content[1] for d in drafts):
            continue
        p_index = _para_of(paras, q.start)
        prev = [(i, d) for i, d in enumerate(ordered) if d.position < q.start and d.speaker is not None]
        if not prev:
            continue
        i, d = prev[-1]
        if p_index - _para_of(paras, d.position) > 1:
            continue
        out.append(
            _Draft(
                cue=None,
                speaker=d.speaker,
                speaker_head=d.speaker_head,
                content=(q.inner_start, q.inner_end),
                rule="continued",
            )
        )
    return out


def _para_of(paras: list[tuple[int, int]], pos: int) -> int:
    for k, (s, e) in enumerate(paras):
        if pos < e or k == len(paras) - 1:
            return k if pos >= s or k == 0 else k
    return max(0, len(paras) - 1)


def _finish(
    doc: Doc,
    drafts: list[_Draft],
    quotes: QuoteIndex,
    paras: list[tuple[int, int]],
    mentions: list[Mention] | None,
    entities: list[Entity] | None,
    outlet: str | None,
    article_date: str | None,
) -> list[Attribution]:
    text = quotes.text
    statement_anchor = article_day(article_date)
    resolver = SpeakerResolver(doc, build_entity_view(doc, mentions, entities), text)
    ids = [f"q{k + 1}" for k in range(len(drafts))]
    parent = _nesting(drafts)
    out: list[Attribution] = []
    for k, d in enumerate(drafts):
        if d.speaker is not None and d.speaker_head is not None:
            s, e = d.speaker
            speaker = resolver.describe(doc[s:e], doc[d.speaker_head])
            if (
                outlet
                and speaker.kind in ("organization", "unknown", "person")
                and _names_outlet(speaker.label, outlet)
            ):
                # "Mainichi reported that ...": the reporting outlet speaking in its own article
                speaker.kind = "outlet"
        else:
            speaker = Speaker(kind="unknown", label="")
        if d.cue is not None:
            resolver.remember(d.cue[0], speaker)
        nested_quotes = [drafts[j].content for j in range(len(drafts)) if parent[j] == k]
        form = _form(text, d.content, quotes, nested_quotes)
        cs, ce = d.content
        out.append(
            Attribution(
                id=ids[k],
                speaker=speaker,
                cue=Span(d.cue[0], d.cue[1], text[d.cue[0] : d.cue[1]]) if d.cue else None,
                content=Span(cs, ce, text[cs:ce]),
                form=form,
                addressee=Span(d.addressee[0], d.addressee[1], text[d.addressee[0] : d.addressee[1]])
                if d.addressee
                else None,
                nested_in=ids[parent[k]] if parent[k] is not None else None,
                time=resolve_statement_day(text[d.when[0] : d.when[1]], statement_anchor) if d.when else None,
                outlet=outlet,
                paragraph=_para_of(paras, cs),
            )
        )
    return out


def _names_outlet(label: str, outlet: str) -> bool:
    words = [w for w in label.casefold().split() if w not in ("the", "a")]
    return " ".join(words) in (outlet.casefold(), outlet.casefold() + " shimbun", "the " + outlet.casefold())


def _nesting(drafts: list[_Draft]) -> list[int | None]:
    """For each draft, the index of the attribution that reports it: the smallest larger content holding its cue."""
    parent: list[int | None] = [None] * len(drafts)
    for k, d in enumerate(drafts):
        if d.cue is None:
            continue
        anchor = d.cue[0]
        size = d.content[1] - d.content[0]
        best = None
        for j, o in enumerate(drafts):
            o_size = o.content[1] - o.content[0]
            if j == k or not (o.content[0] <= anchor < o.content[1]) or o_size <= size:
                continue
            if best is None or o_size < drafts[best].content[1] - drafts[best].content[0]:
                best = j
        parent[k] = best
    return parent


def _form(text: str, content: tuple[int, int], quotes: QuoteIndex, nested: list[tuple[int, int]]) -> str:
    """direct when the content is one quotation, mixed when it quotes part, indirect otherwise. Quotations owned by a
    nested attribution do not count: "X said Y told him “...”" is X's indirect report."""
    s, e = content
    own: list[Quote] = []
    for q in quotes.within(s - 1, e + 1):
        if any(ns - 1 <= q.inner_start and q.inner_end <= ne + 1 for ns, ne in nested):
            continue
        own.append(q)
    if not own:
        return "indirect"
    # inside one quotation (content taken from the marks) or the quotation covers it all
    for q in own:
        if q.inner_start <= s + 1 and e - 1 <= q.inner_end:
            return "direct"
        if q.start <= s and e <= q.end:
            return "direct"
    quoted = sum(min(q.inner_end, e) - max(q.inner_start, s) for q in own if q.inner_end > s and q.inner_start < e)
    outside = text[s:e]
    for q in own:
        outside = outside.replace(text[q.start : q.end], "")
    if len(outside.strip(" ,.;:“”\"'")) == 0 or quoted >= 0.97 * (e - s):
        return "direct"
    return "mixed"
