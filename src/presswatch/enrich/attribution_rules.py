"""The rules that read one sentence at a time: each turns a cue in a sentence into a draft attribution.

Used by :mod:`presswatch.enrich.attributions`, which assembles the drafts of a whole article. In order of trust:

1. **Colon cues** at a paragraph start (headlines "Lavrov: ...", transcripts "TAPPER: ...").
2. **Reporting clauses set off by commas** - trailing "<content>, a source informed Sankei on Oct. 14.", inverted
   "<content>, said Mr. X.", parenthetical "<content>, he says, <content>". The parser often hangs such a clause
   inside the content, so it is checked on the surface.
3. **Reporting verbs** with a subject and a clause, a quotation, an infinitive or (stance verbs) an object phrase -
   "Kishida said that ...", "Lavrov contradicted him, claiming that ..." (the subject is inherited along
   ``advcl``/``xcomp``/``conj``), "“...,” he said.", "She said: “...”", "vowed to ...", "denied the report".
4. **Prepositional cues** - "According to a government source, <content>".

A "unit" is a sentence cut at paragraph breaks (the pipeline guarantees sentences do not cross paragraphs; a plain
``nlp(text)`` Doc does not).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.attrs import LEMMA, LOWER, ORTH, SPACY
from spacy.tokens import Doc, Token

from presswatch.enrich.attribution_quotes import QuoteIndex, continues_over_paragraphs
from presswatch.enrich.cues import DEFAULT_CUES, PREP_CUES, SPEECH_NOUNS, CueLexicon, words
from presswatch.enrich.speakers import speaker_tokens

_INHERIT_DEPS = ("advcl", "xcomp", "conj", "pcomp", "dep")
_TRIM_CHARS = " \t\n,;:\u00a0—–-"
_QUOTED_SELF = frozenset({"i", "we", "you"})
_SHORT_ANSWERS = frozenset({"yes", "no", "so", "nothing"})
_MAX_SPEAKER_TOKENS = 12  # a trailing "..., <speaker> said" noun phrase longer than this is a clause, not a speaker
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})  # a verb with a tense of its own ("said", "says", "say")


@dataclass(slots=True)
class Draft:
    """An attribution before ids, nesting and speaker resolution; offsets into the article text."""

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


# ---------------------------------------------------------------------------------------------------------------------
# Units: sentences cut at paragraph breaks (the pipeline guarantees this; a plain nlp(text) Doc does not)


def doc_text(doc: Doc) -> str:
    """``doc.text``, built from the token arrays: spaCy builds it from Token objects, which costs more than all the
    rules together on a long article."""
    strings = doc.vocab.strings
    return "".join(
        strings[orth] + " " if space else strings[orth] for orth, space in doc.to_array([ORTH, SPACY]).tolist()
    )


def units(doc: Doc, text: str) -> list[tuple[int, int]]:
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
    "analysis opinion source sources disclaimer caption credit tags topics share advertisement clarification "
    "disclosure"
)


# Last words of a colon label that names a kind of item, not a speaker ("Delegate Update:"); "AP-GfK Poll: ..." is
# PolNeAR's attribution to the poll.
_NOT_SPEAKER_HEADS = words("update updates transcript daily recap roundup review previously")


# Verbs that make a label in capitals a headline's clause ("FIX IS IN:", "HERE IT COMES:") rather than a name.
_LABEL_VERBS = words("is are was were be been has have had will would can could do does did comes goes")


def _colon_cue(doc: Doc, start: int, end: int, paras: list[tuple[int, int]], quotes: QuoteIndex) -> Draft | None:
    """ "Lavrov: Islands were not discussed" (headlines) and "TAPPER: ..." (transcripts): a name, a colon, and the
    rest of the paragraph as what the named one said."""
    first = doc[start]
    if first.i > 0 and "\n" not in doc[first.i - 1].text_with_ws and not doc[first.i - 1].is_space:
        return None
    colon = next((j for j in range(start, min(end, start + 7)) if doc[j].text == ":"), None)
    if colon is None or colon == start:
        return None
    name = doc[start:colon]
    if name[0].lower_ in _NOT_SPEAKER_LABELS or name[-1].lower_ in _NOT_SPEAKER_HEADS:
        return None  # "Update: ...", "Delegate Update: ..."
    # a transcript label ("KATE BOULDUAN:") is read on the surface: the tagger guesses wildly on capitals
    label = all(t.is_upper and len(t.text) > 1 or t.is_punct for t in name)
    if label and any(t.lower_ in _LABEL_VERBS for t in name):
        return None  # "FIX IS IN: ...": a headline in capitals, not a transcript label
    if not label and (
        any(t.pos_ in ("VERB", "AUX", "PRON") for t in name)
        or not any(t.pos_ == "PROPN" or t.pos_ == "NOUN" and t.text[:1].isupper() for t in name)
    ):
        return None
    # capitalised words ("McCain" is no str.istitle()), initials and a few particles
    if not all(t.text[:1].isupper() or t.is_punct or t.lower_ in ("the", "of", "dr.", "mr.", "ms.") for t in name):
        return None
    para_end = next((e for s, e in paras if s <= first.idx < e), doc[end - 1].idx + len(doc[end - 1].text))
    content = trim(quotes.text, doc[colon].idx + 1, para_end, drop_marker=False)
    if content is None or not any(len(w) > 1 and w.isalpha() for w in quotes.text[content[0] : content[1]].split()):
        return None  # "Hillary Clinton: 1,769." is a tally, not a statement
    head = name.root
    unquoted = _unquote(quotes.text, content, quotes)
    if unquoted[0] < content[0]:
        # '"HOST: ...' paragraphs of a transcript quoted over several paragraphs: what the label says starts after
        # the colon, not where the quotation opened
        unquoted = (content[0], max(content[0], unquoted[1]))
    return Draft(
        cue=(doc[colon].idx, doc[colon].idx + 1),
        speaker=(start, colon),
        speaker_head=head.i,
        content=unquoted,
        rule="colon",
    )


def candidate_tokens(doc: Doc, lexicon: CueLexicon) -> list[int]:
    """Indexes of the tokens that may open an attribution (cue verbs by lemma, first words of prepositional cues),
    found with one pass over the Doc's arrays: most tokens are never turned into Python Token objects."""
    if not len(doc):
        return []
    lemmas, lowers = lexicon.hashed()
    arr = doc.to_array([LEMMA, LOWER]).tolist()
    return [i for i, (lemma, lower) in enumerate(arr) if lemma in lemmas or lower in lowers]


