"""A trainable attribution tagger: a CRF over tokens that labels Source / Cue / Content spans, merged with the rules.

Why a CRF (python-crfsuite): a linear-chain CRF with rich lexical, syntactic and positional features is the classic
attribution tagger (Pareti, "PARC 3.0" and "Attribution: a computational approach", 2016; O'Keefe et al. 2012), it
trains in minutes on a CPU, the model is a few MB, and tagging costs a fraction of the spaCy parse. No transformer
weights can be had here (no network, no GPU), and none trained on research-only corpora may ship with presswatch:
the default stays rule-based, and a user who holds a corpus trains a model with ``presswatch train-attributions``
and points enrichment at it (``EnrichOptions.attribution_model``, ``--attribution-model``).

**Labels.** BIO over Source / Cue / Content, one label per token (``B-SRC``, ``I-CUE``, ``O``, ...). Nested and
discontinuous attributions are flattened with one policy: *the innermost span wins*. Every span (a discontinuous
one by its hull) is written in order of decreasing length, so a shorter span overwrites a longer one: the source and
cue of a nested report inside another's content keep their own labels, and "“A,” he said. “B.”" is content, source,
cue, content. Decoding joins two contents with only a source and a cue between them back into their hull (the
scorer compares hulls too).

**Features** (token ``i`` and a window of +-2): lower-cased word, word shape, lemma, coarse and fine POS, dependency
label, head lemma and signed distance to the head (bucketed), named-entity type, in-quote flag and opening/closing
quote marks, sentence and paragraph position, cue-lexicon membership (:mod:`presswatch.enrich.cues`), the
dependency label under the nearest cue-verb ancestor (subject / clause / object of a reporting verb), and - stacking -
the role label the rule extractor gave the token (``B-SRC`` ... ``O``), so the CRF learns where the rules' boundaries
are wrong and which of their attributions to trust.

**Merge** (:func:`refine_attributions`, :class:`MergePolicy`): the rule attributions are kept with their relations,
contents and speaker resolution; their cues snap to an overlapping confident tagger cue; confident tagger contents
no rule attribution covers become new attributions when a tagger cue is in the same sentence, linked to the tagger
source holding that cue's subject (else the nearest tagger source in the sentence, else the cue verb's subject
phrase), the speaker resolved by the same :class:`~presswatch.enrich.speakers.SpeakerResolver` so entity keys
still work. Snapping contents and sources too, and dropping rule attributions the tagger does not see, were
measured and lost (docs/attributions.md).
"""

from __future__ import annotations

import bisect
import dataclasses
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from presswatch.enrich.attribution_quotes import QuoteIndex, find_quotes, paragraph_spans
from presswatch.enrich.cues import DEFAULT_CUES, PREP_CUES, CueLexicon
from presswatch.errors import PresswatchError
from presswatch.models import Attribution, Entity, Mention, Span, Speaker

ROLES = ("SRC", "CUE", "CTT")
LABELS = ("O",) + tuple(f"{p}-{r}" for r in ROLES for p in ("B", "I"))
_QUOTE_MARKS = frozenset("“”\"‘’'`«»")
_PREP_FIRST = frozenset(p[0] for p in PREP_CUES)


class AttributionModelError(PresswatchError):
    """The attribution model file is missing or is not a CRF model written by ``presswatch train-attributions``."""


# ---------------------------------------------------------------------------------------------------------------------
# Labels


def span_labels(doc: Doc, starts: Sequence[int], ends: Sequence[int], spans: list[tuple[str, int, int]]) -> list[str]:
    """BIO labels of every token of ``doc`` from character spans ``(role, start, end)``; the innermost span wins."""
    space = _spaces(doc)
    owner = [-1] * len(starts)
    roles: list[str] = []
    ordered = sorted(spans, key=lambda sp: sp[1] - sp[2])  # longest first: shorter spans overwrite
    for k, (role, s, e) in enumerate(ordered):
        roles.append(role)
        i = bisect.bisect_right(ends, s)
        while i < len(starts) and starts[i] < e:
            if not space[i]:
                owner[i] = k
            i += 1
    out = ["O"] * len(starts)
    prev = -1
    for i, k in enumerate(owner):
        if k < 0:
            prev = -1 if not space[i] else prev
            continue
        out[i] = ("I-" if k == prev else "B-") + roles[k]
        prev = k
    return out


