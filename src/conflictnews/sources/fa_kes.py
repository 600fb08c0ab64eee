"""Reader for FA-KES (Syrian-war news with credibility labels, Salem et al., ICWSM 2019).

Stage: corpus (reading). Input: ``FA-KES-Dataset.csv`` in the source folder (the Zenodo
deposit, doi 10.5281/zenodo.2607278, byte for byte). Output: a :class:`ReadResult` with one
``news`` :class:`Article` per data row, the credibility label kept as attribute
``credibility`` (``credible`` / ``fake``), and a report of every repair and skip.

The file is not valid in any single encoding, so it is decoded per record: the CSV is split
into records over latin-1 (which maps every byte to one character and back), and each record's
bytes are then decoded on their own. Measured on the deposit, the only non-ASCII bytes are
two-byte *lost-character markers* (``95 5F``, ``95 81``, ``95 B5``) that an upstream export left
where it could not write a character (curly quotes, dashes, ``©``, Turkish letters): the
original character is gone and cannot be decoded back. The reader restores it only where the
context leaves no doubt (a possessive apostrophe, ``Copyright ©``) and otherwise writes U+FFFD
REPLACEMENT CHARACTER, the Unicode way of saying "a character was here". Any other non-ASCII
bytes go through strict UTF-8, then cp1252, then latin-1, then ftfy's mojibake repair. Each
record's ``repairs`` says which of these steps touched it.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import ftfy

from conflictnews.io import sha256_file
from conflictnews.sources.base import Article, ReadResult, Skipped, UpstreamFile
from conflictnews.sources.licences import licence
from conflictnews.sources.registry import source_of

SOURCE = source_of(__name__)
FILENAME = "FA-KES-Dataset.csv"
LICENCE_ID = "CC-BY-4.0-third-party-text"
COLUMNS: tuple[str, ...] = (
    "unit_id",
    "article_title",
    "article_content",
    "source",
    "date",
    "location",
    "labels",
)
CREDIBILITY: dict[str, str] = {"1": "credible", "0": "fake"}

#: Two-byte markers an upstream export wrote in place of characters it could not encode.
_MARKER = re.compile(rb"\x95[\x5f\x81\xb5]")
#: Stand-in for a marker while the rest of the record is decoded (NUL never occurs in text).
_SENTINEL = "\x00"
_APOSTROPHE = re.compile(r"(?<=[A-Za-z])\x00(?=s\b)")
_COPYRIGHT = re.compile(r"(?<=Copyright )\x00")

#: Repair kinds, in the order they are applied (also the order in ``Article.repairs``).
REPAIR_KINDS: tuple[str, ...] = (
    "decoded-utf-8",
    "decoded-cp1252",
    "decoded-latin-1",
    "ftfy-fixed-mojibake",
    "restored-apostrophe",
    "restored-copyright-sign",
    "marked-lost-character",
)


def decode_record(fields: Sequence[bytes]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Decode the raw bytes of one CSV record's fields and repair lost characters.

    The encoding is chosen once per record (strict UTF-8, else strict cp1252, else latin-1),
    because the file mixes encodings between records, not inside them. ftfy then repairs
    mojibake field by field (text that was UTF-8 but was once decoded as cp1252), and the
    upstream lost-character markers are resolved last.

    Args:
        fields: The record's fields as raw bytes.

    Returns:
        The decoded fields and the repairs made (kinds from :data:`REPAIR_KINDS`, each once,
        in that order; empty for a pure-ASCII record without markers).

    """
    done: set[str] = set()
    masked = [_MARKER.sub(_SENTINEL.encode("ascii"), raw) for raw in fields]
    joined = b"".join(masked)
    if joined.isascii():
        texts = [raw.decode("ascii") for raw in masked]
    else:
        for encoding, kind in (("utf-8", "decoded-utf-8"), ("cp1252", "decoded-cp1252")):
            try:
                texts = [raw.decode(encoding) for raw in masked]
            except UnicodeDecodeError:
                continue
            done.add(kind)
            break
        else:
            texts = [raw.decode("latin-1") for raw in masked]
            done.add("decoded-latin-1")
        fixed = [ftfy.fix_encoding(text) if not text.isascii() else text for text in texts]
        if fixed != texts:
            done.add("ftfy-fixed-mojibake")
            texts = fixed
    out: list[str] = []
    for text in texts:
        if _SENTINEL in text:
            text, hits = _APOSTROPHE.subn("\u2019", text)
            if hits:
                done.add("restored-apostrophe")
            text, hits = _COPYRIGHT.subn("\u00a9", text)
            if hits:
                done.add("restored-copyright-sign")
            if _SENTINEL in text:
                text = text.replace(_SENTINEL, "\ufffd")
                done.add("marked-lost-character")
        out.append(text)
    return tuple(out), tuple(kind for kind in REPAIR_KINDS if kind in done)


def parse_date(value: str) -> str:
    """Turn FA-KES's ``M/D/YYYY`` date into ISO ``YYYY-MM-DD``.

    Args:
        value: The ``date`` cell.

    Returns:
        The ISO date, or '' when the cell is not a valid ``M/D/YYYY`` date.

    """
    match = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*", value)
    if not match:
        return ""
    month, day, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""