def drafts_in_unit(
    doc: Doc,
    start: int,
    end: int,
    lexicon: CueLexicon,
    quotes: QuoteIndex,
    paras: list[tuple[int, int]],
    candidates: list[int],
) -> list[Draft]:
    """The draft attributions of the unit doc[start:end]: one per cue the rules accept (``candidates`` are the token
    indexes from :func:`candidate_tokens`). Speaker ranges are kept inside the unit."""
    out: list[Draft] = []
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
        if not claimed and low == "in" and i == start:
            draft = _in_source_cue(doc, i, end, lexicon, quotes)
            if draft is not None:
                out.append(draft)
                claimed = True
        if not claimed and low in lexicon.hearsay_adverbs:
            draft = _hearsay(doc, tok, start, end, quotes)
            if draft is not None:
                out.append(draft)
            continue
        if not claimed and tok.pos_ == "ADJ" and tok.lemma_.lower() in lexicon.stance_adjectives:
            draft = _adjective_cue(doc, tok, start, end, quotes)
            if draft is not None:
                out.append(draft)
            continue
        if not claimed and tok.pos_ == "NOUN" and tok.lemma_.lower() in lexicon.cue_nouns:
            draft = _noun_cue(doc, tok, start, end, quotes)
            if draft is not None:
                out.append(draft)
            continue
        if claimed or tok.pos_ not in ("VERB", "AUX"):
            continue
        lemma = tok.lemma_.lower()
        if lemma in lexicon.hedge_verbs or lemma == "expect" and tok.tag_ == "VBN":
            draft = _hedge(doc, tok, start, end, lexicon, quotes)
            if draft is not None:
                out.append(draft)
                continue
        phrasal = any(c.dep_ == "prt" and (lemma, c.lower_) in lexicon.phrasal_verbs for c in tok.children)
        if not (lexicon.is_cue_verb(lemma) or phrasal):
            continue
        draft = _asked(doc, tok, end, quotes) if lemma == "ask" else None
        if draft is None:
            draft = _trailing_clause(doc, tok, start, end, lexicon, quotes)
        if draft is None:
            draft = _verb_cue(doc, tok, start, end, lexicon, quotes, phrasal)
        if draft is not None:
            out.append(draft)
    unit_start = doc[start].idx
    kept: list[Draft] = []
    for draft in out:
        if draft.speaker is not None:
            draft.speaker = _clean_speaker_range(doc, draft.speaker, start, end)
        if draft.rule != "colon" and draft.content[0] < unit_start < draft.content[1]:
            # a parse that ran across a paragraph break hung the previous paragraph on this content
            clipped = trim(quotes.text, unit_start, draft.content[1], drop_marker=False)
            if clipped is None:
                continue
            draft.content = _unquote(quotes.text, clipped, quotes)
        kept.append(draft)
    out = kept
    return out


_QUOTE_TOKENS = frozenset({"“", "”", '"', "''", "``", "‘", "’"})


def _clean_speaker_range(doc: Doc, rng: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """Keep a speaker phrase inside its unit and off quotation remnants: the parse of a sentence that crossed a
    paragraph, or of `“..., Mr. President,” Representative X said`, can reach too far left."""
    s, e = max(rng[0], start), min(rng[1], end)
    for j in range(e - 1, s - 1, -1):
        if (
            doc[j].text in _QUOTE_TOKENS
            or doc[j].is_space
            and "\n" in doc[j].text
            or doc[j].text in (".", "!", "?", ":")
        ):
            s = j + 1
            break
    # a dateline ("LONDON (Reuters) -", "CLEVELAND, July 19 (UPI) —", "New York (AFP) –") is not part of the speaker
    s = skip_dateline(doc, s, e)
    while s < e - 1 and (doc[s].is_punct or doc[s].is_space) and doc[s].text not in ("(", "["):
        s += 1
    while e > s + 1 and (doc[e - 1].is_punct or doc[e - 1].is_space) and doc[e - 1].text not in (")", "]"):
        e -= 1
    # a closing bracket the phrase opened ("Bernie Sanders (I-VT)") stays; the tokenizer may leave it outside
    opened = sum(t.text == "(" for t in doc[s:e]) - sum(t.text == ")" for t in doc[s:e])
    if opened > 0 and e < end and doc[e].text == ")":
        e += 1
    e = _drop_nonrestrictive(doc, s, e)
    return (s, e) if e > s else rng


def _drop_nonrestrictive(doc: Doc, s: int, e: int) -> int:
    """End of a speaker phrase without what is set off after a comma to say what the speaker was doing rather than
    who they are: a participle (", speaking at a rally", ", clad in a red cape"), an adjective (", clearly
    frustrated"), or a clause the parser hung on the subject. Appositions, ages and relative clauses stay: PolNeAR's
    sources keep them ("Murphy, the head of Right to Rise USA", "Jim Bennett, 57", "Ramos, who lives in Miami"),
    measured on the train split."""
    for j in range(s + 1, e - 1):
        if doc[j].text not in (",", "—", "–"):
            continue
        nxt = doc[j + 1]
        if (
            nxt.tag_ in ("VBG", "VBN")
            and nxt.dep_ in ("acl", "advcl", "relcl", "conj")
            or nxt.tag_ in ("VBD", "VBZ", "VBP")
            or nxt.pos_ == "ADJ"
            and nxt.dep_ in ("amod", "acomp", "advcl")
            and (j + 2 >= e or doc[j + 2].pos_ == "ADV")
            or nxt.pos_ == "ADV"
            and j + 2 < e
            and doc[j + 2].pos_ == "ADJ"
        ):
            return j
    return e


_DATELINE_AGENCIES = frozenset({"ap", "upi", "reuters", "afp", "cnn", "ians", "pti", "xinhua", "bloomberg", "dpa"})


def skip_dateline(doc: Doc, s: int, e: int) -> int:
    """First token after a wire dateline opening doc[s:e] ("LONDON (Reuters) -", "CLEVELAND, July 19 (UPI) —",
    "Dec 29 (Reuters) -"); ``s`` when there is none. The dateline ends at the dash after a bracketed agency, or, for
    an all-capitals place ("WASHINGTON -"), at the dash right after it."""
    limit = min(e, s + 10)
    for j in range(s, limit):
        t = doc[j]
        if t.text == ")" and j + 1 < e and doc[j + 1].text in ("-", "—", "–", "--") and j + 2 < e:
            opened = next((k for k in range(j - 1, s - 1, -1) if doc[k].text == "("), None)
            if opened is not None and (
                doc[opened + 1 : j].text.lower() in _DATELINE_AGENCIES or doc[s].is_upper and len(doc[s].text) > 1
            ):
                return j + 2
        if t.text in ("-", "—", "–", "--") and j > s and j + 1 < e:
            if all(x.is_upper or x.is_punct for x in doc[s:j]) and len(doc[s].text) > 1:
                return j + 1
            break
    if doc[s].is_upper and len(doc[s].text) > 1:
        close = next((j for j in range(s + 1, min(e, s + 6)) if doc[j].text == ")"), None)
        if close is not None and close + 1 < e:
            return close + 1
    return s


_CUE_PREPOSITIONS = frozenset({"for", "of", "about", "against", "on"})


def _cue_span(
    doc: Doc, verb: Token, with_preposition: bool = False, to_verbs: frozenset[str] = frozenset()
) -> tuple[int, int]:
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
    # "goes on to say", "tended to support", "demanded to know": the verb that governs the infinitive is part of the
    # cue (PolNeAR: 507 such cues on train against 56 without the governing verb)
    gov = verb.head
    if (
        verb.dep_ in ("xcomp", "advcl")
        and gov.i < verb.i
        and gov.pos_ in ("VERB", "AUX")
        and (start_tok.lower_ == "to" or start_tok.i > 0 and doc[start_tok.i - 1].lower_ == "to")
        and all(t.lower_ == "to" or t.pos_ in ("ADV", "PART") or t.dep_ == "prt" for t in doc[gov.i + 1 : start_tok.i])
    ):
        start_tok = gov
        gov_left = {c.i: c for c in gov.children if c.i < gov.i and c.dep_ in ("aux", "auxpass", "neg", "advmod")}
        while start_tok.i - 1 in gov_left and gov_left[start_tok.i - 1].pos_ != "SCONJ":
            start_tok = gov_left[start_tok.i - 1]
    # "issued a statement saying", "wrote a letter asking": the act of issuing the statement is part of the cue
    owner = _governing_verb(gov) if verb.dep_ == "acl" and verb.tag_ == "VBG" else None
    if owner is not None and gov.lemma_.lower() in SPEECH_NOUNS and owner.i < gov.i < verb.i and verb.i - gov.i <= 2:
        start_tok = owner
    if with_preposition:
        nxt = end_tok.i + 1
        if (
            nxt < len(doc)
            and doc[nxt].dep_ == "prep"
            and doc[nxt].head.i == verb.i
            and (doc[nxt].lower_ in _CUE_PREPOSITIONS or doc[nxt].lower_ == "to" and verb.lemma_.lower() in to_verbs)
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


def trim(text: str, start: int, end: int, *, drop_marker: bool = True) -> tuple[int, int] | None:
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
    """A comma or dash that can end a content before a reporting clause (also `,”` and `,''`, and a closing mark
    after a question or an exclamation: `?”`, `!”`)."""
    t = doc[j].text
    return t == "," or t in _DASHES or (t in ("”", '"', "''") and j > 0 and doc[j - 1].text in (",", "?", "!"))


_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "xcomp", "advcl", "relcl", "conj", "parataxis", "csubj", "pcomp", "acl"})


