"""The committed corpus, text by text: materialise reproduces it, headlines are on top, no boilerplate is left.

These tests read every curated text of ``corpus/manifest.jsonl`` (rebuilt from the verified cache),
so they check the corpus that is committed, not a sample. The boilerplate markers below are
written from what the outlets print, independently of the rules in
:mod:`conflictnews.curation.boilerplate`: a rule that stops matching shows up here.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from conflictnews.curation.pipeline import materialise
from conflictnews.io import read_manifest, sha256_text
from tests.paths import ROOT

MANIFEST = ROOT / "corpus" / "manifest.jsonl"

#: Outlet boilerplate: (what it is, a pattern for it). None of these may occur in a curated text
#: (the photo credits only in news: "the Additional Protocol (AP)" in a statement is an acronym).
MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("publication label", r"Date of publication|\bPublished (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"),
        ("publication label", r"\bPosted on (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"),
        ("last updated", r"Last [Uu]pdated|Last Update:|\(updated \d|Updated with detail"),
        ("click to enlarge", r"Click to enlarge"),
        ("read also", r"\bRead [Aa]lso\b"),
        ("tag list", r"\bTags [A-Z]"),
        ("share widget", r"Get short URL|Print Tweet|Print this page|SEND https?|Twitter font size|\bMoreImage\b"),
        ("share widget", r" - YouTube\b"),
        ("site footer", r"Community standards|Comment via Facebook|Cookie Policy|Our Standards:|Never miss a story"),
        ("site footer", r"Related News|Follow us on|worlds premier pan-Arab"),
        (
            "photo credit",
            r"\((?:TRT World and [Aa]gencies|AFP|AP|Reuters|reuters|(?:AFP|AP|AA|IHA|Reuters) [Pp]hoto|AP Archive"
            r"|File photo|archive)\)|\[(?:AFP|AP|Reuters)\]",
        ),
        ("credit line", r"Source TRT ?World|\(Source: |\([Ww]ith (?:AFP|AP|Reuters)|Agencies contributed to this"),
        ("credit line", r"(?:^|[.;] )(?:Additional )?[Rr]eporting by .*[Ee]diting by"),
        ("credit line", r"[.\"] ?-{1,2} ?(?:REUTERS|Reuters|AFP)\Z"),
        ("end mark", r"(?m)^#(?: ?#){2}$"),
        ("dateline line", r"(?m)^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, [A-Z][a-z]+ \d{1,2}, \d{4}$"),
        ("clock line", r"(?m)^(?:END )?\d{1,2}:\d{2} [AP]\.M\. [A-Z]{3}$"),
    )
)
#: A publication stamp opening the body (FA-KES pages: "12 February 2015 ...", "July 5 2015 ...",
#: "24.08.2013 ...", "Wed 05 Apr 2017 ...").
STAMP = re.compile(
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? )?"
    r"(?:\d{1,2} [A-Z][a-z]{2,8}\.?,? \d{4}|[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}|\d{1,2}[.-]\d{1,2}[.-]\d{4})\b"
)


@pytest.fixture(scope="module")
def corpus(fetched_cache: Path) -> tuple[list[dict], dict[str, str]]:
    """The committed manifest and every text rebuilt from the cache (``materialise`` checks each sha256)."""
    if not MANIFEST.is_file():
        pytest.fail("corpus/manifest.jsonl is committed; run `conflictnews curate`")
    records = read_manifest(MANIFEST)
    return records, materialise(MANIFEST, fetched_cache)


def test_materialise_reproduces_every_manifest_text(corpus) -> None:
    records, texts = corpus
    assert set(texts) == {r["id"] for r in records}
    assert all(sha256_text(texts[r["id"]]) == r["text_sha256"] for r in records)
    assert all(r["characters"] == len(texts[r["id"]]) for r in records)
    assert {r["curation_version"] for r in records} == {"3"}


def test_no_boilerplate_left_in_any_curated_text(corpus) -> None:
    records, texts = corpus
    found = []
    for record in records:
        text = texts[record["id"]]
        body = text[len(record["title"]) + 2 :] if record["title"] else text
        for name, pattern in MARKERS:
            if name == "photo credit" and record["genre"] != "news":
                continue
            for match in pattern.finditer(text):
                found.append(f"{record['id']}: {name}: ...{text[max(0, match.start() - 40) : match.end() + 40]!r}")
        if record["genre"] != "snippet" and STAMP.match(body):
            found.append(f"{record['id']}: publication stamp opens the body: {body[:60]!r}")
    assert not found, f"{len(found)} boilerplate left:\n" + "\n".join(found[:30])


def test_every_headline_opens_its_text_once(corpus) -> None:
    records, texts = corpus
    for record in records:
        text, title = texts[record["id"]], record["title"]
        if record["genre"] == "snippet":
            # portal items and strike days have no headline (the readers give none)
            assert title == "" and "headline:1" not in record["normalisation"], record["id"]
            continue
        assert title and "\n" not in title and title == title.strip(), record["id"]
        assert text.startswith(title + "\n\n") and not text.startswith(title + "\n\n\n"), record["id"]
        assert "headline:1" in record["normalisation"], record["id"]
        # the body does not open with the headline again: its words, then a break, or (a flattened
        # page) a long headline's words run into a capitalised lead; a Wikipedia article opening with
        # its subject ("Hibhib (Arabic: ...) is a village") is not a repeat
        words = re.findall(r"\w+", title.lower())
        body = text[len(title) + 2 :]
        opening = list(re.finditer(r"\w+", body.lower()))[: len(words)]
        if [m.group() for m in opening] == words:
            after = body[opening[-1].end() :][:3]
            run_in = len(words) >= 4 and re.match(r"\W? [A-Z0-9\"]", after)
            assert not run_in and not re.match(r"\W?(?:\n|[.:]\s|\Z)", after), f"{record['id']}: headline repeated"


def test_every_removal_is_recorded(corpus) -> None:
    records, _ = corpus
    kinds = Counter(change.split(":")[0] for r in records for change in r["normalisation"])
    # each kind the rules know was applied somewhere, and only the documented kinds occur
    documented = {
        "encoding",
        "nfc",
        "line-endings",
        "control-characters",
        "whitespace",
        "headline-outlet-name",
        "headline-repeated",
        "headline",
    }
    assert {k for k in kinds if not k.startswith("boilerplate-")} <= documented
    assert kinds["boilerplate-date-line"] > 700 and kinds["boilerplate-tag-list"] > 70
    changed = [r for r in records if any(c.startswith("boilerplate-") for c in r["normalisation"])]
    assert all(r["text_sha256"] != r["normalised_sha256"] for r in changed)
