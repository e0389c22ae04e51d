"""Duplicates: exact (same Article.id, i.e. same normalised title and text) and near (MinHash LSH on word shingles).

- An exact duplicate (the same file ingested again, a syndicated copy with identical text) is stored once.
- A near-duplicate (the same story with a changed headline, a corrected figure, a different footer) is stored, with
  ``duplicate_of`` set to the original it resembles most.
- A text of fewer than ``min_words`` words is never a near-duplicate nor an original of one: a placeholder ("-1"), a
  "View Comments" line or a caption is the same in unrelated articles, and a shared handful of words is no evidence
  that two articles are one (it made a Kremlin article a copy of a Trump one when both texts were "-1").

Signatures are persisted in the store, together with the LSH band keys of every *original* (near-duplicates link to
originals, never to other near-duplicates, so chains cannot form). A later run therefore finds near-duplicates of
articles stored by earlier runs without rebuilding any index in memory, and memory stays flat however large the store.

The decision for an article depends only on the articles before it in input order, and ties are broken by article
id, never by timing or batch boundaries: the same input in the same order always gives the same result, whether the
run was interrupted and resumed or not.

Speed: MinHash is computed with numpy over the whole text at once: word hashes by a polynomial rolling hash on the
UTF-8 bytes (no Python loop per word), 3-word shingles, and ``num_perm`` multiply-shift permutations (about 0.2 ms
for a 5 KB article with 64 permutations).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from presswatch.models import Article
from presswatch.store.base import Store

DEFAULT_THRESHOLD = 0.8
DEFAULT_NUM_PERM = 64
DEFAULT_SHINGLE = 3
DEFAULT_MIN_WORDS = 20
_SEED = 20151015  # fixed: signatures are persisted, so the permutations must never change between runs

NEW = "new"
DUPLICATE = "duplicate"
NEAR_DUPLICATE = "near_duplicate"

_P = np.uint64(1099511628211)  # odd multiplier of the rolling hash (FNV prime): invertible modulo 2**64
_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xC2B2AE3D27D4EB4F)
_SHIFT = np.uint64(32)
_MAX_WORD = 64  # bytes of a word that weigh in its hash (longer "words" are URLs or junk)


@dataclass(frozen=True, slots=True)
class DedupOptions:
    """Picklable settings of near-duplicate detection."""

    threshold: float = DEFAULT_THRESHOLD  # estimated Jaccard similarity of shingle sets at or above which = near-dup
    num_perm: int = DEFAULT_NUM_PERM
    shingle: int = DEFAULT_SHINGLE  # words per shingle
    min_words: int = DEFAULT_MIN_WORDS  # a shorter text is too little evidence to call two articles one
    enabled: bool = True  # False: exact duplicates only

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"near-duplicate threshold must be in (0, 1], got {self.threshold} (e.g. 0.8)")
        if self.num_perm < 8 or self.num_perm > 1024:
            raise ValueError(f"num_perm must be between 8 and 1024, got {self.num_perm}")
        if self.min_words < 1:
            raise ValueError(f"min_words must be at least 1, got {self.min_words}")


@dataclass(slots=True)
class Decision:
    """What dedup decided for one article."""

    article: Article
    status: str  # new | duplicate | near_duplicate
    signature: bytes | None = None  # MinHash signature (uint32 little-endian), None for exact duplicates
    lsh_keys: list[int] = field(default_factory=list)  # band keys to index (originals only)
    similarity: float | None = None  # estimated Jaccard similarity to the original (near-duplicates)


class MinHasher:
    """MinHash signatures of texts (word shingles) and their LSH band keys."""

    def __init__(self, num_perm: int = DEFAULT_NUM_PERM, shingle: int = DEFAULT_SHINGLE, threshold: float = 0.8):
        rng = np.random.default_rng(_SEED)
        self.num_perm = num_perm
        self.shingle = shingle
        self._a = (rng.integers(1, 2**63, num_perm, dtype=np.uint64) << np.uint64(1)) | np.uint64(1)
        self._b = rng.integers(0, 2**63, num_perm, dtype=np.uint64)
        self.bands, self.rows = optimal_bands(threshold, num_perm)
        with np.errstate(over="ignore"):  # P**0 .. P**(_MAX_WORD-1) modulo 2**64 (uint64 arithmetic wraps)
            self._word_pow = np.cumprod(np.concatenate(([1], np.full(_MAX_WORD - 1, _P))).astype(np.uint64))
        self._last_word_starts = np.zeros(0, dtype=np.int64)

    def word_hashes(self, text: str) -> np.ndarray:
        """A 64-bit hash per white-space separated word of the text, ASCII letters case-folded.

        Everything happens on the UTF-8 bytes with numpy: no Python-level loop, split or casefold per word. A word's
        hash is sum(byte_i * P**i) over its first _MAX_WORD bytes (later bytes reuse the last power), plus its length.
        """
        raw = np.frombuffer(text.encode("utf-8", "replace"), dtype=np.uint8)
        n = len(raw)
        in_word = raw > 32  # ASCII white space and control characters separate words
        nbsp = np.flatnonzero((raw[:-1] == 0xC2) & (raw[1:] == 0xA0))  # U+00A0 as often as a space in news text
        in_word[nbsp] = False
        in_word[nbsp + 1] = False
        edges = np.diff(in_word.astype(np.int8), prepend=np.int8(0), append=np.int8(0))
        starts = np.flatnonzero(edges == 1)
        ends = np.flatnonzero(edges == -1)
        self._last_word_starts = starts
        if len(starts) == 0:
            return np.zeros(0, dtype=np.uint64)
        is_upper = (raw >= 65) & (raw <= 90)
        data = (raw | (is_upper.astype(np.uint8) << 5)).astype(np.uint64)  # A-Z -> a-z
        word_of_byte = np.cumsum(edges[:n] == 1) - 1  # the last word starting at or before each byte
        first = max(0, int(starts[0]))
        pos = np.arange(n) - starts[np.maximum(word_of_byte, 0)]
        np.minimum(pos, _MAX_WORD - 1, out=pos)
        with np.errstate(over="ignore"):
            vals = data * self._word_pow[pos]
            vals[~in_word] = 0  # separators add nothing to the word before them
            vals[:first] = 0
            sums = np.add.reduceat(vals, starts)
            return sums + (ends - starts).astype(np.uint64) * _M2

    def signature(self, text: str) -> np.ndarray | None:
        """The MinHash signature (``num_perm`` uint32) of the text's word shingles; None for a text with no words."""
        return self.signatures([text])[0]

    def signatures(self, texts: Sequence[str], min_words: int = 1) -> list[np.ndarray | None]:
        """Signatures of many texts at once: one numpy pass over all of them, so the fixed cost of each numpy call is
        paid per batch, not per article. None for a text of fewer than ``min_words`` words (or none)."""
        if not texts:
            return []
        sh, sh_doc, nwords = self._text_shingles(texts)
        sigs = self._one_permutation_minhash(sh, sh_doc, len(texts))
        return [sigs[d] if nwords[d] >= max(1, min_words) else None for d in range(len(texts))]

    def shingle_sets(self, texts: Sequence[str]) -> list[np.ndarray]:
        """For each text, the distinct 32-bit hashes (sorted uint32) of its word shingles: 4 bytes a shingle, exact
        up to hash collisions, for the containment of one text in another (``containment``). Batched like
        ``signatures``."""
        if not texts:
            return []
        sh, sh_doc, _ = self._text_shingles(texts)
        keys = np.sort((sh_doc.astype(np.uint64) << _SHIFT) | (self._mix(sh) >> _SHIFT))  # by text, then hash
        distinct = np.ones(len(keys), dtype=bool)  # (np.unique is many times slower here)
        distinct[1:] = keys[1:] != keys[:-1]
        keys = keys[distinct]
        bounds = np.searchsorted(keys, np.arange(1, len(texts), dtype=np.uint64) << _SHIFT)
        return np.split(keys.astype(np.uint32), bounds)  # the low 32 bits: the hash

    def shingle_hashes(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every word shingle of the texts, not deduplicated, as the 32-bit hash ``shingle_sets`` gives it (uint32),
        with the index of its text (ascending) and each text's number of words: for measures per text part
        (``presswatch.analysis.stories`` scores sentences). A text shorter than a shingle has none."""
        if not texts:
            return np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        words = self.word_hashes("\n".join(texts))
        lengths = np.fromiter((len(t.encode("utf-8", "replace")) + 1 for t in texts), dtype=np.int64, count=len(texts))
        text_starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        doc = np.searchsorted(text_starts, self._last_word_starts, side="right") - 1
        sh, sh_doc = self._shingles(words, doc, self.shingle)
        return (self._mix(sh) >> _SHIFT).astype(np.uint32), sh_doc, np.bincount(doc, minlength=len(texts))

    def _text_shingles(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Shingle hashes of all the texts, the text index of each, and each text's number of words."""
        words = self.word_hashes("\n".join(texts))  # "\n" separates words, so no word spans two texts
        lengths = np.fromiter((len(t.encode("utf-8", "replace")) + 1 for t in texts), dtype=np.int64, count=len(texts))
        text_starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        doc = np.searchsorted(text_starts, self._last_word_starts, side="right") - 1
        nwords = np.bincount(doc, minlength=len(texts))
        k = self.shingle
        sh, sh_doc = self._shingles(words, doc, k)
        # a text shorter than a shingle is one shingle of all its words
        for d in np.flatnonzero((nwords > 0) & (nwords < k)):
            w = words[doc == d]
            extra, _ = self._shingles(w, np.zeros(len(w), dtype=np.int64), len(w))
            sh = np.concatenate((sh, extra))
            sh_doc = np.concatenate((sh_doc, [d]))
        return sh, sh_doc, nwords

    def _mix(self, sh: np.ndarray) -> np.ndarray:
        """Shingle hashes mixed by fixed random odd multipliers, so that their bits are uniform."""
        with np.errstate(over="ignore"):
            h = (sh ^ self._b[0]) * self._a[0]
            h ^= h >> np.uint64(29)
            h *= self._a[1]
            h ^= h >> np.uint64(32)
        return h

    @staticmethod
    def _shingles(words: np.ndarray, doc: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Hashes of every run of ``k`` consecutive words within one text, with the text index of each."""
        if len(words) < k or k < 1:
            return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
        with np.errstate(over="ignore"):
            sh = words[: len(words) - k + 1].copy()
            for i in range(1, k):
                sh = sh * _M1 + words[i : len(words) - k + 1 + i]
        sh_doc = doc[: len(words) - k + 1]
        same_text = sh_doc == doc[k - 1 :]
        return sh[same_text], sh_doc[same_text]

    def _one_permutation_minhash(self, sh: np.ndarray, sh_doc: np.ndarray, ndocs: int) -> np.ndarray:
        """One-permutation hashing with densification (Shrivastava & Li, 2014): each shingle is hashed once and
        falls into one of ``num_perm`` bins; a bin keeps its smallest value; empty bins borrow from the next
        non-empty one. As accurate as ``num_perm`` independent permutations for Jaccard estimates, at 1/num_perm of
        the cost."""
        m = self.num_perm
        empty = np.uint32(0xFFFFFFFF)
        sig = np.full(ndocs * m, empty, dtype=np.uint32)
        if len(sh):
            h = self._mix(sh)
            bins = ((h >> _SHIFT) % np.uint64(m)).astype(np.int64)
            values = (h & np.uint64(0xFFFFFFFE)).astype(np.uint32)  # even: never equal to the "empty" marker
            np.minimum.at(sig, sh_doc * m + bins, values)
        sig = sig.reshape(ndocs, m)
        holes = sig == empty
        if holes.any():
            filled = sig.copy()
            for t in range(1, m):
                todo = holes & (filled == empty)
                if not todo.any():
                    break
                donor = np.roll(sig, -t, axis=1)
                take = todo & (donor != empty)
                # offset by the distance so that borrowed values rarely collide with genuine ones by accident
                filled[take] = donor[take] + np.uint32(2 * t + 1)
            sig = filled
        return sig

    def band_keys(self, sig: np.ndarray) -> list[int]:
        """One signed 63-bit key per LSH band: articles that share a key are candidate near-duplicates."""
        keys = []
        for band in range(self.bands):
            chunk = sig[band * self.rows : (band + 1) * self.rows].tobytes()
            digest = hashlib.blake2b(chunk, digest_size=8, person=band.to_bytes(2, "little") + b"pw").digest()
            keys.append(int.from_bytes(digest, "little") >> 1)  # fits a signed 64-bit column
        return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """The share of text A's shingles that text B holds, from their ``MinHasher.shingle_set``s (Broder 1997). It
    stays high for an edited copy with a paragraph added or cut, where the Jaccard similarity falls."""
    if len(a) == 0:
        return 0.0
    return len(np.intersect1d(a, b, assume_unique=True)) / len(a)


def optimal_bands(threshold: float, num_perm: int, fp_weight: float = 0.1, fn_weight: float = 0.9) -> tuple[int, int]:
    """(bands, rows per band) minimising the weighted area of false positives below ``threshold`` and of false
    negatives above it: datasketch's MinHashLSH criterion, computed here because importing datasketch pulls in scipy
    and costs seconds at every start.

    Misses weigh 9 times more than extra candidates: a candidate below the threshold only costs one signature
    comparison, while a missed near-duplicate is a wrong answer. (With equal weights, 64 permutations and threshold
    0.8 give 5 bands of 11 rows, which finds only 36% of pairs at similarity 0.8; 9 bands of 7 rows find 88%, and
    97% at 0.85.)
    """
    s = np.linspace(0.0, 1.0, 1001)
    best = (np.inf, 1, 1)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            p = 1.0 - (1.0 - s**r) ** b  # probability that two texts of similarity s share at least one band
            below, above = s <= threshold, s >= threshold
            fp = np.trapezoid(p[below], s[below])
            fn = np.trapezoid(1.0 - p[above], s[above])
            err = fp_weight * fp + fn_weight * fn
            if err < best[0]:
                best = (err, b, r)
    return best[1], best[2]


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)


class Deduplicator:
    """Classifies articles in input order against the store and against what it has passed but not yet seen stored.

    The caller stores what :meth:`classify` returns (new and near-duplicate articles, with signature and keys) and
    calls :meth:`committed` once they are; until then they are kept here ("pending") so that an article can be matched
    against one earlier in the same run that is not stored yet.
    """

    def __init__(self, store: Store, options: DedupOptions | None = None) -> None:
        self.store = store
        self.options = options or DedupOptions()
        self.hasher = MinHasher(self.options.num_perm, self.options.shingle, self.options.threshold)
        self._pending_ids: set[str] = set()
        self._pending_keys: dict[int, list[tuple[str, np.ndarray]]] = {}
        self._pending_by_id: dict[str, list[int]] = {}

    def classify(self, articles: Sequence[Article]) -> list[Decision]:
        """Decide for each article, in order: new, duplicate (not to store) or near_duplicate (duplicate_of set)."""
        stored = self.store.existing_ids([a.id for a in articles])
        decisions: list[Decision] = []
        fresh: list[Decision] = []
        for a in articles:
            if a.id in stored or a.id in self._pending_ids:
                decisions.append(Decision(a, DUPLICATE))
                continue
            self._pending_ids.add(a.id)
            d = Decision(a, NEW)
            decisions.append(d)
            fresh.append(d)
        if not fresh or not self.options.enabled:
            return decisions
        todo: list[tuple[Decision, np.ndarray | None]] = []
        texts = [d.article.text for d in fresh]
        for d, sig in zip(fresh, self.hasher.signatures(texts, self.options.min_words), strict=True):
            if sig is not None:
                d.signature = to_bytes(sig)
                d.lsh_keys = self.hasher.band_keys(sig)
            todo.append((d, sig))
        all_keys = {k for d, _ in todo for k in d.lsh_keys}
        by_key: dict[int, list[tuple[str, np.ndarray]]] = {}
        for key, _seq, aid, sig_bytes in self.store.lsh_candidates(all_keys):
            by_key.setdefault(key, []).append((aid, from_bytes(sig_bytes)))
        for d, sig in todo:
            if sig is None:
                continue
            best: tuple[float, str] | None = None
            seen: set[str] = set()
            for key in d.lsh_keys:
                for aid, other in [*by_key.get(key, ()), *self._pending_keys.get(key, ())]:
                    if aid in seen or aid == d.article.id:
                        continue
                    seen.add(aid)
                    sim = similarity(sig, other)
                    # most similar original wins; equal similarity: the smallest id (never arrival timing)
                    if sim >= self.options.threshold and (best is None or (-sim, aid) < (-best[0], best[1])):
                        best = (sim, aid)
            if best is not None:
                d.status = NEAR_DUPLICATE
                d.similarity = best[0]
                d.article.duplicate_of = best[1]
                d.lsh_keys = []  # only originals are indexed: near-duplicates link to originals
            else:
                for key in d.lsh_keys:
                    self._pending_keys.setdefault(key, []).append((d.article.id, sig))
                self._pending_by_id[d.article.id] = d.lsh_keys
        return decisions

    def committed(self, ids: Sequence[str]) -> None:
        """These articles are now stored (or were dropped): forget them here, the store answers for them now."""
        for aid in ids:
            self._pending_ids.discard(aid)
            for key in self._pending_by_id.pop(aid, ()):
                entries = self._pending_keys.get(key)
                if entries is not None:
                    entries[:] = [e for e in entries if e[0] != aid]
                    if not entries:
                        del self._pending_keys[key]

    @property
    def pending(self) -> int:
        return len(self._pending_ids)
