"""Tests for conflictnews.annotation.quotes: quote resolution, refusals, validation, standoff and Label Studio output.

Fixture texts are invented (no third-party news text). The guidelines' worked example is checked
against the public-domain text quoted in annotations/GUIDELINES.md itself.
"""

from __future__ import annotations

import copy
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictnews.annotation import standoff
from conflictnews.annotation.quotes import (
    CHECKS,
    PASS_FIELDS,
    PassError,
    QuoteError,
    annotate,
    check_pass,
    find_all,
    on_word_boundaries,
    resolve_pass,
    resolve_quote,
    unique_context,
)
from conflictnews.annotation.standoff import AnnotationSet, Argument, Entity, Event, Relation, Span, Stance
from conflictnews.annotation.validate import CHECKS as VALIDATOR_CHECKS
from conflictnews.annotation.validate import validate_data
from conflictnews.cli.main import main
from conflictnews.io import read_manifest, sha256_file, sha256_text
from conflictnews.schema import GUIDELINES_VERSION, SCHEMA_VERSION
from tests.paths import ROOT

# The session's real Label Studio server is the ``ls_server`` fixture of conftest.py.

GUIDELINES = ROOT / "annotations" / "GUIDELINES.md"

# Invented text: an emoji flag (two astral code points), an astral letter, curly quotes and \r\n.
TEXT = (
    "Zenda and Korvia vetoed a draft resolution at the Harbour Council calling for a truce in Port Alder.\r\n"
    "\U0001f1f8\U0001f1fe Officials in Port Alder said the truce was needed.\r\n"
    "\U0001d54f Zenda\u2019s envoy called the draft \u201cunacceptable\u201d."
)
ARTICLE = "fixture-annotate-001"

PASS_YAML = """\
article_id: fixture-annotate-001
annotator: ai-annotator-a
origin: manual
document: {relevance: conflict-relevant}
entities:
  - {id: T1, quote: "Zenda", occurrence: 1, label: GPE, level: NAM, gpe_role: GOV}
  - {id: T2, quote: "Korvia", label: GPE, level: NAM, gpe_role: GOV}
  - {id: T3, quote: "a draft resolution", label: AGREEMENT, level: NOM}
  - {id: T4, quote: "the Harbour Council", label: ORG, level: NAM}
  - {id: T5, quote: "Port Alder", context: "truce in Port Alder", label: GPE, level: NAM, gpe_role: PLACE}
  - {id: T6, quote: "Officials", label: PER, level: NOM, sector: GOV}
  - {id: T7, quote: "Zenda’s envoy", label: PER, level: NOM, sector: GOV}
  - {id: T8, quote: "Zenda", occurrence: 2, label: GPE, level: PRE, gpe_role: GOV}
  - {id: T9, quote: "the draft", label: AGREEMENT, level: NOM}
events:
  - {id: V1, trigger: "vetoed", type: VOTE, vote_value: veto, realis: ACTUAL, attribution: AUTHOR,
     args: {Agent: [T1, T2], Theme: T3, Forum: T4}}
  - {id: V2, trigger: "calling for", type: REQUEST, realis: ACTUAL, attribution: AUTHOR,
     args: {Medium: T3, Content: V3}}
  - {id: V3, trigger: "truce", occurrence: 1, type: CEASEFIRE, realis: DIRECTIVE, attribution: AUTHOR,
     args: {Place: T5}}
stances:
  - {id: S1, holder: T1, target: T3, label: OPPOSE, basis: ACTION, evidence: "vetoed"}
  - {id: S2, holder: T6, target: V4, label: SUPPORT, basis: REPORTED, evidence: "needed"}
  - {id: S3, holder: T7, target: T9, label: OPPOSE, basis: QUOTE, evidence: "unacceptable",
     cue: {quote: "called"}}
  - {id: S4, holder: T2, target: T3, label: OPPOSE, basis: ACTION, evidence: "vetoed"}
relations:
  - {type: AFFILIATED_WITH, from: T7, to: T8}
"""
# V4 (the truce the officials want) is added in the fixture below; S2 points at it.
V4_YAML = (
    "{id: V4, trigger: truce, context: 'the truce was needed', type: CEASEFIRE, realis: DIRECTIVE, "
    "attribution: REPORTED, source: T6}"
)


def good_pass() -> dict:
    data = yaml.safe_load(PASS_YAML)
    data["events"].append(yaml.safe_load(V4_YAML))
    return data


def span(start: int, end: int) -> Span:
    return Span(start, end, TEXT[start:end])


