"""Detailed agreement of blind passes: typed F1 with intervals, kappa on matched items, the AGREEMENT section."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictnews.annotation import standoff
from conflictnews.cli.main import main
from conflictnews.evaluation.agreement import (
    AgreementInputError,
    cohen_kappa,
    detailed_agreement,
    read_decisions,
    replace_section,
)
from tests.evaluation.test_scoring import NEW_YORK, RUSSIA, UN, _event, _vote_attrs, ent, pas

VETOED = (7, 13)


def _passes() -> tuple[standoff.AnnotationSet, standoff.AnnotationSet]:
    a = pas(
        ent("T1", *RUSSIA, "GPE"),
        ent("T2", *UN, "ORG"),
        ent("T3", *NEW_YORK, "GPE"),
        annotator="ai-a",
        events=(_event("E1", *VETOED, "VOTE", (("Agent", "T1"), ("Forum", "T2")), **_vote_attrs()),),
    )
    b = pas(
        ent("T1", *RUSSIA, "GPE"),
        ent("T2", *UN, "GPE"),  # same span, other type
        annotator="ai-b",
        events=(_event("E1", *VETOED, "VOTE", (("Agent", "T1"), ("Place", "T2")), **_vote_attrs(realis="FUTURE")),),
    )
    return a, b


def test_kappa_matches_the_textbook_formula() -> None:
    assert cohen_kappa([]).kappa is None
    assert cohen_kappa([("A", "A"), ("B", "B")]).kappa == 1.0
    assert cohen_kappa([("A", "A"), ("A", "A")]).kappa == 1.0  # one label, full agreement
    # 2x2 table: both A 20, both B 15, A/B 5, B/A 10 -> po 0.7, pe 0.5*0.6+0.5*0.4 = 0.5, kappa 0.4
    pairs = [("A", "A")] * 20 + [("B", "B")] * 15 + [("A", "B")] * 5 + [("B", "A")] * 10
    k = cohen_kappa(pairs)
    assert k.items == 50 and k.observed == pytest.approx(0.7) and k.kappa == pytest.approx(0.4)


def test_detailed_agreement_counts_items_kappa_and_attributes() -> None:
    a, b = _passes()
    report = detailed_agreement([a, b], ["a1", "missing-doc"], bootstrap=50)
    assert report.documents == ("a1",) and report.missing == ("missing-doc",)
    entities = report.layer("entities")
    assert (entities.n_a, entities.n_b, entities.matched) == (3, 2, 1)  # only Russia agrees on span and type
    assert entities.f1 == pytest.approx(2 * 1 / 5)
    assert entities.identification_f1 == pytest.approx(2 * 2 / 5)
    assert entities.labels.items == 2 and entities.labels.observed == pytest.approx(0.5)
    assert entities.ci is not None
    triggers = report.layer("triggers")
    assert triggers.f1 == 1.0 and triggers.labels.kappa == 1.0
    arguments = report.layer("arguments")
    assert arguments.labels.items == 2 and arguments.labels.observed == pytest.approx(0.5)  # Forum vs Place
    assert report.attributes["realis"].items == 1 and report.attributes["realis"].observed == 0.0


def test_agree_writes_and_replaces_its_section(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "gold"
    standoff.write(list(_passes()), tmp_path)
    decisions = tmp_path / "adjudication"
    decisions.mkdir()
    (decisions / "a1.yaml").write_text(
        "- item: UN typed GPE vs ORG\n  decision: ORG\n  rule: §2.3 organisations\n  why: the UN is an organisation\n"
    )
    out = tmp_path / "AGREEMENT.md"
    out.write_text("# Agreement\n\nIntro kept.\n")
    argv = ["agree", "--annotations", str(gold), "--documents", "a1", "--section", "pilot", "--write", str(out)]
    argv += ["--decisions", str(decisions), "--bootstrap", "20"]
    assert main(argv) == 0
    first = out.read_text()
    assert first.startswith("# Agreement\n\nIntro kept.\n")
    assert "| entities | entity-strict | **40.0** |" in first
    assert "| §2.3 | 1 | a1: UN typed GPE vs ORG → ORG |" in first
    assert main(argv) == 0
    assert out.read_text() == first  # replaced in place, not appended twice
    assert "agreement of 1 doubly annotated documents" in capsys.readouterr().out


def test_bad_decision_files_are_refused_with_the_fix(tmp_path: Path) -> None:
    (tmp_path / "d1.yaml").write_text("- item: x\n  decision: y\n")
    with pytest.raises(AgreementInputError, match="d1.yaml: decision #1 lacks item/decision/rule/why"):
        read_decisions(tmp_path)
    (tmp_path / "d1.yaml").write_text("item: x\n")
    with pytest.raises(AgreementInputError, match="expected a list"):
        read_decisions(tmp_path)


def test_replace_section_appends_when_absent() -> None:
    doc = replace_section("# A\n", "pilot", "body\n")
    assert doc.endswith("<!-- END GENERATED: pilot -->\n") and "body\n" in doc
    assert replace_section(doc, "pilot", "new\n").count("BEGIN GENERATED: pilot") == 1
    two = replace_section(doc, "later", "more\n")
    assert replace_section(two, "pilot", "body\n") == two  # replacing the first keeps the blank line after it
