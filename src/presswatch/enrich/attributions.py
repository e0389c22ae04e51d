"""Who said what: find the attributions of an article (speaker, cue, content, addressee, nesting) in a parsed Doc.

The rules follow the best rule-based quote extractors (the Gender Gap Tracker's, BBC Citron's) and go further where
diplomatic reporting needs it. They run over the spaCy dependency parse plus the quote marks of the text. The
sentence-level rules are in :mod:`presswatch.enrich.attribution_rules`; this module assembles an article:

1. every sentence's drafts (colon cues, reporting clauses, reporting verbs, prepositional cues);
2. contents that swallowed a trailing reporting clause are cut before it; quotations running on ("“A,” he said.
   “B.”", or into the next paragraph) extend the statement they continue;
3. quotations signed by their speaker ("“...” (Name, role)", "“...” — Name") and quotations left over (given to
   the speaker just before them in the same or previous paragraph: a speaker who goes on talking);
4. every attribution whose cue lies inside another's content is nested in it ("according to a government source,
   the Russian side informed Japan that “...”"); the form (direct / indirect / mixed) is read from the quote marks
   the content covers that no nested attribution owns; speakers are resolved in reading order (pronouns need the
   speakers before them).

Nothing here raises on odd text: a sentence whose reading fails is skipped and the rest of the article is still read.
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc

from presswatch.enrich.attribution_quotes import (
    Quote,
    QuoteIndex,
    continues_over_paragraphs,
    find_quotes,
    paragraph_spans,
)
from presswatch.enrich.attribution_rules import Draft, candidate_tokens, doc_text, drafts_in_unit, trim, units
from presswatch.enrich.attribution_time import article_day, resolve_statement_day
from presswatch.enrich.cues import DEFAULT_CUES, CueLexicon
from presswatch.enrich.speakers import SpeakerResolver, build_entity_view, speaker_tokens
from presswatch.models import Attribution, Entity, Mention, Span, Speaker


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
    text = doc_text(doc)
    paras = paragraph_spans(text)
    quotes = QuoteIndex(find_quotes(text, paras), text)
    drafts: list[Draft] = []
    candidates = candidate_tokens(doc, lexicon)
    for start, end in units(doc, text):
        try:
            drafts.extend(drafts_in_unit(doc, start, end, lexicon, quotes, paras, candidates))
        except Exception:  # noqa: BLE001 - one unreadable sentence must not lose the article; see module docstring
            continue
    drafts = _clip_to_frames(text, _dedupe(drafts))
    drafts = _drop_nested_stances(doc, drafts, lexicon)
    _extend_continued_quotes(doc, drafts, quotes)
    _merge_following_quotes(doc, drafts, quotes, paras)
    _cited_frames(drafts, quotes)
    _extend_to_quote_end(drafts, quotes)
    _tidy_content_edges(drafts, quotes)
    drafts.extend(_signed_quotes(doc, drafts, quotes, paras))
    drafts.extend(_leftover_quotes(doc, drafts, quotes, paras))
    drafts.sort(key=lambda d: (d.position, d.content[0]))
    return _finish(doc, drafts, quotes, paras, mentions, entities, outlet, article_date)


# ---------------------------------------------------------------------------------------------------------------------
# Across units


def _extend_continued_quotes(doc: Doc, drafts: list[Draft], quotes: QuoteIndex) -> None:
    """A content that starts in the last paragraph of a quotation running over several paragraphs takes it whole."""
    for d in drafts:
        if d.rule == "colon":
            continue  # '"HOST: ...' turns of a transcript quoted over several paragraphs: each turn is its own
        s, e = d.content
        q = quotes.at(s)
        if q is None or q.inner_start >= s - 2 or q.inner_end < e - 2:
            continue
        if continues_over_paragraphs(quotes.text, q.inner_start, s):
            d.content = (q.inner_start, e)


def _merge_following_quotes(doc: Doc, drafts: list[Draft], quotes: QuoteIndex, paras: list[tuple[int, int]]) -> None:
    """ "“A,” he said. “B.”": the quotation right after a reporting clause goes on with the same statement, so the
    content runs from A to B (one statement, one attribution; the reporting clause sits inside it)."""
    text = quotes.text
    for d in sorted(drafts, key=lambda d: d.content[0]):
        if d.cue is None or d.rule not in ("trailing", "verb") or d.content[1] > d.cue[0]:
            continue
        q = quotes.at(d.content[0])
        if q is None or q.inner_end > d.content[1] + 2:
            continue
        end_of_frame = max(d.cue[1], doc[d.speaker[1] - 1].idx + len(doc[d.speaker[1] - 1].text) if d.speaker else 0)
        first = True
        while True:
            # the reporting sentence may go on ("she said, introducing me to his comrades from Arlington, Va.; and
            # Luxembourg."): the next quotation may follow its end
            reach = end_of_frame + (_MAX_FRAME_TAIL if first else 6)
            nxt = [n for n in quotes.within(end_of_frame, reach) if n.start >= end_of_frame]
            if not nxt:
                break
            n = nxt[0]
            gap = text[end_of_frame : n.start]
            if _para_of(paras, n.start) != _para_of(paras, d.content[0]) or "\n\n" in gap:
                break
            if gap.strip(" .,:;\n\u00a0") and not (first and _frame_tail(gap, end_of_frame, d, drafts)):
                break
            first = False
            if _claimed_elsewhere(n, d, drafts):
                break
            d.content = (d.content[0], n.inner_end)
            for o in drafts:
                # “A,” X said, according to CNN. “B.”: the source the frame cites vouches for B as well
                if (
                    o is not d
                    and o.rule == "prep"
                    and o.cue is not None
                    and end_of_frame <= o.cue[0] < n.start
                    and o.content[0] <= d.content[0]
                    and d.cue[1] <= o.content[1] <= o.cue[0]
                ):
                    o.content = (o.content[0], n.end if text[o.content[0]] in '“"' else n.inner_end)
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
            if _claimed_elsewhere(n, d, drafts):
                break
            d.content = (d.content[0], n.inner_end)


def _cited_frames(drafts: list[Draft], quotes: QuoteIndex) -> None:
    """ "“...?” O’Malley said at a press conference, according to the Las Vegas Sun.": the source cited after a
    reporting clause vouches for what that clause reports, the quotation before it included (the parse read the
    quotation as a sentence of its own, so the "according to" content held only the clause)."""
    text = quotes.text
    for o in drafts:
        if o.rule != "prep" or o.cue is None or o.content[1] > o.cue[0]:
            continue
        s, e = o.content
        for d in drafts:
            if d is o or d.cue is None or not s <= d.cue[0] < e or not d.content[0] < s:
                continue
            if d.content[1] > s or text[d.content[1] : s].strip(" ,.?!\u00a0“”\"'’"):
                continue
            q = quotes.at(d.content[0])
            o.content = (q.start if q is not None and q.inner_start >= d.content[0] - 1 else d.content[0], e)
            break


_MAX_FRAME_TAIL = 250  # characters of a reporting sentence after its speaker ("said, speaking by phone from Nice.")


def _frame_tail(gap: str, gap_start: int, d: Draft, drafts: list[Draft]) -> bool:
    """True when ``gap`` is the rest of ``d``'s reporting sentence up to the next quotation: it ends the sentence,
    quotes nothing and holds no other attribution's cue."""
    if any(m in gap for m in '“”"') or "''" in gap or not gap.rstrip(" \n\u00a0").endswith((".", "!", "?", ":")):
        return False
    gap_end = gap_start + len(gap)
    # a report wholly inside the reporting sentence ("Sessions said when endorsing Trump.") is part of the frame
    return not any(
        o is not d and o.cue is not None and gap_start <= o.cue[0] < gap_end and o.content[1] > gap_end for o in drafts
    )