def hand_made(annotator: str = "hand-annotator") -> AnnotationSet:
    """The same pass with every offset written by hand (code points, counted on TEXT above)."""
    gov = {"level": "NAM", "gpe_role": "GOV"}
    return AnnotationSet(
        article_id=ARTICLE,
        text_sha256=sha256_text(TEXT),
        schema_version=SCHEMA_VERSION,
        guidelines_version=GUIDELINES_VERSION,
        annotator=annotator,
        origin="manual",
        document={"relevance": "conflict-relevant"},
        entities=(
            Entity("T1", span(0, 5), "GPE", gov),
            Entity("T2", span(10, 16), "GPE", gov),
            Entity("T3", span(24, 42), "AGREEMENT", {"level": "NOM"}),
            Entity("T4", span(46, 65), "ORG", {"level": "NAM"}),
            Entity("T5", span(89, 99), "GPE", {"level": "NAM", "gpe_role": "PLACE"}),
            Entity("T6", span(105, 114), "PER", {"level": "NOM", "sector": "GOV"}),
            Entity("T7", span(159, 172), "PER", {"level": "NOM", "sector": "GOV"}),
            Entity("T8", span(159, 164), "GPE", {"level": "PRE", "gpe_role": "GOV"}),
            Entity("T9", span(180, 189), "AGREEMENT", {"level": "NOM"}),
        ),
        events=(
            Event(
                "V1",
                span(17, 23),
                "VOTE",
                (Argument("Agent", "T1"), Argument("Agent", "T2"), Argument("Theme", "T3"), Argument("Forum", "T4")),
                {"vote_value": "veto", "realis": "ACTUAL", "attribution": "AUTHOR", "polarity": "POSITIVE"},
            ),
            Event(
                "V2",
                span(66, 77),
                "REQUEST",
                (Argument("Medium", "T3"), Argument("Content", "V3")),
                {"realis": "ACTUAL", "attribution": "AUTHOR", "polarity": "POSITIVE"},
            ),
            Event(
                "V3",
                span(80, 85),
                "CEASEFIRE",
                (Argument("Place", "T5"),),
                {"realis": "DIRECTIVE", "attribution": "AUTHOR", "polarity": "POSITIVE"},
            ),
            Event(
                "V4",
                span(138, 143),
                "CEASEFIRE",
                (),
                {"realis": "DIRECTIVE", "attribution": "REPORTED", "polarity": "POSITIVE"},
            ),
        ),
        stances=(
            Stance("S1", "T1", "T3", "OPPOSE", span(17, 23), "ACTION"),
            Stance("S2", "T6", "V4", "SUPPORT", span(148, 154), "REPORTED"),
            Stance("S3", "T7", "T9", "OPPOSE", span(191, 203), "QUOTE", span(173, 179)),
            Stance("S4", "T2", "T3", "OPPOSE", span(17, 23), "ACTION"),
        ),
        relations=(Relation("AFFILIATED_WITH", "T7", "T8"), Relation("ATTRIBUTED_TO", "V4", "T6")),
    )


def layers(annotation: AnnotationSet) -> dict:
    data = annotation.to_json()
    for key in ("origin", "lead_time", "provenance", "annotator"):
        data.pop(key)
    return data


def problems_of(data: dict, text: str = TEXT) -> list:
    with pytest.raises(PassError) as info:
        resolve_pass(data, text, file="p.yaml")
    return list(info.value.problems)


# --------------------------------------------------------------------------------------------
# Resolution
# --------------------------------------------------------------------------------------------


def test_correct_pass_resolves_to_the_hand_made_offsets() -> None:
    resolved = resolve_pass(good_pass(), TEXT)
    assert layers(resolved) == layers(hand_made())
    # Code points, not UTF-16: after the flag (2 astral code points) and 𝕏, UTF-16 would be +2 / +3.
    entities = {e.id: e.span for e in resolved.entities}
    assert (entities["T6"].start, entities["T7"].start) == (105, 159)
    assert all(TEXT[e.span.start : e.span.end] == e.span.text for e in resolved.entities)
    assert resolved.annotator == "ai-annotator-a" and resolved.origin == "manual"
    assert resolved.provenance == {"tool": "conflictnews-annotate"}


def test_correct_pass_validates_without_errors() -> None:
    annotation, problems = check_pass(
        good_pass(), TEXT, file="p.yaml", manifest={ARTICLE: {"text_sha256": sha256_text(TEXT)}}
    )
    assert annotation is not None
    assert [str(p) for p in problems] == []


def test_absent_quote_is_refused_with_near_misses() -> None:
    data = good_pass()
    data["entities"][4] = {
        "id": "T5",
        "quote": "Port alder",
        "context": None,
        "label": "GPE",
        "level": "NAM",
        "gpe_role": "PLACE",
    }
    data["entities"][6]["quote"] = "Zenda's envoy"  # straight apostrophe; the text has ’
    found = problems_of(data)
    assert [(p.record, p.check_id) for p in found] == [
        ("entity T5 (quote)", "quote-absent"),
        ("entity T7 (quote)", "quote-absent"),
    ]
    assert '"Port Alder"' in found[0].message and "at 89-99" in found[0].message and "at 118-128" in found[0].message
    assert "Zenda’s envoy" in found[1].message and "at 159-172" in found[1].message
    assert str(found[0]).startswith("p.yaml:entity T5 (quote): error [quote-absent]")


