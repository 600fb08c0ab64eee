r"""Sentences and tokens with exact character spans, and BIO tags from spans (stdlib only).

Stage: dataset build (segmentation). Input: an article text and the character offsets of its
annotated spans. Output: sentence spans, token spans and BIO tag lists whose offsets are Python
code points into the same text, so every annotated span is a whole number of tokens inside one
sentence.

Rules (stated in the dataset card; a change here changes the dataset, so bump
:data:`SEGMENTATION_VERSION`):

* Tokens: the regex ``\w+|[^\w\s]`` (a run of word characters, or one other non-space
  character), additionally cut at every annotated span boundary.
* Sentences: a break at every line break, and after ``.``/``!``/``?`` (plus closing quotes or
  brackets) followed by white space and an upper-case letter, a digit or an opening quote or
  bracket, unless the word before the full stop is a single letter (initials, ``U.S.``) or in
  :data:`ABBREVIATIONS`. Sentences are trimmed of white space; sentences that an annotated span
  crosses are merged, so no sentence boundary cuts a span.
* BIO: among overlapping spans the longest wins (then the earliest, then the first label in
  schema order); nested spans stay in the span lists but get no tags.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate

SEGMENTATION_VERSION = "1"

#: Words after which a full stop does not end a sentence (titles, months, common abbreviations).
ABBREVIATIONS: frozenset[str] = frozenset(
    {
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Prof",
        "Gen",
        "Lt",
        "Col",
        "Maj",
        "Capt",
        "Cpt",
        "Sgt",
        "Cpl",
        "Adm",
        "Cmdr",
        "Brig",
        "Sen",
        "Rep",
        "Gov",
        "Pres",
        "Amb",
        "St",
        "Jr",
        "Sr",
        "Rev",
        "No",
        "Nos",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "vs",
        "etc",
        "Inc",
        "Co",
        "Corp",
        "Ltd",
        "approx",
        "est",
    }
)

_TOKEN_SPLIT = re.compile(r"(\w+|[^\w\s])")
_BREAK = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n")
_WORD_BEFORE = re.compile(r"(\w+)$")


@dataclass(frozen=True)
class Segmented:
    """An article's sentences and tokens.

    Attributes:
        sentences: ``(start, end)`` per sentence, in text order, trimmed of white space.
        starts: Start offset per token, in text order.
        ends: End offset per token (parallel lists: cheaper than a tuple per token for long texts).
        words: The token strings.
        sentence_tokens: ``(first token, last token + 1)`` per sentence.

    """

    sentences: tuple[tuple[int, int], ...]
    starts: list[int]
    ends: list[int]
    words: list[str]
    sentence_tokens: tuple[tuple[int, int], ...]

    @property
    def tokens(self) -> list[tuple[int, int]]:
        """``(start, end)`` per token."""
        return list(zip(self.starts, self.ends, strict=True))

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    def sentence_of(self, start: int) -> int:
        """Return the index of the sentence containing offset ``start`` (the last one starting before it)."""
        return max(0, bisect.bisect_right(self._sentence_starts, start) - 1)


def _raw_sentences(text: str) -> list[tuple[int, int]]:
    """Split ``text`` at the break rule; return trimmed non-empty ``(start, end)`` spans."""
    cuts = [0]
    for match in _BREAK.finditer(text):
        if match.group() != "\n":
            # Only the word right before the stop matters: look at a short window, not the whole prefix.
            word = _WORD_BEFORE.search(text[max(0, match.start() - 24) : match.start()])
            if word and (len(word.group(1)) == 1 or word.group(1) in ABBREVIATIONS):
                continue
        cuts.append(match.end())
    cuts.append(len(text))
    spans = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            left = start + (len(chunk) - len(chunk.lstrip()))
            spans.append((left, left + len(stripped)))
    return spans


def _merge(sentences: list[tuple[int, int]], spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge consecutive sentences that one of ``spans`` crosses."""
    starts = [s for s, _ in sentences]
    glue: set[int] = set()  # index i: sentence i is joined to sentence i + 1
    for start, end in spans:
        first = max(0, bisect.bisect_right(starts, start) - 1)
        last = max(0, bisect.bisect_left(starts, end) - 1)
        glue.update(range(first, last))
    merged: list[tuple[int, int]] = []
    for i, (start, end) in enumerate(sentences):
        if i and (i - 1) in glue:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def segment(text: str, spans: Iterable[tuple[int, int]] = ()) -> Segmented:
    """Split ``text`` into sentences and tokens that respect the annotated ``spans``.

    Args:
        text: The exact article text.
        spans: ``(start, end)`` of every annotated span (entities, triggers, evidence, cues) of
            every pass over the article.

    Returns:
        The :class:`Segmented` article.

    """
    spans = [(s, e) for s, e in spans if e > s]
    cuts = sorted({p for span in spans for p in span})
    # split() with a capturing group alternates gap, token, gap, ... entirely in C; running sums of
    # the part lengths give every offset (a third faster than a match object per token).
    parts = _TOKEN_SPLIT.split(text)
    offsets = list(accumulate(map(len, parts), initial=0))
    n = len(parts) // 2
    words = parts[1::2]
    starts, ends = offsets[1 : 2 * n : 2], offsets[2 : 2 * n + 1 : 2]
    if cuts:  # most articles are unannotated: cut only where a span boundary falls inside a token
        cut_starts: list[int] = []
        cut_ends: list[int] = []
        for start, end in zip(starts, ends, strict=True):
            lo, hi = bisect.bisect_right(cuts, start), bisect.bisect_left(cuts, end)
            for cut in cuts[lo:hi]:
                cut_starts.append(start)
                cut_ends.append(cut)
                start = cut
            cut_starts.append(start)
            cut_ends.append(end)
        starts, ends = cut_starts, cut_ends
        words = [text[s:e] for s, e in zip(starts, ends, strict=True)]
    sentences = _merge(_raw_sentences(text), spans)
    ranges = tuple((bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)) for s, e in sentences)
    return Segmented(tuple(sentences), starts, ends, words, ranges)


def bio_tags(
    tokens: Sequence[tuple[int, int]], spans: Iterable[tuple[int, int, str]], label_order: Sequence[str]
) -> list[str]:
    """Return one BIO tag per token from labelled character spans.

    Args:
        tokens: ``(start, end)`` per token (of one sentence or document).
        spans: ``(start, end, label)``; spans outside the tokens are ignored.
        label_order: The schema's label order, used to break ties between equal spans.

    Returns:
        ``O``, ``B-<label>`` or ``I-<label>`` per token; overlapping spans resolved longest first.

    """
    rank = {label: i for i, label in enumerate(label_order)}
    starts = [s for s, _ in tokens]
    ends = [e for _, e in tokens]
    tags = ["O"] * len(tokens)
    taken = [False] * len(tokens)
    for start, end, label in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0], rank.get(s[2], len(rank)))):
        first = bisect.bisect_left(starts, start)
        last = bisect.bisect_right(ends, end)
        if first >= last or any(taken[first:last]):
            continue
        for i in range(first, last):
            tags[i] = ("B-" if i == first else "I-") + label
            taken[i] = True
    return tags