def _claimed_elsewhere(n: Quote, d: Draft, drafts: list[Draft], after: int | None = None) -> bool:
    """True when quotation ``n`` (its part from ``after`` on, when given) belongs to another statement than ``d``'s:
    another attribution's content reaches into it from outside, or its cue lies in ``n`` with its content outside.
    An attribution wholly inside ``n`` ("“... I told him to wait.”") is the quoted speaker's own report and gets
    nested in ``d``."""
    lo = n.start if after is None else after
    for o in drafts:
        if o is d:
            continue
        cs, ce = o.content
        inside = lo <= cs and ce <= n.end and (o.cue is None or lo <= o.cue[0] < n.end)
        if cs < n.inner_end and max(lo, n.inner_start) < ce and not inside:
            return True
        if o.cue is not None and lo <= o.cue[0] < n.end and not inside:
            return True
    return False


def _extend_to_quote_end(drafts: list[Draft], quotes: QuoteIndex) -> None:
    """A content that opens a quotation and stops at the end of one of its sentences takes the quotation to its
    closing mark: the parse reads one sentence, the speaker said all of it (“A. B. C,” he said). Not when the rest of
    the quotation belongs to another statement (see :func:`_claimed_elsewhere`); a report wholly inside it ("He said,
    ‘...’") is nested."""
    for d in drafts:
        s, e = d.content
        q = quotes.at(s)
        if q is None or s > q.inner_start + 1 or q.inner_end <= e + 1 or quotes.at(e - 1) is not q:
            continue
        if d.cue is not None and q.start <= d.cue[0] < q.end:
            continue  # the reporting clause sits inside the marks: not one quotation of this speaker
        if quotes.text[e : e + 1] not in (".", "?", "!", ";", ","):
            continue
        if _claimed_elsewhere(q, d, drafts, after=e):
            continue
        end = q.inner_end
        while end > e and quotes.text[end - 1] in " ,":
            end -= 1  # “A. B,” he said: the comma before the closing mark is not part of what was said
        d.content = (max(s, q.inner_start), end)  # the marks are not part of a direct quotation


