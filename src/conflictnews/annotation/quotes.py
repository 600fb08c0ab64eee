"""Scripted annotation by quoting: a pass written as quotes becomes a validated standoff pass.

Stage: annotation (input). Input: an *annotation pass* file (YAML or JSON, one article and one
annotator per file) whose spans are written as exact quotes from the article text, each made
unique by an ``occurrence`` number or a ``context`` string, plus the article text. Output: a
:class:`conflictnews.standoff.AnnotationSet` with code-point offsets, checked by
:func:`conflictnews.validate.validate_data`, then either written as standoff under
``annotations/`` or submitted to Label Studio as a named annotator's annotation.

Character offsets are error-prone to write by hand, for people scripting annotation and for AI
annotators alike; quotes are not. The format is documented, with a complete example, in
``annotations/GUIDELINES.md`` ("Writing a pass by quoting"). In short::

    article_id: wikinews-kurds-announce-deal
    annotator: ai-annotator-a
    entities:
      - {id: T1, quote: "Turkey", occurrence: 2, label: GPE, level: NAM, gpe_role: GOV}
      - {id: T2, quote: "Syria", context: "north-eastern Syria", label: GPE, level: NAM, gpe_role: PLACE}
    events:
      - {id: V1, trigger: "offensive", type: ATTACK, realis: ACTUAL, attribution: AUTHOR,
         args: {Agent: T1, Place: T2}}
    stances:
      - {id: S1, holder: T3, target: V1, label: OPPOSE, basis: REPORTED, evidence: "condemned"}
    relations:
      - {type: ATTRIBUTED_TO, from: V2, to: T4}

A quote resolves to exactly one span or the pass is refused. Only matches on word boundaries
count (:func:`on_word_boundaries`, with its one exception for texts whose apostrophes were
stripped); an absent quote (the closest spans are listed, compared without case, punctuation or
apostrophes), an ambiguous one (every candidate is listed with its offsets and a whole-word
context that would make it unique) and a quote found only inside longer words are errors, and so
is a REPORTED or ALLEGED event that names no source. :func:`check_pass` validates whatever
resolved, so one run lists the quote problems and the schema problems together. :func:`annotate`
never overwrites a stored pass unless told to replace it.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from conflictnews import schema
from conflictnews.annotation import standoff
from conflictnews.annotation.standoff import AnnotationSet, Argument, Entity, Event, Relation, Span, Stance
from conflictnews.annotation.validate import ERROR, Check, Problem, validate_data
from conflictnews.io import sha256_text

#: Keys a pass may have at its top level.
PASS_FIELDS: tuple[str, ...] = (
    "article_id",
    "annotator",
    "origin",
    "guidelines_version",
    "schema_version",
    "text_sha256",
    "lead_time",
    "document",
    "entities",
    "events",
    "stances",
    "relations",
)
#: Fields of an entity record other than its mention attributes.
ENTITY_FIELDS: tuple[str, ...] = ("id", "quote", "occurrence", "context", "label")
#: Fields of an event record other than its event attributes.
EVENT_FIELDS: tuple[str, ...] = ("id", "trigger", "occurrence", "context", "type", "args", "source")
#: Fields of a stance record.
STANCE_FIELDS: tuple[str, ...] = (
    "id",
    "holder",
    "target",
    "label",
    "basis",
    "evidence",
    "occurrence",
    "context",
    "cue",
    "source",
)
#: Fields of a relation record.
RELATION_FIELDS: tuple[str, ...] = ("type", "from", "to")
#: Keys of the long form of a quote (``{quote: ..., occurrence: n}`` or ``{quote: ..., context: ...}``).
QUOTE_FIELDS: tuple[str, ...] = ("quote", "occurrence", "context")

#: The relation a ``source:`` shorthand stands for.
ATTRIBUTED_TO = "ATTRIBUTED_TO"
#: Event ``attribution`` values that need a source (``source:`` or an ATTRIBUTED_TO relation).
#: Attributions whose pass record must say whether the text names a source. REPORTED without an
#: ATTRIBUTED_TO link is the validator's ``reported-without-source`` (one rule, one place, for every
#: standoff file); what only a pass can say is that an ALLEGED event's text names no claimant.
_NEEDS_SOURCE: tuple[str, ...] = ("ALLEGED",)

#: The fix ``annotate`` gives for an article outside the manifest (the validator's is about standoff files).
_NEW_TEXT_FIX = (
    "fix the article id; or annotate a text that is not in the corpus yet as a draft: --texts with its text, "
    "--new-text, --out outside annotations/ (annotations/GUIDELINES.md §11.5)"
)

#: How many characters of surrounding text a candidate listing shows on each side.
_SHOW = 30
#: How many candidates an ambiguity message lists before it says "and N more".
_MAX_CANDIDATES = 8
#: How many closest spans an absent quote lists when nothing differs only in punctuation or case.
_MAX_NEAR = 3
#: Least difflib ratio (on folded forms) for a span to be offered as close to an absent quote.
_CLOSE = 0.75
#: An apostrophe between two letters; a text without one has had its apostrophes stripped.
_JOINED_APOSTROPHE = re.compile(r"[^\W\d_]['\u2019\u02bc][^\W\d_]")


# --------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------


#: The checks this module reports before the validator runs (``validate.CHECKS`` has the rest).
CHECKS: dict[str, Check] = {
    c.id: c
    for c in (
        Check(
            "pass-unreadable",
            ERROR,
            "pass",
            "The pass file is not valid YAML/JSON or not a mapping.",
            "fix the syntax; quote strings that contain ': ' or ' #'",
        ),
        Check(
            "field-missing", ERROR, "pass", "A required field of the pass or of a record is absent.", "add the field"
        ),
        Check(
            "field-unknown",
            ERROR,
            "pass",
            "A field that is neither a pass field nor a declared attribute (often a typo).",
            "rename or remove the field",
        ),
        Check(
            "field-type",
            ERROR,
            "pass",
            "A field has the wrong kind of value (e.g. a list where a quote is expected).",
            "write the value as the format describes",
        ),
        Check(
            "id-duplicate",
            ERROR,
            "pass",
            "Two entities, events or stances of the pass share an id.",
            "give every entity, event and stance its own id",
        ),
        Check(
            "ref-unknown",
            ERROR,
            "pass",
            "A role, slot, source or relation names an id that is not in the pass.",
            "refer to an id defined in the pass",
        ),
        Check(
            "ref-kind",
            ERROR,
            "pass",
            "A reference names a record of the wrong kind (e.g. a stance as a holder).",
            "refer to a record of the right kind",
        ),
        Check(
            "text-mismatch",
            ERROR,
            "pass",
            "The pass's text_sha256 is not the sha256 of the article text given.",
            "re-check the quotes against the current text",
        ),
        Check(
            "article-unknown",
            ERROR,
            "pass",
            "No text is available for the pass's article_id.",
            "check the id against corpus/manifest.jsonl or pass --texts",
        ),
        Check(
            "quote-absent",
            ERROR,
            "quote",
            "A quote does not occur in the text (near misses are listed).",
            "copy the span character for character from the text",
        ),
        Check(
            "quote-ambiguous",
            ERROR,
            "quote",
            "A quote occurs more than once and has no occurrence or context.",
            "add occurrence: N or one of the contexts listed",
        ),
        Check(
            "occurrence-out-of-range",
            ERROR,
            "quote",
            "occurrence is not between 1 and the number of matches.",
            "pick one of the occurrences listed",
        ),
        Check(
            "context-absent",
            ERROR,
            "quote",
            "A context does not occur in the text.",
            "copy the context character for character from the text",
        ),
        Check(
            "context-ambiguous",
            ERROR,
            "quote",
            "A context occurs more than once in the text.",
            "lengthen the context or use occurrence: N",
        ),
        Check(
            "context-mismatch",
            ERROR,
            "quote",
            "A context does not contain its quote exactly once.",
            "make the context a longer stretch of text around the quote",
        ),
        Check(
            "quote-qualifiers",
            ERROR,
            "quote",
            "Both occurrence and context are given for one quote.",
            "keep one of them",
        ),
        Check("quote-empty", ERROR, "quote", "A quote is empty.", "quote the exact text of the span"),
        Check(
            "quote-untrimmed",
            ERROR,
            "quote",
            "A quote starts or ends with whitespace.",
            "quote the span without surrounding spaces or line breaks",
        ),
        Check(
            "quote-splits-word",
            ERROR,
            "quote",
            "The quote occurs only inside longer words (matches count on word boundaries only).",
            "quote whole words",
        ),
        Check(
            "source-missing",
            ERROR,
            "pass",
            "An ALLEGED event does not say its source: neither source: (a mention, or [] when the text names "
            "none) nor an ATTRIBUTED_TO relation from it. REPORTED without a source is reported-without-source.",
            "add source: <id of the mention the text attributes it to>; for an ALLEGED event whose text names "
            "no source (a hedge such as 'reportedly'), write source: []",
        ),
        Check(
            "pass-exists",
            ERROR,
            "output",
            "A pass by the same annotator on the same article is already stored under --out (or came earlier "
            "in the same run).",
            "pass --replace to overwrite the stored pass, or use another annotator id",
        ),
    )
}


def _pass_problem(file: str, record: str, check_id: str, message: str, fix: str | None = None) -> Problem:
    """Build a Problem of this module's catalogue (severity and default fix from :data:`CHECKS`)."""
    check = CHECKS[check_id]
    return Problem(file, record, check_id, check.severity, message, fix or check.fix)


