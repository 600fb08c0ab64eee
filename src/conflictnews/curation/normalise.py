r"""Text normalisation for curation: a pure, deterministic function that says what it changed.

Stage: curation (normalise). Input: an article text exactly as a reader rebuilt it. Output: the
curated text (the one whose sha256 goes into ``corpus/manifest.jsonl`` and to which every
annotation offset refers) and the list of changes made, as ``kind:count`` strings.

Normalisation runs exactly once, before the manifest is written; it is never applied again after
curation, so annotation offsets never move. ``corpus materialise`` rebuilds a text by running the
reader and this same function, and checks the sha256. The rules, in order:

1. ``encoding``: ftfy's mojibake repair (``ftfy.fix_encoding``), applied only when it changes the
   text (readers already repair per record; this catches what they left).
2. ``nfc``: Unicode NFC composition.
3. ``line-endings``: ``\r\n`` and ``\r`` become ``\n``.
4. ``control-characters``: C0/C1 controls other than newline and tab, zero-width spaces, soft
   hyphens and byte-order marks are removed (U+FFFD, a reader's "character lost here" mark, stays).
5. ``whitespace``: tabs and no-break/other Unicode spaces become a space, runs of spaces become
   one, spaces at line ends go, more than one blank line becomes one blank line, and the text is
   stripped.
"""

from __future__ import annotations

import re
import unicodedata

import ftfy

#: Removed outright: C0/C1 controls except \n and \t, zero-width characters, soft hyphen, BOM.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200d\u2060\ufeff]")
#: Public name for code that aligns raw and curated texts (the importers' offset map).
REMOVED_CHARACTERS = _CONTROL
_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_SPACE_RUN = re.compile(r" {2,}")
_LINE_END_SPACE = re.compile(r" +\n|\n +")
_BLANK_LINES = re.compile(r"\n{3,}")


def _count_sub(pattern: re.Pattern[str], repl: str, text: str) -> tuple[str, int]:
    new, count = pattern.subn(repl, text)
    return new, count if new != text else 0


def normalise_text(text: str) -> tuple[str, tuple[str, ...]]:
    """Return the curated form of ``text`` and the changes made.

    Args:
        text: The text as read.

    Returns:
        ``(curated_text, changes)``; ``changes`` lists ``kind:count`` strings in rule order
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
    """Return ``title`` on one line with single spaces (titles carry no annotation offsets)."""
    return " ".join(normalise_text(title)[0].split())