def test_ambiguous_quote_lists_every_candidate_with_a_unique_context() -> None:
    data = good_pass()
    del data["entities"][0]["occurrence"]
    (problem,) = problems_of(data)
    assert (problem.record, problem.check_id) == ("entity T1 (quote)", "quote-ambiguous")
    assert "occurs 2 times" in problem.message
    assert "#1 at 0-5" in problem.message and "#2 at 159-164" in problem.message
    contexts = re.findall(r'context: "([^"]+)"', problem.message)
    assert len(contexts) == 2
    assert [resolve_quote(TEXT, "Zenda", context=c).start for c in contexts] == [0, 159]
    assert "occurrence" in problem.fix


def test_every_problem_is_collected_and_named() -> None:
    data = good_pass()
    data["entities"][1]["gpe_rol"] = "GOV"  # typo
    data["entities"].append({"id": "T1", "quote": "Korvia", "label": "GPE", "level": "NAM", "gpe_role": "GOV"})
    data["events"][0]["args"]["Forum"] = "T44"  # unknown id
    data["stances"][0]["holder"] = "V1"  # wrong kind
    data["events"][2]["occurrence"] = 3  # only 2 matches
    del data["stances"][1]["basis"]  # missing field
    data["relations"].append({"type": "ATTRIBUTED_TO", "from": "S1"})
    found = {(p.record, p.check_id) for p in problems_of(data)}
    assert found == {
        ("entity T2 (gpe_rol)", "field-unknown"),
        ("entity T1 (id)", "id-duplicate"),
        ("event V1 (args.Forum)", "ref-unknown"),
        ("stance S1 (holder)", "ref-kind"),
        ("event V3 (trigger)", "occurrence-out-of-range"),
        ("stance S2 (basis)", "field-missing"),
        ("relation #2 (to)", "field-missing"),
    }
    messages = {p.check_id: p.message for p in problems_of(data)}
    assert "did you mean 'gpe_role'" in messages["field-unknown"]


@pytest.mark.parametrize(
    ("kwargs", "check_id"),
    [
        ({"quote": "Zenda", "occurrence": 1, "context": "Zenda and"}, "quote-qualifiers"),
        ({"quote": "truce", "context": "a truce at"}, "context-absent"),
        ({"quote": "Port Alder", "context": "in Port Alder"}, "context-ambiguous"),
        ({"quote": "Zenda", "context": "Korvia vetoed"}, "context-mismatch"),
        ({"quote": "Zenda", "occurrence": 0}, "occurrence-out-of-range"),
        ({"quote": "Harb"}, "quote-splits-word"),
        ({"quote": " Korvia"}, "quote-untrimmed"),
        ({"quote": ""}, "quote-empty"),
    ],
)
def test_quote_refusals(kwargs: dict, check_id: str) -> None:
    quote = kwargs.pop("quote")
    with pytest.raises(QuoteError) as info:
        resolve_quote(TEXT, quote, **kwargs)
    assert info.value.check_id == check_id
    assert check_id in CHECKS


# Invented texts for word boundaries and near misses (no third-party text).
WORDS_TEXT = "Officials said something happened. The envoys met on Monday and met again on Friday."
# Apostrophes stripped everywhere, as in every FA-KES text.
STRIPPED = "The Harbour Gazettes correspondent in Port Alder said Zendas forces left in the 1990s."


def test_a_quote_never_matches_inside_a_word() -> None:
    # "met" is also inside "something"; only whole words count, so occurrence 1 is the first word "met".
    first = WORDS_TEXT.index(" met ") + 1
    assert resolve_quote(WORDS_TEXT, "met", occurrence=1) == Span(first, first + 3, "met")
    with pytest.raises(QuoteError) as info:
        resolve_quote(WORDS_TEXT, "met")
    assert info.value.check_id == "quote-ambiguous" and "occurs 2 times" in str(info.value)


def test_suggested_contexts_are_whole_words() -> None:
    with pytest.raises(QuoteError) as info:
        resolve_quote(WORDS_TEXT, "met")
    contexts = re.findall(r'context: "([^"]+)"', str(info.value))
    assert contexts == ["met on", "met again"]  # never "mething": the match inside "something" is none
    first = WORDS_TEXT.index(" met ") + 1
    second = WORDS_TEXT.index(" met ", first) + 1
    assert [resolve_quote(WORDS_TEXT, "met", context=c).start for c in contexts] == [first, second]
    for c in contexts:
        start = WORDS_TEXT.index(c)
        assert on_word_boundaries(WORDS_TEXT, start, start + len(c)), c