class PassError(ValueError):
    """A pass that cannot be resolved; ``problems`` lists every problem found, in record order."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        """Keep the problems; the message is one line per problem."""
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class QuoteError(ValueError):
    """A quote that does not resolve to exactly one span.

    Attributes:
        check_id: ``quote-absent``, ``quote-ambiguous``, ``occurrence-out-of-range``,
            ``context-absent``, ``context-ambiguous``, ``context-mismatch``, ``quote-splits-word``,
            ``quote-untrimmed``, ``quote-empty`` or ``quote-qualifiers``.
        fix: How to fix it.

    """

    def __init__(self, check_id: str, message: str, fix: str) -> None:
        """Keep the check id and the fix beside the message."""
        super().__init__(message)
        self.check_id = check_id
        self.fix = fix


@dataclass(frozen=True)
class Outcome:
    """What happened to one pass file.

    Attributes:
        pass_file: The pass file.
        article_id: Its article (empty when the file could not be read).
        annotator: Its annotator (empty when the file could not be read).
        status: ``written``, ``draft`` (written, but the article is not in the manifest: see
            ``new_texts`` of :func:`annotate`), ``submitted`` or ``refused``.
        counts: Entities, events, stances and relations in the resolved pass (zeros when refused
            before resolution).
        destination: The standoff path written or ``label-studio annotation <id>``; empty when refused.
        problems: Resolution problems, or the validator's errors and warnings.

    """

    pass_file: Path
    article_id: str
    annotator: str
    status: str
    counts: tuple[int, int, int, int] = (0, 0, 0, 0)
    destination: str = ""
    problems: tuple[Problem, ...] = field(default_factory=tuple)


# --------------------------------------------------------------------------------------------
# Quote resolution
# --------------------------------------------------------------------------------------------


def find_all(text: str, needle: str) -> list[int]:
    """Return the start of every occurrence of ``needle`` in ``text``, overlapping ones included.

    This is the raw substring search; quotes and contexts count only the matches that
    :func:`on_word_boundaries` accepts (see :func:`word_matches`).

    Args:
        text: The article text.
        needle: A non-empty string.

    Returns:
        Start offsets (code points), ascending.

    """
    starts: list[int] = []
    i = text.find(needle)
    while i != -1:
        starts.append(i)
        i = text.find(needle, i + 1)
    return starts


@functools.lru_cache(maxsize=8)
def _keeps_apostrophes(text: str) -> bool:
    """Tell whether ``text`` has an apostrophe between two letters anywhere ("Assad’s", "haven't")."""
    return _JOINED_APOSTROPHE.search(text) is not None


def _possessive_s(text: str, end: int) -> bool:
    """Tell whether ``text[end]`` is the ``s`` of a possessive whose apostrophe the text lost.

    True when the character before ``end`` is a letter, the word it ends is a name (it begins with
    a capital), ``text[end]`` is a lowercase ``s`` that ends its word, and the text has no
    apostrophe between letters anywhere (FA-KES strips them: "The New Arabs correspondent" for
    "The New Arab's correspondent"). A lowercase word is left out because there the ``s`` is far
    more often a plural: "strike" must not match inside "strikes", which would also shift every
    ``occurrence`` count after it.
    """
    if not (
        end < len(text)
        and text[end] == "s"
        and (end + 1 == len(text) or not text[end + 1].isalnum())
        and text[end - 1].isalpha()
    ):
        return False
    word_start = end - 1
    while word_start > 0 and text[word_start - 1].isalnum():
        word_start -= 1
    return text[word_start].isupper() and not _keeps_apostrophes(text)


def on_word_boundaries(text: str, start: int, end: int) -> bool:
    """Tell whether ``text[start:end]`` starts and ends on word boundaries of ``text``.

    A boundary is cut when there is a letter or digit on both sides of it: "met" inside
    "something" and "Iran" inside "Iranian" are cut; "Aleppo" in "(Aleppo)." and "Zenda" in
    "Zenda’s" are not (the apostrophe is not a letter). This is what stops a quote from landing
    inside a longer word, and a quote that would do so is refused as ``quote-splits-word``.

    One exception, for texts whose apostrophes were stripped upstream (every FA-KES text): when
    the text has no apostrophe between two letters anywhere, a span may end right before a
    word-final lowercase ``s`` after a name (a word that begins with a capital), because there that
    ``s`` is the possessive ("The New Arab" in "The New Arabs correspondent", "Assad" in "Assads
    forces"); after a lowercase word it is a plural ("strike" in "strikes" stays cut). In a text that
    keeps its apostrophes, "Kurd" inside "Kurds" stays a cut word: the possessive would be written
    "Kurd’s" there.

    Args:
        text: The article text.
        start: Span start (code points).
        end: Span end (exclusive).

    Returns:
        True when neither end of the span cuts a word.

    """
    cut_left = 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum()
    cut_right = 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum()
    return not cut_left and not (cut_right and not _possessive_s(text, end))


def word_matches(text: str, quote: str) -> list[int]:
    """Return the start of every match of ``quote`` in ``text`` that lies on word boundaries.

    These are the matches a quote or a context can denote; ``occurrence: N`` counts them.

    Args:
        text: The article text.
        quote: A non-empty string.

    Returns:
        Start offsets (code points), ascending.

    """
    return [s for s in find_all(text, quote) if on_word_boundaries(text, s, s + len(quote))]


def _show(text: str, start: int, end: int) -> str:
    """Return the span in brackets with up to ``_SHOW`` characters either side, line breaks escaped."""
    left = text[max(0, start - _SHOW) : start]
    right = text[end : end + _SHOW]
    snippet = f"{'…' if start > _SHOW else ''}{left}[{text[start:end]}]{right}{'…' if end + _SHOW < len(text) else ''}"
    return snippet.replace("\r", "\\r").replace("\n", "\\n")


def unique_context(text: str, start: int, end: int) -> str | None:
    """Return the shortest word-extended context around a span that makes it unique.

    The context grows a whole whitespace-delimited word at a time on alternating sides until it
    occurs exactly once in ``text`` on word boundaries and contains ``text[start:end]`` exactly
    once. This is what an ambiguity message offers as a ready-made ``context``; it never starts
    or ends inside a word (for a span on word boundaries).

    Args:
        text: The article text.
        start: Span start (code points).
        end: Span end (exclusive).

    Returns:
        The context string, or None when no context of up to 25 words on the span's own line
        is unique (e.g. a repeated paragraph).

    """
    quote = text[start:end]
    left, right = start, end
    for step in range(25):
        window = text[left:right]
        if len(find_all(window, quote)) == 1 and len(word_matches(text, window)) == 1:
            return window
        grow_right = _next_word_end(text, right)
        grow_left = _prev_word_start(text, left)
        right_ok = right < len(text) and not _has_break(text[right:grow_right])
        left_ok = left > 0 and not _has_break(text[grow_left:left])
        if right_ok and (step % 2 == 0 or not left_ok):
            right = grow_right
        elif left_ok:
            left = grow_left
        else:
            return None
    return None


def _has_break(s: str) -> bool:
    """Tell whether ``s`` contains a line break (contexts stay on one line)."""
    return "\n" in s or "\r" in s


def _next_word_end(text: str, i: int) -> int:
    """Return the end of the next word (with the whitespace before it) after offset ``i``."""
    j = i
    while j < len(text) and text[j].isspace() and text[j] not in "\r\n":
        j += 1
    while j < len(text) and not text[j].isspace():
        j += 1
    return max(j, i + 1)


def _prev_word_start(text: str, i: int) -> int:
    """Return the start of the previous word (with the whitespace after it) before offset ``i``."""
    j = i
    while j > 0 and text[j - 1].isspace() and text[j - 1] not in "\r\n":
        j -= 1
    while j > 0 and not text[j - 1].isspace():
        j -= 1
    return min(j, i - 1)


def _candidates(text: str, starts: Sequence[int], length: int) -> str:
    """List candidate spans: number, offsets, surrounding text and a context that would make it unique."""
    lines = []
    for n, s in enumerate(starts[:_MAX_CANDIDATES], start=1):
        ctx = unique_context(text, s, s + length)
        hint = f"; context: {json.dumps(ctx, ensure_ascii=False)}" if ctx else ""
        lines.append(f"  #{n} at {s}-{s + length}: {_show(text, s, s + length)}{hint}")
    if len(starts) > _MAX_CANDIDATES:
        lines.append(f"  ... and {len(starts) - _MAX_CANDIDATES} more")
    return "\n" + "\n".join(lines)


def _fold(text: str) -> tuple[str, list[int]]:
    """Fold a string for near-miss search; return the folded string and an index map.

    Case is folded (and NFKC applied); dashes and whitespace runs become one space; every other
    punctuation mark or symbol is dropped: apostrophes ("haven't" = "havent"), straight and curly
    quotation marks, full stops ("U.S." = "US"). ``index[i]`` is the offset in ``text`` of folded
    character ``i`` (``index[len]`` = ``len(text)``).
    """
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch).casefold():
            category = unicodedata.category(c)
            if c.isspace() or category == "Pd":
                if not out or out[-1] == " ":
                    continue
                c = " "
            elif category[0] in "PS":
                continue
            out.append(c)
            index.append(i)
    index.append(len(text))
    return "".join(out), index


def _folded_words(folded: str) -> list[tuple[int, int]]:
    """Return the (start, end) of every space-separated word of a folded string."""
    words, start = [], None
    for i, c in enumerate(folded):
        if c == " ":
            if start is not None:
                words.append((start, i))
            start = None
        elif start is None:
            start = i
    if start is not None:
        words.append((start, len(folded)))
    return words


@functools.lru_cache(maxsize=8)
def _folded_text(text: str) -> tuple[str, list[int], list[tuple[int, int]]]:
    """Return :func:`_fold` of an article text and its folded words, once per text (every absent quote needs them)."""
    folded, index = _fold(text)
    return folded, index, _folded_words(folded)


def _near_misses(text: str, quote: str) -> tuple[str, list[tuple[int, int]]]:
    """Return the spans of ``text`` closest to an absent ``quote``, and how close they are.

    First the spans equal to the quote once case, punctuation, apostrophes, quotation marks,
    dashes and spacing are folded away (``"same"``); when there is none, the whole-word spans of
    about the quote's length most similar to it (``"close"``: difflib ratio >= 0.75 on the folded
    forms, best first). Every span starts and ends on a word boundary of ``text``.
    """
    folded_text, index, words = _folded_text(text)
    folded_quote = _fold(quote)[0].strip()
    if not folded_quote:
        return "same", []
    same = []
    for s in find_all(folded_text, folded_quote):
        e = s + len(folded_quote)
        if on_word_boundaries(folded_text, s, e):
            span = (index[s], index[e - 1] + 1)
            if on_word_boundaries(text, *span) and span not in same:
                same.append(span)
    if same:
        return "same", same
    n = len(_folded_words(folded_quote))
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(folded_quote)
    q = len(folded_quote)
    scored: list[tuple[float, int, int]] = []
    for size in range(max(1, n - 1), n + 2):
        for k in range(len(words) - size + 1):
            fs, fe = words[k][0], words[k + size - 1][1]
            if 2 * min(q, fe - fs) < _CLOSE * (q + fe - fs):
                continue  # the ratio's upper bound from the lengths alone (difflib's real_quick_ratio)
            matcher.set_seq1(folded_text[fs:fe])
            # The character-count bound skips most of the rest before the full (quadratic) ratio.
            if matcher.quick_ratio() >= _CLOSE:
                ratio = matcher.ratio()
                if ratio >= _CLOSE:
                    scored.append((ratio, index[fs], index[fe - 1] + 1))
    close: list[tuple[int, int]] = []
    for _, s, e in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        if all(e <= s2 or s >= e2 for s2, e2 in close):
            close.append((s, e))
        if len(close) == _MAX_NEAR:
            break
    return "close", close


def _absent(text: str, what: str, shown: str) -> str:
    """Return the message for an absent quote or context, with its near misses listed."""
    kind, misses = _near_misses(text, what)
    if not misses:
        return f"{shown} does not occur in the text"
    listing = "\n".join(
        f"  at {s}-{e}: {json.dumps(text[s:e], ensure_ascii=False)}  {_show(text, s, e)}"
        for s, e in misses[:_MAX_CANDIDATES]
    )
    if kind == "same":
        return (
            f"{shown} does not occur in the text; it differs only in case, punctuation (apostrophes, "
            f"quotation marks, dashes) or spacing from:\n{listing}"
        )
    return f"{shown} does not occur in the text; the closest spans are:\n{listing}"


def _inside_words(text: str, quote: str, starts: Sequence[int]) -> str:
    """List where ``quote`` occurs only inside longer words, naming each word."""
    lines = []
    for s in starts[:_MAX_CANDIDATES]:
        e = s + len(quote)
        ws, we = s, e
        while ws > 0 and text[ws - 1].isalnum():
            ws -= 1
        while we < len(text) and text[we].isalnum():
            we += 1
        lines.append(f"  at {s}-{e} inside {json.dumps(text[ws:we], ensure_ascii=False)}: {_show(text, s, e)}")
    if len(starts) > _MAX_CANDIDATES:
        lines.append(f"  ... and {len(starts) - _MAX_CANDIDATES} more")
    return "\n" + "\n".join(lines)


def resolve_quote(text: str, quote: str, *, occurrence: int | None = None, context: str | None = None) -> Span:
    """Resolve a quote to the one span it denotes.

    Only matches on word boundaries count (:func:`on_word_boundaries`): "met" never matches inside
    "something", and ``occurrence`` numbers whole-word matches only.

    Args:
        text: The article text (offsets are Python code points into it).
        quote: The exact text of the span.
        occurrence: 1-based number among the matches of ``quote`` on word boundaries of ``text``
            (overlapping matches included), in text order.
        context: A longer string that contains ``quote`` exactly once and itself occurs exactly
            once in ``text`` on word boundaries. At most one of ``occurrence`` and ``context`` may
            be given; with neither, ``quote`` must occur exactly once.

    Returns:
        The :class:`~conflictnews.standoff.Span` (``text[start:end] == quote``).

    Raises:
        QuoteError: When the quote is empty or untrimmed, absent (the closest spans are offered:
            first those that differ only in case, punctuation, apostrophes or spacing, else the
            most similar whole-word spans), occurs only inside longer words, is ambiguous (every
            candidate is listed with offsets, surrounding text and a context that would make it
            unique), out of range, or when the context is absent, repeated or does not contain the
            quote once.

    """
    if occurrence is not None and context is not None:
        raise QuoteError("quote-qualifiers", "both occurrence and context are given", "keep one of them")
    if not quote:
        raise QuoteError("quote-empty", "the quote is empty", "quote the exact text of the span")
    if quote != quote.strip():
        raise QuoteError(
            "quote-untrimmed",
            f"quote {json.dumps(quote, ensure_ascii=False)} starts or ends with whitespace",
            "quote the span without surrounding spaces or line breaks",
        )
    if context is not None:
        return _resolve_in_context(text, quote, context)
    shown = json.dumps(quote, ensure_ascii=False)
    starts = _whole_word_starts(
        text,
        quote,
        f"quote {shown}",
        ("quote-splits-word", "quote whole words (e.g. 'Iranian', not 'Iran' inside it)"),
        ("quote-absent", "copy the span character for character from the text, or drop the record"),
    )
    if occurrence is None:
        if len(starts) > 1:
            raise QuoteError(
                "quote-ambiguous",
                f"quote {shown} occurs {len(starts)} times:{_candidates(text, starts, len(quote))}",
                "add occurrence: N (1-based, in text order) or one of the contexts listed",
            )
        start = starts[0]
    else:
        if isinstance(occurrence, bool) or not isinstance(occurrence, int) or occurrence < 1:
            raise QuoteError(
                "occurrence-out-of-range",
                f"occurrence must be a whole number >= 1, got {occurrence!r}",
                "count matches from 1 in text order",
            )
        if occurrence > len(starts):
            raise QuoteError(
                "occurrence-out-of-range",
                f"occurrence {occurrence} asked but quote {shown} "
                f"occurs {len(starts)} time(s):{_candidates(text, starts, len(quote))}",
                "pick one of the occurrences listed",
            )
        start = starts[occurrence - 1]
    return Span(start, start + len(quote), quote)


def _whole_word_starts(
    text: str, needle: str, shown: str, inside_words: tuple[str, str], absent: tuple[str, str]
) -> list[int]:
    """Return the starts of ``needle``'s whole-word matches in ``text``, or refuse.

    Args:
        text: The article text.
        needle: A quote or a context.
        shown: How the messages name it (``quote "..."``, ``context "..."``).
        inside_words: (check id, fix) when it occurs only inside longer words.
        absent: (check id, fix) when it does not occur at all (the message lists near misses).

    Raises:
        QuoteError: When there is no whole-word match.

    """
    raw = find_all(text, needle)
    starts = [s for s in raw if on_word_boundaries(text, s, s + len(needle))]
    if not starts and raw:
        raise QuoteError(
            inside_words[0],
            f"{shown} occurs only inside longer words:{_inside_words(text, needle, raw)}",
            inside_words[1],
        )
    if not starts:
        raise QuoteError(absent[0], _absent(text, needle, shown), absent[1])
    return starts


def _resolve_in_context(text: str, quote: str, context: str) -> Span:
    """Return the span of ``quote`` inside the one occurrence of ``context`` (see :func:`resolve_quote`)."""
    shown_ctx = json.dumps(context, ensure_ascii=False)
    shown = json.dumps(quote, ensure_ascii=False)
    inner = find_all(context, quote)
    if not inner:
        raise QuoteError(
            "context-mismatch",
            f"context {shown_ctx} does not contain quote {shown}; expected exactly once",
            "make the context a longer stretch of text around the quote",
        )
    hits = _whole_word_starts(
        text,
        context,
        f"context {shown_ctx}",
        ("context-absent", "start and end the context on whole words"),
        ("context-absent", "copy the context character for character from the text"),
    )
    if len(hits) > 1:
        raise QuoteError(
            "context-ambiguous",
            f"context {shown_ctx} occurs {len(hits)} times:{_candidates(text, hits, len(context))}",
            "lengthen the context or use occurrence: N",
        )
    whole = [hits[0] + i for i in inner if on_word_boundaries(text, hits[0] + i, hits[0] + i + len(quote))]
    if not whole:
        raise QuoteError(
            "quote-splits-word",
            f"quote {shown} in context {shown_ctx} occurs only inside longer words:"
            f"{_inside_words(text, quote, [hits[0] + i for i in inner])}",
            "quote whole words (e.g. 'Iranian', not 'Iran' inside it)",
        )
    if len(whole) > 1:
        raise QuoteError(
            "context-mismatch",
            f"context {shown_ctx} contains quote {shown} {len(whole)} times as whole words; expected exactly once",
            "make the context a longer stretch of text around the quote",
        )
    return Span(whole[0], whole[0] + len(quote), quote)


# --------------------------------------------------------------------------------------------
# Pass resolution
# --------------------------------------------------------------------------------------------


class _Collector:
    """Accumulates the problems of one pass, naming each by record and field (``entity T2 (quote)``)."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def add(self, record: str, fld: str, check_id: str, message: str, fix: str | None = None) -> None:
        where = f"{record} ({fld})" if fld else record
        self.problems.append(_pass_problem(self.file, where, check_id, message, fix))


