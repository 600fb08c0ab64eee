"""Tests for the CENTCOM Operation Inherent Resolve strike-release reader, on the real CSV."""

from __future__ import annotations

import csv

import pytest

from conflictnews.io import sha256_file
from conflictnews.sources import centcom
from conflictnews.sources.base import ReadResult
from tests.paths import MIRROR

ROOT = MIRROR / "centcom-oir"


@pytest.fixture(scope="module")
def result() -> ReadResult:
    """The reader's output on the mirror, read once for the module."""
    if not ROOT.is_dir():
        pytest.fail(f"mirror folder not found: {ROOT}; set CONFLICTNEWS_MIRROR")
    return centcom.read(ROOT)


def test_every_line_lands_in_one_day(result: ReadResult) -> None:
    with (ROOT / "all.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 5605
    assert len(result.articles) == 618 == len({r["date"] for r in rows})
    assert result.skipped == ()
    assert sum(a.attributes["n_lines"] for a in result.articles) == 5605
    assert sum(a.attributes["n_strikes"] for a in result.articles) == sum(int(r["number"]) for r in rows)
    assert result.articles[0].date == "2014-10-02" and result.articles[-1].date == "2016-10-17"


def test_known_day(result: ReadResult) -> None:
    day = {a.id: a for a in result.articles}["centcom-oir-2016-10-17"]
    lines = day.text.split("\n")
    assert lines[:2] == ["Syria", "Near Abu Kamal, one strike destroyed six oil tanker trucks and an oil pump jack."]
    assert lines.count("Iraq") == 1 and lines[lines.index("Iraq") - 1] == ""
    assert day.attributes["countries"] == ["Syria", "Iraq"]
    assert day.attributes["n_lines"] == 11 and day.attributes["n_strikes"] == 17
    assert day.upstream.record == "lines 2-12"
    assert day.licence.id == "PD-USGov"
    assert day.licence.attribution == "U.S. Central Command, Operation Inherent Resolve strike release, 2016-10-17"


def test_country_repairs(result: ReadResult) -> None:
    by_id = {a.id: a for a in result.articles}
    tikrit = by_id["centcom-oir-2015-03-26"]
    assert tikrit.text.startswith("Iraq\nIn Tikrit, 17 airstrikes struck")
    assert tikrit.repairs == ("line 4996:country-normalised:'Tikrit, Iraq'->'Iraq'",)
    early = by_id["centcom-oir-2014-12-17"]
    assert early.text.startswith("In Syria, five airstrikes near Kobani")  # paragraph release: no header
    assert early.attributes["countries"] == ["Syria", "Iraq"]
    assert all("country-from-location" in r for r in early.repairs)


def test_text_and_provenance(result: ReadResult) -> None:
    sha = sha256_file(ROOT / "all.csv")
    ids = [a.id for a in result.articles]
    assert ids == sorted(ids) and len(set(ids)) == 618
    for article in result.articles:
        assert article.text and not article.text.startswith("-") and "\n-" not in article.text, article.id
        assert article.genre == "snippet" and article.source == "centcom-oir"
        assert article.outlet == "US Central Command (CENTCOM)" and article.url == ""
        assert article.id == f"centcom-oir-{article.date}"
        assert article.upstream.path == "all.csv" and article.upstream.sha256 == sha
        assert article.upstream.record.startswith("lines ")
        assert article.attributes["n_lines"] <= len(article.text.split("\n"))
