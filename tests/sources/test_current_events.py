"""Tests for the Wikipedia Current events portal reader, on the real mirrored pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conflictnews.io import sha256_file
from conflictnews.sources import current_events
from conflictnews.sources.base import ReadResult
from tests.paths import MIRROR

ROOT = MIRROR / "wikipedia-current-events"


@pytest.fixture(scope="module")
def result() -> ReadResult:
    """The reader's output on the mirror, read once for the module."""
    if not ROOT.is_dir():
        pytest.fail(f"mirror folder not found: {ROOT}; set CONFLICTNEWS_MIRROR")
    return current_events.read(ROOT)


def _count_items(root: Path) -> int:
    """Count leaf bullets of the armed-conflict sections independently of the reader."""
    total = 0
    for page in sorted((root / "_posts").glob("*.md")):
        indents: list[int] = []
        reading = False
        for line in page.read_text(encoding="utf-8").splitlines():
            if line.startswith("#"):
                reading = line.strip("# ").lower() in ("armed conflicts and attacks", "attacks and armed conflicts")
                continue
            bullet = re.match(r"^( *)[*+-] ", line)
            if reading and bullet:
                indents.append(len(bullet.group(1)))
        total += sum(1 for i, ind in enumerate(indents) if i + 1 == len(indents) or indents[i + 1] <= ind)
    return total


def test_every_item_is_an_article_or_skipped(result: ReadResult) -> None:
    assert len(list((ROOT / "_posts").glob("*.md"))) == 601
    assert len(result.articles) + len(result.skipped) == _count_items(ROOT) == 3581
    assert len(result.articles) == 3574
    assert {s.reason for s in result.skipped} == {"duplicate-page"}


def test_misdated_pages_repaired_to_their_real_dates(result: ReadResult) -> None:
    assert result.extras["repaired_dates"] == {
        "_posts/2020-12-20-index.md": "2025-04-09",
        "_posts/2027-12-05-index.md": "2025-09-30",
    }
    dup = [s for s in result.skipped if s.record.startswith("_posts/2020-12-20-index.md")]
    assert len(dup) == 3
    assert "real 2025-04-09" in dup[0].detail and "_posts/2025-04-09-index.md" in dup[0].detail
    assert len([s for s in result.skipped if s.record.startswith("_posts/2027-12-05-index.md")]) == 4
    assert not any(a.date.startswith(("2020", "2027")) for a in result.articles)
    assert all(a.upstream.path not in result.extras["repaired_dates"] for a in result.articles)


def test_citation_date_finds_the_real_date() -> None:
    body = (ROOT / "_posts" / "2027-12-05-index.md").read_text(encoding="utf-8")
    assert str(current_events.citation_date(body)) == "2025-09-30"


def test_known_item(result: ReadResult) -> None:
    by_id = {a.id: a for a in result.articles}
    item = by_id["wikipedia-current-events-2025-04-09-02"]
    assert item.text == (
        "Israeli strikes in the Gaza Strip kill at least 35 Palestinians, including at least 23 "
        "in an apartment building in Shuja'iyya, Gaza City."
    )
    assert [c["outlet"] for c in item.attributes["citations"]] == ["AP", "Al Jazeera", "Channel 4"]
    assert item.attributes["citations"][0]["url"].startswith("https://apnews.com/article/israel-palestinians")
    assert item.attributes["topic_path"] == [
        "Gaza war",
        "Israeli bombing of the Gaza Strip",
        "April 2025 Shuja'iyya airstrike",
    ]
    assert "Shuja'iyya" in item.attributes["links"] and "Gaza City" in item.attributes["links"]
    assert item.url == "https://en.wikipedia.org/wiki/Portal:Current_events/2025_April_9"
    assert item.licence.id == "CC-BY-SA-4.0"
    assert item.licence.attribution == "Wikipedia contributors, Portal:Current events/2025 April 9"
    assert item.upstream.sha256 == sha256_file(ROOT / "_posts" / "2025-04-09-index.md")
    # Emphasised outlet names lose their asterisks.
    first = by_id["wikipedia-current-events-2025-04-09-01"]
    assert first.attributes["citations"][0]["outlet"] == "Kyiv Independent"


def test_trailing_junk_and_interlanguage_markers() -> None:
    got = current_events.inline_to_text(
        'Forces capture [Rozlyv](https://en.wikipedia.org/wiki/Rozlyv?action=edit&redlink=1 "Rozlyv") '
        '[[uk](https://uk.wikipedia.org/wiki/X "uk:X")] in *[Donetsk](https://en.wikipedia.org/wiki/Donetsk)*. '
        "[(Reuters)](https://www.reuters.com/a) [(*The Moscow Times*)](https://www.themoscowtimes.com/b)'"
    )
    assert got.text == "Forces capture Rozlyv in Donetsk."
    assert [c.outlet for c in got.citations] == ["Reuters", "The Moscow Times"]
    assert got.links == ("Rozlyv", "uk:X", "Donetsk")


def test_text_is_plain_and_provenance_complete(result: ReadResult) -> None:
    ids = [a.id for a in result.articles]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    for article in result.articles:
        assert "](" not in article.text and "**" not in article.text and "*" not in article.text, article.id
        assert article.text and article.source == "wikipedia-current-events" and article.genre == "snippet"
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", article.date)
        assert article.id.startswith(f"wikipedia-current-events-{article.date}-")
        assert article.outlet == "Wikipedia Current events portal"
        assert article.url.startswith("https://en.wikipedia.org/wiki/Portal:Current_events/")
        assert article.upstream.path.startswith("_posts/") and len(article.upstream.sha256) == 64
        assert article.upstream.record and article.licence.attribution
        assert set(article.attributes) == {"topic_path", "citations", "links"}
    assert sum(1 for a in result.articles if not a.attributes["citations"]) == 1
