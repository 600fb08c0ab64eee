"""Tests for conflictnews.annotation.guidelines: the manual's generated tables are current and complete."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conflictnews import schema
from conflictnews.annotation.guidelines import (
    TABLES,
    GuidelinesError,
    default_path,
    render_tables,
    stale_tables,
    update_guidelines,
)
from conflictnews.cli.main import main


def test_committed_guidelines_tables_are_current() -> None:
    assert stale_tables(default_path()) == [], "run `conflictnews guidelines` and commit annotations/GUIDELINES.md"


def test_tables_name_every_schema_label() -> None:
    tables = render_tables()
    for name in schema.ENTITY_LABELS:
        assert f"| `{name}` |" in tables["entity-types"]
    for et in schema.EVENT_TYPES:
        row = next(line for line in tables["event-types"].splitlines() if f"| `{et.name}` |" in line)
        assert all(f"`{r}`" in row for r in et.roles), et.name
    for name in (*schema.ROLE_LABELS,):
        assert f"| `{name}` |" in tables["roles"]
    for name in (*schema.MENTION_ATTRIBUTE_NAMES,):
        assert f"| `{name}` |" in tables["mention-attributes"]
    for name in (*schema.EVENT_ATTRIBUTE_NAMES,):
        assert f"| `{name}` |" in tables["event-attributes"]
    for name in (*schema.STANCE_LABELS, *schema.STANCE_BASES):
        assert f"| `{name}` |" in tables["stance"]
    for name in schema.RELATION_LABELS:
        assert f"| `{name}` |" in tables["relations"]
    assert render_tables() == tables  # deterministic


def test_a_changed_schema_makes_the_manual_stale(tmp_path: Path) -> None:
    manual = tmp_path / "GUIDELINES.md"
    manual.write_text(default_path().read_text(encoding="utf-8"), encoding="utf-8")
    data = schema.as_dict()
    data["event_types"][0]["roles"] = [*data["event_types"][0]["roles"], "Duration"]
    edited = render_tables(data)["event-types"]
    text = manual.read_text(encoding="utf-8")
    current = render_tables()["event-types"]
    manual.write_text(text.replace(current, edited), encoding="utf-8")
    assert stale_tables(manual) == ["event-types"]
    assert main(["guidelines", "--check", "--path", str(manual)]) == 1
    assert update_guidelines(manual) == ["event-types"]
    assert stale_tables(manual) == [] and manual.read_text(encoding="utf-8") == text
    assert main(["guidelines", "--check", "--path", str(manual)]) == 0


def test_prose_outside_the_markers_is_kept(tmp_path: Path) -> None:
    manual = tmp_path / "GUIDELINES.md"
    blocks = "\n".join(
        f"<!-- BEGIN GENERATED: {name} -->\nold\n<!-- END GENERATED: {name} -->\nprose {name}\n" for name in TABLES
    )
    manual.write_text("# Title\n" + blocks, encoding="utf-8")
    assert update_guidelines(manual) == list(TABLES)
    text = manual.read_text(encoding="utf-8")
    assert text.startswith("# Title\n") and all(f"prose {name}\n" in text for name in TABLES)
    assert "\nold\n" not in text


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.replace("<!-- BEGIN GENERATED: roles -->", "<!-- BEGIN: roles -->"), "no marker pair for roles"),
        (lambda t: t + "\n<!-- BEGIN GENERATED: nope -->\n<!-- END GENERATED: nope -->\n", "unknown tables nope"),
        (lambda t: t + "\n<!-- BEGIN GENERATED: roles -->\n<!-- END GENERATED: roles -->\n", "repeated marker pairs"),
    ],
)
def test_marker_problems_are_errors(tmp_path: Path, edit, message: str) -> None:
    manual = tmp_path / "GUIDELINES.md"
    manual.write_text(edit(default_path().read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(GuidelinesError, match=message):
        stale_tables(manual)


def test_the_manual_decides_all_17_pilot_questions() -> None:
    text = default_path().read_text(encoding="utf-8")
    section = text.split("## 10. Decisions on the 17 pilot questions", 1)[1].split("\n## 11.", 1)[0]
    numbers = [int(n) for n in re.findall(r"^\*\*(\d+)\. ", section, flags=re.MULTILINE)]
    assert numbers == list(range(1, 18))
