"""Reader for the Wikipedia "Portal:Current events" daily pages (source ``wikipedia-current-events``).

Stage: corpus (reading). Input: ``_posts/*.md`` under the source folder, one Markdown page per
day with a Jekyll front matter (``title``, ``date``) and ``#### <category>`` sections of nested
bullets. Output: one :class:`~conflictnews.sources.base.Article` (genre ``snippet``) per item of
the section "Armed conflicts and attacks", plus :class:`~conflictnews.sources.base.Skipped`
records for the items that are not turned into articles.

Rules:

* **Section.** Only sections headed ``#### Armed conflicts and attacks`` are read; one page
  (2025-02-28) spells it ``Attacks and armed conflicts`` and is read too. A page may hold the
  section twice (2025-08-06); both are read, in file order. Other sections are ignored.
* **Items and topics.** A bullet (``*``, ``+`` or ``-`` at any indentation) that has deeper
  bullets under it is a *topic* ("Russian invasion of Ukraine"); a bullet without children is an
  *item*. ``topic_path`` lists the plain text of the item's ancestor topic bullets, outermost
  first.
* **Plain text.** A Markdown link ``[anchor](target "title")`` becomes its anchor text; emphasis
  asterisks (``*``, ``**``) are removed; backslash escapes are unescaped; runs of whitespace
  become one space. The trailing run of links to non-Wikipedia pages is the item's citations:
  it is removed from ``text`` and kept in ``attributes["citations"]`` as ``{"outlet", "url"}``
  (outlet = the anchor without parentheses and emphasis, e.g. ``AP``, ``Kyiv Independent``). A
  full stop, quote or ``[unreliable source?]`` tag left after the citations is dropped too.
  Wikipedia's interlanguage markers after red links (``Rozlyv [uk]``) are dropped from the text.
* **Links.** ``attributes["links"]`` lists the Wikipedia pages the item links to (the link's
  title attribute, else the page name decoded from the URL; other-language wikis are prefixed
  ``<lang>:``), first mention first, without repeats.
* **Dates.** The page date is the front matter ``date``. It is checked against the dates found in
  the citation URLs (``/2025/4/9/``, ``2025-04-09``, ``/2025/apr/09/``): when the most common
  citation date (named by at least :data:`MIN_DATE_VOTES` URLs and by more than half of the
  dated ones) is more than :data:`MAX_DATE_DRIFT_DAYS` days away, the page is misdated and its
  real date is the citation date (repair ``date-from-citations:<stated>-><real>``). Upstream,
  ``2020-12-20-index.md`` and ``2027-12-05-index.md`` are such pages; both are also byte-identical
  copies (body after the front matter) of the pages of their real dates, so their items are
  skipped as ``duplicate-page`` instead of being emitted twice under the same ids.
* **Ids.** ``wikipedia-current-events-<YYYY-MM-DD>-<nn>``, ``nn`` = 1-based item order within
  the day page (stable for a fixed upstream file).
* **Skips.** An item whose plain text is empty becomes ``Skipped(reason="empty-text")``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from conflictnews.io import sha256_file
from conflictnews.sources.base import Article, ReadResult, Skipped, UpstreamFile
from conflictnews.sources.licences import licence
from conflictnews.sources.registry import source_of

SOURCE = source_of(__name__)
OUTLET = "Wikipedia Current events portal"
#: Section headings read (normalised to lower case).
SECTION_TITLES: frozenset[str] = frozenset({"armed conflicts and attacks", "attacks and armed conflicts"})
#: A page whose citation URLs point more than this many days away from its stated date is misdated.
MAX_DATE_DRIFT_DAYS = 7
#: A citation date counts only when at least this many citation URLs, and more than half, name it.
MIN_DATE_VOTES = 3

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*$")
_BULLET = re.compile(r"^( *)[*+-] (.*)$")
#: ``[anchor](target "title")``; anchors may hold one level of brackets, targets balanced parens.
LINK = re.compile(
    r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]"
    r"\(<?((?:[^()\s<>]|\([^()\s]*\))*)>?(?:\s+\"((?:[^\"\\]|\\.)*)\")?\)"
)
#: Wikipedia's interlanguage marker after a red link: ``Rozlyv [[uk](https://uk.wikipedia.org/...)]``.
_INTERLANGUAGE = re.compile(
    r"\s?\[\[([a-z-]{2,12})\]\(https?://\1\.wikipedia\.org/(?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)\]"
)
#: What upstream leaves after an item's citations: a full stop, a quote, a maintenance tag.
_AFTER_CITATION = re.compile(r"(?:\[\*?\[[^\]]*\]\([^)]*\)\*?\]|[.'’])$")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!\"'])")
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_URL_DATES = (
    re.compile(r"(?<!\d)(20\d\d)[/-](\d{1,2})[/-](\d{1,2})(?!\d)"),
    re.compile(r"/(20\d\d)/([a-z]{3})/(\d{1,2})/"),
)


@dataclass(frozen=True)
class Citation:
    """An outlet cited at the end of an item.

    Attributes:
        outlet: Outlet name as shown in the parentheses (``AP``, ``Kyiv Independent``).
        url: The cited article's URL ('' when the citation is not a link).

    """

    outlet: str
    url: str


@dataclass(frozen=True)
class Inline:
    """An inline Markdown fragment reduced to plain text.

    Attributes:
        text: Plain text (links → anchor text, emphasis removed), citations excluded.
        citations: Trailing citations, in order.
        links: Wikipedia link targets, first mention first, without repeats.

    """

    text: str
    citations: tuple[Citation, ...]
    links: tuple[str, ...]


@dataclass(frozen=True)
class _Page:
    """One parsed day page."""

    rel: str
    stated: str
    body: str
    offset: int


def _plain(fragment: str) -> str:
    """Return ``fragment`` without emphasis asterisks, escapes and doubled whitespace."""
    text = re.sub(r"(?<!\\)\*+", "", fragment)
    text = _ESCAPE.sub(r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def _wiki_target(url: str, title: str | None) -> str | None:
    """Return the Wikipedia page a link points to, or None for a non-Wikipedia link."""
    parts = urlsplit(url)
    host = parts.netloc.lower()
    if not host.endswith(".wikipedia.org"):
        return None
    lang = host.split(".")[0]
    if parts.path.startswith("/wiki/"):
        name = unquote(parts.path[len("/wiki/") :]).replace("_", " ")
    else:
        query = dict(p.split("=", 1) for p in parts.query.split("&") if "=" in p)
        name = unquote(query.get("title", "")).replace("_", " ")
    if lang == "en" and title:
        name = title.replace('\\"', '"')
    if not name:
        return None
    return name if lang in ("en", "www") else f"{lang}:{name}"


def _ends_with_citation(body: str) -> re.Match[str] | None:
    """Return the non-Wikipedia link that ends ``body``, or None."""
    tail = None
    for match in LINK.finditer(body):
        if match.end() == len(body):
            tail = match
    if tail is None or _wiki_target(tail.group(2), None) is not None:
        return None
    return tail


def inline_to_text(fragment: str) -> Inline:
    """Reduce one item's Markdown to plain text, citations and Wikipedia link targets.

    Args:
        fragment: The Markdown of one bullet, without the bullet marker.

    Returns:
        The :class:`Inline` reduction (rules in the module docstring).

    """
    links: list[str] = []
    for match in LINK.finditer(fragment):
        target = _wiki_target(match.group(2), match.group(3))
        if target is not None and target not in links:
            links.append(target)
    # Peel trailing non-Wikipedia links (the citations) off the end, last first, with the stray
    # punctuation or "[unreliable source?]" tag that upstream sometimes leaves after them.
    body = _INTERLANGUAGE.sub("", fragment).rstrip()
    citations: list[Citation] = []
    while True:
        tail = _ends_with_citation(body)
        if tail is None:
            junk = _AFTER_CITATION.search(body)
            candidate = body[: junk.start()].rstrip() if junk else ""
            if not junk or _ends_with_citation(candidate) is None:
                break
            body = candidate
            continue
        outlet = _plain(tail.group(1)).strip("()").strip()
        citations.insert(0, Citation(outlet=outlet, url=tail.group(2)))
        body = body[: tail.start()].rstrip()
    text = _plain(LINK.sub(lambda m: m.group(1), body))
    return Inline(text=text, citations=tuple(citations), links=tuple(links))


def citation_date(body: str) -> dt.date | None:
    """Return the most common date named in the citation URLs of a page body, or None.

    Args:
        body: Page Markdown.

    Returns:
        The modal date (ties: the earliest), or None when fewer than :data:`MIN_DATE_VOTES`
        URLs, or not more than half of the dated ones, name it.

    """
    counts: Counter[dt.date] = Counter()
    for match in LINK.finditer(body):
        if _wiki_target(match.group(2), None) is not None:
            continue
        url = match.group(2).lower()
        for pattern in _URL_DATES:
            for year, month, day in pattern.findall(url):
                month_no = int(month) if month.isdigit() else _MONTHS.get(month, 0)
                try:
                    counts[dt.date(int(year), month_no, int(day))] += 1
                except ValueError:
                    continue
    if not counts:
        return None
    best = max(counts.values())
    if best < MIN_DATE_VOTES or 2 * best <= sum(counts.values()):
        return None
    return min(d for d, n in counts.items() if n == best)


def portal_url(date: str) -> str:
    """Return the portal page URL of an ISO date (``Portal:Current_events/2025_April_9``)."""
    day = dt.date.fromisoformat(date)
    return f"https://en.wikipedia.org/wiki/Portal:Current_events/{day.year}_{calendar.month_name[day.month]}_{day.day}"


def _portal_name(date: str) -> str:
    """Return the portal page name of an ISO date (``2025 April 9``)."""
    day = dt.date.fromisoformat(date)
    return f"{day.year} {calendar.month_name[day.month]} {day.day}"


def _read_page(path: Path, rel: str) -> _Page:
    """Split a page into its stated date and its body."""
    raw = path.read_text(encoding="utf-8")
    match = _FRONT_MATTER.match(raw)
    stated = path.name[:10]
    body = raw
    if match:
        body = raw[match.end() :]
        found = re.search(r"^date:\s*(\d{4}-\d{2}-\d{2})", match.group(1), re.M)
        if found:
            stated = found.group(1)
    return _Page(rel=rel, stated=stated, body=body, offset=raw[: len(raw) - len(body)].count("\n"))


def _items(body: str) -> list[tuple[int, list[str], str]]:
    """Return ``(line number, topic path markdown, item markdown)`` for the read sections."""
    lines = body.split("\n")
    bullets: list[tuple[int, int, str]] = []  # (line index, indent, markdown)
    in_section = False
    for index, line in enumerate(lines):
        heading = _HEADING.match(line)
        if heading:
            in_section = heading.group(1).strip().lower() in SECTION_TITLES
            continue
        bullet = _BULLET.match(line) if in_section else None
        if bullet:
            bullets.append((index, len(bullet.group(1)), bullet.group(2)))
    out: list[tuple[int, list[str], str]] = []
    stack: list[tuple[int, str]] = []
    for pos, (index, indent, markdown) in enumerate(bullets):
        while stack and stack[-1][0] >= indent:
            stack.pop()
        has_child = pos + 1 < len(bullets) and bullets[pos + 1][1] > indent
        if has_child:
            stack.append((indent, markdown))
        else:
            out.append((index, [m for _, m in stack], markdown))
    return out


def read(root: Path) -> ReadResult:
    """Read the "Armed conflicts and attacks" items of every day page under ``root/_posts``.

    Args:
        root: The source folder (laid out like ``../shared/corpus/wikipedia-current-events``).

    Returns:
        Articles sorted by id, skipped items, and notes on the repaired page dates.

    Raises:
        FileNotFoundError: If ``root/_posts`` holds no ``*.md`` page.

    """
    paths = sorted((root / "_posts").glob("*.md"))
    if not paths:
        raise FileNotFoundError(f"{root / '_posts'}: no *.md pages; expected the portal's daily pages")
    pages = [_read_page(p, p.relative_to(root).as_posix()) for p in paths]
    by_body: dict[str, list[_Page]] = {}
    for page in pages:
        by_body.setdefault(page.body, []).append(page)

    articles: list[Article] = []
    skipped: list[Skipped] = []
    notes: list[str] = []
    repaired: dict[str, str] = {}
    for path, page in zip(paths, pages, strict=True):
        date = page.stated
        repairs: tuple[str, ...] = ()
        cited = citation_date(page.body)
        stated = dt.date.fromisoformat(page.stated)
        if cited is not None and abs((cited - stated).days) > MAX_DATE_DRIFT_DAYS:
            date = cited.isoformat()
            repairs = (f"date-from-citations:{page.stated}->{date}",)
            repaired[page.rel] = date
            notes.append(f"{page.rel}: stated date {page.stated}, citation URLs date it {date}; date repaired")
        twin = next((p for p in by_body[page.body] if p is not page and p.stated == date), None)
        items = _items(page.body)
        if twin is not None:
            notes.append(f"{page.rel}: body identical to {twin.rel}; its {len(items)} items skipped as duplicate-page")
            for number, (index, _, _) in enumerate(items, start=1):
                skipped.append(
                    Skipped(
                        source=SOURCE,
                        record=f"{page.rel}:line {index + 1}:item {number}",
                        reason="duplicate-page",
                        detail=(
                            f"misdated page (stated {page.stated}, real {date}) repeats {twin.rel} byte for byte; "
                            f"same item as {SOURCE}-{date}-{number:02d}"
                        ),
                    )
                )
            continue
        sha = sha256_file(path)
        url = portal_url(date)
        lic = licence("CC-BY-SA-4.0", attribution=f"Wikipedia contributors, Portal:Current events/{_portal_name(date)}")
        offset = 1 + page.offset
        for number, (index, topics, markdown) in enumerate(items, start=1):
            record = f"line {index + offset}:item {number}"
            item = inline_to_text(markdown)
            if not item.text:
                skipped.append(
                    Skipped(
                        source=SOURCE,
                        record=f"{page.rel}:{record}",
                        reason="empty-text",
                        detail=f"item reduces to no text: {markdown[:120]!r}",
                    )
                )
                continue
            articles.append(
                Article(
                    id=f"{SOURCE}-{date}-{number:02d}",
                    source=SOURCE,
                    genre="snippet",
                    title="",
                    text=item.text,
                    url=url,
                    outlet=OUTLET,
                    date=date,
                    licence=lic,
                    upstream=UpstreamFile(path=page.rel, sha256=sha, record=record),
                    attributes={
                        "topic_path": [inline_to_text(t).text for t in topics],
                        "citations": [{"outlet": c.outlet, "url": c.url} for c in item.citations],
                        "links": list(item.links),
                    },
                    repairs=repairs,
                )
            )
    articles.sort(key=lambda a: a.id)
    skipped.sort(key=lambda s: s.record)
    notes.append(f"{len(articles)} items from {len(pages)} pages; {len(skipped)} skipped")
    return ReadResult(
        source=SOURCE,
        articles=tuple(articles),
        skipped=tuple(skipped),
        notes=tuple(notes),
        extras={"repaired_dates": repaired},
    )