def test_a_quote_found_only_inside_words_names_the_word() -> None:
    with pytest.raises(QuoteError) as info:
        resolve_quote("Officials said something happened.", "met")
    assert info.value.check_id == "quote-splits-word"
    assert 'inside "something"' in str(info.value)
    with pytest.raises(QuoteError) as info:
        resolve_quote(WORDS_TEXT, "met", context="something happened")
    assert info.value.check_id == "quote-splits-word" and 'inside "something"' in str(info.value)
    with pytest.raises(QuoteError) as info:
        resolve_quote(WORDS_TEXT, "Mon", context="met on Monday")
    assert info.value.check_id == "quote-splits-word" and 'inside "Monday"' in str(info.value)


def test_apostrophe_less_possessive_may_end_before_its_s() -> None:
    start = STRIPPED.index("The Harbour Gazette")
    assert resolve_quote(STRIPPED, "The Harbour Gazette") == Span(start, start + 19, "The Harbour Gazette")
    assert resolve_quote(STRIPPED, "Zenda").start == STRIPPED.index("Zendas")
    assert resolve_quote(STRIPPED, "Zenda", context="said Zendas forces").start == STRIPPED.index("Zendas")
    # Only a final lowercase s after a letter: a decade and a cut before other letters stay refused.
    for quote in ("1990", "The Harbour Gazet", "Zend"):
        with pytest.raises(QuoteError) as info:
            resolve_quote(STRIPPED, quote)
        assert info.value.check_id == "quote-splits-word", quote
    # After a lowercase word the s is a plural: "strike" never matches inside "strikes", so it cannot
    # shift the occurrence numbers of the whole strike that follows.
    plural = "Two strikes hit Zenda. The strike was requested." + STRIPPED
    assert resolve_quote(plural, "strike").start == plural.index("The strike") + 4
    with pytest.raises(QuoteError) as info:
        resolve_quote(plural, "strike", occurrence=2)
    assert info.value.check_id != "quote-splits-word"  # one whole-word match only: occurrence 2 is out of range
    # A text that keeps its apostrophes writes the possessive with one, so there the cut is refused.
    kept = STRIPPED.replace("Zendas", "Zenda’s")
    with pytest.raises(QuoteError) as info:
        resolve_quote(kept, "The Harbour Gazette")
    assert info.value.check_id == "quote-splits-word"
    assert resolve_quote(kept, "Zenda").start == kept.index("Zenda’s")


@pytest.mark.parametrize(
    ("text", "quote", "found"),
    [
        ("They havent left.", "haven't", "havent"),
        ("They haven't left.", "havent", "haven't"),
        ("They haven’t left.", "haven't", "haven’t"),
        ("The envoy called it unacceptable today.", "“unacceptable”", "unacceptable"),
        ("The envoy called it “unacceptable” today.", '"unacceptable"', "unacceptable"),
        ("The U.S. embassy closed.", "US embassy", "U.S. embassy"),
        ("A north–eastern town.", "north-eastern town", "north–eastern town"),
    ],
)
def test_near_misses_ignore_apostrophes_quotation_marks_and_punctuation(text: str, quote: str, found: str) -> None:
    with pytest.raises(QuoteError) as info:
        resolve_quote(text, quote)
    assert info.value.check_id == "quote-absent"
    start = text.index(found)
    assert f"at {start}-{start + len(found)}: {json.dumps(found, ensure_ascii=False)}" in str(info.value)


def test_absent_quote_lists_the_closest_whole_word_spans() -> None:
    with pytest.raises(QuoteError) as info:
        resolve_quote(TEXT, "the Harbor Council")
    assert info.value.check_id == "quote-absent" and "closest" in str(info.value)
    assert 'at 46-65: "the Harbour Council"' in str(info.value)
    with pytest.raises(QuoteError) as info:
        resolve_quote(TEXT, "Ostravia")
    assert "does not occur in the text;" not in str(info.value)  # nothing close: no list


def test_occurrence_and_context_pick_the_same_spans() -> None:
    assert resolve_quote(TEXT, "truce", occurrence=2) == span(138, 143)
    assert resolve_quote(TEXT, "truce", context="the truce was") == span(138, 143)
    assert resolve_quote(TEXT, "Port Alder", context="Officials in Port Alder") == span(118, 128)
    # A quote across the \r\n line break counts it as two code points.
    assert resolve_quote(TEXT, "Port Alder.\r\n\U0001f1f8\U0001f1fe Officials") == span(89, 114)


def test_text_checksum_mismatch_is_refused() -> None:
    data = good_pass()
    data["text_sha256"] = "0" * 64
    assert [p.check_id for p in problems_of(data)] == ["text-mismatch"]


def test_wrong_role_is_refused_by_the_validator() -> None:
    data = good_pass()
    data["events"][0]["args"]["Victim"] = "T6"
    annotation, found = check_pass(data, TEXT, file="p.yaml")
    errors = [p for p in found if p.severity == "error"]
    assert annotation is not None
    assert [(p.record, p.check_id) for p in errors] == [("event V1", "role-not-allowed")]
    assert "VOTE has role Victim; allowed: Agent, Theme, Forum, Time" in errors[0].message


