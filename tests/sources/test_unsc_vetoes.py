"""Tests for the UNSC vetoes reader and its news-to-meeting linking, on the real table."""

from __future__ import annotations

import re

import pytest

from conflictnews.io import sha256_file
from conflictnews.sources import reader
from conflictnews.sources.unsc_vetoes import FILENAME, Veto, find_meeting, read, vetoes_on
from tests.paths import MIRROR

ROOT = MIRROR / "unsc-vetoes"

ALEPPO_VETO = Veto(
    date="2016-12-05",
    year=2016,
    draft="S/2016/1026",
    meeting_record="S/PV.7825",
    agenda_item="Middle East",
    crisis_topic="Syria",
    region="Middle East",
    members=("Russia", "China"),
    record="row 195",
)


@pytest.fixture(scope="module")
def result():
    if not (ROOT / FILENAME).is_file():
        pytest.fail(f"vetoes table not found in {ROOT}; set CONFLICTNEWS_MIRROR")
    return read(ROOT)


@pytest.fixture(scope="module")
def vetoes(result) -> tuple[Veto, ...]:
    return result.extras["vetoes"]


def test_table_is_read_whole(result, vetoes):
    assert result.articles == ()
    assert result.skipped == ()
    assert len(vetoes) == 214
    assert vetoes[0].date == "1946-02-16" and vetoes[0].members == ("USSR",)
    assert vetoes[-1].date == "2022-07-08" and vetoes[-1].meeting_record == "S/PV.9087"
    assert result.extras["upstream"].sha256 == sha256_file(ROOT / FILENAME)
    assert result.extras["licence"].id == "MIT"
    assert reader("unsc-vetoes") is read
    assert read(ROOT).extras["vetoes"] == vetoes


def test_every_veto_is_well_formed(vetoes):
    for veto in vetoes:
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", veto.date) and int(veto.date[:4]) == veto.year
        assert veto.draft.startswith("S/") and veto.meeting_record.startswith("S/")
        assert veto.members and set(veto.members) <= {"China", "France", "Russia", "USSR", "USA", "UK"}
        assert veto.crisis_topic and veto.region and veto.agenda_item
    assert sum(1 for veto in vetoes if veto.crisis_topic == "Syria") == 17


def test_known_aleppo_veto(vetoes):
    assert vetoes_on("2016-12-05", vetoes) == [ALEPPO_VETO]
    assert vetoes_on("2016-12-06", vetoes) == []
    assert vetoes_on("2016-12-06", vetoes, within_days=1) == [ALEPPO_VETO]


def test_member_names_win_over_wrong_dummy_columns(result, vetoes):
    # 1976-10-19, S/12211 (Namibia): the dummies say USA and UK, the names France, UK, USA.
    (namibia,) = vetoes_on("1976-10-19", vetoes)
    assert namibia.draft == "S/12211" and namibia.members == ("France", "UK", "USA")
    # 1966-11-04: all dummies are 0, member_veto1 is USSR.
    (row,) = vetoes_on("1966-11-04", vetoes)
    assert row.members == ("USSR",)
    assert sum(1 for note in result.notes if "dummy columns say" in note) == 26


def test_multiline_meeting_record_is_joined(vetoes):
    (veto,) = vetoes_on("2020-07-07", vetoes)
    assert veto.meeting_record == "S/2020/661; S/2020/657"
    assert veto.members == ("Russia", "China")


def test_find_meeting_links_news_of_the_vote(vetoes):
    news = (
        "On Monday Russia and China vetoed a draft UN Security Council resolution calling for the "
        "imposition of a 7-day truce in Aleppo."
    )
    assert find_meeting(news, "2016-12-07", vetoes) == ALEPPO_VETO
    assert find_meeting("The council met on S/2016/1026 today.", "2016-12-05", vetoes) == ALEPPO_VETO
    # One Russian veto on Syria within three days of 2017-04-13: S/2017/315 on 2017-04-12.
    moscow = "On Wednesday Moscow vetoed a draft UN resolution on the chemical attack in Syria."
    assert find_meeting(moscow, "2017-04-13", vetoes).meeting_record == "S/PV.7922"


def test_find_meeting_refuses_weak_or_distant_evidence(vetoes):
    news = "Russia and China vetoed a draft resolution on Syria."
    assert find_meeting(news, "2016-12-20", vetoes) is None  # 15 days after the vote
    assert find_meeting("Russia and China discussed Syria.", "2016-12-05", vetoes) is None  # no veto
    assert find_meeting("France vetoed nothing about Cyprus.", "2016-12-05", vetoes) is None  # wrong members
    with pytest.raises(ValueError, match="ISO date"):
        find_meeting(news, "12/5/2016", vetoes)