_SEPARATOR = re.compile(r"\n[ \t]*(?:_{3,}|\*{3,}|-{3,}|={3,})")
_LEADING_ADVERBIAL = re.compile(
    r"(?:(?:and|but|so|yet)\s+)?(?:meanwhile|nevertheless|nonetheless|however|still|even so|instead|indeed|in fact|"
    r"moreover|also|overall|now|then|but|and|so|yet|separately|additionally|further|furthermore|likewise|similarly|"
    r"in addition|at the same time|in other words|for example|for instance|of course|in short|in sum|again|"
    r"ultimately|finally|first|second|third|notably|importantly|besides|otherwise|therefore|thus|hence)\s*,\s+",
    re.IGNORECASE,
)
_TRAILING_WORDS = frozenset({"and", "but", "or", "nor", "because", "while"})


def _drop_nested_stances(doc: Doc, drafts: list[Draft], lexicon: CueLexicon) -> list[Draft]:
    """A stance verb (support, back, endorse, criticize, ...), a verb of belief (think, believe, know, hope) or a
    statement noun whose cue lies inside another attribution's content is part of what that one reports, not an
    attribution of its own: "Pate told Breitbart News he'd support Clinton", "half said they think the next president
    should ...", "“Please join me in supporting Ted Cruz”". Verbs of saying stay nested ("the source said the Russian
    side informed Japan that ..."). On the PolNeAR train split the stance verbs so placed were right as cues about one
    time in four; dropping them, then the beliefs, raised exact precision and F1 of every role each time."""
    out = []
    for d in drafts:
        if d.cue is not None and d.rule in ("verb", "noun", "adj"):
            span = doc.char_span(d.cue[0], d.cue[1], alignment_mode="expand")
            lemma = span.root.lemma_.lower() if span is not None else ""
            not_speech = d.rule in ("noun", "adj") or not lexicon.is_speech_verb(lemma)
            if not_speech and any(o is not d and o.content[0] <= d.cue[0] < o.content[1] for o in drafts):
                continue
        out.append(d)
    return out


