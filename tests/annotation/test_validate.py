"""Tests for conflictnews.annotation.validate and `conflictnews validate`: one invalid fixture per check id."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conflictnews import schema
from conflictnews.annotation import standoff
from conflictnews.annotation.validate import (
    ARGUMENT_FIELDS,
    CHECKS,
    ENTITY_FIELDS,
    EVENT_FIELDS,
    RELATION_FIELDS,
    SPAN_FIELDS,
    STANCE_FIELDS,
    TOP_FIELDS,
    Problem,
    summarise,
    validate_data,
    validate_json_text,
    validate_paths,
    validate_sets,
)
from conflictnews.cli.main import main
from conflictnews.io import read_jsonl_by_id, read_texts
from tests.paths import FIXTURES

FIXTURES = FIXTURES / "annotations"
VALID = sorted((FIXTURES / "valid").glob("*.json"))
TEXTS_FILE = FIXTURES / "texts.jsonl"
MANIFEST_FILE = FIXTURES / "manifest.jsonl"
#: Checks about a missing input: their fixture is validated without that input.
WITHOUT = {"manifest-unavailable": "manifest"}


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return read_texts(TEXTS_FILE)


@pytest.fixture(scope="module")
def manifest() -> dict[str, dict]:
    return read_jsonl_by_id(MANIFEST_FILE)


def fixture_path(check_id: str) -> Path:
    file = FIXTURES / "invalid" / f"{check_id}.json"
    return file if file.exists() else FIXTURES / "invalid" / check_id


def run_fixture(check_id: str, texts: dict, manifest: dict) -> list[Problem]:
    inputs = {"texts": texts, "manifest": manifest}
    if check_id in WITHOUT:
        inputs[WITHOUT[check_id]] = None
    return validate_paths([fixture_path(check_id)], **inputs)


# ---------------------------------------------------------------------------- catalogue


def test_catalogue_has_at_least_30_stable_kebab_case_ids() -> None:
    assert len(CHECKS) >= 30
    for check_id, check in CHECKS.items():
        assert check.id == check_id
        assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", check_id), check_id
        assert check.severity in ("error", "warning")
        assert check.group in ("file", "corpus", "text", "schema", "stance", "relation", "guidelines")
        assert check.description and check.fix


def test_issue_checks_are_in_the_catalogue() -> None:
    named_in_issue = {
        "json-syntax",
        "unknown-field",
        "duplicate-id",
        "checksum-mismatch",
        "span-out-of-range",
        "span-text-mismatch",
        "zero-length-span",
        "whitespace-edged-span",
        "unknown-entity-label",
        "unknown-event-type",
        "role-not-allowed",
        "role-filler-type-mismatch",
        "stance-holder-type",
        "attribute-value-not-allowed",
        "attribute-not-allowed-for-type",
        "missing-required-attribute",
        "relation-dangling",
        "relation-self-loop",
        "duplicate-relation",
        "relation-cycle",
        "article-not-in-manifest",
        "stale-guidelines-version",
        "annotator-missing",
    }
    assert named_in_issue <= set(CHECKS)


# ---------------------------------------------------------------------------- fixtures


@pytest.mark.parametrize("check_id", list(CHECKS))
def test_each_check_fires_on_its_fixture_and_only_it(check_id: str, texts: dict, manifest: dict) -> None:
    assert fixture_path(check_id).exists(), f"no fixture for {check_id} in {FIXTURES / 'invalid'}"
    problems = run_fixture(check_id, texts, manifest)
    assert {p.check_id for p in problems} == {check_id}, [str(p) for p in problems]
    assert all(p.severity == CHECKS[check_id].severity for p in problems)


def test_every_invalid_fixture_names_a_check() -> None:
    names = {p.name.removesuffix(".json") for p in (FIXTURES / "invalid").iterdir()}
    assert names == set(CHECKS)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_fixture_has_no_problem(path: Path, texts: dict, manifest: dict) -> None:
    assert validate_paths([path], texts=texts, manifest=manifest) == []
    data = json.loads(path.read_text(encoding="utf-8"))
    assert validate_data(data, file=str(path), text=texts[data["article_id"]], manifest=manifest) == []


def test_valid_fixtures_together_and_in_canonical_form(texts: dict, manifest: dict) -> None:
    assert len(VALID) >= 3
    assert validate_paths([FIXTURES / "valid"], texts=texts, manifest=manifest) == []
    for path in VALID:
        assert standoff.dumps(standoff.read(path)) == path.read_text(encoding="utf-8")


def test_fixture_texts_have_astral_characters_and_crlf(texts: dict) -> None:
    joined = "".join(texts.values())
    assert any(ord(c) > 0xFFFF for c in joined)
    assert "\r\n" in joined


# ---------------------------------------------------------------------------- behaviour


def test_one_line_form_matches_the_style_guide(texts: dict, manifest: dict) -> None:
    [problem] = run_fixture("role-not-allowed", texts, manifest)
    assert str(problem) == (
        f"{fixture_path('role-not-allowed')}:event V1: error [role-not-allowed] VOTE has role Victim; "
        "allowed: Agent, Theme, Forum, Time; fix: use a role the event type allows (listed in the message), "
        "or change the event type"
    )
    assert "\n" not in str(problem)


def test_json_syntax_names_the_line() -> None:
    data, [problem] = validate_json_text('{\n  "format": ,\n}', file="x.json")
    assert data is None and problem.record == "line 2 column 13"
    _, [problem] = validate_json_text(b"\xff{}", file="x.json")
    assert problem.check_id == "json-syntax"


def test_offsets_are_code_points_not_utf16_units(texts: dict, manifest: dict) -> None:
    path = FIXTURES / "valid" / "fx-emoji.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    text = texts["fx-emoji"]
    assert data["entities"][0]["start"] == text.index("convoys")
    for entity in data["entities"]:  # what a UTF-16 counting tool would write: two more per flag
        entity["start"] += 2
        entity["end"] += 2
    ids = {p.check_id for p in validate_data(data, file="x", text=text, manifest=manifest)}
    assert ids == {"span-text-mismatch"}


def test_missing_texts_and_manifest_warn_once_per_run() -> None:
    problems = validate_paths([FIXTURES / "valid"], texts=None, manifest=None)
    assert sorted((p.check_id, p.file) for p in problems) == [
        ("manifest-unavailable", "(run)"),
        ("text-unavailable", "(run)"),
    ]
    assert all(p.severity == "warning" for p in problems)


def test_text_checks_run_without_manifest_but_with_text(texts: dict) -> None:
    data = json.loads((FIXTURES / "invalid" / "span-text-mismatch.json").read_text(encoding="utf-8"))
    ids = [p.check_id for p in validate_data(data, file="x", text=texts["fx-vote"])]
    assert ids == ["manifest-unavailable", "span-text-mismatch"]


def test_text_of_another_version_is_reported_not_used(texts: dict, manifest: dict) -> None:
    data = json.loads((FIXTURES / "valid" / "fx-vote.json").read_text(encoding="utf-8"))
    problems = validate_data(data, file="x", text=texts["fx-vote"] + " Later edit.", manifest=manifest)
    assert [p.check_id for p in problems] == ["text-unavailable"]
    problems = validate_data(data, file="x", text=texts["fx-vote"] + " Later edit.", manifest=None)
    assert "checksum-mismatch" in {p.check_id for p in problems}


def test_allowed_values_come_from_schema(monkeypatch: pytest.MonkeyPatch, texts: dict, manifest: dict) -> None:
    data = json.loads((FIXTURES / "invalid" / "unknown-stance-label.json").read_text(encoding="utf-8"))
    assert [p.check_id for p in validate_data(data, file="x", text=texts["fx-vote"], manifest=manifest)] == [
        "unknown-stance-label"
    ]
    monkeypatch.setattr(schema, "STANCE_LABELS", (*schema.STANCE_LABELS, "AGAINST"))
    assert validate_data(data, file="x", text=texts["fx-vote"], manifest=manifest) == []


def test_structural_problems_do_not_crash_deeper_checks(texts: dict, manifest: dict) -> None:
    data = json.loads((FIXTURES / "valid" / "fx-vote.json").read_text(encoding="utf-8"))
    data["entities"][0]["start"] = None
    data["events"][0]["arguments"].append("T1")
    data["stances"][0].pop("evidence")
    data["relations"].append([1, 2])
    data["relations"].append({"type": "COREF", "from": "T1", "to": "T9"})
    data["entities"].append(7)
    problems = validate_data(data, file="x", text=texts["fx-vote"], manifest=manifest)
    ids = [p.check_id for p in problems]
    assert sorted(set(ids)) == ["missing-field", "not-an-object", "relation-dangling", "wrong-type"]
    # T1 is left out for its wrong type, so references to it are not dangling; T9 is
    [dangling] = [p for p in problems if p.check_id == "relation-dangling"]
    assert "'T9'" in dangling.message and "T1" not in dangling.message


def test_field_specs_match_the_standoff_format() -> None:
    span = standoff.Span(0, 1, "x")
    annotation = standoff.AnnotationSet(
        "a",
        "s",
        "v",
        "g",
        "ann",
        "manual",
        entities=(standoff.Entity("T1", span, "PER"),),
        events=(standoff.Event("V1", span, "VOTE", (standoff.Argument("Agent", "T1"),)),),
        stances=(standoff.Stance("S1", "T1", "V1", "OPPOSE", span, "ACTION", span),),
        relations=(standoff.Relation("COREF", "T1", "T1"),),
    )
    out = annotation.to_json()
    assert set(out) == set(TOP_FIELDS)
    assert set(out["entities"][0]) == set(ENTITY_FIELDS)
    assert set(out["events"][0]) == set(EVENT_FIELDS)
    assert set(out["events"][0]["arguments"][0]) == set(ARGUMENT_FIELDS)
    assert set(out["events"][0]["trigger"]) == set(SPAN_FIELDS)
    assert set(out["stances"][0]) == set(STANCE_FIELDS)
    assert set(out["relations"][0]) == set(RELATION_FIELDS)


def test_validate_sets_gates_an_export(texts: dict, manifest: dict) -> None:
    good = standoff.read(FIXTURES / "valid" / "fx-vote.json")
    assert validate_sets([good], texts=texts, manifest=manifest) == []
    problems = validate_sets([good, good], texts=texts, manifest=manifest)
    assert [p.check_id for p in problems] == ["duplicate-annotation-file"]
    assert problems[0].file == "gold/fx-vote/ann-a.json"
    bad = standoff.read(FIXTURES / "invalid" / "role-not-allowed.json")
    assert [p.check_id for p in validate_sets([bad], texts=texts, manifest=manifest)] == ["role-not-allowed"]


def test_summary_caps_repeats_and_counts() -> None:
    problems = [Problem("f", f"entity T{i}", "zero-length-span", "error", "m", "x") for i in range(25)]
    problems.append(Problem("f", "file", "stale-schema-version", "warning", "m", "x"))
    summary = summarise(problems, files=1, max_per_check=20)
    assert len(summary.shown) == 21 and summary.omitted == {"zero-length-span": 5}
    assert summary.counts == {"stale-schema-version": 1, "zero-length-span": 25}  # catalogue order
    assert list(summary.counts) == ["stale-schema-version", "zero-length-span"]
    assert (summary.errors, summary.warnings, summary.exit_code) == (25, 1, 1)
    assert summarise(problems[-1:], files=1).exit_code == 0
    assert len(summarise(problems, files=1, max_per_check=0).shown) == 26


def test_read_texts_keeps_crlf(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("one\r\ntwo 🇸🇾".encode())
    assert read_texts(tmp_path) == {"a": "one\r\ntwo 🇸🇾"}


# ---------------------------------------------------------------------------- CLI

INPUTS = ["--texts", str(TEXTS_FILE), "--manifest", str(MANIFEST_FILE)]


def test_cli_valid_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(FIXTURES / "valid"), *INPUTS]) == 0
    out = capsys.readouterr()
    assert "3 file(s), 0 error(s), 0 warning(s)" in out.out
    assert out.err == ""


def test_cli_invalid_exits_1_with_one_line_problems_and_counts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(fixture_path("role-not-allowed")), *INPUTS]) == 1
    out = capsys.readouterr()
    assert out.err.strip() == (
        f"{fixture_path('role-not-allowed')}:event V1: error [role-not-allowed] VOTE has role "
        "Victim; allowed: Agent, Theme, Forum, Time; fix: use a role the event type allows (listed in the "
        "message), or change the event type"
    )
    assert "role-not-allowed" in out.out and "1 error(s)" in out.out


def test_cli_warnings_only_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(fixture_path("stale-schema-version")), *INPUTS]) == 0
    assert "[stale-schema-version]" in capsys.readouterr().err


def test_cli_json_format_parses(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(FIXTURES / "invalid"), *INPUTS, "--format", "json", "--max-per-check", "2"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert set(report["counts"]) == set(CHECKS) - {"manifest-unavailable"}
    assert report["omitted"]["duplicate-annotation-file"] > 0
    assert all(set(p) == {"file", "record", "check_id", "severity", "message", "fix"} for p in report["problems"])
    assert report["errors"] == sum(n for c, n in report["counts"].items() if CHECKS[c].severity == "error")


def test_cli_caps_repeats_in_text_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(FIXTURES / "invalid"), *INPUTS, "--max-per-check", "1"]) == 1
    assert re.search(r"\.\.\. and \d+ more \[duplicate-annotation-file\]", capsys.readouterr().err)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_cli_list_checks_lists_every_id(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--list-checks", "--format", fmt]) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        assert [c["id"] for c in json.loads(out)] == list(CHECKS)
    else:
        for check_id in CHECKS:
            assert re.search(rf"\b{re.escape(check_id)}\b", out), check_id


def test_cli_missing_path_is_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nope"), *INPUTS]) == 2
    assert "no such file" in capsys.readouterr().err


def test_cli_help_promises_only_existing_checks(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["validate", "--help"])
    out = capsys.readouterr().out
    assert f"runs {len(CHECKS)} checks" in out
    assert "--list-checks" in out
