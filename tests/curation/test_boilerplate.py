"""Outlet boilerplate rules: one test per rule kind, on invented text in each outlet's page format."""

from __future__ import annotations

import pytest

from conflictnews.curation.boilerplate import (
    POSITIONS,
    RULES,
    alaraby_tags_end,
    find_boilerplate,
    sputnik_box_end,
)
from conflictnews.curation.normalise import curate_text

LEAD = "At least 12 people were killed in shelling on the town of Velmora on Monday a monitor said."


def removed(text: str, source: str = "fa-kes", outlet: str = "") -> list[tuple[str, str]]:
    """Return (rule, removed text) for every boilerplate span of ``text``."""
    return [(r.rule, text[r.start : r.end]) for r in find_boilerplate(text, source, outlet)]


def body(text: str, outlet: str, title: str = "") -> str:
    """Return the curated body (after the headline) of an invented FA-KES page."""
    curated = curate_text(text, title, "fa-kes", outlet)
    return curated.text[len(curated.title) + 2 :] if curated.title else curated.text


def test_every_rule_is_well_formed() -> None:
    for rule in RULES:
        assert rule.position in POSITIONS and rule.sources, rule
        assert rule.name.startswith("boilerplate-") and rule.kind == rule.kind.lower(), rule
        if rule.window is not None or rule.extent is not None:
            assert rule.position == "inline", rule
        # a pattern that can match nothing would remove nothing and loop the peeling
        assert not rule.pattern.fullmatch(""), rule


@pytest.mark.parametrize(
    ("outlet", "stamp"),
    [
        ("alaraby", "Date of publication 5 July 2016 "),
        ("alaraby", "Date of publication 7 July 2016 Video "),
        ("dailysabah", "Published July 5 2015 "),
        ("nna", "Wed 05 Apr 2017 at 0914 "),
        ("etilaf", "Thursday 31 July 2014 10:59 "),
        ("tass", "August 13 2016 2037 UTC+3 "),
        ("manar", "6-09-2013 "),
        ("sputnik", "24.08.2013 "),
        ("sputnik", "05.10.2017(updated 1935 05.10.2017) "),
        ("arabiya", "Aug. 1 2016 "),
        ("asharqalawsat", "Posted on April 2 2017 by Youssef Diab "),
    ],
)
def test_date_line_peels_the_publication_stamp(outlet: str, stamp: str) -> None:
    assert removed(stamp + LEAD, outlet=outlet) == [("boilerplate-date-line", stamp)]


def test_date_line_leaves_a_date_inside_the_text() -> None:
    text = "Rebels said on 5 July 2016 that the town had fallen."
    assert removed(text, outlet="alaraby") == []
    assert removed("The offensive began. " + "5 July 2016 " + LEAD, outlet="alaraby") == []


def test_date_line_wikinews_dateline_and_white_house_clock_lines() -> None:
    wikinews = "Friday, August 21, 2015\n\n" + LEAD
    assert removed(wikinews, "wikinews") == [("boilerplate-date-line", "Friday, August 21, 2015\n\n")]
    transcript = "East Room\n\n3:40 P.M. EST\n\nTHE PRESIDENT: Thank you.\n\n4:08 P.M. EST\n\n###"
    assert removed(transcript, "whitehouse-statements") == [
        ("boilerplate-date-line", "3:40 P.M. EST\n"),
        ("boilerplate-date-line", "4:08 P.M. EST\n"),
        ("boilerplate-end-mark", "###"),
    ]
    release = "April 17, 2024\n\nToday the Administration announces an agreement.\n\nTHE WHITE HOUSE,\nMarch 30, 2022."
    assert removed(release, "whitehouse-statements") == [("boilerplate-date-line", "April 17, 2024\n\n")]
    # the same stamp in another source's text is that source's business
    assert removed(wikinews, "re3d") == []


def test_last_updated() -> None:
    assert removed("Last updated at Apr 232017 BEIRUT " + LEAD, outlet="jordantimes") == [
        ("boilerplate-last-updated", "Last updated at Apr 232017 ")
    ]
    tail = " Last Update: Saturday 7 October 2017 KSA 16:06 - GMT 13:06 3885"
    assert removed(LEAD + tail, outlet="arabiya") == [("boilerplate-last-updated", tail)]


def test_click_to_enlarge_and_read_also() -> None:
    text = f"{LEAD} [Click to enlarge] The siege went on. (Click to enlarge) Read Also"
    assert sorted(removed(text, outlet="alaraby")) == [
        ("boilerplate-click-to-enlarge", "(Click to enlarge)"),
        ("boilerplate-click-to-enlarge", "[Click to enlarge] "),
        ("boilerplate-read-also", " Read Also"),
    ]
    assert body(text, "alaraby") == f"{LEAD} The siege went on."


def test_photo_credit_removes_the_credit_and_keeps_the_caption() -> None:
    caption = "A man walks past a damaged building in Velmora on July 10 2016."
    text = f"{LEAD} {caption} (TRT World and Agencies) Rescue teams worked overnight."
    assert body(text, "trt") == f"{LEAD} {caption} Rescue teams worked overnight."
    assert removed(f"{caption} (Reuters Photo) " + LEAD, outlet="dailysabah") == [
        ("boilerplate-photo-credit", " (Reuters Photo)")
    ]