def _did_you_mean(name: str, allowed: Iterable[str]) -> str:
    """Return '; did you mean X?' for the closest allowed name, or ''."""
    close = difflib.get_close_matches(name, list(allowed), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _quote(
    raw: Any, record: Mapping[str, Any], key: str, text: str, where: str, out: _Collector, *, main: bool
) -> Span | None:
    """Resolve the quote in ``record[key]``, reporting problems instead of raising.

    The value is a string (qualified by the record's ``occurrence``/``context`` when ``main``) or
    a mapping ``{quote, occurrence | context}``.
    """
    if isinstance(raw, Mapping):
        extra = sorted(set(raw) - set(QUOTE_FIELDS))
        if extra:
            out.add(
                where,
                key,
                "field-unknown",
                f"unknown key(s) {extra} in the quote; allowed: {', '.join(QUOTE_FIELDS)}",
                "write {quote: ..., occurrence: N} or {quote: ..., context: ...}",
            )
            return None
        quote, occurrence, context = raw.get("quote"), raw.get("occurrence"), raw.get("context")
        if main and ("occurrence" in record or "context" in record):
            out.add(
                where,
                key,
                "quote-qualifiers",
                "occurrence/context given both inside the quote and on the record",
                "keep one",
            )
            return None
    else:
        quote = raw
        occurrence = record.get("occurrence") if main else None
        context = record.get("context") if main else None
    if not isinstance(quote, str):
        out.add(
            where,
            key,
            "field-type",
            f"a quote must be a string, got {type(quote).__name__} {quote!r}",
            "put the exact text in quotation marks",
        )
        return None
    if context is not None and not isinstance(context, str):
        out.add(where, key, "field-type", f"context must be a string, got {context!r}", "quote the context")
        return None
    try:
        return resolve_quote(text, quote, occurrence=occurrence, context=context)
    except QuoteError as exc:
        out.add(where, key, exc.check_id, str(exc), exc.fix)
        return None


def _records(data: Mapping[str, Any], key: str, out: _Collector) -> list[Mapping[str, Any]]:
    """Return the list under ``key`` (empty when absent), reporting a non-list or non-mapping items."""
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        out.add(
            "pass",
            key,
            "field-type",
            f"{key} must be a list of records, got {type(value).__name__}",
            f"write {key}: followed by '- {{...}}' items",
        )
        return []
    good = []
    for n, item in enumerate(value, start=1):
        if isinstance(item, Mapping):
            good.append(item)
        else:
            out.add(
                f"{key[:-1]} #{n}",
                "",
                "field-type",
                f"a record must be a mapping, got {item!r}",
                "write each record as {key: value, ...}",
            )
    return good


def _check_keys(
    record: Mapping[str, Any],
    where: str,
    fields: Sequence[str],
    attributes: Sequence[str],
    required: Sequence[str],
    out: _Collector,
) -> dict[str, Any]:
    """Report missing required fields and unknown keys; return the attribute values (text ones as str)."""
    for name in required:
        if record.get(name) in (None, ""):
            out.add(where, name, "field-missing", f"required field {name!r} is missing", f"add {name}: ...")
    attrs: dict[str, Any] = {}
    for key, value in record.items():
        if key in fields:
            continue
        if key in attributes:
            attrs[key] = value
            continue
        out.add(
            where,
            str(key),
            "field-unknown",
            f"unknown field {key!r}{_did_you_mean(str(key), [*fields, *attributes])}",
            f"use one of: {', '.join([*fields, *attributes])}",
        )
    return attrs


def _normalise_attributes(attrs: dict[str, Any], declared: Sequence[schema.Attribute]) -> dict[str, Any]:
    """Turn YAML scalars into the stored types: text attributes become strings (``count: 2`` -> "2")."""
    kinds = {a.name: a.kind for a in declared}
    result = {}
    for key, value in attrs.items():
        if kinds.get(key) == "text" and isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        result[key] = value
    return result


def _record_id(record: Mapping[str, Any], kind: str, n: int) -> tuple[str, str]:
    """Return (id, display name) for a record: ``entity T2``, or ``entity #3`` when it has no id."""
    rid = record.get("id")
    if isinstance(rid, (str, int)) and not isinstance(rid, bool) and str(rid):
        return str(rid), f"{kind} {rid}"
    return "", f"{kind} #{n}"


def _a(noun: str) -> str:
    """Return the noun with its indefinite article (``an entity``, ``a stance``)."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def _refs(value: Any) -> list[Any]:
    """Return a role or slot value as a list of references (a single id or a list of ids)."""
    return list(value) if isinstance(value, list) else [value]


@dataclass(frozen=True)
class Resolution:
    """What resolving a pass gave, problems or not (see :func:`resolve_partially`).

    Attributes:
        annotation: The records that resolved, as a standoff pass (complete when ``problems`` is empty).
        problems: Every structure and quote problem, in record order.
        left_out: Ids of records left out for their own problem (an unresolved quote, a missing
            label): a reference to one of them is not reported a second time as dangling.

    """

    annotation: AnnotationSet
    problems: tuple[Problem, ...]
    left_out: frozenset[str]


def resolve_pass(pass_data: Mapping[str, Any], text: str, *, file: str = "<pass>") -> AnnotationSet:
    r"""Resolve a quote-based pass against its article text.

    Structure and quotes are checked here; schema rules (labels, roles allowed per event type,
    filler types, attribute values) are the validator's job, see :func:`check_pass`.

    Args:
        pass_data: The parsed pass file (see the module docstring and ``annotations/GUIDELINES.md``).
        text: The exact article text the quotes come from (not re-normalised: offsets are Python
            code points, ``\\r\\n`` counts as two, astral characters as one).
        file: The name problems are reported under (the pass file).

    Returns:
        The :class:`~conflictnews.standoff.AnnotationSet`, with ``schema_version`` from
        :data:`conflictnews.schema.SCHEMA_VERSION` unless the pass names one, ``origin`` ``manual``
        unless given, and ``polarity`` set to its declared default ``POSITIVE`` on events that omit it.

    Raises:
        PassError: Listing every problem in the pass (absent, ambiguous or word-cutting quotes with
            their candidates, missing or unknown fields, duplicate ids, references to ids that are
            not in the pass, a REPORTED or ALLEGED event without a source, a ``text_sha256`` that
            does not match ``text``), each naming its record.

    """
    resolution = resolve_partially(pass_data, text, file=file)
    if resolution.problems:
        raise PassError(resolution.problems)
    return resolution.annotation


def resolve_partially(pass_data: Mapping[str, Any], text: str, *, file: str = "<pass>") -> Resolution:
    """Resolve what can be resolved of a pass and list every problem of the rest.

    This is :func:`resolve_pass` without the refusal: records whose quotes resolve are kept, so
    :func:`check_pass` can validate them in the same run and report schema problems beside the
    quote problems.

    Args:
        pass_data: The parsed pass file.
        text: The exact article text the quotes come from.
        file: The name problems are reported under (the pass file).

    Returns:
        The :class:`Resolution`.

    Raises:
        PassError: Only when ``pass_data`` is not a mapping (nothing can be resolved).

    """
    out = _Collector(file)
    if not isinstance(pass_data, Mapping):
        raise PassError(
            [
                _pass_problem(
                    file,
                    "pass",
                    "field-type",
                    f"a pass must be a mapping, got {type(pass_data).__name__}",
                    "start the file with article_id: ...",
                )
            ]
        )
    for key in pass_data:
        if key not in PASS_FIELDS:
            out.add(
                "pass",
                str(key),
                "field-unknown",
                f"unknown top-level field {key!r}{_did_you_mean(str(key), PASS_FIELDS)}",
                f"use one of: {', '.join(PASS_FIELDS)}",
            )
    for name in ("article_id", "annotator"):
        if not isinstance(pass_data.get(name), str) or not pass_data.get(name):
            out.add(
                "pass", name, "field-missing", f"required field {name!r} is missing or not a string", f"add {name}: ..."
            )
    digest = sha256_text(text)
    given = pass_data.get("text_sha256")
    if given is not None and given != digest:
        out.add(
            "pass",
            "text_sha256",
            "text-mismatch",
            f"the pass was written for text {given}, but this text has sha256 {digest}",
            "re-resolve the quotes against the current text or fetch the right version",
        )
    document = pass_data.get("document") or {}
    if not isinstance(document, Mapping):
        out.add("pass", "document", "field-type", "document must be a mapping", "write document: {relevance: ...}")
        document = {}

    entity_records = _records(pass_data, "entities", out)
    event_records = _records(pass_data, "events", out)
    stance_records = _records(pass_data, "stances", out)
    relation_records = _records(pass_data, "relations", out)

    # Ids first, over all layers, so references can be checked whatever the record order.
    kinds: dict[str, str] = {}
    for kind, records in (("entity", entity_records), ("event", event_records), ("stance", stance_records)):
        for n, record in enumerate(records, start=1):
            rid, where = _record_id(record, kind, n)
            if not rid:
                out.add(where, "id", "field-missing", "record has no id", "add id: T1 / V1 / S1 (unique in the pass)")
            elif rid in kinds:
                out.add(where, "id", "id-duplicate", f"id {rid!r} is already used by {_a(kinds[rid])}")
            else:
                kinds[rid] = kind

    def check_ref(where: str, fld: str, ref: Any, allowed: tuple[str, ...]) -> str | None:
        if not isinstance(ref, (str, int)) or isinstance(ref, bool) or str(ref) == "":
            out.add(where, fld, "field-type", f"expected an id, got {ref!r}", "write the id of a record in this pass")
            return None
        ref = str(ref)
        if ref not in kinds:
            out.add(
                where,
                fld,
                "ref-unknown",
                f"no record with id {ref!r} in this pass{_did_you_mean(ref, kinds)}",
                "refer to the id of an entity, event or stance defined in the pass",
            )
            return None
        if kinds[ref] not in allowed:
            out.add(where, fld, "ref-kind", f"{ref!r} is {_a(kinds[ref])}; expected {_a(' or '.join(allowed))}")
            return None
        return ref

    relations: list[Relation] = []
    # A record whose id repeats is reported (id-duplicate) and never stored: the first one keeps the id.
    stored: set[str] = set()

    def keep(rid: str, ok: bool) -> bool:
        if not rid or rid in stored:
            return False
        if ok:
            stored.add(rid)
        return ok

    entities: list[Entity] = []
    for n, record in enumerate(entity_records, start=1):
        rid, where = _record_id(record, "entity", n)
        attrs = _check_keys(record, where, ENTITY_FIELDS, schema.MENTION_ATTRIBUTE_NAMES, ("id", "quote", "label"), out)
        span = _quote(record.get("quote"), record, "quote", text, where, out, main=True) if "quote" in record else None
        if span is not None and keep(rid, isinstance(record.get("label"), str)):
            entities.append(Entity(rid, span, record["label"], _normalise_attributes(attrs, schema.MENTION_ATTRIBUTES)))

    events: list[Event] = []
    for n, record in enumerate(event_records, start=1):
        rid, where = _record_id(record, "event", n)
        attrs = _check_keys(record, where, EVENT_FIELDS, schema.EVENT_ATTRIBUTE_NAMES, ("id", "trigger", "type"), out)
        span = None
        if "trigger" in record:
            span = _quote(record["trigger"], record, "trigger", text, where, out, main=True)
        arguments: list[Argument] = []
        args = record.get("args") or {}
        if not isinstance(args, Mapping):
            out.add(
                where,
                "args",
                "field-type",
                "args must map role names to an id or a list of ids",
                "write args: {Agent: T1, Target: [T2, T3]}",
            )
            args = {}
        for role_name, value in args.items():
            for ref in _refs(value):
                ok = check_ref(where, f"args.{role_name}", ref, ("entity", "event"))
                if ok is not None:
                    arguments.append(Argument(str(role_name), ok))
        if "source" in record:
            for ref in _refs(record["source"]):
                ok = check_ref(where, "source", ref, ("entity",))
                if ok is not None and rid:
                    relations.append(Relation(ATTRIBUTED_TO, rid, ok))
        attrs = _normalise_attributes(attrs, schema.EVENT_ATTRIBUTES)
        polarity = next((a for a in schema.EVENT_ATTRIBUTES if a.name == "polarity"), None)
        if polarity is not None and polarity.default is not None:
            attrs.setdefault("polarity", polarity.default)
        if span is not None and keep(rid, isinstance(record.get("type"), str)):
            events.append(Event(rid, span, record["type"], tuple(arguments), attrs))

    stances: list[Stance] = []
    for n, record in enumerate(stance_records, start=1):
        rid, where = _record_id(record, "stance", n)
        _check_keys(record, where, STANCE_FIELDS, (), ("id", "holder", "target", "label", "basis", "evidence"), out)
        holder = check_ref(where, "holder", record["holder"], ("entity",)) if "holder" in record else None
        target = check_ref(where, "target", record["target"], ("entity", "event")) if "target" in record else None
        evidence = (
            _quote(record.get("evidence"), record, "evidence", text, where, out, main=True)
            if "evidence" in record
            else None
        )
        has_cue = record.get("cue") is not None
        cue = _quote(record["cue"], record, "cue", text, where, out, main=False) if has_cue else None
        if "source" in record:
            for ref in _refs(record["source"]):
                ok = check_ref(where, "source", ref, ("entity",))
                if ok is not None and rid:
                    relations.append(Relation(ATTRIBUTED_TO, rid, ok))
        label, basis = record.get("label"), record.get("basis")
        complete = bool(holder and target) and (cue is not None or not has_cue)
        if evidence is not None and keep(rid, complete and isinstance(label, str) and isinstance(basis, str)):
            stances.append(Stance(rid, str(holder), str(target), str(label), evidence, str(basis), cue))

    for n, record in enumerate(relation_records, start=1):
        where = f"relation #{n}"
        _check_keys(record, where, RELATION_FIELDS, (), RELATION_FIELDS, out)
        source = check_ref(where, "from", record["from"], ("entity", "event", "stance")) if "from" in record else None
        target = check_ref(where, "to", record["to"], ("entity", "event", "stance")) if "to" in record else None
        if source and target and isinstance(record.get("type"), str):
            relations.append(Relation(record["type"], source, target))

    _check_sources(event_records, relation_records, out)
    unique_relations = tuple(dict.fromkeys(relations))  # a `source:` shorthand may repeat a listed relation
    lead = pass_data.get("lead_time")
    annotation = AnnotationSet(
        article_id=str(pass_data["article_id"]),
        text_sha256=digest,
        schema_version=str(pass_data.get("schema_version") or schema.SCHEMA_VERSION),
        guidelines_version=str(pass_data.get("guidelines_version") or schema.GUIDELINES_VERSION),
        annotator=str(pass_data["annotator"]),
        origin=str(pass_data.get("origin") or "manual"),
        lead_time=float(lead) if isinstance(lead, (int, float)) and not isinstance(lead, bool) else None,
        provenance={"tool": "conflictnews-annotate"},
        document=dict(document),
        entities=tuple(entities),
        events=tuple(events),
        stances=tuple(stances),
        relations=unique_relations,
    )
    return Resolution(annotation, tuple(out.problems), frozenset(kinds) - stored)


def _check_sources(
    event_records: Sequence[Mapping[str, Any]], relation_records: Sequence[Mapping[str, Any]], out: _Collector
) -> None:
    """Report ALLEGED events whose record does not say whether the text names a source (``source-missing``).

    A source is named by ``source:`` on the event or by an ``ATTRIBUTED_TO`` relation from it;
    ``source: []`` says the text names none (a hedge such as "reportedly", guidelines §4.6). A
    standoff file cannot tell "no source in the text" from "forgotten", so the pass must say it.
    REPORTED events are the validator's ``reported-without-source`` check (they always have a source
    in the text). Stances carry no ``attribution`` (their ``basis`` says how the stance is
    expressed), so they are not checked.
    """
    attributed = {
        str(r.get("from")) for r in relation_records if r.get("type") == ATTRIBUTED_TO and r.get("from") is not None
    }
    for n, record in enumerate(event_records, start=1):
        attribution = record.get("attribution")
        if attribution not in _NEEDS_SOURCE:
            continue
        rid, where = _record_id(record, "event", n)
        if (rid and rid in attributed) or "source" in record:
            continue
        out.add(
            where,
            "source",
            "source-missing",
            f"attribution is {attribution} but the event does not say its source (no source: and no "
            "ATTRIBUTED_TO relation from it)",
        )


# --------------------------------------------------------------------------------------------
# Files, validation, output
# --------------------------------------------------------------------------------------------


def load_pass(path: Path) -> dict[str, Any]:
    """Read a pass file: YAML (``.yaml``/``.yml``) or JSON (``.json``).

    Args:
        path: The pass file.

    Returns:
        The parsed mapping.

    Raises:
        PassError: When the file cannot be read or parsed, or is not a mapping (the parser's line
            and column are in the message).

    """
    try:
        raw = path.read_text(encoding="utf-8")
        data = json.loads(raw) if path.suffix.lower() == ".json" else yaml.safe_load(raw)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, json.JSONDecodeError) as exc:
        raise PassError([_pass_problem(str(path), "file", "pass-unreadable", f"cannot read the pass: {exc}")]) from exc
    if not isinstance(data, dict):
        raise PassError(
            [
                _pass_problem(
                    str(path),
                    "file",
                    "pass-unreadable",
                    f"the file holds {type(data).__name__}; expected a mapping",
                    "start the file with article_id: ...",
                )
            ]
        )
    return data


def check_pass(
    pass_data: Mapping[str, Any], text: str, *, file: str = "<pass>", manifest: Mapping[str, Any] | None = None
) -> tuple[AnnotationSet | None, list[Problem]]:
    """Resolve a pass and validate the result against the schema, reporting both in one list.

    What resolves is validated even when some quotes do not, so a pass shows its quote problems
    and its schema problems (a role the event type does not allow, a missing attribute) in the
    same run. A reference to a record whose own quote failed is not reported again as dangling.

    Args:
        pass_data: The parsed pass.
        text: The article text.
        file: The name problems are reported under (the pass file).
        manifest: Article id -> manifest entry, passed on to the validator (None: the validator
            warns ``manifest-unavailable``).

    Returns:
        ``(annotation, problems)``: the resolved pass (None when resolution failed) and every
        problem: the resolution problems first, then the validator's errors and warnings. The pass
        may be stored only when no problem has severity ``error``.

    """
    try:
        resolution = resolve_partially(pass_data, text, file=file)
    except PassError as exc:
        return None, list(exc.problems)
    found = validate_data(
        resolution.annotation.to_json(), file=file, text=text, manifest=manifest, left_out=resolution.left_out
    )
    # A missing article_id or annotator is reported by the resolver (field-missing); the validator
    # would report the placeholder it was given a second time.
    missing = {p.record for p in resolution.problems if p.check_id == "field-missing"}
    echoes = {"pass (annotator)": "annotator-missing", "pass (article_id)": "article-not-in-manifest"}
    skip = {check_id for record, check_id in echoes.items() if record in missing}
    problems = [*resolution.problems, *(p for p in found if p.check_id not in skip)]
    return (None if resolution.problems else resolution.annotation), problems


def stored_passes(out: Path, article_id: str, annotator: str) -> list[Path]:
    """Return the stored passes of ``annotator`` on ``article_id`` under an annotations folder.

    Both tiers are looked at: a pass whose origin changed (``model`` to ``manual``) would
    otherwise leave a second file for the same article and annotator.

    Args:
        out: The annotations folder (``--out``).
        article_id: The article.
        annotator: The annotator id, as in the pass.

    Returns:
        The existing files, gold first.

    """
    paths = []
    for origin in (schema.GOLD_ORIGINS[0], schema.SILVER_ORIGINS[0]):
        probe = AnnotationSet(article_id, "", "", "", annotator, origin)  # relative_path needs tier and names only
        paths.append(out / standoff.relative_path(probe))
    return [p for p in paths if p.is_file()]


def annotate(
    passes: Sequence[Path],
    texts: Mapping[str, str],
    *,
    out: Path | None = None,
    submit: Callable[[AnnotationSet], str] | None = None,
    manifest: Mapping[str, Any] | None = None,
    replace: bool = False,
    new_texts: bool = False,
) -> list[Outcome]:
    """Resolve, validate and store quote-based passes (the library form of ``conflictnews annotate``).

    Each pass is checked on its own: a refused pass does not stop the others, and nothing of a
    refused pass is written or submitted. A stored pass of the same article and annotator is
    never overwritten unless ``replace`` is given (``pass-exists``); two passes of the same
    article and annotator in one run are refused after the first in any case.

    Args:
        passes: Pass files.
        texts: Article id -> text (e.g. ``conflictnews.curation.pipeline.materialise()``).
        out: Write standoff under this annotations folder (``<tier>/<article id>/<annotator>.json``).
        submit: Stores a valid pass elsewhere and returns where it went (the CLI hands in a
            function that submits the pass to Label Studio as its annotator's annotation).
        manifest: Article id -> manifest entry, passed on to the validator.
        replace: Overwrite a stored pass of the same article and annotator under ``out``
            (atomically: a reader sees the old file or the new one).
        new_texts: Accept passes on articles that are not in ``manifest`` (their text comes from
            ``texts``): checked against that text and written with status ``draft``. Such a text
            enters the corpus only through curation; the CLI never writes drafts under the
            project's ``annotations/``.

    Returns:
        One :class:`Outcome` per pass file, in the given order.

    Raises:
        ValueError: When neither ``out`` nor ``submit`` is given.

    """
    if out is None and submit is None:
        raise ValueError("give out= (offline standoff) or submit= (e.g. to Label Studio)")
    outcomes = []
    this_run: dict[tuple[str, str], Path] = {}
    for path in passes:
        file = str(path)
        try:
            data = load_pass(path)
        except PassError as exc:
            outcomes.append(Outcome(path, "", "", "refused", problems=exc.problems))
            continue
        article_id = str(data.get("article_id") or "")
        annotator = str(data.get("annotator") or "")
        text = texts.get(article_id) if article_id else None
        if text is None:
            problem = _pass_problem(file, "pass (article_id)", "article-unknown", f"no text for article {article_id!r}")
            outcomes.append(Outcome(path, article_id, annotator, "refused", problems=(problem,)))
            continue
        new_text = new_texts and manifest is not None and article_id not in manifest
        checked_against = manifest
        if new_text and manifest is not None:
            # Not in the manifest yet: the text given is the article's only version, so check against it.
            checked_against = {**manifest, article_id: {"text_sha256": sha256_text(text)}}
        annotation, problems = check_pass(data, text, file=file, manifest=checked_against)
        problems = [
            dataclasses.replace(p, fix=_NEW_TEXT_FIX) if p.check_id == "article-not-in-manifest" else p
            for p in problems
        ]
        problems += _clashes(file, out, article_id, annotator, this_run, replace=replace)
        if annotation is None or any(p.severity == ERROR for p in problems):
            outcomes.append(Outcome(path, article_id, annotator, "refused", problems=tuple(problems)))
            continue
        this_run[(article_id, annotator)] = path
        counts = (len(annotation.entities), len(annotation.events), len(annotation.stances), len(annotation.relations))
        if out is not None:
            earlier = stored_passes(out, article_id, annotator)
            written = standoff.write([annotation], out)[0]
            for stale in earlier:
                if stale != written:
                    stale.unlink()  # the replaced pass lay in the other tier (its origin changed)
            status = "draft" if new_text else "written"
            outcomes.append(Outcome(path, article_id, annotator, status, counts, str(written), tuple(problems)))
        elif submit is not None:
            outcomes.append(
                Outcome(path, article_id, annotator, "submitted", counts, submit(annotation), tuple(problems))
            )
    return outcomes


def _clashes(
    file: str,
    out: Path | None,
    article_id: str,
    annotator: str,
    this_run: Mapping[tuple[str, str], Path],
    *,
    replace: bool,
) -> list[Problem]:
    """Report a pass that would overwrite another: stored under ``out`` (without ``replace``) or from this run."""
    if not article_id or not annotator:
        return []
    earlier = this_run.get((article_id, annotator))
    if earlier is not None:
        return [
            _pass_problem(
                file,
                "pass",
                "pass-exists",
                f"{earlier} in this run is also {annotator!r} on {article_id!r}",
                "give each pass its own annotator id, or merge the two pass files",
            )
        ]
    if out is None or replace:
        return []
    return [
        _pass_problem(
            file,
            "pass",
            "pass-exists",
            f"{stored} already holds a pass by {annotator!r} on {article_id!r}; it is kept unchanged",
        )
        for stored in stored_passes(out, article_id, annotator)
    ]
