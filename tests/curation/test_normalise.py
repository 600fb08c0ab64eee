"""Curation's article rules: the headline on top, its repeated copy, outlet names in titles, the offset map."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from conflictnews.curation.normalise import (
    HEADLINE_SEPARATOR,
    clean_title,
    curate_text,
    headline_copy,
    normalise_text,
)

BODY = "Artillery shelled the river town of Velmora on Tuesday.\n\nAt least twelve civilians were killed."


def test_headline_goes_on_top_with_a_blank_line() -> None:
    curated = curate_text(BODY, "Shelling kills 12 in Velmora", "wikinews", "Wikinews")
    assert curated.text == "Shelling kills 12 in Velmora" + HEADLINE_SEPARATOR + BODY
    assert curated.title == "Shelling kills 12 in Velmora"
    assert curated.changes == ("headline:1",)


def test_no_title_no_headline() -> None:
    """Snippets (portal items, strike days) have no headline; their text is the body alone."""
    curated = curate_text(BODY, "", "wikipedia-current-events")
    assert curated.text == BODY and curated.title == "" and curated.changes == ()


def test_character_rules_come_first_and_apply_to_the_title() -> None:
    curated = curate_text("  Troops\u00a0 advanced.\r\n", "Troops\u00a0advance\n", "wikinews")
    assert curated.text == "Troops advance\n\nTroops advanced."
    assert curated.changes[:2] == ("line-endings:1", "whitespace:4") and curated.changes[-1] == "headline:1"
    assert curated.normalised == normalise_text("  Troops\u00a0 advanced.\r\n")[0]


def test_repeated_headline_is_kept_once() -> None:
    title = "Shelling kills 12 in Velmora"
    for page in (
        f"{title}\n\n{BODY}",  # a press release's first line
        f"{title}. {BODY}",  # a flattened page, headline then lead
        f"{title} {BODY}",  # no stop between them
        f'"Shelling" Kills 12 in Velmora: {BODY}',  # quotes and case differ
        f"title: {title}. {BODY}",  # a page label before it
    ):
        curated = curate_text(page, title, "fa-kes", "nna")
        assert curated.text == title + HEADLINE_SEPARATOR + BODY, page
        assert "headline-repeated:1" in curated.changes


def test_a_headline_copy_needs_a_break_after_it() -> None:
    # re3d's Wikipedia pages open with their subject: that is the article, not a repeated headline
    subject = "Hibhib (Arabic: Hibhib Village) is a village in northern Iraq."
    assert curate_text(subject, "Hibhib", "re3d").text == "Hibhib\n\n" + subject
    hospital = "Al Assad University Hospital in Damascus is one of the largest teaching hospitals."
    assert curate_text(hospital, "Al Assad University Hospital", "re3d").text.endswith("\n\n" + hospital)
    assert headline_copy("...") is None


def test_a_truncated_fa_kes_title_gets_its_source_tag_back() -> None:
    page = "Blast kills six in Aleppo Syrian state TV A bomb blast killed six."
    curated = curate_text(page, "Blast kills six in Aleppo Syrian state", "fa-kes", "ahram")
    assert curated.text == "Blast kills six in Aleppo Syrian state TV\n\nA bomb blast killed six."
    assert curated.title == "Blast kills six in Aleppo Syrian state TV"


def test_outlet_names_are_cut_from_titles() -> None:
    assert clean_title("Strike kills 15 near Raqqa | Jordan Times", "fa-kes") == ("Strike kills 15 near Raqqa", 1)
    assert clean_title("Car bomb kills 34 - Region - World - Ahram Online", "fa-kes") == ("Car bomb kills 34", 1)
    assert clean_title("National News Agency - Blasts in Homs", "fa-kes") == ("Blasts in Homs", 1)
    # only FA-KES's outlets write their names there; a White House place name stays
    assert clean_title("Remarks in Joint Press Conference | Helsinki, Finland", "whitehouse-statements")[1] == 0
    curated = curate_text(BODY, "Shelling in Velmora - Daily Sabah", "fa-kes", "dailysabah")
    assert curated.title == "Shelling in Velmora" and "headline-outlet-name:1" in curated.changes


def test_boilerplate_and_headline_rules_are_recorded_in_order() -> None:
    page = "Date of publication 5 July 2016 Twelve died in Velmora. [Click to enlarge] The siege went on. Read Also"
    curated = curate_text(page, "Siege of Velmora", "fa-kes", "alaraby")
    assert curated.text == "Siege of Velmora\n\nTwelve died in Velmora. The siege went on."
    assert curated.changes == (
        "boilerplate-click-to-enlarge:1",
        "boilerplate-date-line:1",
        "boilerplate-read-also:1",
        "headline:1",
    )


def test_origin_maps_every_kept_character_back() -> None:
    page = "Wed 05 Apr 2017 Shelling kills 12 in Velmora. Rescue teams searched the rubble.--AFP"
    curated = curate_text(page, "Shelling kills 12 in Velmora", "fa-kes", "nna")
    assert curated.text == "Shelling kills 12 in Velmora\n\nRescue teams searched the rubble."
    # the verbatim copy moved to the top: its characters keep their origin
    assert all(curated.normalised[o] == ch for ch, o in zip(curated.text, curated.origin, strict=True) if o >= 0)
    assert curated.origin[0] == page.index("Shelling")
    index = curated.index_map()
    assert index[page.index("Rescue")] == curated.text.index("Rescue")
    assert index[page.index("AFP")] == -1 and index[0] == -1


@given(
    st.text(alphabet=st.sampled_from(list("ab .\n\u00a0-")), max_size=60),
    st.text(alphabet=st.sampled_from(list("ab .")), max_size=12),
    st.sampled_from(["fa-kes", "wikinews", "whitehouse-statements", "centcom-oir"]),
)
def test_curation_only_deletes_and_adds_the_headline(text: str, title: str, source: str) -> None:
    curated = curate_text(text, title, source, "nna")
    assert len(curated.origin) == len(curated.text)
    assert all(curated.normalised[o] == ch for ch, o in zip(curated.text, curated.origin, strict=True) if o >= 0)
    kept = [o for o in curated.origin if o >= 0]
    assert kept == sorted(set(kept))  # characters are removed, never reordered or repeated
    assert curated.text == curated.text.strip()
    if curated.title:
        assert curated.text.startswith(curated.title)
    assert curate_text(text, title, source, "nna") == curated  # deterministic
