"""Tests for the White House releases reader, on the real mirrored releases."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from conflictnews.io import sha256_file
from conflictnews.sources import whitehouse
from conflictnews.sources.base import ReadResult
from tests.paths import MIRROR

ROOT = MIRROR / "whitehouse-statements"
HOUTHIS = (
    "briefings-statements/2025-01/2025-01-22-fact-sheet-president-donald-j-trump-protects-the-states-and-the-"
    "american-people-by-closing-the-border-to-illegals-via-proclamation-2.md"
)
PANETTA = (
    "statements-releases/2023-02/2023-02-24-icymi-defense-secretaries-panetta-and-hagel-debt-ceiling-"
    "brinksmanship-weakens-us-national-security.md"
)


@pytest.fixture(scope="module")
def result() -> ReadResult:
    """The reader's output on the mirror, read once for the module."""
    if not ROOT.is_dir():
        pytest.fail(f"mirror folder not found: {ROOT}; set CONFLICTNEWS_MIRROR")
    return whitehouse.read(ROOT)


def test_every_release_is_an_article_or_skipped(result: ReadResult) -> None:
    files = [p for f in whitehouse.FOLDERS for p in (ROOT / f).rglob("*.md")]
    assert len(files) == 940
    assert len(result.articles) + len(result.skipped) == 940
    assert Counter(s.reason for s in result.skipped) == {"third-party-reprint": 19}
    records = {a.upstream.path for a in result.articles} | {s.record for s in result.skipped}
    assert len(records) == 940
    assert not any("sha256" in n for n in result.notes)  # every file matches FILES.sha256


def test_reprints_excluded_with_their_cue(result: ReadResult) -> None:
    skipped = {s.record: s for s in result.skipped}
    assert skipped[PANETTA].reason == "third-party-reprint"
    assert skipped[PANETTA].detail.startswith("icymi: title 'ICYMI:")
    cues = Counter(s.detail.split(":", 1)[0] for s in result.skipped)
    assert cues == {"what-they-are-saying": 12, "icymi": 4, "attributed-quote-compilation": 3}
    # Letters written by the President are government works and stay.
    titles = [a.title for a in result.articles]
    assert sum(t.startswith("Letter to the Speaker") for t in titles) >= 20
    assert not any("ICYMI" in t or "WHAT THEY ARE SAYING" in t.upper() for t in titles)


def test_reprint_cue_rules() -> None:
    assert whitehouse.reprint_cue("Statement by the President", "statement", "Today I signed a bill.") is None
    assert whitehouse.reprint_cue("Leaders respond", "x", "*Here’s what they’re saying:*\n\nA").startswith(
        "what-they-are-saying: body line"
    )
    quotes = "\n\n".join(f"[Sen. {i}](https://x.com/{i}): “Great work.”" for i in range(10))
    assert whitehouse.reprint_cue("Praise", "praise", "Intro.\n\n" + quotes).startswith("attributed-quote-compilation")
    assert whitehouse.reprint_cue("Letter from Senator X to the President", "l", "").startswith("letter-by-others")


def test_known_release(result: ReadResult) -> None:
    by_path = {a.upstream.path: a for a in result.articles}
    houthis = by_path[HOUTHIS]
    assert houthis.text.startswith(
        "REVERSING THE BIDEN ADMINISTRATION’S REMOVAL OF THE HOUTHIS FROM THE FOREIGN TERRORIST ORGANIZATION LIST: "
        "Today, President Donald J. Trump signed an Executive Order Re-Designating Ansar Allah (also known as the "
        "Houthis) as a Foreign Terrorist Organization.\n\nThe Executive Order sets in motion a process by which "
        "Ansar Allah, also known as the Houthis, will be designated as a Foreign Terrorist Organization.\n"
        "President Trump designated the Iranian-backed Houthis"
    )
    assert houthis.title == (
        "FACT SHEET: President Donald J. Trump Re-designates the Houthis as a Foreign Terrorist Organization"
    )
    # Upstream front matter: the source_url names the border-proclamation fact sheet.
    assert houthis.attributes["source_url_suspect"] is True
    assert houthis.url.endswith("closing-the-border-to-illegals-via-proclamation-2/")
    assert houthis.repairs and houthis.repairs[0].startswith("source-url-suspect:")
    assert sum(a.attributes["source_url_suspect"] for a in result.articles) == 2
    assert houthis.date == "2025-01-22" and houthis.attributes["published_time"] == "2025-01-22T18:22:11-05:00"
    assert houthis.attributes["tags"] == ["briefings-statements"]
    assert houthis.upstream.sha256 == sha256_file(ROOT / HOUTHIS)
    assert houthis.licence.attribution == f"The White House, {houthis.url}"


def test_markdown_rules() -> None:
    md = (
        '## A **Heading**\n\nSome *wrapped*\ntext with a [link](https://x.org "t") and '
        "![img](a.png).  \nBroken line.\n\n-   first item\n    continued\n    -   nested\n-   second\n\n"
        '<figure><img src="a.jpg"></figure>\n\n<p>Tagged \\[sic\\] text</p>\n\nTitle\n=====\n\n\\*\\*\\*\n\nEnd'
    )
    assert whitehouse.markdown_to_text(md) == (
        "A Heading\n\nSome wrapped text with a link and .\nBroken line.\n\n"
        "first item continued\nnested\nsecond\n\nTagged [sic] text\n\nTitle\n\nEnd"
    )


def test_text_and_provenance(result: ReadResult) -> None:
    ids = [a.id for a in result.articles]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    for article in result.articles:
        assert article.text, article.id
        assert "](" not in article.text and "**" not in article.text and "<img" not in article.text, article.id
        assert "\n\n\n" not in article.text and "\u00a0" not in article.text
        assert article.genre == "official-statement" and article.outlet == "The White House"
        assert article.url.startswith("https://") and article.title
        assert article.id.startswith(f"whitehouse-statements-{article.date}-")
        assert article.attributes["folder"] == article.upstream.path.split("/", 1)[0]
        assert article.licence.id == "PD-USGov" and len(article.upstream.sha256) == 64


def test_malformed_front_matter_is_skipped_by_name(tmp_path: Path) -> None:
    folder = tmp_path / "releases" / "2026-01"
    folder.mkdir(parents=True)
    bad_text = "---\ntitle: [unclosed\ndate: '2026-01-02'\n---\nBody.\n"
    (folder / "2026-01-02-bad.md").write_text(bad_text, encoding="utf-8")
    (folder / "2026-01-03-good.md").write_text(
        "---\ndate: '2026-01-03'\nsource_url: https://www.whitehouse.gov/releases/2026/01/good/\ntags: releases\n"
        "title: Good\n---\n \nA **good** release.\n",
        encoding="utf-8",
    )
    got = whitehouse.read(tmp_path)
    assert [a.text for a in got.articles] == ["A good release."]
    (bad,) = got.skipped
    assert bad.reason == "malformed-front-matter" and bad.record == "releases/2026-01/2026-01-02-bad.md"
    assert bad.detail.startswith("releases/2026-01/2026-01-02-bad.md: front matter is not valid YAML")
