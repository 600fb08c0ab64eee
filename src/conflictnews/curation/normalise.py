r"""Text normalisation for curation: a pure, deterministic function that says what it changed.

Stage: curation (normalise). Input: an article text exactly as a reader rebuilt it, with its
title, source and outlet. Output: the curated text (the one whose sha256 goes into
``corpus/manifest.jsonl`` and to which every annotation offset refers: the headline, a blank
line, then the body), the curated title, and the list of changes made, as ``kind:count``
strings (the manifest's ``normalisation``).

Normalisation runs exactly once, before the manifest is written; it is never applied again after
curation, so annotation offsets never move. ``corpus materialise`` rebuilds a text by running the
reader and this same function, and checks the sha256. The rules, in order:

Character rules (:func:`normalise_text`, also applied to the title):

1. ``encoding``: ftfy's mojibake repair (``ftfy.fix_encoding``), applied only when it changes the
   text (readers already repair per record; this catches what they left).
2. ``nfc``: Unicode NFC composition.
3. ``line-endings``: ``\r\n`` and ``\r`` become ``\n``.
4. ``control-characters``: C0/C1 controls other than newline and tab, zero-width spaces, soft
   hyphens and byte-order marks are removed (U+FFFD, a reader's "character lost here" mark, stays).
5. ``whitespace``: tabs and no-break/other Unicode spaces become a space, runs of spaces become
   one, spaces at line ends go, more than one blank line becomes one blank line, and the text is
   stripped.

Article rules (:func:`curate_text`, on the text the character rules produced):

6. ``headline-outlet-name``: the outlet's name or a page label is cut from the title ("... |
   Jordan Times", "... - Region - World - Ahram Online", "National News Agency - ...", "title:
   ...", "UPDATED ...", a reporter's name after a Reuters headline; :data:`TITLE_RULES`). The
   title that is left is the article's headline.
7. ``boilerplate-<kind>``: outlet boilerplate is removed (publication stamps, "Last updated",
   "Click to enlarge", "Read Also", photo credits, tag lists, share widgets, site footers, credit
   lines, end marks: :mod:`conflictnews.curation.boilerplate` lists every rule and where it
   applies); the count is the number of spans removed. The whitespace left at a seam is tidied
   as rule 5 would (no new kind: it belongs to the removal).
8. ``headline-repeated``: a copy of the headline at the start of the body (FA-KES pages, re3d
   press releases, GUM's Wikinews text; also behind a publication stamp) is removed, so that the
   headline occurs once.
9. ``headline``: the headline and a blank line are put before the body. Sources without a
   headline get nothing: Wikipedia's current-events items and CENTCOM's strike days are
   snippets whose readers give no title (a portal item or a day of strike reports has none, and
   inventing one would put words into the text that no source wrote).

Rules 6 to 9 only delete characters and add the headline, so every character of the curated
text comes from the character-normalised text or from the headline; :class:`CuratedText`
keeps that origin, and annotation importers map upstream offsets through it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import ftfy

from conflictnews.curation.boilerplate import FA_KES, Removal, find_boilerplate

#: Removed outright: C0/C1 controls except \n and \t, zero-width characters, soft hyphen, BOM.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200d\u2060\ufeff]")
#: Public name for code that aligns raw and curated texts (the importers' offset map).
REMOVED_CHARACTERS = _CONTROL
_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_SPACE_RUN = re.compile(r" {2,}")
_LINE_END_SPACE = re.compile(r" +\n|\n +")
_BLANK_LINES = re.compile(r"\n{3,}")

#: Between the headline and the body.
HEADLINE_SEPARATOR = "\n\n"
#: Outlet names and page labels in titles (rule 6): (source, pattern), the pattern's match is cut.
TITLE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (FA_KES, re.compile(r" - Region - World - Ahram Online$")),
    (FA_KES, re.compile(r" \| Jordan Times$")),
    (FA_KES, re.compile(r" - Daily Sabah$")),
    (FA_KES, re.compile(r" - Sputnik International$")),
    (FA_KES, re.compile(r"^National News Agency - ")),
    (FA_KES, re.compile(r"^title: ")),
    (FA_KES, re.compile(r"- Al Manar TV Website Archive$")),
    (FA_KES, re.compile(r"^(?:UPDATED|Updated|URGENT) ")),
    (FA_KES, re.compile(r" PICTURES$")),
    (FA_KES, re.compile(r" (?:Arshad Mohammed|Sylvia Westall)$")),
)
#: Seams left by a removal, tidied like rule 5: a space after a space or a line break, a space
#: before a line break, a third line break in a row.
_SEAM = re.compile(r"(?<=[ \n]) +| +(?=\n)|(?<=\n\n)\n+")


def _count_sub(pattern: re.Pattern[str], repl: str, text: str) -> tuple[str, int]:
    new, count = pattern.subn(repl, text)
    return new, count if new != text else 0


def normalise_text(text: str) -> tuple[str, tuple[str, ...]]:
    """Return the text after the character rules (1 to 5) and the changes made.

    Args:
        text: The text as read.

    Returns:
        ``(normalised_text, changes)``; ``changes`` lists ``kind:count`` strings in rule order
        (empty when the text was already normal). Counts are characters for ``encoding``/``nfc``
        (length difference, at least 1) and replacements for the other kinds.

    """
    changes: list[str] = []
    fixed = ftfy.fix_encoding(text)
    if fixed != text:
        changes.append(f"encoding:{max(1, abs(len(text) - len(fixed)))}")
        text = fixed
    composed = unicodedata.normalize("NFC", text)
    if composed != text:
        changes.append(f"nfc:{max(1, len(text) - len(composed))}")
        text = composed
    crlf = text.count("\r")
    if crlf:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        changes.append(f"line-endings:{crlf}")
    text, count = _count_sub(_CONTROL, "", text)
    if count:
        changes.append(f"control-characters:{count}")
    before = text
    text = _SPACES.sub(" ", text)
    text = _SPACE_RUN.sub(" ", text)
    text = _LINE_END_SPACE.sub("\n", text)
    text = _BLANK_LINES.sub("\n\n", text)
    text = text.strip()
    if text != before:
        changes.append(f"whitespace:{max(1, len(before) - len(text))}")
    return text, tuple(changes)


def normalise_title(title: str) -> str:
    """Return ``title`` on one line with single spaces (character rules only)."""
    return " ".join(normalise_text(title)[0].split())


def clean_title(title: str, source: str) -> tuple[str, int]:
    """Return the headline of ``title`` (rule 6) and how many outlet names or labels were cut.

    Args:
        title: The title as read.
        source: The article's source id.

    Returns:
        ``(headline, cuts)``: the title on one line without its outlet name, and the number of
        :data:`TITLE_RULES` that cut something.

    """
    headline = normalise_title(title)
    cuts = 0
    for rule_source, pattern in TITLE_RULES:
        if rule_source == source:
            headline, hits = pattern.subn("", headline)
            cuts += hits
    return headline.strip(), cuts


def headline_copy(headline: str, source: str = "") -> re.Pattern[str] | None:
    """Return a pattern for a copy of ``headline`` at the start of a body (rule 8), or None.

    The copy must have the headline's words in order, in any letter case, with any punctuation
    or spaces between them (pages drop or add quotes and colons), optionally behind a "title:"
    label. It must end the line, a sentence (".", ":"), or, for headlines of four words or more,
    be followed by a capitalised word, a digit or a quote (FA-KES pages run the headline into
    the lead without a stop). A shorter headline followed by more words is not a copy: re3d's
    Wikipedia articles open with their subject ("Hibhib (Arabic: ...) is a village"). FA-KES
    titles sometimes lost the source tag the page headline ends with ("... Syrian state" for
    "... Syrian state TV"): a "TV" or "NGO" right after the copy is taken as the end of the
    headline (group ``tail``).

    Args:
        headline: The headline.
        source: The article's source id (the tail is FA-KES's).

    Returns:
        The compiled pattern (use ``pattern.match(text, pos)``), or None for a headline without words.

    """
    words = re.findall(r"\w+", headline)
    if not words:
        return None
    body = r"[^\w\n]*?".join(re.escape(w) for w in words)
    tail = r"(?-i:(?: (?P<tail>TV|NGO)(?= [A-Z]))?)" if source == FA_KES else ""
    ends = [r"[^\w\n]*?\n\s*", r"[^\w\n]*?[.:](?:\s+|\Z)", r"[^\w\n]*\Z"]
    if len(words) >= 4:
        ends.append(r"[^\w\n]*?[^\S\n]+(?-i:(?=[\"“'‘A-Z0-9]))")
    return re.compile(rf"(?:title: )?[\"“'‘]?{body}(?!\w){tail}(?:{'|'.join(ends)})", re.IGNORECASE)


@dataclass(frozen=True)
class CuratedText:
    """An article's curated text and how it was made.

    Attributes:
        text: The curated text: headline, blank line, body (or the body alone without a headline).
        title: The headline ('' when the source has none): the manifest's ``title``.
        changes: ``kind:count`` strings, character rules first, then article rules in rule order.
        normalised: The text after the character rules only (what the article rules started from).
        origin: For every character of ``text``, its index in ``normalised``, or -1 for a
            character that is not there (the headline when the body had no verbatim copy of it, the
            blank line after it).

    """

    text: str
    title: str
    changes: tuple[str, ...]
    normalised: str
    origin: tuple[int, ...]

    def index_map(self) -> list[int]:
        """Return, for every character of ``normalised``, its index in ``text`` (-1: removed)."""
        out = [-1] * len(self.normalised)
        for curated, source in enumerate(self.origin):
            if source >= 0:
                out[source] = curated
        return out


def _remove(text: str, origin: list[int], spans: Sequence[tuple[int, int]]) -> tuple[str, list[int]]:
    """Delete ``spans`` (sorted, non-overlapping) from ``text`` and its origin list."""
    pieces: list[str] = []
    kept: list[int] = []
    at = 0
    for start, end in spans:
        pieces.append(text[at:start])
        kept.extend(origin[at:start])
        at = end
    pieces.append(text[at:])
    kept.extend(origin[at:])
    return "".join(pieces), kept


def _tidy(text: str, origin: list[int]) -> tuple[str, list[int]]:
    """Tidy the seams removals left (rule 5's whitespace, by deletions only) and strip the text."""
    spans = [m.span() for m in _SEAM.finditer(text)]
    text, origin = _remove(text, origin, spans)
    lead = len(text) - len(text.lstrip())
    trail = len(text.rstrip())
    return text[lead:trail], origin[lead:trail]


def curate_text(text: str, title: str = "", source: str = "", outlet: str = "") -> CuratedText:
    """Return the curated text of an article: all rules of the module docstring, in order.

    Args:
        text: The article text as the reader rebuilt it.
        title: The article's title as read ('' when the source has none).
        source: The article's source id (selects the title and boilerplate rules).
        outlet: The article's outlet (selects FA-KES's per-outlet rules).

    Returns:
        The :class:`CuratedText`.

    """
    normalised, character_changes = normalise_text(text)
    headline, cuts = clean_title(title, source)
    changes = list(character_changes)
    if cuts:
        changes.append(f"headline-outlet-name:{cuts}")
    copy_pattern = headline_copy(headline, source)
    removals: list[Removal] = find_boilerplate(normalised, source, outlet, copy_pattern)
    counts: dict[str, int] = {}
    for removal in removals:
        counts[removal.rule] = counts.get(removal.rule, 0) + 1
    changes += [f"{rule}:{n}" for rule, n in sorted(counts.items()) if rule != "headline-repeated"]
    body, origin = _remove(normalised, list(range(len(normalised))), [(r.start, r.end) for r in removals])
    body, origin = _tidy(body, origin)
    if not headline:
        return CuratedText(body, "", tuple(changes), normalised, tuple(origin))
    copy = next((r for r in removals if r.rule == "headline-repeated"), None)
    prefix: list[int] = [-1] * len(headline)
    if copy is not None and copy_pattern is not None:
        match = copy_pattern.match(normalised, copy.start)
        if match is not None and match.groupdict().get("tail"):
            headline = f"{headline} {match.group('tail')}"
            prefix = [-1] * len(headline)
        changes.append(f"headline-repeated:{sum(r.rule == 'headline-repeated' for r in removals)}")
        found = normalised.find(headline, copy.start, copy.end)
        if found >= 0:
            # A verbatim copy moves to the top: its characters (and annotations on them) follow.
            prefix = list(range(found, found + len(headline)))
    changes.append("headline:1")
    curated = headline + HEADLINE_SEPARATOR + body if body else headline
    origin = prefix + ([-1] * len(HEADLINE_SEPARATOR) + origin if body else [])
    return CuratedText(curated, headline, tuple(changes), normalised, tuple(origin))