def test_tag_list_ends_where_the_lead_begins() -> None:
    standfirst = "Twelve people died in shelling on Velmora."
    for tags, lead in [
        ("Syria Velmora shelling human rights", "At least 12 people were killed"),
        ("Syria Syrian Observatory for Human Rights Karsk", "Fifty nine rockets hit the town"),
        ("Velmora Syria Syrian regime", "Syrian regime warplanes bombed the town"),
        ("Syria Karsk", "An Israeli airstrike on a village killed five"),
        ("Velmora Karsk Palmyra", "The Islamic State group has released a video"),
        ("Syria Assad Velmora", "Suspected Syrian regime and Russian airstrikes in the town killed five"),
    ]:
        text = f"12 February 2015 {standfirst} Tags {tags} {lead} on Monday."
        assert body(text, "alaraby") == f"{standfirst} {lead} on Monday.", tags
    # a full stop ends the list; no lead found: nothing is removed
    assert alaraby_tags_end("Tags Syria Velmora war. A blast", 5, 31) == len("Tags Syria Velmora war.")
    assert alaraby_tags_end("Tags Syria Velmora Karsk", 5, 24) is None


def test_sputnik_tags_and_footer() -> None:
    footer = " ... 43 Tags Daesh Syria Community standardsDiscussion Comment via FacebookComment via Sputnik News"
    assert removed(LEAD + footer, outlet="sputnik") == [("boilerplate-tag-list", footer)]
    related = " ... 12 Topic Violence in Syria (10) Related Blast Hits Town Tags Syria Community standardsDiscussion"
    related += " Comment via FacebookComment via Sputnik News"
    assert [r for r, _ in removed(LEAD + related, outlet="sputnik")] == ["boilerplate-site-footer"]


def test_share_widgets() -> None:
    assert body("21.08.2013Get short URL 0 0 0 " + LEAD, "sputnik") == LEAD
    assert body("Published August 6 2016 SEND httpsabahdai.lyac6kWj " + LEAD, "dailysabah") == LEAD
    text = f"{LEAD} Karsk clashes continue Ediz Tiyansan reports - YouTube The town is cut off."
    assert body(text, "trt") == f"{LEAD} The town is cut off."


def test_site_footers() -> None:
    reuters = " Reporting by Ann Writer; Editing by Bo Editor Our Standards:The Thomson Reuters Trust Principles."
    assert [r for r, _ in removed(LEAD + reuters, outlet="reuters")] == [
        "boilerplate-credit-line",
        "boilerplate-site-footer",
    ]
    trt = " Source TRTWorld and agencies Related News Karsk road reopens Follow us Copyright 2018 Cookie Policy"
    assert body(LEAD + trt, "trt") == LEAD


@pytest.mark.parametrize(
    ("outlet", "credit"),
    [
        ("nna", ".-AFP"),
        ("nna", ". --Reuters"),
        ("etilaf", ". (Source: Syrian Coalition) Twitter"),
        ("arabiya", ". (With AFP and Reuters)"),
        ("sana", ". Manar al-Freih / Hazem Sabbagh"),
        ("sana", ". R.J/ Ghossoun/H. Said"),
        ("alalam", ". SSH 11"),
        ("alalam", ". 218-11"),
        ("asharqalawsat", ". Youssef Diab"),
        ("alaraby", ". Agencies contributed to this report"),
    ],
)
def test_credit_line_at_the_end(outlet: str, credit: str) -> None:
    assert body(LEAD[:-1] + credit, outlet) == LEAD


def test_credit_line_keeps_a_last_sentence_that_names_people() -> None:
    text = "Rockets hit Velmora. The town was quiet on Sunday said resident Hazem Sabbagh"
    assert removed(text, outlet="sana") == []  # no sentence end before the names


def test_reuters_byline_after_the_headline() -> None:
    text = "December 16 2013 Rockets hit Velmora: monitor. Oliver Holmes Suleiman Al-Khalidi. " + LEAD
    assert body(text, "reuters", "Rockets hit Velmora: monitor") == LEAD


def test_ahram_header_credit_and_date() -> None:
    title = "Rockets hit Velmora market Monitor"
    text = f"{title} AFP Saturday 16 Jul 2016 {LEAD}"
    assert body(text, "ahram", title) == LEAD


def test_related_links_box_in_sputnik() -> None:
    box = "REUTERS Ann Photographer Blast Hits Karsk Market as Talks Stall "
    text = f"{LEAD} {box}MOSCOW (Sputnik) The talks resumed. {box}The talks resumed."
    assert body(text, "sputnik") == f"{LEAD} MOSCOW (Sputnik) The talks resumed. The talks resumed."
    # "Sputnik" opening a sentence is article text
    assert sputnik_box_end("Sputnik correspondent said five died.", 7, 37) is None


def test_rules_stay_in_their_source_and_outlet() -> None:
    text = "Published July 5 2015 " + LEAD + " Read Also"
    assert removed(text, "wikinews") == []
    assert removed(text, "fa-kes", "nna") == [("boilerplate-date-line", "Published July 5 2015 ")]