def _has_clause(tokens: Sequence[Token]) -> bool:
    """True when the tokens hold a verb of their own (a finite verb or a copula heading a clause)."""
    return any(
        t.pos_ == "VERB" and t.dep_ not in ("amod", "compound") or t.pos_ == "AUX" and t.dep_ in _CLAUSE_DEPS
        for t in tokens
    )


def _trailing_clause(
    doc: Doc, verb: Token, start: int, end: int, lexicon: CueLexicon, quotes: QuoteIndex
) -> Draft | None:
    """Reporting clauses set off by commas, found on the surface because the parser often hangs them inside the
    content:

    * trailing: "<content>, <speaker> <verb> [<obj>] [<pp>]." (the speaker may carry an apposition:
      "<content>, Mark Dubowitz, executive director of the FDD, said.")
    * inverted: "<content>, <verb> <speaker>[, <apposition>]."
    * parenthetical: "<content>, <speaker> <verb>, <content continued>." (the content is the whole unit)
    """
    # "In his state, Christie said, offenders are sent to treatment": a clause after "said," resumes the content
    resumes = verb.i + 2 < end and doc[verb.i + 1].text == "," and doc[verb.i + 2].text not in _QUOTE_TOKENS
    if any(
        c.dep_ == "ccomp" and c.i > verb.i and not resumes or c.lower_ in _SHORT_ANSWERS and c.i > verb.i
        for c in verb.children
    ):
        return None  # "X, Y, said that ...", "Asked if ..., he said no": the content follows the verb
    breaks = [j for j in range(verb.i - 1, start, -1) if _is_break(doc, j)]
    if not breaks or breaks[0] - start < 1:
        return None
    comma = breaks[0]
    closed_quote = doc[comma].text in ("”", '"', "''")  # “...,” he said, ...
    # after the verb: up to the next comma, nothing clausal; after that comma either nothing, an apposition of an
    # inverted speaker, or the rest of a parenthetically interrupted content
    tail_end = next((j for j in range(verb.i + 1, end) if doc[j].text == ","), end)
    if _has_clause(doc[verb.i + 1 : tail_end]):
        return None
    rest = [t for t in doc[tail_end + 1 : end] if not t.is_punct and not t.is_space]
    subj_left = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i), None)
    # "Speaking to MSNBC, Bush referred to Rubio as “...”", "Mr. Ubben called the chief executive “driven”": a verb
    # with an object of its own before the next comma reports that object, not the clause set off by the comma
    has_object = verb.lemma_.lower() not in lexicon.addressee_object_verbs and any(
        verb.i < c.i < tail_end
        and (c.dep_ in ("dobj", "oprd") or c.dep_ == "prep" and c.lower_ in ("to", "as") and c.i == verb.i + 1)
        for c in verb.children
    )
    if has_object:
        return None
    parenthetical = False
    if rest and tail_end < end and rest[0].lower_ not in ("who", "whose", "which"):
        # (", who noted that ..." after an inverted speaker describes the speaker; it does not resume the content,
        # nor does ", adding that ...", which is an attribution of its own)
        clause_after = _has_clause(doc[tail_end + 1 : end])
        own_cue = rest[0].pos_ == "VERB" and lexicon.is_cue_verb(rest[0].lemma_.lower())
        # ", speaking by phone from Nice", ", half joking": a participle tells how the words were said
        own_cue = own_cue or rest[0].tag_ in ("VBG", "VBN") and rest[0].i == tail_end + 1 and closed_quote
        # after "<speaker> said," whatever follows goes on with the content; after "said <speaker>," it may be an
        # apposition of the speaker
        # "..., said Audrey Scagnelli, press secretary for the committee organizing the convention."
        apposition = subj_left is None and _apposition_end(doc, tail_end, end) > tail_end
        # "“...,” Trump said at a rally in Evansville, Indiana, last month.": a comma after the verb's own phrase
        # sets off a place or a time, not the rest of the content
        long_tail = subj_left is not None and closed_quote and tail_end - verb.i > 3
        parenthetical = (
            not own_cue
            and not apposition
            and not long_tail
            and (
                clause_after or subj_left is not None or len(rest) > 3 and rest[0].pos_ not in ("DET", "PROPN", "NOUN")
            )
        )
    min_content = 1 if parenthetical else 3  # "This campaign, he says, is different" vs a real trailing content
    if breaks[0] - start < min_content:
        return None
    speaker_range: tuple[int, int] | None = None
    head: Token | None = None
    if subj_left is None and verb.dep_ == "acl" and verb.head.i < verb.i and _is_nounish(verb.head):
        subj_left = verb.head  # "..., a source informed Sankei": parsed as a noun with a participle
    finite = verb.tag_ in ("VBD", "VBZ", "VBP")  # "..., said X" inverts; "..., calling X a liar" does not
    inverted = (
        subj_left is None and finite and all(t.pos_ in ("AUX", "PART", "ADV", "PUNCT") for t in doc[comma + 1 : verb.i])
    )
    told = verb.lemma_.lower() in lexicon.addressee_object_verbs
    found = None
    if inverted and not parenthetical and (told or not _inverted_speaker_follows(verb, tail_end)):
        # "“...,” Ramos, 58, told AFP in an interview", "“...,” Mr. Daniloff, now 81, said by telephone this week":
        # the parser left the speaker before the verb without a verb; what follows is the one told, or a phrase
        found = _speaker_after_quote(doc, verb, start) or _surface_subject(doc, verb, start)
        if found is None and told:
            return None
    elif subj_left is None and finite and not parenthetical:
        # "“...,” Bozell answers.": the parser made the name a compound of the verb
        found = _speaker_after_quote(doc, verb, start)
    if found is not None:
        speaker_range, head = found
        before = speaker_range[0] - 1
        while before > start and doc[before].text in ("”", '"', "''") and doc[before - 1].text == ",":
            before -= 1
        if before - start < min_content or not _is_break(doc, before) and doc[before].text != ",":
            return None
        comma = before
    elif inverted:
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
        s_end = _apposition_end(doc, tail_end, end)
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
        # "In his state, Christie said, offenders are sent to treatment": the opener belongs to what was said
        # (PolNeAR's reading; the reporting clause interrupts one statement)
        content = trim(quotes.text, doc[start].idx, doc[last].idx + len(doc[last].text), drop_marker=False)
        rule = "parenthetical"
    else:
        first = doc[start].idx
        closing = quotes.at(doc[comma].idx) if closed_quote else None
        if closing is not None and closing.start > first and quotes.text[first : closing.start].rstrip().endswith(":"):
            # "Trump asserted that France had lost its identity: “France is no longer France,” he claimed.": the
            # quotation after the colon is what the trailing clause reports
            first = closing.start
        content = trim(quotes.text, first, doc[comma].idx, drop_marker=False)
        rule = "trailing"
    if content is None or head is None:
        return None
    if not _is_statement(doc, content, quotes) or _crosses_into_quote(content, quotes):
        return None
    if head.lower_ in _QUOTED_SELF and quotes.at(verb.idx) is not None:
        return None  # "“..., we should think, ...”": the quoted speaker's own words, not a new attribution
    content = _unquote(quotes.text, content, quotes)
    return Draft(
        cue=_cue_span(doc, verb),
        speaker=speaker_range,
        speaker_head=head.i,
        content=content,
        addressee=_addressee(doc, verb, lexicon),
        rule=rule,
        when=_time_phrase(verb),
    )


