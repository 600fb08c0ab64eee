"""Reader for the UN Security Council vetoes table (World Politics Datalab, MIT).

Stage: corpus (reading). Input: ``unsc_vetoes_1946_sept2022.csv`` in the source folder (one row
per vetoed draft, 1946 → 2022-09). Output: a :class:`ReadResult` with no articles and the table
in ``extras["vetoes"]`` as :class:`Veto` records, used to link news of a vote to its meeting
record (:func:`find_meeting`).

Who vetoed is read from the ``member_veto1..3`` name columns. The per-country dummy columns
(``China``, ``France``, ``Russia``, ``USSR``, ``USA``, ``UK``) disagree with them in 26 rows
(all zeros for a USSR or USA veto, France missing from France-UK-USA triple vetoes); the names
match the UN Library's veto list, so they win, and each disagreement is reported in ``notes``.
"""

from __future__ import annotations

import csv
import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from conflictnews.io import sha256_file
from conflictnews.sources.base import ReadResult, Skipped, UpstreamFile
from conflictnews.sources.licences import licence
from conflictnews.sources.registry import source_of

SOURCE = source_of(__name__)
FILENAME = "unsc_vetoes_1946_sept2022.csv"
LICENCE_ID = "MIT"
ATTRIBUTION = (
    "List of UN Security Council Vetoes (1946-2022), Carlos L. Yordan / World Politics Datalab, "
    "from the UN Dag Hammarskjöld Library's veto list"
)
MEMBER_COLUMNS: tuple[str, ...] = ("member_veto1", "member_veto2", "member_veto3")
DUMMY_COLUMNS: tuple[str, ...] = ("China", "France", "Russia", "USSR", "USA", "UK")

#: How news text names each vetoing member (word-boundary, case-sensitive patterns).
MEMBER_PATTERNS: dict[str, re.Pattern[str]] = {
    "China": re.compile(r"\b(China|Chinese|Beijing)\b"),
    "France": re.compile(r"\b(France|French|Paris)\b"),
    "Russia": re.compile(r"\b(Russia|Russian|Moscow|Kremlin)\b"),
    "USSR": re.compile(r"\b(USSR|Soviet|Soviets|Moscow)\b"),
    "USA": re.compile(r"\b(United States|U\.S\.|US|USA|Washington|American)\b"),
    "UK": re.compile(r"\b(United Kingdom|UK|U\.K\.|Britain|British|London)\b"),
}
#: A text must speak of a veto (or cite the symbol): "vote" or "US" alone links campaign news.
_VETO_WORD = re.compile(r"\bveto", re.IGNORECASE)


@dataclass(frozen=True)
class Veto:
    """One vetoed draft resolution.

    Attributes:
        date: ISO date of the vote.
        year: Year of the vote.
        draft: Symbol of the vetoed draft (``S/2016/1026``; early rows give a meeting record).
        meeting_record: Verbatim record of the meeting (``S/PV.7825``); for the 2020 votes held
            by letter, the letters' symbols joined with ``"; "``.
        agenda_item: The Council's agenda item.
        crisis_topic: Short crisis name (``Syria``, ``Admission``, ``Israel-Palestine``).
        region: Region of the crisis (``Middle East``; ``General`` when none).
        members: Vetoing permanent members in the table's order (``("Russia", "China")``).
        record: Where the row sits in the file (``row N``, N-th data row after the header).

    """

    date: str
    year: int
    draft: str
    meeting_record: str
    agenda_item: str
    crisis_topic: str
    region: str
    members: tuple[str, ...]
    record: str


def _iso(value: str) -> str:
    """Return ``M/D/YYYY`` as ISO ``YYYY-MM-DD``, or '' when it is not such a date."""
    match = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*", value)
    if not match:
        return ""
    month, day, year = (int(part) for part in match.groups())
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return ""