def _tidy_content_edges(drafts: list[Draft], quotes: QuoteIndex) -> None:
    """The ends of a content: the question or exclamation mark that ends it ("why not?"), no separator line after
    it ("... in the U.S.\n\n___"), no dangling conjunction ("... because of his views, and" when the parse hung the
    next clause elsewhere). A comment set off at the end (", which ...", ", despite ...", ", while ...") and a closing
    date ("... on Thursday night") stay: PolNeAR's annotators keep them more often than not (cutting them lowered
    exact content F1 on the train split)."""
    text = quotes.text
    for d in drafts:
        s, e = d.content
        # the question or exclamation mark that closes the content
        if e < len(text) and text[e] in "?!" and (e + 1 == len(text) or not text[e + 1].isalnum()):
            e += 1
        # a separator line ("___", "***") the parse ran into
        sep = _SEPARATOR.search(text, s, e)
        if sep is not None and sep.start() > s:
            e = len(text[: sep.start()].rstrip(" .\u00a0\n"))
        # "<Meanwhile>, her ratings have been rising, according to the poll": the connective is the reporter's
        # (only for "according to": after other reporting clauses the annotators keep it, measured on train)
        m = _LEADING_ADVERBIAL.match(text, s, e) if d.rule == "prep" and quotes.at(s) is None else None
        if m is not None:
            s = m.end()
        # a dangling conjunction
        pieces = text[s:e].rsplit(None, 1)
        if len(pieces) == 2 and pieces[1].lower() in _TRAILING_WORDS and quotes.at(e - 1) is None:
            e = s + len(pieces[0].rstrip(" ,;\u00a0-—–"))
        if e - s >= 2:
            d.content = (s, e)


def _clip_to_frames(text: str, drafts: list[Draft]) -> list[Draft]:
    """Cut a trailing reporting clause out of the contents the parser hung it in: in "<A conveyed that X>, a source
    informed Sankei", the content of "conveyed" ends before ", a source informed"; so does one that swallowed a
    trailing ", according to X"."""
    frames = [
        (d.content[1], d.cue[1])
        for d in drafts
        if d.cue is not None and (d.rule == "trailing" or d.rule == "prep" and d.content[1] <= d.cue[0])
    ]
    out = []
    for d in drafts:
        s, e = d.content
        for frame_start, frame_end in frames:
            if s < frame_start < e and frame_end <= e + 1 and d.rule not in ("trailing", "prep"):
                e = frame_start
        if (s, e) != d.content:
            trimmed = trim(text, s, e, drop_marker=False)
            if trimmed is None:
                continue
            d.content = trimmed
        out.append(d)
    return out


def _dedupe(drafts: list[Draft]) -> list[Draft]:
    """One attribution per cue: the first rule that claimed it wins. A cue inside a longer cue is the same cue read
    twice ("refused" and "refused to concede that ..."): the longer one stays."""
    seen: set[tuple[int, int]] = set()
    out = []
    cues = [d.cue for d in drafts if d.cue]
    for d in drafts:
        key = d.cue if d.cue else d.content
        if key in seen:
            continue
        if d.cue and any(c != d.cue and c[0] <= d.cue[0] and d.cue[1] <= c[1] for c in cues):
            continue
        seen.add(key)
        out.append(d)
    return out


_BRACKET_SIGNATURE = re.compile(r"[ \t\u00a0]*\(([^()\n]{2,100})\)")
_DASH_SIGNATURE = re.compile(r"[ \t\u00a0]*(?:—|–|―|--|-)[ \t\u00a0]*([A-Z][^\n]{1,100})")


def _signed_quotes(doc: Doc, drafts: list[Draft], quotes: QuoteIndex, paras: list[tuple[int, int]]) -> list[Draft]:
    """Quotations signed by their speaker instead of introduced by a verb: `“...” (Ishiba, LDP secretary general)`
    (the weeklies' short takes) and `“...” — Josh Bivens, Economic Policy Institute`. The signature must run to the
    end of the paragraph and start with a name."""
    text = quotes.text
    para_ends = [e for _, e in paras]
    out: list[Draft] = []
    for q in quotes.quotes:
        # a report inside the quotation ("“My neighbour told me ...” — Anna K.") is the signer's words, not a claim
        # on the quotation
        if any(
            d.content[0] < q.inner_end
            and q.inner_start < d.content[1]
            and not (d.cue is not None and q.inner_start <= d.cue[0] < q.inner_end and q.start <= d.content[0])
            for d in drafts
        ):
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
            Draft(
                cue=None,
                speaker=(span.start, span.end),
                speaker_head=name.root.i,
                content=(q.inner_start, q.inner_end),
                rule="signed",
            )
        )
    return out