def _inverted_speaker_follows(verb: Token, tail_end: int) -> bool:
    """Whether a noun phrase follows the verb directly, as an inverted speaker does ("..., said Mr. X"), rather than
    a preposition or a time ("..., said by telephone this week", "..., said on Monday")."""
    doc = verb.doc
    j = verb.i + 1
    while j < tail_end and doc[j].pos_ in ("ADV", "PART"):
        j += 1
    if j >= tail_end:
        return False
    first = doc[j]
    return first.pos_ not in ("ADP", "SCONJ") and first.ent_type_ not in ("DATE", "TIME")


def _speaker_after_quote(doc: Doc, verb: Token, start: int) -> tuple[tuple[int, int], Token] | None:
    """ "“...,” Mr. Daniloff, now 81 and retired in Cambridge, said": the phrase between the closing quote mark (after
    a comma) and the verb, when it opens with a name or a noun, holds no quotation and is short enough to name one."""
    e = verb.i
    while e > start and doc[e - 1].pos_ in ("ADV", "AUX", "PART", "PUNCT") and doc[e - 1].text not in _QUOTE_TOKENS:
        e -= 1
    q = next((j for j in range(e - 1, start, -1) if doc[j].text in _QUOTE_TOKENS), None)
    if q is None or doc[q - 1].text != "," or q + 1 >= e or e - q - 1 > _MAX_SPEAKER_TOKENS * 2:
        return None
    s = q + 1
    if doc[s].pos_ not in ("PROPN", "NOUN", "DET") or doc[s].ent_type_ in ("DATE", "TIME"):
        return None
    name_end = next((x.i for x in doc[s:e] if x.text == ","), e)
    head = doc[s:name_end].root
    if not _is_nounish(head):
        return None
    return (s, e), head


def _main_clause(doc: Doc, start: int, end: int) -> bool:
    """True when doc[start:end] holds a clause of its own: a finite verb whose subject is inside and whose head is
    not (a relative or adverbial clause hangs on something)."""
    for t in doc[start:end]:
        if t.dep_ not in ("nsubj", "nsubjpass") or not start <= t.head.i < end:
            continue
        h = t.head
        finite = h.tag_ in _FINITE_TAGS | {"MD"} or any(
            c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE_TAGS | {"MD"} for c in h.children
        )
        if (
            finite
            and h.dep_ not in ("relcl", "acl", "advcl", "csubj")
            and (h.head.i == h.i or not start <= h.head.i < end)
        ):
            return True
    return False


def _apposition_end(doc: Doc, j: int, end: int) -> int:
    """End of a speaker phrase that goes on after the comma at ``j`` with appositions and a "who" clause ("said
    Peter Rice, chairman of Fox Networks, who ..."): PolNeAR keeps them in the source. It stops before a participle
    (", noting that ..."), a "which"/"whose" clause, a quotation or a clause of its own."""
    last = j
    while j < end and doc[j].text == ",":
        k = j + 1
        while k < end and doc[k].is_space:
            k += 1
        if k >= end:
            break
        first = doc[k]
        relative = first.lower_ == "who"
        if not relative and (
            first.text in _QUOTE_TOKENS
            or first.lower_ in ("which", "whose", "where", "when")
            or first.tag_ in ("VBG", "VBN")
            or first.pos_ in ("VERB", "AUX", "ADV", "SCONJ", "ADP", "CCONJ", "PUNCT", "PRON")
        ):
            break
        comma = next((x for x in range(k, end) if doc[x].text == ","), end)
        piece_end = comma
        while piece_end > k + 1 and (doc[piece_end - 1].is_punct or doc[piece_end - 1].is_space):
            if doc[piece_end - 1].text in (")", "]"):
                break
            piece_end -= 1  # the sentence's period, or the mark opening the next quotation
        piece = doc[k:piece_end]
        if any(t.text in _QUOTE_TOKENS for t in piece):
            break
        own_relative = next((t.i for t in piece if t.tag_ in ("WP", "WDT", "WP$")), piece_end)
        if not relative and any(t.tag_ in _FINITE_TAGS | {"MD"} and t.i < own_relative for t in piece):
            break
        last, j = piece_end, comma
    return last


def _crosses_into_quote(content: tuple[int, int], quotes: QuoteIndex) -> bool:
    """True when a content opens outside a quotation and ends inside one: the reporting clause that seemed to close
    it sits inside someone's quoted words ("X wrote, “When we think of it, we should think ...”")."""
    q = quotes.at(content[1] - 1)
    return q is not None and content[0] < q.start and content[1] < q.inner_end - 1


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
    if (
        q is not None
        and q.inner_start < s
        and q.inner_end >= e - 2
        and q.inner_end <= e + 2
        and continues_over_paragraphs(text, q.inner_start, s)
    ):
        return q.inner_start, q.inner_end if text[q.inner_end - 1] != "," else q.inner_end - 1
    while e > s and text[e - 1] in " ,":
        e -= 1
    return s, e


def _subject(verb: Token) -> Token | None:
    """The subject of a verb, inherited from the governing verb along advcl/xcomp/conj ("..., claiming that") and
    through a preposition ("Trump landed in hot water by saying that ...")."""
    tok = verb
    for _ in range(4):
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
        if len(subjects) > 1:
            # "WASHINGTON (AP) — Donald Trump and Paul Ryan pledged ...": the parse made the dateline a second
            # subject; the subject is the one after it
            subjects = [c for c in subjects if not _in_dateline(c)] or subjects
            # "...Dropped Out\nTed Cruz apologized": a headline line the parse ran into is not the subject either
            subjects = [c for c in subjects if not _line_between(c, tok)] or subjects
        subj = subjects[0] if subjects else None
        if subj is not None:
            return subj
        # "..., the nominee, Donald Trump, tweeted Sunday.": a past tense read as a participle on a noun that is left
        # as the root of its sentence is the sentence's verb
        finite_misread = tok.tag_ == "VBN" and tok.head.dep_ == "ROOT"
        if tok.dep_ == "acl" and (tok.tag_ != "VBN" or finite_misread) and tok.head.i < tok.i and _is_nounish(tok.head):
            owner = _governing_verb(tok.head)
            inherits = owner is not None and owner.dep_ in ("conj", "xcomp") and owner.head.i < owner.i
            if owner is None or not any(c.dep_ == "nsubj" for c in owner.children) and not inherits:
                return tok.head
            # "Carr released a statement confirming ...", "emailed supporters saying ...": the participle hangs on
            # the object in the parse, but the one speaking is the subject of the clause
            tok = owner
            continue
        if tok.dep_ not in _INHERIT_DEPS or tok.head.i == tok.i:
            return None
        tok = _reporting_owner(tok) or tok.head
        if tok.pos_ == "ADP" and tok.dep_ == "prep" and tok.head.pos_ in ("VERB", "AUX"):
            tok = tok.head
    return None


def _line_between(a: Token, b: Token) -> bool:
    """Whether a single line break (not a blank line: the units already end there) separates ``a`` from ``b``."""
    between = "".join(t.text_with_ws for t in a.doc[a.i : b.i])
    return "\n" in between and "\n\n" not in between.replace("\u00a0", "").replace(" ", "")


def _in_dateline(tok: Token) -> bool:
    """Whether ``tok`` lies in a wire dateline that opens its paragraph ("WASHINGTON (AP) —", "LONDON (Reuters) -")."""
    doc = tok.doc
    s = tok.left_edge.i
    if s > 0 and "\n" not in doc[s - 1].text_with_ws:
        return False
    return skip_dateline(doc, s, min(len(doc), s + 12)) > tok.i


