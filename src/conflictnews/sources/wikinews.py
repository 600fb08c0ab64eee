"""Reader for the English Wikinews sample (vanatteveldt/wikinews, CC BY 2.5).

Stage: corpus (reading). Input: ``wikinews_2019.csv`` and ``wikinews_2020.csv`` in the source
folder (UTF-8 CSV, columns ``url, date, title, text``; the 2020 file runs into 2021-03).
Output: a :class:`ReadResult` with one ``news`` :class:`Article` per row that has article text.

Text is kept exactly as upstream wrote it (datelines, blank lines and no-break spaces
included): whitespace normalisation is curation's job, where it is recorded. The upstream URLs
carry a doubled slash (``https://en.wikinews.org//wiki/...``); the article's ``url`` is the
canonical single-slash form, the upstream spelling is kept as attribute ``upstream_url``, and
the repair is recorded. Two rows are drafts still awaiting pre-publication review; they are
kept and flagged with attribute ``pending_review``.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter
from datetime import date
from pathlib import Path

from conflictnews.io import sha256_file
from conflictnews.sources.base import Article, ReadResult, Skipped, UpstreamFile
from conflictnews.sources.licences import licence
from conflictnews.sources.registry import source_of

SOURCE = source_of(__name__)
FILENAMES: tuple[str, ...] = ("wikinews_2019.csv", "wikinews_2020.csv")
COLUMNS: tuple[str, ...] = ("url", "date", "title", "text")
LICENCE_ID = "CC-BY-2.5"
OUTLET = "Wikinews"

_DOUBLE_SLASH = re.compile(r"^(https?://[^/]+)//+")
#: A Wikinews dateline line, e.g. "Friday, January 4, 2019" (followed by a no-break space).
_DATELINE = re.compile(r"^\s*[A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2}, \d{4}\s*$", re.MULTILINE)
_REVIEW_BANNER = "This article requires pre-publication review"


def canonical_url(url: str) -> str:
    """Return the URL with the doubled slash after the host collapsed to one.

    Args:
        url: An upstream URL (``https://en.wikinews.org//wiki/Title``).

    Returns:
        ``https://en.wikinews.org/wiki/Title``; other URLs are returned stripped but unchanged.

    """
    return _DOUBLE_SLASH.sub(r"\1/", url.strip())


def article_id(url: str) -> str:
    """Return the stable article id for a Wikinews URL.

    Args:
        url: The article URL (upstream or canonical spelling: both give the same id).

    Returns:
        ``wikinews-`` followed by the first 10 hex digits of sha1 of the canonical URL.

    """
    return f"{SOURCE}-{hashlib.sha1(canonical_url(url).encode('utf-8')).hexdigest()[:10]}"


def _iso_date(value: str) -> str:
    """Return ``value`` as an ISO date, or '' when it is not one."""
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        return ""


def read(root: Path) -> ReadResult:
    """Read the Wikinews CSV files from their source folder.

    ``upstream.record`` is ``row N``, the N-th data row of that file after the header. Rows whose
    text holds nothing but the dateline are skipped as ``empty-text``.

    Args:
        root: The ``wikinews`` source folder (same layout as the mirror).

    Returns:
        The articles sorted by id, skipped rows with reasons, and notes.

    Raises:
        FileNotFoundError: If one of :data:`FILENAMES` is missing from ``root``.
        ValueError: If a file's header is not :data:`COLUMNS`.

    """
    articles: list[Article] = []
    skipped: list[Skipped] = []
    notes: list[str] = []
    seen: Counter[str] = Counter()
    repair_counts: Counter[str] = Counter()
    for filename in FILENAMES:
        path = root / filename
        upstream_sha = sha256_file(path)
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        if tuple(rows[0]) != COLUMNS:
            raise ValueError(f"{path}: header {rows[0]}; expected {list(COLUMNS)}")
        for number, row in enumerate(rows[1:], start=1):
            ref = f"row {number}"
            where = f"{filename}:{ref}"
            if len(row) != len(COLUMNS):
                detail = f"{len(row)} cells; expected {len(COLUMNS)}"
                skipped.append(Skipped(SOURCE, where, "malformed-row", detail))
                continue
            upstream_url, raw_date, title, text = row
            if not upstream_url.strip():
                skipped.append(Skipped(SOURCE, where, "missing-url", f"title {title!r}"))
                continue
            if not _DATELINE.sub("", text).strip():
                detail = f"{upstream_url}: text is empty or only a dateline ({text.strip()!r})"
                skipped.append(Skipped(SOURCE, where, "empty-text", detail))
                continue
            url = canonical_url(upstream_url)
            repairs: list[str] = []
            if url != upstream_url:
                repairs.append("url-double-slash-collapsed")
            iso_date = _iso_date(raw_date)
            if not iso_date:
                repairs.append("date-unparsed")
            key = article_id(url)
            seen[key] += 1
            # Same URL twice keeps both rows (dedup is curation's job) under distinct ids.
            ident = key if seen[key] == 1 else f"{key}-{seen[key]}"
            for kind in repairs:
                repair_counts[kind] += 1
            articles.append(
                Article(
                    id=ident,
                    source=SOURCE,
                    genre="news",
                    title=title,
                    text=text,
                    url=url,
                    outlet=OUTLET,
                    date=iso_date,
                    licence=licence(LICENCE_ID, f"Wikinews contributors, {url}"),
                    upstream=UpstreamFile(filename, upstream_sha, ref),
                    attributes={"upstream_url": upstream_url, "pending_review": text.startswith(_REVIEW_BANNER)},
                    repairs=tuple(repairs),
                )
            )
    articles.sort(key=lambda article: article.id)
    notes.append(f"{len(articles) + len(skipped)} rows: {len(articles)} articles, {len(skipped)} skipped")
    for kind, count in sorted(repair_counts.items()):
        notes.append(f"repair {kind}: {count} records")
    pending = [article.id for article in articles if article.attributes["pending_review"]]
    if pending:
        notes.append(
            f"{len(pending)} articles are unreviewed drafts (text opens with the review banner): {', '.join(pending)}"
        )
    repeated = [key for key, count in seen.items() if count > 1]
    if repeated:
        notes.append(f"{len(repeated)} URLs occur more than once (kept, suffixed -2, ...): {', '.join(repeated)}")
    return ReadResult(SOURCE, tuple(articles), tuple(skipped), tuple(notes))