def read(root: Path) -> ReadResult:
    """Read the vetoes table from its source folder.

    Args:
        root: The ``unsc-vetoes`` source folder (same layout as the mirror).

    Returns:
        A result with ``articles=()``; ``extras`` holds ``vetoes`` (tuple of :class:`Veto` in
        file order), ``upstream`` (:class:`UpstreamFile` of the table) and ``licence``.

    Raises:
        FileNotFoundError: If the table is missing from ``root``.
        ValueError: If a required column is missing from the header.

    """
    path = root / FILENAME
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    required = (
        "year",
        "date",
        "draft",
        "meeting_record",
        "agenda_item",
        "crisis_topic",
        "region",
        *MEMBER_COLUMNS,
        *DUMMY_COLUMNS,
    )
    missing = [column for column in required if rows and column not in rows[0]]
    if missing:
        raise ValueError(f"{path}: missing columns {missing}")

    vetoes: list[Veto] = []
    skipped: list[Skipped] = []
    notes: list[str] = []
    disagreements = 0
    for number, row in enumerate(rows, start=1):
        ref = f"row {number}"
        where = f"{FILENAME}:{ref}"
        iso = _iso(row["date"])
        if not iso:
            skipped.append(Skipped(SOURCE, where, "invalid-date", f"date {row['date']!r}; expected M/D/YYYY"))
            continue
        members = tuple(row[column].strip() for column in MEMBER_COLUMNS if row[column].strip())
        unknown = [member for member in members if member not in DUMMY_COLUMNS]
        if not members or unknown:
            skipped.append(Skipped(SOURCE, where, "invalid-members", f"member columns {members!r}"))
            continue
        dummies = tuple(column for column in DUMMY_COLUMNS if row[column].strip() == "1")
        if set(dummies) != set(members):
            disagreements += 1
            notes.append(f"{where}: dummy columns say {dummies or '()'}, names say {members}; names used")
        if row["year"].strip() != iso[:4]:
            notes.append(f"{where}: year {row['year']!r} disagrees with date {iso}; date used")
        meeting = "; ".join(part.strip() for part in row["meeting_record"].splitlines() if part.strip())
        if meeting != row["meeting_record"].strip():
            notes.append(f"{where}: meeting_record spans lines {row['meeting_record']!r}; joined as {meeting!r}")
        vetoes.append(
            Veto(
                date=iso,
                year=int(iso[:4]),
                draft=row["draft"].strip(),
                meeting_record=meeting,
                agenda_item=row["agenda_item"].strip(),
                crisis_topic=row["crisis_topic"].strip(),
                region=row["region"].strip(),
                members=members,
                record=ref,
            )
        )
    notes.insert(
        0,
        f"{len(rows)} rows: {len(vetoes)} vetoes, {len(skipped)} skipped; "
        f"dummy columns disagree with member names in {disagreements} rows",
    )
    return ReadResult(
        SOURCE,
        (),
        tuple(skipped),
        tuple(notes),
        extras={
            "vetoes": tuple(vetoes),
            "upstream": UpstreamFile(FILENAME, sha256_file(path), f"rows 1-{len(rows)}"),
            "licence": licence(LICENCE_ID, ATTRIBUTION),
        },
    )


def vetoes_on(date: str, vetoes: Iterable[Veto], *, within_days: int = 0) -> list[Veto]:
    """Return the vetoes cast on ``date`` (or within ``within_days`` of it).

    Args:
        date: ISO date ``YYYY-MM-DD``.
        vetoes: The table (``read(root).extras["vetoes"]``).
        within_days: Tolerance in days either side; 0 means the exact day.

    Returns:
        The matching vetoes, nearest date first, then in table order.

    Raises:
        ValueError: If ``date`` is not an ISO date.

    """
    day = _parse_iso(date)
    hits = [(abs((_parse_iso(veto.date) - day).days), index, veto) for index, veto in enumerate(vetoes)]
    return [veto for distance, _, veto in sorted(hits, key=lambda hit: hit[:2]) if distance <= within_days]


def find_meeting(text: str, date: str, vetoes: Iterable[Veto], *, within_days: int = 3) -> Veto | None:
    """Link a news text about a vote to the vetoed draft and its meeting record.

    Candidates are the vetoes within ``within_days`` of the article's ``date`` (news often runs
    a day or two after the vote). Each is scored on what the text mentions: its draft or meeting
    symbol (10), every vetoing member (1 each, plus 1 when all are named), its crisis topic (2).
    A text that cites no symbol and never says "veto" is linked to nothing, nor is a candidate
    that the text does not mention at all.

    Args:
        text: The article's title and/or text.
        date: The article's ISO date.
        vetoes: The table (``read(root).extras["vetoes"]``).
        within_days: How many days either side of ``date`` to search.

    Returns:
        The best-scoring veto (ties: nearest date, then table order), or None.

    Raises:
        ValueError: If ``date`` is not an ISO date.

    """
    best: tuple[int, int, int, Veto] | None = None
    day = _parse_iso(date)
    for index, veto in enumerate(vetoes):
        distance = abs((_parse_iso(veto.date) - day).days)
        if distance > within_days:
            continue
        score = _mention_score(text, veto)
        if score and (best is None or (-score, distance, index) < best[:3]):
            best = (-score, distance, index, veto)
    return best[3] if best else None


def _mention_score(text: str, veto: Veto) -> int:
    """Score how clearly ``text`` refers to ``veto`` (0: not at all)."""
    score = 0
    symbols = [veto.draft, *veto.meeting_record.split("; ")]
    if any(symbol and symbol in text for symbol in symbols):
        score += 10
    elif not _VETO_WORD.search(text):
        return 0
    named = [member for member in veto.members if MEMBER_PATTERNS[member].search(text)]
    score += len(named) + (1 if len(named) == len(veto.members) else 0)
    parts = [part for part in re.split(r"[-/]", veto.crisis_topic) if part]
    if parts and all(re.search(rf"\b{re.escape(part)}", text) for part in parts):
        score += 2
    return score


def _parse_iso(value: str) -> datetime.date:
    """Parse an ISO date, naming the bad value in the error."""
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"not an ISO date (YYYY-MM-DD): {value!r}") from None