def _reporting_owner(tok: Token) -> Token | None:
    """The reporting verb a subjectless verb goes with when the parse hung it inside the clause that verb reports: in
    "Perdue said he didn't believe ..., arguing that ..." and "McConnell says he spoke to Trump and asked him to ...",
    the participle after a comma and the coordinated verb are Perdue's and McConnell's (so PolNeAR's annotators read
    them), not the reported clause's "he". None when ``tok`` is not such a verb."""
    clause = tok.head
    if tok.i < clause.i or clause.dep_ != "ccomp" or clause.head.i > clause.i:
        return None
    if tok.dep_ == "advcl":
        before = tok.left_edge.i - 1
        while before > 0 and tok.doc[before].is_quote:
            before -= 1  # "... can't be happening,'' adding"
        if tok.tag_ != "VBG" or before < 0 or tok.doc[before].text != ",":
            return None
    elif tok.dep_ != "conj":
        return None
    owner = clause.head
    if owner.pos_ == "ADJ" and owner.dep_ in ("acomp", "oprd", "ccomp") and owner.head.i < owner.i:
        owner = owner.head  # "made it clear that she has their backs, touting ..."
    if any("\n" in t.text for t in tok.doc[owner.i : tok.i]):
        return None  # a parse run across a paragraph break
    return owner if any(c.dep_ == "nsubj" and c.i < owner.i for c in owner.children) else None


def _as_clause_content(doc: Doc, verb: Token, start: int, end: int, quotes: QuoteIndex) -> tuple[int, int] | None:
    """ "As The Washington Post reported, <content>" and "<content>, as Smith noted.": a reporting clause opened by
    "as" vouches for the rest of its sentence."""
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None
    if any(c.dep_ in ("dobj", "ccomp", "xcomp") and c.i > verb.i for c in verb.children):
        return None  # "as he reported earnings", "as officials said they would": not a frame
    left, right = verb.left_edge.i, verb.right_edge.i
    if left < start or right >= end:
        return None
    last = end - 1
    while last > right and (doc[last].is_punct or doc[last].is_space) and doc[last].text not in _QUOTE_TOKENS:
        last -= 1
    if left == start or left == start + 1 and doc[start].pos_ in ("CCONJ", "PUNCT"):
        if last <= right + 1:
            return None
        return trim(quotes.text, doc[right + 1].idx, doc[last].idx + len(doc[last].text), drop_marker=False)
    if right >= last and left - start >= 3:
        return trim(quotes.text, doc[start].idx, doc[left].idx, drop_marker=False)
    return None


def _governing_verb(noun: Token) -> Token | None:
    """The verb a noun is the object of, directly ("released a statement") or through a preposition ("at one
    point")."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif noun.dep_ not in ("dobj", "dative"):
        return None
    return head if head.pos_ in ("VERB", "AUX") and head.i != noun.i else None


def _verb_cue(
    doc: Doc, verb: Token, start: int, end: int, lexicon: CueLexicon, quotes: QuoteIndex, phrasal: bool
) -> Draft | None:
    lemma = verb.lemma_.lower()
    speech = lexicon.is_speech_verb(lemma) or phrasal
    content: tuple[int, int] | None = None
    comp = _clause_complement(verb, start, end)
    if comp is None and speech:
        # "told reporters the plan was dead": the clause hangs off the object in some parses
        comp = next((c for c in verb.children if c.dep_ in ("xcomp",) and c.i > verb.i and lemma in ("say",)), None)
    if comp is not None:
        last = _clause_end(doc, comp, lexicon)
        if last == comp.right_edge.i:
            last = _coordinated_content_end(doc, verb, comp, last, lexicon)
        first = comp.left_edge
        if first.i < verb.i < comp.i and first.tag_ in ("WDT", "WP", "IN", "DT"):
            # "the changes, which officials said will go into effect": the relative pronoun the parse hangs on the
            # clause stands before the reporting verb; what was said is the rest
            first = doc[verb.i + 1]
        content = trim(quotes.text, first.idx, doc[last].idx + len(doc[last].text))
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
                content = trim(
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
            content = trim(quotes.text, doc[start].idx, doc[left].idx, drop_marker=False)
            if content is not None:
                content = _unquote(quotes.text, content, quotes)
    if content is None and speech:
        content = _as_clause_content(doc, verb, start, end, quotes)
    object_content = False
    if content is None and lemma in lexicon.infinitive_content_verbs:
        # "vowed to fight on", "urged Congress to act": the infinitive (with the addressee before it) is the content
        xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
        if xcomp is not None:
            objs = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i < xcomp.i and c.i > verb.i]
            first = objs[0].left_edge if objs else xcomp.left_edge
            content = trim(quotes.text, first.idx, xcomp.right_edge.idx + len(xcomp.right_edge.text), drop_marker=False)
            object_content = content is not None
    if content is None and lemma in lexicon.object_content_verbs:
        content = _object_content(doc, verb, quotes, lexicon.to_cue_verbs)
        object_content = True
    if content is None:
        return None
    cue = _cue_span(doc, verb, with_preposition=object_content, to_verbs=lexicon.to_cue_verbs)
    if content[0] <= cue[0] < content[1]:
        return None
    if _passive_without_subject(verb):
        # "when it was revealed that ...", "as she was announced the winner": the one who revealed or announced is
        # not named; the subject of the clause the passive hangs on is not the speaker
        return Draft(cue=cue, speaker=None, speaker_head=None, content=content, rule="verb", when=_time_phrase(verb))
    subj = _subject(verb)
    if subj is not None and subj.i < start:
        # the parse ran across a paragraph break ("12:15 p.m.\n\nObama says"): take the subject within the unit
        chain = {verb.i} | {a.i for a in verb.ancestors}
        own = [t for t in doc[start : verb.i] if t.dep_ in ("nsubj", "csubj") and t.head.i in chain]
        j = verb.i - 1
        while j > start and doc[j].pos_ in ("ADV", "AUX", "PART"):
            j -= 1
        # "..., former president Bill Clinton said": the name right before the verb, whatever the parse hung it on
        right_before = [doc[j]] if j >= start and _is_nounish(doc[j]) and doc[j].pos_ == "PROPN" else []
        inside = (
            own
            or right_before
            or [
                t
                for t in doc[start : verb.i]
                if _is_nounish(t) and not start <= t.head.i < verb.i and t.ent_type_ not in ("DATE", "TIME")
            ]
        )
        # "WASHINGTON — Sen. Bernie Sanders defended ..., saying": not the dateline
        inside = [t for t in inside if not _in_dateline(t)]
        subj = inside[-1] if inside else None
    if quotes.at(verb.idx) is not None and (
        subj is not None and subj.lower_ in _QUOTED_SELF or not speech and not object_content
    ):
        # "“We expect ...”", "“the doubters should now believe ...”": the quoted speaker's own words, not a new
        # attribution (a quoted report of someone else's words, "“Lavrov told me ...”", is kept and nested)
        return None
    if subj is None:
        surface = _surface_subject(doc, verb, start) if verb.tag_ in _FINITE_TAGS else None
        if surface is None:
            # "it would be difficult to say ...": an infinitive or a passive with nobody saying it is no attribution
            return None
        speaker_range, subj = surface
    elif subj.lower_ in ("who", "which", "that") and subj.head.dep_ == "relcl":
        # "Lavrov, who said that ...": named by the relative pronoun, resolved (speakers.py) to the noun it hangs on
        speaker_range = (subj.i, subj.i + 1)
    elif subj.i < verb.i and (subj.right_edge.i < verb.i or verb.head.i == subj.i and verb.dep_ == "acl"):
        # the whole subject phrase, apposition included ("Mark Dubowitz, director of the FDD, said"); a subject the
        # verb hangs on as a participle ends before the verb
        left, right = subj.left_edge.i, subj.right_edge.i
        if verb.head.i == subj.i:
            right = verb.left_edge.i - 1
        while right > left and (doc[right].is_punct or doc[right].is_space):
            right -= 1
        speaker_range = (left, right + 1)
    else:
        speaker_range = speaker_tokens(subj)
    speaking_it = (
        subj.lower_ == "it"
        and speech
        and verb.tag_ in _FINITE_TAGS
        and not any(c.dep_ == "aux" for c in verb.children)
        and quotes.at(verb.idx) is None
    )  # "It said supporters were sharing the news": a body or a document named before
    if subj.lower_ in ("it", "this", "there") and not speaking_it or subj.pos_ == "DET":
        return None  # "it would say", "this suggests": no speaker
    return Draft(
        cue=cue,
        speaker=speaker_range,
        speaker_head=subj.i if subj is not None else None,
        content=content,
        addressee=_addressee(doc, verb, lexicon),
        rule="verb",
        when=_time_phrase(verb),
    )


def _passive_without_subject(verb: Token) -> bool:
    """A passive reporting verb with no active subject and no agent ("it was revealed", "was announced the winner")
    that would otherwise inherit the subject of the clause it hangs on."""
    children = list(verb.children)
    # a finite "was"/"is"/"were", not "being called" (its subject is the clause's) nor "’s" ("he’s often alleged")
    finite = any(c.dep_ == "auxpass" and c.tag_ in _FINITE_TAGS and c.lower_ not in ("'s", "’s") for c in children)
    if not finite or any(c.dep_ in ("nsubj", "csubj", "agent") for c in children):
        return False
    return verb.dep_ in _INHERIT_DEPS and verb.head.i != verb.i


def _clause_complement(verb: Token, start: int, end: int) -> Token | None:
    """The clause complement of a reporting verb within its unit, the one after the verb first: a parse that ran
    across a paragraph break hangs the previous paragraph's quotation on "said" as a second complement."""
    comps = [c for c in verb.children if c.dep_ == "ccomp" and start <= c.i < end]
    return next((c for c in comps if c.i > verb.i), comps[0] if comps else None)