def test_quote_and_schema_problems_are_reported_together() -> None:
    data = good_pass()
    data["entities"][3]["quote"] = "the Harbor Council"  # T4, V1's Forum: absent
    data["events"][1]["args"]["Target"] = "T2"  # REQUEST has no Target
    del data["events"][2]["realis"]  # required
    annotation, found = check_pass(data, TEXT, file="p.yaml", manifest={ARTICLE: {"text_sha256": sha256_text(TEXT)}})
    assert annotation is None
    # V1's Forum points at T4, whose quote failed: not reported a second time as dangling.
    assert [(p.record, p.check_id) for p in found] == [
        ("entity T4 (quote)", "quote-absent"),
        ("event V2", "role-not-allowed"),
        ("event V3", "missing-required-attribute"),
    ]


@pytest.mark.parametrize(
    ("attribution", "source", "refusal"),
    [
        # REPORTED means a source in the text: the validator's rule, for pass files and standoff alike
        ("REPORTED", None, ("event V4", "reported-without-source")),
        ("REPORTED", [], ("event V4", "reported-without-source")),
        ("ALLEGED", None, ("event V4 (source)", "source-missing")),  # the pass must say whether one is named
        ("ALLEGED", [], None),  # a hedge ("reportedly") names no source
        ("ALLEGED", "T6", None),
        ("REPORTED", ["T6"], None),
    ],
)
def test_reported_or_alleged_event_must_name_its_source(
    attribution: str, source: object, refusal: tuple[str, str] | None
) -> None:
    data = good_pass()
    v4 = data["events"][3]
    v4["attribution"] = attribution
    del v4["source"]
    if source is not None:
        v4["source"] = source
    annotation, found = check_pass(data, TEXT, file="p.yaml", manifest={ARTICLE: {"text_sha256": sha256_text(TEXT)}})
    errors = [p for p in found if p.severity == "error"]
    assert [(p.record, p.check_id) for p in errors] == ([refusal] if refusal else [])  # any error refuses the pass
    assert (annotation is None) == (refusal is not None and refusal[1] == "source-missing")  # quote-stage refusal
    if refusal:
        assert "source:" in errors[0].fix and attribution in errors[0].message


def test_an_attributed_to_relation_names_the_source_too() -> None:
    data = good_pass()
    del data["events"][3]["source"]
    data["relations"].append({"type": "ATTRIBUTED_TO", "from": "V4", "to": "T6"})
    annotation, found = check_pass(data, TEXT, file="p.yaml")
    assert annotation is not None and [p for p in found if p.severity == "error"] == []


_LABEL_STUDIO_WORDS = re.compile(
    r"\b(relabel\w*|re-?draw\w*|drawn|draw|region\w*|re-export\w*|task|Label Studio)\b", re.I
)


def test_fix_texts_speak_the_pass_format_not_label_studio() -> None:
    catalogues = {**VALIDATOR_CHECKS, **CHECKS}
    said = {check.id: f"{check.description} {check.fix}" for check in catalogues.values()}
    assert {cid: text for cid, text in said.items() if _LABEL_STUDIO_WORDS.search(text)} == {}


# --------------------------------------------------------------------------------------------
# Helpers as properties
# --------------------------------------------------------------------------------------------

_WORDS = st.lists(
    st.sampled_from(["Zenda", "truce", "in", "a", "Port", "Alder", "🇸🇾", "𝕏", "said"]), min_size=1, max_size=30
)
_SEPARATORS = st.sampled_from([" ", "\r\n", ", ", " — "])


@settings(max_examples=200, deadline=None)
@given(words=_WORDS, sep=_SEPARATORS, data=st.data())
def test_property_occurrence_and_suggested_context_resolve_to_the_span(words, sep, data) -> None:
    text = sep.join(words)
    starts, i = [], 0
    for w in words:
        starts.append(i)
        i += len(w) + len(sep)
    k = data.draw(st.integers(0, len(words) - 1))
    n = data.draw(st.integers(1, min(3, len(words) - k)))
    start = starts[k]
    end = starts[k + n - 1] + len(words[k + n - 1])
    quote = text[start:end]
    # Occurrences count whole-word matches only: the places where the same run of words starts
    # ("a" inside "said" is no match).
    occurrence = sum(1 for j in range(k + 1) if words[j : j + n] == words[k : k + n])
    assert resolve_quote(text, quote, occurrence=occurrence) == Span(start, end, quote)
    context = unique_context(text, start, end)
    if context is not None:
        assert resolve_quote(text, quote, context=context) == Span(start, end, quote)
        # A suggested context never starts or ends inside a word.
        around = [h for h in find_all(text, context) if h <= start and h + len(context) >= end]
        assert any(on_word_boundaries(text, h, h + len(context)) for h in around)


# --------------------------------------------------------------------------------------------
# Output: standoff, the CLI
# --------------------------------------------------------------------------------------------


