"""Reader for CENTCOM's Operation Inherent Resolve strike releases (source ``centcom-oir``).

Stage: corpus (reading). Input: ``all.csv`` under the source folder (kevinschaul's scraper
output: ``date, country, location, number, description, line``; one row per strike line, rows
of a release day contiguous, newest day first). Output: one
:class:`~conflictnews.sources.base.Article` (genre ``snippet``) per release day, plus
:class:`~conflictnews.sources.base.Skipped` records for rows that cannot be used.

Rules:

* **Grouping.** Rows are grouped by ``date`` (``MM/DD/YYYY`` → ISO ``YYYY-MM-DD``); one article
  per release day, its lines in file order. Id: ``centcom-oir-<YYYY-MM-DD>``.
* **Text.** One line per strike row: the ``line`` column with its leading list marker (``-`` or
  ``- ``) and surrounding whitespace removed, otherwise verbatim. The bulleted releases (rows whose
  ``country`` is a country name) were published in per-country sections, so a header line with
  the country name (``Syria``, ``Iraq``) opens each run of rows of one country, and sections are
  separated by a blank line. The early paragraph-style releases (``country`` = ``Unknown``,
  lines "In Syria, five airstrikes ...") name the country in the sentence and get no header.
* **Countries.** ``Tikrit, Iraq`` (one row, 2015-03-26) is normalised to ``Iraq``; an
  ``Unknown`` country whose ``location`` is a country (``Syria``/``Iraq``, the "In Syria, ..."
  paragraphs) takes it from the location. Both are recorded in ``repairs``.
  ``attributes["countries"]`` lists the day's known countries in order of first appearance.
* **Counts.** ``n_strikes`` is the sum of ``number`` over the rows where it is an integer;
  ``n_lines`` the number of rows; ``locations`` the ``location`` values in order, without repeats.
* **Skips.** A row with an unparseable date is skipped (``bad-date``); a row whose line is empty
  is skipped (``empty-text``).

The CSV was produced by an MIT-licensed scraper (``package.json``); the release text itself is a
work of the US federal government (public domain).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from conflictnews.io import sha256_file
from conflictnews.sources.base import Article, ReadResult, Skipped, UpstreamFile
from conflictnews.sources.licences import licence
from conflictnews.sources.registry import source_of

SOURCE = source_of(__name__)
OUTLET = "US Central Command (CENTCOM)"
FILE = "all.csv"
#: Countries the releases have sections for.
COUNTRIES: tuple[str, ...] = ("Syria", "Iraq")
_MARKER = re.compile(r"^\s*-\s*")


@dataclass(frozen=True)
class StrikeLine:
    """One row of ``all.csv`` after normalisation.

    Attributes:
        line_no: Line number of the row in the file (the header is line 1).
        date: ISO date of the release.
        country: ``Syria``, ``Iraq`` or '' when unknown.
        sectioned: Whether the release put this row under a country section header.
        location: The ``location`` column.
        number: Strikes on this line, or None when ``number`` is not an integer.
        text: The line text without its list marker.
        repairs: Repairs made to this row.

    """

    line_no: int
    date: str
    country: str
    sectioned: bool
    location: str
    number: int | None
    text: str
    repairs: tuple[str, ...] = ()


def _us_date(value: str) -> str | None:
    """Return ``MM/DD/YYYY`` as ISO ``YYYY-MM-DD``, or None when it does not parse."""
    try:
        return dt.datetime.strptime(value.strip(), "%m/%d/%Y").date().isoformat()
    except ValueError:
        return None


def _country(row: dict[str, str]) -> tuple[str, bool, tuple[str, ...]]:
    """Return (country, sectioned, repairs) for a CSV row."""
    raw = (row.get("country") or "").strip()
    location = (row.get("location") or "").strip()
    if raw in COUNTRIES:
        return raw, True, ()
    for country in COUNTRIES:
        if raw.endswith(f", {country}"):
            return country, True, (f"country-normalised:{raw!r}->{country!r}",)
    if location in COUNTRIES:
        return location, False, (f"country-from-location:{raw!r}->{location!r}",)
    return "", False, ()


def render(lines: list[StrikeLine]) -> str:
    """Return the text of one release day (rules in the module docstring).

    Args:
        lines: The day's lines in file order.

    Returns:
        The text: section headers for sectioned rows, one line per strike.

    """
    out: list[str] = []
    current: str | None = None
    for line in lines:
        header = line.country if line.sectioned else None
        if header is not None and header != current:
            if out:
                out.append("")
            out.append(header)
        elif header is None and current is not None:
            out.append("")
        current = header
        out.append(line.text)
    return "\n".join(out)


def read(root: Path) -> ReadResult:
    """Read ``root/all.csv`` into one article per release day.

    Args:
        root: The source folder (laid out like ``../shared/corpus/centcom-oir``).

    Returns:
        Articles sorted by id, skipped rows, and notes with the counts.

    Raises:
        FileNotFoundError: If ``root/all.csv`` does not exist.
        ValueError: If the CSV lacks one of the expected columns.

    """
    path = root / FILE
    sha = sha256_file(path)
    skipped: list[Skipped] = []
    days: dict[str, list[StrikeLine]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"date", "country", "location", "number", "line"} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(
                f"{path}: missing columns {sorted(missing)}; expected date, country, location, number, "
                "description, line"
            )
        for row in reader:
            line_no = reader.line_num
            record = f"{FILE}:line {line_no}"
            date = _us_date(row["date"] or "")
            if date is None:
                skipped.append(Skipped(SOURCE, record, "bad-date", f"date {row['date']!r} is not MM/DD/YYYY"))
                continue
            text = _MARKER.sub("", row["line"] or "").strip()
            if not text:
                skipped.append(Skipped(SOURCE, record, "empty-text", "the line column is empty"))
                continue
            country, sectioned, repairs = _country(row)
            number = (row["number"] or "").strip()
            days.setdefault(date, []).append(
                StrikeLine(
                    line_no=line_no,
                    date=date,
                    country=country,
                    sectioned=sectioned,
                    location=(row["location"] or "").strip(),
                    number=int(number) if number.isdigit() else None,
                    text=text,
                    repairs=repairs,
                )
            )

    articles: list[Article] = []
    for date, lines in days.items():
        first, last = lines[0].line_no, lines[-1].line_no
        contiguous = last - first + 1 == len(lines)
        record = f"lines {first}-{last}" if contiguous else "lines " + ",".join(str(x.line_no) for x in lines)
        repairs = tuple(f"line {x.line_no}:{r}" for x in lines for r in x.repairs)
        articles.append(
            Article(
                id=f"{SOURCE}-{date}",
                source=SOURCE,
                genre="snippet",
                title="",
                text=render(lines),
                url="",
                outlet=OUTLET,
                date=date,
                licence=licence(
                    "PD-USGov", attribution=f"U.S. Central Command, Operation Inherent Resolve strike release, {date}"
                ),
                upstream=UpstreamFile(path=FILE, sha256=sha, record=record),
                attributes={
                    "countries": list(dict.fromkeys(x.country for x in lines if x.country)),
                    "n_strikes": sum(x.number for x in lines if x.number is not None),
                    "n_lines": len(lines),
                    "locations": list(dict.fromkeys(x.location for x in lines if x.location)),
                },
                repairs=repairs,
            )
        )
    articles.sort(key=lambda a: a.id)
    n_lines = sum(len(v) for v in days.values())
    notes = (f"{n_lines} strike lines grouped into {len(articles)} release days; {len(skipped)} rows skipped",)
    return ReadResult(source=SOURCE, articles=tuple(articles), skipped=tuple(skipped), notes=notes)