def attribution(outlet: str) -> str:
    """Return the attribution line for an FA-KES article written by ``outlet``.

    Args:
        outlet: The outlet named in the ``source`` column (``reuters``, ``sana``, ...).

    Returns:
        The attribution line naming the dataset authors, the deposit and the outlet.

    """
    return (
        f"FA-KES dataset by Salem, Al Feel, Elbassuoni, Jaber, Farah (ICWSM 2019), "
        f"doi 10.5281/zenodo.2607278; article text by {outlet}"
    )


def read(root: Path) -> ReadResult:
    """Read FA-KES from its source folder.

    Ids are ``fa-kes-<unit_id>`` (the unit id zero-padded to 10 digits). The deposit repeats 9
    unit ids (some with identical text but opposite labels); the second and later rows of a
    repeated unit id get ``-<k>`` (k = 2, 3, ... in file order among the rows of that unit id
    only), so an id never depends on other records. ``upstream.record`` is ``row N``, the N-th
    data row after the header.

    Args:
        root: The ``fa-kes`` source folder (same layout as the mirror).

    Returns:
        The articles sorted by id, skipped rows with reasons, and notes with repair counts.

    Raises:
        FileNotFoundError: If ``FA-KES-Dataset.csv`` is missing from ``root``.
        ValueError: If the header does not start with the expected columns.

    """
    path = root / FILENAME
    upstream_sha = sha256_file(path)
    # latin-1 maps bytes 1:1 to characters, so CSV structure is parsed without choosing an
    # encoding; each field is turned back into its exact bytes and decoded per record below.
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("latin-1"), newline="")))
    header = tuple(cell.strip() for cell in rows[0][: len(COLUMNS)])
    if header != COLUMNS:
        raise ValueError(f"{path}: header starts {header}; expected {COLUMNS}")

    articles: list[Article] = []
    skipped: list[Skipped] = []
    notes: list[str] = []
    repair_records: Counter[str] = Counter()
    seen_units: Counter[str] = Counter()
    labels_by_unit: dict[str, set[str]] = {}
    for number, row in enumerate(rows[1:], start=1):
        ref = f"row {number}"
        where = f"{FILENAME}:{ref}"
        if len(row) < len(COLUMNS):
            detail = f"{len(row)} cells; expected at least {len(COLUMNS)}"
            skipped.append(Skipped(SOURCE, where, "malformed-row", detail))
            continue
        decoded, repairs = decode_record([cell.encode("latin-1") for cell in row])
        unit_id, title, text, outlet, raw_date, location, label = decoded[: len(COLUMNS)]
        extra = [cell for cell in decoded[len(COLUMNS) :] if cell.strip()]
        if extra:
            notes.append(f"{where}: stray trailing cell(s) {extra} (a label legend, not data) ignored")
        unit_id = unit_id.strip()
        if not unit_id.isdigit():
            skipped.append(Skipped(SOURCE, where, "missing-unit-id", f"unit_id {unit_id!r} is not a number"))
            continue
        if not text.strip():
            skipped.append(Skipped(SOURCE, where, "empty-text", f"unit_id {unit_id} has no article_content"))
            continue
        credibility = CREDIBILITY.get(label.strip())
        if credibility is None:
            skipped.append(Skipped(SOURCE, where, "invalid-label", f"labels {label!r}; expected 1 or 0"))
            continue
        seen_units[unit_id] += 1
        occurrence = seen_units[unit_id]
        labels_by_unit.setdefault(unit_id, set()).add(credibility)
        article_id = f"{SOURCE}-{unit_id.zfill(10)}" + (f"-{occurrence}" if occurrence > 1 else "")
        iso_date = parse_date(raw_date)
        if not iso_date:
            repairs = (*repairs, "date-unparsed")
        for kind in repairs:
            repair_records[kind] += 1
        outlet = outlet.strip()
        articles.append(
            Article(
                id=article_id,
                source=SOURCE,
                genre="news",
                title=title,
                text=text,
                url="",
                outlet=outlet,
                date=iso_date,
                licence=licence(LICENCE_ID, attribution(outlet)),
                upstream=UpstreamFile(FILENAME, upstream_sha, ref),
                attributes={
                    "credibility": credibility,
                    "location": location.strip(),
                    "unit_id": unit_id,
                    "unit_id_occurrence": occurrence,
                },
                repairs=repairs,
            )
        )

    articles.sort(key=lambda article: article.id)
    counts = Counter(article.attributes["credibility"] for article in articles)
    notes.append(
        f"{len(rows) - 1} data rows: {len(articles)} articles, {len(skipped)} skipped; "
        f"credible {counts['credible']}, fake {counts['fake']}"
    )
    for kind in (*REPAIR_KINDS, "date-unparsed"):
        if repair_records[kind]:
            notes.append(f"repair {kind}: {repair_records[kind]} records")
    repeated = sorted(unit for unit, count in seen_units.items() if count > 1)
    if repeated:
        conflicting = [unit for unit in repeated if len(labels_by_unit[unit]) > 1]
        extra_rows = sum(seen_units[unit] - 1 for unit in repeated)
        notes.append(
            f"{len(repeated)} unit ids repeat ({extra_rows} extra rows, suffixed -2, -3, ...); "
            f"{len(conflicting)} of them carry both labels: {', '.join(conflicting)}"
        )
    texts = Counter(article.text for article in articles)
    notes.append(
        f"{sum(count - 1 for count in texts.values() if count > 1)} articles repeat an earlier text "
        "(kept: deduplication is curation's job)"
    )
    return ReadResult(SOURCE, tuple(articles), tuple(skipped), tuple(notes))
