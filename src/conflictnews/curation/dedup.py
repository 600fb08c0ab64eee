r"""Exact and near-duplicate clustering: sha256 of the curated text plus MinHash LSH (numpy).

Stage: curation (dedup). Input: documents as ``(id, text)`` plus a ranking key per document.
Output: a :class:`Clustering`: for every document its cluster id, whether it is the cluster's
representative, and why it is not (``exact-duplicate`` / ``near-duplicate``).

Method:

* **Exact.** Documents whose curated texts are identical (same sha256) are one cluster.
* **Near.** Text is lower-cased and split into word tokens (``\w+``); shingles are word
  :data:`SHINGLE` -grams (3: short portal items of ~25 words still yield enough shingles). Each
  token gets a stable 64-bit hash (blake2b, never Python's salted ``hash``); n-gram hashes are
  mixed from token hashes in numpy. :data:`NUM_PERM` = :data:`BANDS` x :data:`ROWS` (25 x 5)
  MinHash values come from universal hashes ``(a*x + b) >> 32`` with fixed seeds. Two documents
  sharing one band are candidates; a candidate pair is a near duplicate when its estimated
  Jaccard similarity (share of equal MinHash values) is at least :data:`THRESHOLD` (0.7). With
  25 x 5 bands a pair at Jaccard 0.7 becomes a candidate with probability 0.99, at 0.3 with 0.06.
  Within a band bucket every member is compared with the bucket's first member.
* **Clusters.** Exact groups and verified near pairs are joined by union-find.
* **Representative** (the one kept): the smallest ranking key; the curation stage ranks by
  gold annotations first (re3d, GUM), then credibility (credible, unknown, fake), then longer
  text, then smaller id. The cluster id is ``cluster-<representative id>``.

Datatrove's own MinHash blocks are four disk-based stages made for billions of documents; this
in-memory version is proven against planted exact and near duplicates (tests and
``conflictnews bench curate``) and clusters 100,000 articles in one process.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from conflictnews.io import sha256_text

SHINGLE = 3
BANDS = 25
ROWS = 5
NUM_PERM = BANDS * ROWS
THRESHOLD = 0.7
SEED = 20240601
#: Shingles hashed per numpy block (bounds memory to ~NUM_PERM x this x 8 bytes).
_BLOCK = 200_000

_WORD = re.compile(r"\w+")
_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)
_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xC2B2AE3D27D4EB4F)


def _permutations() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(SEED)
    a = rng.integers(1, 2**63, size=NUM_PERM, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 2**63, size=NUM_PERM, dtype=np.uint64)
    return a, b


_A, _B = _permutations()


class _TokenHasher:
    """Stable 64-bit token hashes, memoised (vocabularies are small next to token counts)."""

    def __init__(self) -> None:
        self.cache: dict[str, int] = {}

    def __call__(self, tokens: list[str]) -> np.ndarray:
        cache = self.cache
        out = []
        for token in tokens:
            value = cache.get(token)
            if value is None:
                value = int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest(), "little")
                cache[token] = value
            out.append(value)
        return np.fromiter(out, dtype=np.uint64, count=len(out))


def shingle_hashes(text: str, hasher: _TokenHasher | None = None) -> np.ndarray:
    """Return the 64-bit hashes of the word :data:`SHINGLE`-grams of ``text`` (lower-cased).

    A text shorter than :data:`SHINGLE` words yields its token hashes; an empty text one zero.
    """
    tokens = _WORD.findall(text.lower())
    words = (hasher or _TokenHasher())(tokens)
    if len(words) == 0:
        return np.zeros(1, dtype=np.uint64)
    if len(words) < SHINGLE:
        return words
    with np.errstate(over="ignore"):
        mixed = words[: len(words) - SHINGLE + 1].copy()
        for k in range(1, SHINGLE):
            mixed = mixed * _M1 + words[k : len(words) - SHINGLE + 1 + k] * _M2 + np.uint64(k)
    return mixed


def minhash_signatures(texts: Sequence[str]) -> np.ndarray:
    """Return the ``(len(texts), NUM_PERM)`` uint32 MinHash signatures of ``texts``."""
    hasher = _TokenHasher()
    signatures = np.empty((len(texts), NUM_PERM), dtype=np.uint32)
    start = 0
    while start < len(texts):
        shingles: list[np.ndarray] = []
        size = 0
        stop = start
        while stop < len(texts) and (size < _BLOCK or stop == start):
            arr = shingle_hashes(texts[stop], hasher)
            shingles.append(arr)
            size += len(arr)
            stop += 1
        flat = np.concatenate(shingles)
        offsets = np.cumsum([0] + [len(s) for s in shingles[:-1]])
        with np.errstate(over="ignore"):
            hashed = ((_A[:, None] * flat[None, :] + _B[:, None]) >> np.uint64(32)).astype(np.uint32)
        signatures[start:stop] = np.minimum.reduceat(hashed, offsets, axis=1).T
        start = stop
    return signatures


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, x: int, y: int) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[max(rx, ry)] = min(rx, ry)


@dataclass(frozen=True)
class Clustering:
    """The dedup decision for every document, in input order.

    Attributes:
        cluster: Cluster id per document (``cluster-<representative id>``).
        representative: Id of the cluster's representative per document.
        reason: '' for representatives, ``exact-duplicate`` or ``near-duplicate`` otherwise.
        similarity: Estimated Jaccard with the representative (1.0 for exact duplicates/representatives).
        size: Cluster size per document.
        candidate_pairs: LSH candidate pairs checked.

    """

    cluster: tuple[str, ...]
    representative: tuple[str, ...]
    reason: tuple[str, ...]
    similarity: tuple[float, ...]
    size: tuple[int, ...]
    candidate_pairs: int

    @property
    def clusters(self) -> int:
        """Number of clusters (= documents kept)."""
        return len(set(self.cluster))


def cluster_duplicates(ids: Sequence[str], texts: Sequence[str], rank_keys: Sequence[Any]) -> Clustering:
    """Cluster exact and near duplicates and choose one representative per cluster.

    Args:
        ids: Unique document ids.
        texts: Curated texts, aligned with ``ids``.
        rank_keys: Sortable keys; the smallest in a cluster is its representative.

    Returns:
        The :class:`Clustering`.

    Raises:
        ValueError: If ids repeat or the sequences differ in length.

    """
    n = len(ids)
    if len(texts) != n or len(rank_keys) != n:
        raise ValueError("ids, texts and rank_keys must have the same length")
    if len(set(ids)) != n:
        raise ValueError("document ids must be unique")
    uf = _UnionFind(n)
    first_by_sha: dict[str, int] = {}
    shas = [sha256_text(t) for t in texts]
    for i, sha in enumerate(shas):
        j = first_by_sha.setdefault(sha, i)
        if j != i:
            uf.union(i, j)
    signatures = minhash_signatures(texts) if n else np.empty((0, NUM_PERM), dtype=np.uint32)
    candidates = 0
    with np.errstate(over="ignore"):
        for band in range(BANDS):
            block = signatures[:, band * ROWS : (band + 1) * ROWS].astype(np.uint64)
            keys = block[:, 0]
            for r in range(1, ROWS):
                keys = keys * _M1 + block[:, r]
            order = np.argsort(keys, kind="stable")
            sorted_keys = keys[order]
            starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
            ends = np.r_[starts[1:], len(order)]
            for s, e in zip(starts[ends - starts > 1], ends[ends - starts > 1], strict=True):
                members = order[s:e]
                head = members[0]
                rest = members[1:]
                candidates += len(rest)
                agree = (signatures[rest] == signatures[head]).mean(axis=1)
                for m in rest[agree >= THRESHOLD]:
                    uf.union(int(head), int(m))
    roots = [uf.find(i) for i in range(n)]
    groups: dict[int, list[int]] = {}
    for i, root in enumerate(roots):
        groups.setdefault(root, []).append(i)
    cluster = [""] * n
    representative = [""] * n
    reason = [""] * n
    similarity = [1.0] * n
    size = [0] * n
    for group in groups.values():
        rep = min(group, key=lambda i: (rank_keys[i], ids[i]))
        for i in group:
            cluster[i] = f"cluster-{ids[rep]}"
            representative[i] = ids[rep]
            size[i] = len(group)
            if i == rep:
                continue
            if shas[i] == shas[rep]:
                reason[i] = "exact-duplicate"
            else:
                reason[i] = "near-duplicate"
                similarity[i] = round(float((signatures[i] == signatures[rep]).mean()), 4)
    return Clustering(tuple(cluster), tuple(representative), tuple(reason), tuple(similarity), tuple(size), candidates)