def _surface_subject(doc: Doc, verb: Token, start: int) -> tuple[tuple[int, int], Token] | None:
    """The subject phrase of a finite reporting verb the parser left without one, read on the surface: the
    comma-separated pieces right before the verb that name someone, read from the right ("Alarmed by the unrest,
    Senator Harry Reid, the minority leader, said that ..."; "As part of his plea, Marcel Lazar, 44, said ...").
    A participle or adverbial piece right before the verb is skipped ("Durbin, noting the size of the list, said");
    a piece opening with a verb, a preposition or a conjunction, or holding a clause, ends the phrase."""
    e = verb.i
    while e > start and doc[e - 1].pos_ in ("ADV", "AUX", "PART"):
        e -= 1  # "has also said": auxiliaries and adverbs belong to the cue
    pieces: list[tuple[int, int]] = []
    hi = e
    for j in range(e - 1, start - 2, -1):
        if j < start or doc[j].text == ",":
            if j + 1 < hi:
                pieces.append((j + 1, hi))
            hi = j
            if j < start:
                break
    phrase_start = phrase_end = None
    for k, (s, t) in enumerate(pieces):
        while s < t and doc[s].pos_ in ("CCONJ", "PUNCT", "SPACE") and doc[s].text not in ("(",):
            s += 1
        if s >= t:
            break
        first = doc[s]
        if any(x.text in _QUOTE_TOKENS for x in doc[s:t]):
            break
        if k == 0 and phrase_end is None and (first.tag_ in ("VBG", "VBN", "RB") or first.pos_ == "ADP" and t - s <= 3):
            continue  # "..., noting the size of his list, said", "..., for example, said"
        relative = next((x.i for x in doc[s:t] if x.tag_ in ("WP", "WDT", "WP$")), t)
        if first.ent_type_ in ("DATE", "TIME"):
            break  # "Thursday at the conference in Washington, ..., Sen. Graham called out": a time opens no name
        if first.pos_ in ("VERB", "AUX", "ADP", "SCONJ", "ADV") or any(
            x.tag_ in _FINITE_TAGS | {"MD"} and x.pos_ in ("VERB", "AUX") and x.i < relative for x in doc[s:t]
        ):
            break
        if not any(_is_nounish(x) or x.pos_ == "NUM" for x in doc[s:t]):
            break
        phrase_start = s
        if phrase_end is None:
            phrase_end = t
    if phrase_start is None or phrase_end is None or phrase_end - phrase_start > _MAX_SPEAKER_TOKENS * 3:
        return None
    if doc[phrase_end - 1].pos_ in ("CCONJ", "ADP", "DET", "SCONJ"):
        return None  # "... plus four officials - but said": the phrase ends in a conjunction, not a name
    name_end = next((x.i for x in doc[phrase_start:phrase_end] if x.text == ","), phrase_end)
    head = next((doc[j] for j in range(name_end - 1, phrase_start - 1, -1) if _is_nounish(doc[j])), None)
    if head is None:
        return None
    return (phrase_start, phrase_end), head


_QUESTION_OPENERS = frozenset({"when", "if", "after", "once", "while", "as"})


def _asked(doc: Doc, verb: Token, end: int, quotes: QuoteIndex) -> Draft | None:
    """ "Asked about the ferry, Berglund said ...", "When asked by reporters whether ...", "She was asked whether
    ...": a question put to someone. The content is the question ("about the ferry", "whether ..."), the source the
    one who asked ("by reporters"), or nobody."""
    if any(c.dep_ == "nsubj" for c in verb.children):
        return None
    before = doc[verb.i - 1].lower_ if verb.i > 0 else ""
    if verb.tag_ != "VBN" and before not in _QUESTION_OPENERS:
        return None
    if verb.dep_ not in ("advcl", "ROOT", "conj"):
        return None
    question: Token | None = None
    for c in verb.children:
        if c.i < verb.i:
            continue
        if c.dep_ == "prep" and c.lower_ in ("about", "on", "for"):
            question = c
            break
        if c.dep_ in ("ccomp", "advcl", "dobj", "xcomp", "advmod") and (
            any(g.dep_ == "mark" and g.lower_ in ("if", "whether") for g in c.children)
            or c.left_edge.tag_ in ("WP", "WRB", "WDT")
        ):
            question = c
            break
    if question is None or question.right_edge.i >= end:
        return None
    last = question.right_edge
    content = trim(quotes.text, question.left_edge.idx, last.idx + len(last.text), drop_marker=False)
    if content is None:
        return None
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    asker = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
    return Draft(
        cue=_cue_span(doc, verb),  # "was asked"
        speaker=speaker_tokens(asker) if asker is not None else None,
        speaker_head=asker.i if asker is not None else None,
        content=content,
        rule="asked",
    )


def _coordinated_content_end(doc: Doc, verb: Token, comp: Token, last: int, lexicon: CueLexicon) -> int:
    """ "said the plan failed, but a judge refused to let it": the parser hangs the second clause on the reporting
    verb; it goes on with what was said when it follows the content directly after ", but" / ", and", has a subject
    of its own and is no report of its own."""
    for c in verb.children:
        if c.dep_ != "conj" or c.i <= last or c.pos_ not in ("VERB", "AUX"):
            continue
        between = [t for t in doc[last + 1 : c.left_edge.i]]
        if not between or between[0].text != "," or not any(t.lower_ in ("but", "and", "nor", "yet") for t in between):
            break
        if len(between) > 3 or lexicon.is_cue_verb(c.lemma_.lower()):
            break
        if not any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children):
            break
        end = c.right_edge.i
        while end > c.i and (doc[end].is_punct or doc[end].is_space):
            end -= 1
        return end
    return last


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