def write_pass(tmp_path: Path, data: dict, name: str = "pass.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def write_texts(tmp_path: Path) -> Path:
    folder = tmp_path / "texts"
    folder.mkdir(exist_ok=True)
    with (folder / f"{ARTICLE}.txt").open("w", encoding="utf-8", newline="") as handle:
        handle.write(TEXT)
    return folder


def write_manifest(tmp_path: Path) -> Path:
    """A one-article manifest, so the CLI never reads the project's corpus/manifest.jsonl."""
    path = tmp_path / "manifest.jsonl"
    path.write_text(json.dumps({"id": ARTICLE, "text_sha256": sha256_text(TEXT)}) + "\n", encoding="utf-8")
    return path


def test_offline_write_produces_valid_standoff(tmp_path: Path) -> None:
    out = tmp_path / "annotations"
    (outcome,) = annotate([write_pass(tmp_path, good_pass())], {ARTICLE: TEXT}, out=out)
    assert outcome.status == "written" and outcome.counts == (9, 4, 4, 2)
    path = out / "gold" / ARTICLE / "ai-annotator-a.json"
    assert Path(outcome.destination) == path
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [p for p in validate_data(data, file=str(path), text=TEXT) if p.severity == "error"] == []
    assert layers(standoff.read(path)) == layers(hand_made())


def _cli(tmp_path: Path, data: dict, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, Path]:
    out = tmp_path / "annotations"
    code = main(
        [
            "annotate",
            str(write_pass(tmp_path, data)),
            "--out",
            str(out),
            "--texts",
            str(write_texts(tmp_path)),
            "--manifest",
            str(write_manifest(tmp_path)),
        ]
    )
    return code, capsys.readouterr().err, out


def test_cli_refuses_an_absent_quote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = good_pass()
    data["entities"][3]["quote"] = "the Harbor Council"
    code, err, out = _cli(tmp_path, data, capsys)
    assert code == 1 and not out.exists()
    assert 'entity T4 (quote): error [quote-absent] quote "the Harbor Council" does not occur in the text' in err


def test_cli_refuses_an_ambiguous_quote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = good_pass()
    del data["entities"][4]["context"]
    code, err, out = _cli(tmp_path, data, capsys)
    assert code == 1 and not out.exists()
    assert 'entity T5 (quote): error [quote-ambiguous] quote "Port Alder" occurs 2 times:' in err
    assert "#1 at 89-99" in err and "#2 at 118-128" in err


def test_cli_refuses_a_wrong_role(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = good_pass()
    data["events"][1]["args"]["Target"] = "T2"  # REQUEST has no Target
    code, err, out = _cli(tmp_path, data, capsys)
    assert code == 1 and not out.exists()
    assert "event V2: error [role-not-allowed] REQUEST has role Target; allowed: Agent, Recipient, Content" in err


def test_cli_writes_a_correct_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err, out = _cli(tmp_path, good_pass(), capsys)
    assert code == 0, err
    assert layers(standoff.read(out / "gold" / ARTICLE / "ai-annotator-a.json")) == layers(hand_made())


def test_cli_refuses_a_pass_without_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = good_pass()
    data["article_id"] = "no-such-article"
    code, err, _ = _cli(tmp_path, data, capsys)
    assert code == 1 and "[article-unknown]" in err


def test_cli_refuses_an_article_outside_the_manifest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "texts").mkdir()
    with (tmp_path / "texts" / "other-article.txt").open("w", encoding="utf-8", newline="") as handle:
        handle.write(TEXT)
    data = good_pass()
    data["article_id"] = "other-article"
    code, err, out = _cli(tmp_path, data, capsys)
    assert code == 1 and not out.exists()
    assert "[article-not-in-manifest]" in err


def test_cli_lists_quote_and_schema_problems_in_one_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = good_pass()
    data["entities"][3]["quote"] = "the Harbor Council"
    data["events"][1]["args"]["Target"] = "T2"
    code, err, out = _cli(tmp_path, data, capsys)
    assert code == 1 and not out.exists()
    assert "entity T4 (quote): error [quote-absent]" in err
    assert "event V2: error [role-not-allowed] REQUEST has role Target" in err


def test_cli_refuses_a_second_pass_of_the_same_article_and_annotator_in_one_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = write_pass(tmp_path, good_pass(), "a.yaml"), write_pass(tmp_path, good_pass(), "b.yaml")
    out = tmp_path / "annotations"
    argv = ["--out", str(out), "--texts", str(write_texts(tmp_path)), "--manifest", str(write_manifest(tmp_path))]
    assert main(["annotate", str(first), str(second), *argv]) == 1
    err = capsys.readouterr().err
    assert f"{second}:pass: error [pass-exists] {first} in this run is also 'ai-annotator-a'" in err
    assert main(["annotate", str(first), str(second), *argv, "--replace"]) == 1  # --replace does not change that


def _script(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the installed ``conflictnews`` script as a user does, under umask 077."""
    script = Path(sys.executable).parent / "conflictnews"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [str(script), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=lambda: os.umask(0o077),  # a private umask must not make the committed files private
    )


def test_cli_keeps_a_stored_pass_unless_replace_and_writes_0644(tmp_path: Path) -> None:
    out = tmp_path / "annotations"
    stored = out / "gold" / ARTICLE / "ai-annotator-a.json"
    inputs = ["--out", str(out), "--texts", str(write_texts(tmp_path)), "--manifest", str(write_manifest(tmp_path))]
    path = write_pass(tmp_path, good_pass())
    done = _script(["annotate", str(path), *inputs], tmp_path)
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(stored.stat().st_mode) == 0o644
    before = stored.read_bytes()

    revised = good_pass()
    revised["entities"][5]["sector"] = "CVL"
    path = write_pass(tmp_path, revised)
    refused = _script(["annotate", str(path), *inputs], tmp_path)
    assert refused.returncode == 1
    assert f"error [pass-exists] {stored} already holds a pass by 'ai-annotator-a'" in refused.stderr
    assert "--replace" in refused.stderr
    assert stored.read_bytes() == before

    replaced = _script(["annotate", str(path), *inputs, "--replace"], tmp_path)
    assert replaced.returncode == 0, replaced.stderr
    assert stored.read_bytes() != before and standoff.read(stored).entities[5].attributes["sector"] == "CVL"
    assert stat.S_IMODE(stored.stat().st_mode) == 0o644
    assert sorted(p.name for p in stored.parent.iterdir()) == ["ai-annotator-a.json"]  # no temporary left


def test_cli_replace_moves_a_pass_whose_origin_changed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    silver = good_pass()
    silver["origin"] = "model"
    code, err, out = _cli(tmp_path, silver, capsys)
    assert code == 0, err
    assert _cli(tmp_path, good_pass(), capsys)[0] == 1  # the silver file is the same annotator's pass
    argv = ["--texts", str(tmp_path / "texts"), "--manifest", str(tmp_path / "manifest.jsonl"), "--replace"]
    assert main(["annotate", str(tmp_path / "pass.yaml"), "--out", str(out), *argv]) == 0
    assert [p.relative_to(out).parts[0] for p in standoff.iter_files(out)] == ["gold"]


def test_cli_annotates_a_new_text_as_a_draft_outside_the_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "texts").mkdir()
    with (tmp_path / "texts" / "new-article.txt").open("w", encoding="utf-8", newline="") as handle:
        handle.write(TEXT)
    data = good_pass()
    data["article_id"] = "new-article"
    inputs = ["--texts", str(tmp_path / "texts"), "--manifest", str(write_manifest(tmp_path))]
    path = write_pass(tmp_path, data)

    assert main(["annotate", str(path), "--out", str(tmp_path / "annotations"), *inputs]) == 1
    err = capsys.readouterr().err
    assert "[article-not-in-manifest]" in err and "--new-text" in err

    drafts = tmp_path / "drafts"
    assert main(["annotate", str(path), "--out", str(drafts), "--new-text", *inputs]) == 0
    printed = capsys.readouterr().out
    assert "draft" in printed and "only through curation" in printed
    written = standoff.read(drafts / "gold" / "new-article" / "ai-annotator-a.json")
    assert written.text_sha256 == sha256_text(TEXT) and layers(written)["entities"] == layers(hand_made())["entities"]

    # Never into the corpus's own annotations folder, and never without the text.
    assert main(["annotate", str(path), "--out", str(ROOT / "annotations"), "--new-text", *inputs]) == 2
    assert "only through curation" in capsys.readouterr().err
    assert not (ROOT / "annotations" / "gold" / "new-article").exists()
    assert main(["annotate", str(path), "--out", str(drafts), "--new-text"]) == 2


def test_cli_without_texts_materialises_once_then_reads_the_texts_cache(
    tmp_path: Path, fetched_cache: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    records = [r for r in read_manifest(ROOT / "corpus" / "manifest.jsonl") if r["source"] == "wikinews"][:3]
    manifest = tmp_path / "manifest.jsonl"
    manifest.write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in records), encoding="utf-8")
    path = write_pass(tmp_path, {"article_id": records[0]["id"], "annotator": "ai-annotator-a"})
    monkeypatch.chdir(tmp_path)  # the project root of this run: data/texts-cache/ goes under tmp_path
    monkeypatch.setenv("CONFLICTNEWS_CACHE", str(fetched_cache))
    argv = ["annotate", str(path), "--out", str(tmp_path / "annotations"), "--manifest", str(manifest)]
    assert main(argv) == 0, capsys.readouterr().err
    stored = tmp_path / "data" / "texts-cache" / f"{sha256_file(manifest)}.jsonl"
    assert stored.is_file()

    # Second run: nothing left upstream to rebuild from, so the texts can only come from the cache.
    empty = tmp_path / "empty-upstream"
    empty.mkdir()
    monkeypatch.setenv("CONFLICTNEWS_CACHE", str(empty))
    assert main([*argv, "--replace"]) == 0, capsys.readouterr().err

    # A cached text whose sha256 is not the manifest's is never served: the pass finds no text.
    rows = [json.loads(line) for line in stored.read_text(encoding="utf-8").splitlines()]
    rows[0]["text"] += " tampered"
    stored.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert main([*argv, "--replace"]) == 1
    assert "[article-unknown]" in capsys.readouterr().err


# --------------------------------------------------------------------------------------------
# The guidelines' worked example
# --------------------------------------------------------------------------------------------


def _fenced_after(marker: str, document: str) -> str:
    match = re.search(re.escape(marker) + r"\n```[a-z]*\n(.*?)\n```", document, re.DOTALL)
    assert match, f"no fenced block after {marker!r} in GUIDELINES.md"
    return match.group(1)


def _section(document: str, heading: str) -> str:
    match = re.search(rf"^### {re.escape(heading)}\n(.*?)(?=^##)", document, re.DOTALL | re.MULTILINE)
    assert match, f"no section {heading!r} in GUIDELINES.md"
    return match.group(1)


def test_guidelines_document_every_pass_key_and_the_run_options() -> None:
    document = GUIDELINES.read_text(encoding="utf-8")
    keys = set(re.findall(r"^\| `([a-z0-9_]+)`", _section(document, "11.1 The file"), re.MULTILINE))
    keys |= {"entities", "events", "stances", "relations"}  # one row names the four layers
    assert set(PASS_FIELDS) <= keys, sorted(set(PASS_FIELDS) - keys)
    running = _section(document, "11.5 Running it")
    for said in ("--replace", "--new-text", "--texts", "data/texts-cache", "only through\ncuration"):
        assert said in running, said


def test_guidelines_worked_example_resolves_and_validates() -> None:
    document = GUIDELINES.read_text(encoding="utf-8")
    article = "re3d-6e62dc65efdfb1b357175eb255f25c36"
    text = _fenced_after(f"<!-- example-text: {article} -->", document)
    data = yaml.safe_load(_fenced_after(f"<!-- example-pass: {article} -->", document))
    assert data["article_id"] == article
    annotation, found = check_pass(copy.deepcopy(data), text, file="GUIDELINES.md")
    assert annotation is not None, [str(p) for p in found]
    assert [str(p) for p in found if p.severity == "error"] == []
    assert (len(annotation.entities), len(annotation.events), len(annotation.stances)) == (21, 7, 3)


# --------------------------------------------------------------------------------------------
# Label Studio (the real server)
# --------------------------------------------------------------------------------------------


@pytest.mark.labelstudio
def test_pass_lands_in_label_studio_and_exports_like_the_hand_made_one(
    ls_server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from conflictnews.labelstudio import (
        TaskArticle,
        export_annotations,
        import_articles,
        label_config,
        submit_annotation,
    )

    url, client = ls_server
    pid = int(client.projects.create(title="annotate", label_config=label_config()).id)
    import_articles(client, pid, [TaskArticle(ARTICLE, TEXT)])
    code = main(
        [
            "annotate",
            str(write_pass(tmp_path, good_pass())),
            "--ls-url",
            url,
            "--project",
            str(pid),
            "--texts",
            str(write_texts(tmp_path)),
            "--manifest",
            str(write_manifest(tmp_path)),
        ]
    )
    assert code == 0, capsys.readouterr().err
    submit_annotation(client, pid, hand_made(), as_annotator="hand-annotator")

    out = tmp_path / "export"
    report = export_annotations(client, pid, out, texts={ARTICLE: TEXT})
    assert [p for p in report.problems if p.severity == "error"] == []
    quoted = standoff.read(out / "gold" / ARTICLE / "ai-annotator-a.json")
    by_hand = standoff.read(out / "gold" / ARTICLE / "hand-annotator.json")
    assert quoted.annotator == "ai-annotator-a" and quoted.origin == "manual"
    assert layers(quoted) == layers(by_hand) == layers(hand_made())

    # A refused pass sends nothing to the server.
    bad = good_pass()
    bad["annotator"] = "ai-annotator-b"
    bad["events"][0]["args"]["Victim"] = "T6"
    assert (
        main(
            [
                "annotate",
                str(write_pass(tmp_path, bad, "bad.yaml")),
                "--ls-url",
                url,
                "--project",
                str(pid),
                "--texts",
                str(write_texts(tmp_path)),
                "--manifest",
                str(write_manifest(tmp_path)),
            ]
        )
        == 1
    )
    again = tmp_path / "export-again"
    export_annotations(client, pid, again, texts={ARTICLE: TEXT})
    assert not (again / "gold" / ARTICLE / "ai-annotator-b.json").exists()