def _leftover_quotes(doc: Doc, drafts: list[Draft], quotes: QuoteIndex, paras: list[tuple[int, int]]) -> list[Draft]:
    """Quotations no rule claimed, given to the speaker of the closest attribution before them (same or previous
    paragraph): the way a reporter lets a speaker go on talking without repeating "he said"."""
    out: list[Draft] = []
    ordered = sorted(drafts, key=lambda d: d.position)
    for q in quotes.quotes:
        if q.inner_end - q.inner_start < 20 or len(quotes.text[q.inner_start : q.inner_end].split()) < 5:
            continue  # short quoted phrases are names, titles or scare quotes, not statements
        if any(d.content[0] < q.inner_end and q.inner_start < d.content[1] for d in drafts):
            continue
        own = _introducing_subject(doc, quotes.text, q)
        if own is not None:
            out.append(
                Draft(
                    cue=None,
                    speaker=own[0],
                    speaker_head=own[1],
                    content=(q.inner_start, q.inner_end),
                    rule="continued",
                )
            )
            continue
        p_index = _para_of(paras, q.start)
        prev = [(i, d) for i, d in enumerate(ordered) if d.position < q.start and d.speaker is not None]
        if not prev:
            continue
        i, d = prev[-1]
        if p_index - _para_of(paras, d.position) > 1:
            continue
        out.append(
            Draft(
                cue=None,
                speaker=d.speaker,
                speaker_head=d.speaker_head,
                content=(q.inner_start, q.inner_end),
                rule="continued",
            )
        )
    return out


def _introducing_subject(doc: Doc, text: str, q: Quote) -> tuple[tuple[int, int], int] | None:
    """ "Hillary shot back, “...”", "Trump leaned in and boomed: “...”": a quotation no rule claimed that a colon or a
    comma hangs on a clause before it in its sentence is said by that clause's subject (a name or a person's
    pronoun), not by whoever spoke before. ``text`` is the Doc's text."""
    before = text[: q.start].rstrip(" \u00a0")
    if not before.endswith((":", ",")):
        return None
    tok = doc.char_span(q.start, q.start + 1, alignment_mode="expand")
    if tok is None:
        return None
    sent = tok[0].sent
    if "\n" in text[sent.start_char : q.start]:
        return None
    root = sent.root
    if root.i < tok[0].i and root.pos_ in ("VERB", "AUX"):
        # "Trump leaned in and boomed: “...”": the subject of the sentence (a name or a person's pronoun)
        subj = next((c for c in root.children if c.dep_ == "nsubj" and c.i < root.i), None)
        if subj is None or not (subj.pos_ == "PROPN" or subj.lower_ in ("he", "she")):
            return None
        return speaker_tokens(subj), subj.i
    # the parse hung the clause on the quotation ("After Brown criticized him, Hillary shot back, “...”"): the named
    # subject of the clause closest before it
    verbs = [
        t
        for t in doc[sent.start : tok[0].i]
        if t.pos_ == "VERB" and any(c.dep_ == "nsubj" and c.i < t.i for c in t.children)
    ]
    if not verbs:
        return None
    subj = next(c for c in verbs[-1].children if c.dep_ == "nsubj" and c.i < verbs[-1].i)
    if subj.pos_ != "PROPN":
        return None
    return speaker_tokens(subj), subj.i


def _para_of(paras: list[tuple[int, int]], pos: int) -> int:
    for k, (s, e) in enumerate(paras):
        if pos < e or k == len(paras) - 1:
            return k if pos >= s or k == 0 else k
    return max(0, len(paras) - 1)


def _finish(
    doc: Doc,
    drafts: list[Draft],
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


def _nesting(drafts: list[Draft]) -> list[int | None]:
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