def _content_prep(prep: Token) -> bool:
    """A prepositional phrase that goes on with an object content ("backed stem cell research in the Senate"): not
    one that says when or where the statement was made."""
    if prep.lower_ not in ("in", "from", "by", "among", "across", "within", "into", "between"):
        return False
    return not any(g.ent_type_ in ("DATE", "TIME") or g.lemma_.lower() in _SPEECH_SETTINGS for g in prep.children)


# Nouns naming the occasion of a statement: "said in an interview", "in a statement", "in a speech".
_SPEECH_SETTINGS = words(
    "interview statement speech tweet post letter email call conference hearing debate rally op-ed column "
    "appearance remarks address briefing video ad"
)


def _object_content(
    doc: Doc, verb: Token, quotes: QuoteIndex, to_verbs: frozenset[str] = frozenset()
) -> tuple[int, int] | None:
    """The object phrase of a verb whose content is a noun phrase ("denied the report", "called the plan a
    disaster", "accused Clinton of lying"): from the first object to the end of the verb phrase."""
    right = [
        c
        for c in verb.children
        if c.i > verb.i
        and c.dep_ in _OBJECT_DEPS
        and c.dep_ != "prt"
        # arguments, not adjuncts: "accused X of Y", "described X as Y", but not "... during a call on Tuesday"
        and (c.dep_ != "prep" or c.lower_ in _ARGUMENT_PREPOSITIONS or _content_prep(c))
    ]
    # stop at the first adjunct after the object: the content is one contiguous stretch
    adjunct = next(
        (c.i for c in verb.children if c.i > verb.i and c.dep_ in ("prep", "npadvmod", "advcl") and c not in right),
        None,
    )
    if adjunct is not None:
        right = [c for c in right if c.i < adjunct]
    to_cue = verb.lemma_.lower() in to_verbs  # "pointed to the polls": "to" introduces the content
    if not any(
        c.dep_ in ("dobj", "oprd", "dative")
        or c.dep_ == "prep"
        and (c.lower_ in ("for", "of", "on") or to_cue and c.lower_ == "to")
        for c in right
    ):
        return None
    right = [c for c in right if not (c.dep_ == "advmod" and c.i == right[0].i)]
    if not right:
        return None
    first = right[0].left_edge
    if right[0].dep_ == "prep" and (right[0].lower_ in _CUE_PREPOSITIONS or to_cue and right[0].lower_ == "to"):
        # "called for X", "warned of X": the preposition belongs to the cue (see _cue_span), X is the content
        objs = [g for g in right[0].children if g.dep_ in ("pobj", "pcomp")]
        if not objs:
            return None
        first = objs[0].left_edge
    last = max(c.right_edge.i for c in right)
    content = trim(quotes.text, first.idx, doc[last].idx + len(doc[last].text), drop_marker=False)
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
    # "He told his audience, to rowdy applause:" and the quotation opens the next paragraph
    if (
        doc[end - 1].text == ":"
        and unit_end - verb_end <= 80
        and not any(c in quotes.text[verb_end:unit_end] for c in ".!?")
    ):
        for q in quotes.within(unit_end, unit_end + 4):
            if q.start >= unit_end and not quotes.text[unit_end : q.start].strip():
                return q.inner_start, q.inner_end
    # before: the quotation ends shortly before the reporting clause
    subj = _subject(verb)
    left = min(verb.idx, subj.left_edge.idx if subj is not None else verb.idx)
    for q in reversed(quotes.within(max(0, unit_start - 2), left)):
        gap = quotes.text[q.end : left]
        if q.end <= unit_start and quotes.text[q.inner_end - 1 : q.inner_end] not in ("?", "!"):
            continue  # only a question or an exclamation ends its sentence inside the marks: "“...?” Biden said."
        if q.end <= left and len(gap) <= 4 and q.start >= unit_start - 1:
            return _unquote(quotes.text, (q.start, q.end), quotes)
        if q.end <= left and gap.strip(" ,") == "" and q.start < unit_start:
            return q.inner_start, q.inner_end
    return None


# Nouns naming a source that speaks through "in": "In a CNN poll, 52 percent ...", "In its report, the board ...".
_IN_SOURCE_NOUNS = words("poll polls survey surveys study report analysis count tally memo letter words estimate")


def _in_source_cue(doc: Doc, cue: int, end: int, lexicon: CueLexicon, quotes: QuoteIndex) -> Draft | None:
    """ "In an NBC News poll released Monday, 50 percent of respondents chose Clinton": a sentence opening with "in"
    and a poll, survey, study or report (or "in Forbes' words"), then a comma and a clause; the cue is "In", the
    source the noun phrase, the content the rest of the sentence (PolNeAR's reading)."""
    objs = [t for t in doc[cue].children if t.dep_ == "pobj"]
    if not objs or objs[0].lemma_.lower() not in _IN_SOURCE_NOUNS:
        return None
    head = objs[0]
    comma = next((j for j in range(head.i + 1, min(end, head.right_edge.i + 2)) if doc[j].text == ","), None)
    if comma is None or comma <= cue + 1:
        return None
    last = end - 1
    while last > comma and (doc[last].is_punct or doc[last].is_space) and doc[last].text not in ("”", "''", '"'):
        last -= 1
    if last - comma < 3 or not any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in doc[comma + 1 : last + 1]):
        return None
    root = doc[cue].head
    while root.head.i != root.i and root.dep_ not in ("ROOT",):
        root = root.head
    if lexicon.is_cue_verb(root.lemma_.lower()) or root.lemma_.lower() in ("find", "estimate", "report"):
        return None  # "In his report, the counsel said ...": the reporting verb makes its own attribution
    content = trim(quotes.text, doc[comma + 1].idx, doc[last].idx + len(doc[last].text), drop_marker=False)
    if content is None:
        return None
    s = cue + 1
    if head.lemma_.lower() == "words" and any(t.dep_ == "poss" for t in head.children):
        s = next(t for t in head.children if t.dep_ == "poss").left_edge.i  # "in Forbes' words": Forbes
    return Draft(
        cue=(doc[cue].idx, doc[cue].idx + len(doc[cue].text)),
        speaker=(s, comma),
        speaker_head=head.i,
        content=_unquote(quotes.text, content, quotes),
        rule="prep",
    )


_ADJECTIVE_PREPOSITIONS = frozenset({"of", "about", "with", "in", "on", "that", "toward", "towards"})


def _adjective_cue(doc: Doc, adj: Token, start: int, end: int, quotes: QuoteIndex) -> Draft | None:
    """ "Clinton is confident that she will win", "Sanders has been critical of the deal", "Cruz was eager to debate":
    a copula and an adjective of stance or belief with a clause, an infinitive or an object. The cue runs from the
    copula's auxiliaries to the adjective (and its preposition); the source is the copula's subject."""
    cop = adj.head
    if adj.dep_ != "acomp" or cop.lemma_.lower() != "be" or cop.i > adj.i:
        return None
    subj = next((c for c in cop.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < cop.i), None)
    if subj is None or not _is_nounish(subj) or subj.i < start or subj.left_edge.i < start:
        return None
    if subj.lower_ in _QUOTED_SELF and quotes.at(adj.idx) is not None:
        return None
    cue_end = adj
    content: tuple[int, int] | None = None
    for c in adj.children:
        if c.i <= adj.i or c.right_edge.i >= end:
            continue
        if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX"):
            content = trim(quotes.text, c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text))
            break
        if c.dep_ == "prep" and c.i == adj.i + 1 and c.lower_ in _ADJECTIVE_PREPOSITIONS:
            obj = _prep_object(c)
            if obj is None:
                return None
            cue_end = c
            content = trim(quotes.text, obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge.text))
            break
    if content is None:
        return None
    first = cop
    left = {c.i: c for c in cop.children if c.i < cop.i and c.dep_ in ("aux", "neg", "advmod")}
    while first.i - 1 in left and left[first.i - 1].pos_ != "SCONJ":
        first = left[first.i - 1]
    if subj.right_edge.i >= first.i:
        return None
    return Draft(
        cue=(first.idx, cue_end.idx + len(cue_end.text)),
        speaker=(subj.left_edge.i, subj.right_edge.i + 1),
        speaker_head=subj.i,
        content=_unquote(quotes.text, content, quotes),
        rule="adj",
    )