def _trimmed(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",;:"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:"):
        e -= 1
    return s, e


def rule_spans(text: str, attributions: Sequence[Attribution]) -> list[tuple[str, int, int]]:
    out = []
    for a in attributions:
        out.append(("CTT", *_trimmed(text, a.content.start, a.content.end)))
        if a.cue is not None:
            out.append(("CUE", a.cue.start, a.cue.end))
        if a.speaker.span is not None:
            out.append(("SRC", *_trimmed(text, a.speaker.span.start, a.speaker.span.end)))
    return out


def gold_spans(text: str, gold: Sequence) -> list[tuple[str, int, int]]:
    """Spans of gold attributions (``GoldAttribution`` of :mod:`presswatch.enrich.attribution_training`)."""
    out = []
    for g in gold:
        for role, parts in (("CTT", g.content), ("CUE", g.cue), ("SRC", g.source)):
            if not parts:
                continue
            # a discontinuous span by its hull: in "“A,” he said at the time. “B.”" the reporting clause keeps its own
            # labels (shorter spans win) and "at the time." is content, so the two pieces join on decoding
            s, e = _trimmed(text, min(s for s, _ in parts), max(e for _, e in parts))
            if e > s:
                out.append((role, s, e))
    return out


# ---------------------------------------------------------------------------------------------------------------------
# Features


def _shape(word: str) -> str:
    out = []
    for ch in word[:6]:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def _bucket(n: int) -> str:
    a = abs(n)
    b = str(a) if a <= 3 else "4-6" if a <= 6 else "7+"
    return ("-" if n < 0 else "+") + b


@dataclass(slots=True)
class _Prepared:
    """Per-document data the features read."""

    text: str
    starts: list[int]
    ends: list[int]
    paragraphs: list[tuple[int, int]]  # token ranges
    quotes: QuoteIndex
    space: list[bool]


def _spaces(doc: Doc) -> list[bool]:
    from spacy.attrs import IS_SPACE

    return [bool(x) for x in doc.to_array(IS_SPACE).tolist()] if len(doc) else []


def _prepare(doc: Doc) -> _Prepared:
    text = doc.user_data.get("presswatch_text") or doc.text
    from spacy.attrs import IDX, LENGTH

    arr = doc.to_array([IDX, LENGTH]).tolist() if len(doc) else []
    starts = [row[0] for row in arr]
    ends = [row[0] + row[1] for row in arr]
    paras = paragraph_spans(text)
    quotes = QuoteIndex(find_quotes(text, paras), text)
    ranges = []
    for s, e in paras:
        i = bisect.bisect_left(starts, s)
        j = bisect.bisect_left(starts, e)
        if j > i:
            ranges.append((i, j))
    return _Prepared(text, starts, ends, ranges, quotes, _spaces(doc))


def _cue_class(lemma: str, lower: str, lexicon: CueLexicon) -> str:
    if lexicon.is_speech_verb(lemma):
        return "speech"
    if lemma in lexicon.belief_verbs:
        return "belief"
    if lemma in lexicon.object_content_verbs or lemma in lexicon.infinitive_content_verbs:
        return "stance"
    if lemma in lexicon.hedge_verbs:
        return "hedge"
    if lemma in lexicon.speech_nouns:
        return "noun"
    if lower in lexicon.hearsay_adverbs:
        return "hearsay"
    if lower in _PREP_FIRST:
        return "prep"
    return ""


def _token_features(doc: Doc, prep: _Prepared, rule: list[str], lexicon: CueLexicon) -> list[dict[str, str]]:
    """The per-token base features (the window is added by :func:`_windowed`)."""
    quotes = prep.quotes
    sent_pos: dict[int, tuple[int, int]] = {}
    for sent in doc.sents:
        for t in sent:
            sent_pos[t.i] = (t.i - sent.start, sent.end - 1 - t.i)
    cue_cls = [_cue_class(t.lemma_.lower(), t.lower_, lexicon) for t in doc]
    feats: list[dict[str, str]] = []
    for t in doc:
        i = t.i
        f: dict[str, str] = {}
        lower = t.lower_
        f["w"] = lower
        f["sh"] = _shape(t.text)
        f["lem"] = t.lemma_.lower()
        f["pos"] = t.pos_
        f["tag"] = t.tag_
        f["dep"] = t.dep_
        f["hl"] = t.head.lemma_.lower()
        f["hd"] = _bucket(t.head.i - i)
        f["dh"] = t.dep_ + "|" + t.head.pos_
        f["ent"] = t.ent_type_ or "-"
        f["cue"] = cue_cls[i] or "-"
        q = quotes.at(prep.starts[i])
        f["inq"] = "1" if q is not None and q.inner_start <= prep.starts[i] < q.inner_end else "0"
        if t.text in _QUOTE_MARKS or t.text in ("''", "``"):
            f["qm"] = "open" if q is not None and q.start == prep.starts[i] else "close" if q is not None else "mark"
        else:
            f["qm"] = "-"
        f["r"] = rule[i]
        from_start, to_end = sent_pos.get(i, (0, 0))
        f["ss"] = str(min(from_start, 4))
        f["se"] = str(min(to_end, 4))
        # the nearest cue ancestor: which part of a reporting verb's frame this token is in
        # and whether the token opens or closes that part (the subtree under the cue): the content's boundaries
        anc, edge = "-", "-"
        node = child = t
        for _ in range(8):
            if cue_cls[node.i] and node.i != i:
                anc = f"{cue_cls[node.i]}|{child.dep_}|{'L' if i < node.i else 'R'}"
                edge = ("le" if child.left_edge.i == i else "") + ("re" if child.right_edge.i == i else "") or "in"
                break
            if node.head.i == node.i:
                break
            child, node = node, node.head
        f["anc"] = anc
        f["edge"] = edge
        f["le"] = "1" if t.left_edge.i == i and t.head.i != i else "0"
        feats.append(f)
    return feats


_WINDOW_KEYS = ("w", "pos", "dep", "r", "inq", "cue", "qm", "ent", "edge")


def _windowed(feats: list[dict[str, str]], lo: int, hi: int, para_no: int) -> list[list[str]]:
    out = []
    for i in range(lo, hi):
        f = feats[i]
        items = [f"{k}={v}" for k, v in f.items()]
        items.append("bias")
        items.append(f"para={min(para_no, 3)}")
        items.append(f"r|w={f['r']}|{f['w']}")
        items.append(f"cue|anc={f['cue']}|{f['anc']}")
        for off in (-2, -1, 1, 2):
            j = i + off
            if j < lo or j >= hi:
                items.append(f"{off}:BOUND")
                continue
            g = feats[j]
            items.extend(f"{off}:{k}={g[k]}" for k in _WINDOW_KEYS)
        if i > lo:
            items.append(f"r-1|r={feats[i - 1]['r']}|{f['r']}")
        if i + 1 < hi:
            items.append(f"r|r+1={f['r']}|{feats[i + 1]['r']}")
        out.append(items)
    return out


def _sequences_of(doc: Doc, prep: _Prepared, feats: list[dict[str, str]]) -> Iterator[tuple[list[int], list]]:
    """(token indexes, feature lists) per paragraph, white-space tokens left out."""
    for para_no, (lo, hi) in enumerate(prep.paragraphs):
        keep = [i for i in range(lo, hi) if not prep.space[i]]
        if not keep:
            continue
        sub = [feats[i] for i in keep]
        yield keep, _windowed(sub, 0, len(sub), para_no)


def sequences(
    doc: Doc, rules: Sequence[Attribution], gold: Sequence, lexicon: CueLexicon = DEFAULT_CUES
) -> Iterator[tuple[list, list[str]]]:
    """Training sequences of one parsed article: (features, gold labels) per paragraph."""
    prep = _prepare(doc)
    rule = span_labels(doc, prep.starts, prep.ends, rule_spans(prep.text, rules))
    labels = span_labels(doc, prep.starts, prep.ends, gold_spans(prep.text, gold))
    feats = _token_features(doc, prep, rule, lexicon)
    for keep, xseq in _sequences_of(doc, prep, feats):
        yield xseq, [labels[i] for i in keep]


# ---------------------------------------------------------------------------------------------------------------------
# Tagging


_TAGGERS: dict[str, object] = {}
_LOCK = threading.Lock()


def load_tagger(path: str):
    """The CRF tagger of ``path``, loaded once per process (like the spaCy model). Raises
    :class:`AttributionModelError` when the file is missing or not a model."""
    tagger = _TAGGERS.get(path)
    if tagger is not None:
        return tagger
    with _LOCK:
        tagger = _TAGGERS.get(path)
        if tagger is None:
            import pycrfsuite

            p = Path(path)
            if not p.is_file():
                raise AttributionModelError(
                    f"attribution model {path} does not exist; train one with `presswatch train-attributions`"
                )
            tagger = pycrfsuite.Tagger()
            try:
                tagger.open(str(p))
                labels = set(tagger.labels())
            except Exception as exc:  # crfsuite raises a bare ValueError/IOError on a file that is not a model
                raise AttributionModelError(
                    f"attribution model {path} is not a CRF model written by `presswatch train-attributions` ({exc})"
                ) from exc
            if not labels or not labels <= set(LABELS):
                raise AttributionModelError(
                    f"attribution model {path} is a CRF model but not an attribution tagger (labels {sorted(labels)})"
                )
            _TAGGERS[path] = tagger
    return tagger


@dataclass(slots=True)
class TaggedSpan:
    role: str  # SRC | CUE | CTT
    first: int  # token indexes, inclusive
    last: int
    start: int  # char offsets
    end: int
    confidence: float


def tag_spans(doc: Doc, rules: Sequence[Attribution], model: str, lexicon: CueLexicon = DEFAULT_CUES) -> list:
    """The tagger's spans in ``doc`` (rule attributions ``rules`` are stacked features), in text order."""
    tagger = load_tagger(model)
    prep = _prepare(doc)
    rule = span_labels(doc, prep.starts, prep.ends, rule_spans(prep.text, rules))
    feats = _token_features(doc, prep, rule, lexicon)
    out: list[TaggedSpan] = []
    for keep, xseq in _sequences_of(doc, prep, feats):
        labels = tagger.tag(xseq)
        marg = [tagger.marginal(lab, k) for k, lab in enumerate(labels)]
        # runs of (role, positions): a B label or a change of role starts a new run
        runs: list[tuple[str, list[int]]] = []
        for k, lab in enumerate(labels):
            if lab == "O":
                continue
            bio, role = lab.split("-", 1)
            if bio == "B" or not runs or runs[-1][0] != role or runs[-1][1][-1] != k - 1:
                runs.append((role, [k]))
            else:
                runs[-1][1].append(k)
        for role, ks in runs:
            first, last = keep[ks[0]], keep[ks[-1]]
            conf = sum(marg[k] for k in ks) / len(ks)
            out.append(TaggedSpan(role, first, last, prep.starts[first], prep.ends[last], conf))
    return _join_contents(doc, out)


def _join_contents(doc: Doc, spans: list[TaggedSpan]) -> list[TaggedSpan]:
    """ "“A,” he said at the time. “B.”": two contents with nothing but a source and a cue between them (every token
    between labelled) are the pieces of one content, joined into their hull (the labels are trained that way)."""
    out: list[TaggedSpan] = []
    for sp in spans:
        if sp.role == "CTT":
            k = len(out) - 1
            while k >= 0 and out[k].role != "CTT":
                k -= 1
            if k >= 0 and k < len(out) - 1:
                prev, between = out[k], out[k + 1 :]
                covered = {i for o in between for i in range(o.first, o.last + 1)}
                gap = range(prev.last + 1, sp.first)
                if (
                    doc[sp.first].is_punct  # the clause ends and the quotation goes on: ". “B" (not "says B")
                    and any(o.role == "CUE" for o in between)
                    and all(i in covered or doc[i].is_space for i in gap)
                ):
                    prev.last, prev.end = sp.last, sp.end
                    prev.confidence = min(prev.confidence, sp.confidence)
                    continue
        out.append(sp)
    return out


# ---------------------------------------------------------------------------------------------------------------------
# Merging the tagger's spans with the rule attributions


@dataclass(frozen=True, slots=True)
class MergePolicy:
    """How tagger spans change the rule attributions. The defaults are the best measured on PolNeAR dev (tagger
    trained on train; docs/attributions.md): snapping rule contents or speakers to tagger spans lost exact matches
    (the rules' content boundaries are better than the CRF's), snapping cues and adding the tagger's contents that
    have a cue near them won."""

    snap_content: bool = False
    snap_cue: bool = True
    snap_source: bool = False
    add_new: bool = True
    min_confidence: float = 0.5  # mean marginal of a tagger span for it to move a boundary
    min_overlap: float = 0.5  # overlap / union of a rule span and a tagger span for a snap
    new_min_confidence: float = 0.6  # of a tagger content for it to become a new attribution
    new_requires_cue: bool = True  # a new attribution needs a tagger cue in its sentence or paragraph
    snap_content_confidence: float = 0.9  # a rule content moves only to a tagger content this confident
    drop_below: float = 0.0  # drop a rule attribution when tagger contents cover less than this share of its content
    new_cue_same_sentence: bool = True  # a new attribution's cue must be in its sentence (not only its paragraph)
    new_cue_unused: bool = False  # a new attribution's cue must not be a rule attribution's cue


DEFAULT_POLICY = MergePolicy()


def _ov(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _best(
    span: tuple[int, int], tagged: list[TaggedSpan], policy: MergePolicy, min_confidence: float | None = None
) -> TaggedSpan | None:
    best, best_score = None, 0.0
    for t in tagged:
        if t.confidence < (policy.min_confidence if min_confidence is None else min_confidence):
            continue
        ov = _ov(span, (t.start, t.end))
        if not ov:
            continue
        union = max(span[1], t.end) - min(span[0], t.start)
        score = ov / union
        if score >= policy.min_overlap and score > best_score:
            best, best_score = t, score
    return best


def refine_attributions(
    doc: Doc,
    rules: list[Attribution],
    model: str,
    *,
    mentions: list[Mention] | None = None,
    entities: list[Entity] | None = None,
    outlet: str | None = None,
    lexicon: CueLexicon = DEFAULT_CUES,
    policy: MergePolicy = DEFAULT_POLICY,
) -> list[Attribution]:
    """The rule attributions ``rules`` of ``doc`` refined by the tagger of ``model`` (see the module docstring).
    Returns new records in text order with ids ``q1``, ``q2``, ... and nesting recomputed."""
    from presswatch.enrich.attribution_rules import Draft
    from presswatch.enrich.attributions import _form, _nesting, _para_of
    from presswatch.enrich.speakers import SpeakerResolver, build_entity_view, speaker_tokens

    tagged = tag_spans(doc, rules, model, lexicon)
    prep_text = doc.user_data.get("presswatch_text") or doc.text
    by_role = {r: [t for t in tagged if t.role == r] for r in ROLES}
    out: list[Attribution] = []
    for a in rules:
        if policy.drop_below > 0:
            size = max(1, a.content.end - a.content.start)
            covered = sum(_ov((a.content.start, a.content.end), (t.start, t.end)) for t in by_role["CTT"])
            if covered / size < policy.drop_below:
                continue
        a = _copy(a)
        if policy.snap_content:
            t = _best((a.content.start, a.content.end), by_role["CTT"], policy, policy.snap_content_confidence)
            if t is not None:
                a.content = Span(t.start, t.end, prep_text[t.start : t.end])
        if policy.snap_cue and a.cue is not None:
            t = _best((a.cue.start, a.cue.end), by_role["CUE"], policy)
            if t is not None:
                a.cue = Span(t.start, t.end, prep_text[t.start : t.end])
        if policy.snap_source and a.speaker.span is not None:
            t = _best((a.speaker.span.start, a.speaker.span.end), by_role["SRC"], policy)
            if t is not None:
                a.speaker.span = Span(t.start, t.end, prep_text[t.start : t.end])
        out.append(a)
    if policy.add_new:
        resolver = SpeakerResolver(doc, build_entity_view(doc, mentions, entities), prep_text)
        for a in rules:
            if a.cue is not None:
                resolver.remember(a.cue.start, a.speaker)
        taken = [(a.content.start, a.content.end) for a in out]
        rule_cues = [(a.cue.start, a.cue.end) for a in out if a.cue is not None]
        sent_of = _sentence_numbers(doc)
        paras = paragraph_spans(prep_text)
        for t in by_role["CTT"]:
            if t.confidence < policy.new_min_confidence:
                continue
            if any(_ov((t.start, t.end), c) > 0.3 * (t.end - t.start) for c in taken):
                continue
            cue = _nearest(t, by_role["CUE"], sent_of, paras, same_sentence=policy.new_cue_same_sentence)
            if cue is None and policy.new_requires_cue:
                continue
            if cue is not None and policy.new_cue_unused and any(_ov((cue.start, cue.end), c) for c in rule_cues):
                continue
            speaker = _new_speaker(doc, t, cue, by_role["SRC"], sent_of, paras, resolver, speaker_tokens)
            out.append(
                Attribution(
                    id="",
                    speaker=speaker,
                    cue=Span(cue.start, cue.end, prep_text[cue.start : cue.end]) if cue else None,
                    content=Span(t.start, t.end, prep_text[t.start : t.end]),
                    form="indirect",
                    outlet=outlet,
                )
            )
            taken.append((t.start, t.end))
    out.sort(key=lambda a: (min(a.content.start, a.cue.start if a.cue else a.content.start), a.content.start))
    drafts = [
        Draft(
            cue=(a.cue.start, a.cue.end) if a.cue else None,
            speaker=None,
            speaker_head=None,
            content=(a.content.start, a.content.end),
        )
        for a in out
    ]
    parent = _nesting(drafts)
    quotes = QuoteIndex(find_quotes(prep_text, paragraph_spans(prep_text)), prep_text)
    paras = paragraph_spans(prep_text)
    for k, a in enumerate(out):
        a.id = f"q{k + 1}"
    for k, a in enumerate(out):
        a.nested_in = out[parent[k]].id if parent[k] is not None else None
        nested = [drafts[j].content for j in range(len(out)) if parent[j] == k]
        a.form = _form(prep_text, drafts[k].content, quotes, nested)
        a.paragraph = _para_of(paras, a.content.start)
    return out


def _cue_subject(doc: Doc, cue: TaggedSpan):
    """The subject of the cue's verb, inherited along xcomp / advcl / conj the way the rules do ("vowed to fight",
    "said X, adding that ...")."""
    node = doc[cue.first : cue.last + 1].root
    for _ in range(4):
        subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj
        if node.dep_ not in ("xcomp", "advcl", "conj", "acl", "pcomp") or node.head.i == node.i:
            return None
        node = node.head
    return None


def _new_speaker(doc, content, cue, sources, sent_of, paras, resolver, speaker_tokens) -> Speaker:
    """The speaker of a tagger attribution: the tagger source holding the cue's subject, else the tagger source
    nearest the cue in its sentence, else the cue's subject phrase; never a phrase inside the content."""
    if cue is None:
        return Speaker(kind="unknown", label="")
    outside = [s for s in sources if s.last < content.first or s.first > content.last]
    subj = _cue_subject(doc, cue)
    if subj is not None and content.first <= subj.i <= content.last:
        subj = None
    source = None
    if subj is not None:
        source = next((s for s in outside if s.first <= subj.i <= s.last), None)
    if source is None:
        source = _nearest(cue, outside, sent_of, paras, same_sentence=True)
    if source is not None:
        span = doc[source.first : source.last + 1]
        return resolver.describe(span, span.root)
    if subj is not None:
        s0, e0 = speaker_tokens(subj)
        return resolver.describe(doc[s0:e0], subj)
    return Speaker(kind="unknown", label="")


def _copy(a: Attribution) -> Attribution:
    """A copy whose spans and speaker can be replaced without touching the rules' record."""
    return dataclasses.replace(a, speaker=dataclasses.replace(a.speaker))


def _sentence_numbers(doc: Doc) -> list[int]:
    out = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            out[i] = n
    return out


def _nearest(
    anchor: TaggedSpan,
    candidates: list[TaggedSpan],
    sent_of: list[int],
    paras: list[tuple[int, int]],
    same_sentence: bool = False,
) -> TaggedSpan | None:
    """The candidate closest to ``anchor`` in its sentence, else (unless ``same_sentence``) in its paragraph."""
    sent = sent_of[anchor.first]
    pool = [c for c in candidates if sent_of[c.first] == sent and (c.last < anchor.first or c.first > anchor.last)]
    if not pool and not same_sentence:
        para = next((k for k, (s, e) in enumerate(paras) if s <= anchor.start < e), None)
        if para is not None:
            ps, pe = paras[para]
            pool = [c for c in candidates if ps <= c.start < pe and (c.last < anchor.first or c.first > anchor.last)]
    if not pool:
        return None
    return min(pool, key=lambda c: min(abs(c.first - anchor.last), abs(anchor.first - c.last)))