_NOUN_CONTENT_PREPOSITIONS = frozenset({"of", "for", "about", "on", "against", "to"})


def _noun_cue(doc: Doc, noun: Token, start: int, end: int, quotes: QuoteIndex) -> Draft | None:
    """ "Trump's claim that Mexico would pay", "his call for a ban on imports", "the senator's pledge to vote no": a
    statement named by a noun whose possessor is the speaker. The content is the clause or infinitive the noun takes
    (a leading "that" dropped) or the object of its preposition, which then belongs to the cue ("call for")."""
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.i < noun.i), None)
    if owner is None or owner.lower_ in ("its", "my", "our", "your") or owner.i < start:
        return None
    cue_end = noun
    content: tuple[int, int] | None = None
    for c in noun.children:
        if c.i <= noun.i:
            continue
        if c.dep_ in ("acl", "ccomp") and c.pos_ in ("VERB", "AUX") and c.right_edge.i < end:
            first = c.left_edge
            if first.i != noun.i + 1 or first.lower_ not in ("that", "to") and first.tag_ != "TO":
                return None  # a relative clause ("the statement he issued") describes the noun
            content = trim(quotes.text, first.idx, c.right_edge.idx + len(c.right_edge.text))
            break
        if c.dep_ == "prep" and c.i == noun.i + 1 and c.lower_ in _NOUN_CONTENT_PREPOSITIONS:
            obj = _prep_object(c)
            if obj is None or obj.right_edge.i >= end:
                return None
            cue_end = c
            content = trim(quotes.text, obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge.text))
            break
    if content is None:
        return None
    # the possessor as written ("Trump's", "his"); the cue takes the words between it and the noun ("Sen. Graham's
    # energetic endorsement of")
    s, e = owner.left_edge.i, owner.right_edge.i + 1
    if e < noun.i and doc[e].tag_ == "POS":
        e += 1
    cue_start = doc[e] if e < noun.i else noun
    return Draft(
        cue=(cue_start.idx, cue_end.idx + len(cue_end.text)),
        speaker=(s, e),
        speaker_head=owner.i,
        content=_unquote(quotes.text, content, quotes),
        rule="noun",
    )


def _hedge(doc: Doc, verb: Token, start: int, end: int, lexicon: CueLexicon, quotes: QuoteIndex) -> Draft | None:
    """ "The race appears to be tightening", "he seemed uneasy", "Trump is expected to speak": a hedged clause
    nobody is named as holding. The cue is the verb (with "is" of "is expected"), the content the whole clause,
    subject included; no speaker."""
    if verb.lemma_.lower() == "expect":
        if not any(c.dep_ == "auxpass" for c in verb.children):
            return None
        if any(c.dep_ == "agent" for c in verb.children):
            return None  # "expected by analysts": a source is named; the verb rules do not read passives
    comp = next(
        (c for c in verb.children if c.dep_ in ("xcomp", "acomp", "attr", "oprd", "ccomp") and c.i > verb.i), None
    )
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i < verb.i), None)
    if comp is None or subj is None or subj.lower_ in _QUOTED_SELF or quotes.at(verb.idx) is not None:
        return None
    first = subj.left_edge
    last = max(comp.right_edge.i, verb.i)
    while last > verb.i and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if first.i < start or last >= end:
        return None
    cue = _cue_span(doc, verb)
    content = trim(quotes.text, first.idx, doc[last].idx + len(doc[last].text), drop_marker=False)
    if content is None:
        return None
    return Draft(cue=cue, speaker=None, speaker_head=None, content=content, rule="hedge")


def _hearsay(doc: Doc, adverb: Token, start: int, end: int, quotes: QuoteIndex) -> Draft | None:
    """ "The FBI is reportedly making arrangements to interview her": a clause the reporter passes on from unnamed
    others. The cue is the adverb, the content the whole clause (subject and adverb included); no speaker."""
    verb = adverb.head
    if verb.pos_ not in ("VERB", "AUX") or quotes.at(adverb.idx) is not None:
        return None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i < verb.i), None)
    if subj is None or subj.left_edge.i < start:
        return None
    last = verb.right_edge.i
    while last > verb.i and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if last >= end:
        return None
    content = trim(quotes.text, subj.left_edge.idx, doc[last].idx + len(doc[last].text), drop_marker=False)
    if content is None:
        return None
    return Draft(
        cue=(adverb.idx, adverb.idx + len(adverb.text)), speaker=None, speaker_head=None, content=content, rule="hedge"
    )


def _prep_cue(doc: Doc, cue_start: int, cue_end: int, start: int, end: int, quotes: QuoteIndex) -> Draft | None:
    """ "According to <speaker>, <content>" (or "<content>, according to <speaker>")."""
    objs = [t for t in doc[cue_end - 1].children if t.dep_ == "pobj"]
    head = objs[0] if objs else (doc[cue_end] if cue_end < end and _is_nounish(doc[cue_end]) else None)
    if head is None:
        return None
    # the whole phrase, modifiers included ("according to early results of the exit poll conducted by Edison
    # Research"): PolNeAR's source is the complement as written; it ends at the first comma after it
    s, e = head.left_edge.i, min(head.right_edge.i + 1, end)
    s = max(s, cue_end)
    for j in range(cue_end, min(end, e)):
        if doc[j].text == ",":
            e = j
            break
    if cue_start - start <= 1:
        content = trim(
            quotes.text, doc[e].idx if e < end else doc[end - 1].idx, doc[end - 1].idx + len(doc[end - 1].text)
        )
        # the final period of the sentence is not part of the content
        if content is not None and quotes.text[content[1] - 1] == "." and doc[end - 1].text == ".":
            content = (content[0], content[1] - 1)
    else:
        after = [t for t in doc[e:end] if not (t.is_punct or t.is_space)]
        describes_source = bool(after) and after[0].lower_ in ("who", "which", "whose", "where")
        # "Sanders won 54 percent of union households, according to exit polls, a sizable margin": the content before
        # the cue is a sentence of its own, what follows is the reporter's
        before_complete = _main_clause(doc, start, cue_start)
        if len(after) >= 3 and _has_clause(doc[e:end]) and not describes_source and not before_complete:
            # "Most Americans - 63 percent, according to the report - still believe ...": the content goes on
            last = end - 1
            while last > e and (doc[last].is_punct or doc[last].is_space) and doc[last].text not in ("”", "''", '"'):
                last -= 1
            content = trim(quotes.text, doc[start].idx, doc[last].idx + len(doc[last].text), drop_marker=False)
        else:
            content = trim(quotes.text, doc[start].idx, doc[cue_start].idx, drop_marker=False)
            if e < end and doc[e].text == ",":
                e = _apposition_end(doc, e, end)  # "according to a report from WKOW, the ABC affiliate in Madison"
    if content is None:
        return None
    cue_last = doc[cue_end - 1]
    return Draft(
        cue=(doc[cue_start].idx, cue_last.idx + len(cue_last.text)),
        speaker=(s, e),
        speaker_head=head.i,
        content=content,
        rule="prep",
    )


def _prep_object(prep: Token) -> Token | None:
    """The object of a preposition that opens a content ("critical *of* the plan", "his call *for* a recount")."""
    return next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)
