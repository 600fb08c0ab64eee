"""ACE/TextEE and PLOVER exports of the fixture corpus."""

from __future__ import annotations

import json
from pathlib import Path

from conflictnews import schema
from conflictnews.annotation.passes import read_passes
from conflictnews.cli.main import main
from conflictnews.dataset.export import ace_records, plover_records
from conflictnews.io import read_manifest, read_texts
from tests.paths import FIXTURES

FIXTURE = FIXTURES / "dataset"
MANIFEST = read_manifest(FIXTURE / "manifest.jsonl")
TEXTS = read_texts(FIXTURE / "texts.jsonl")
PASSES = read_passes(FIXTURE / "annotations")


def test_ace_sentence_records_use_token_offsets() -> None:
    records, report = ace_records(MANIFEST, TEXTS, PASSES)
    assert [r["wnd_id"] for r in records] == ["dx-snip-0", "dx-vote-0", "dx-vote-1"]  # gold only by default
    first = records[1]
    vote = first["event_mentions"][0]
    assert vote["event_type"] == "VOTE" and vote["trigger"] == {"text": "vetoed", "start": 1, "end": 2}
    assert first["tokens"][vote["trigger"]["start"] : vote["trigger"]["end"]] == ["vetoed"]
    for arg in vote["arguments"]:
        assert " ".join(first["tokens"][arg["start"] : arg["end"]]) == arg["text"]
    assert [(a["role"], a["entity_id"]) for a in vote["arguments"]] == [
        ("Agent", "dx-vote-T1"),
        ("Forum", "dx-vote-T3"),
        ("Theme", "dx-vote-T2"),
        ("Time", "dx-vote-T4"),
    ]
    for mention in first["entity_mentions"]:
        assert " ".join(first["tokens"][mention["start"] : mention["end"]]) == mention["text"]
    assert report.skipped["ace: argument filled by an event"] == 1  # ACCUSE Content -> the VOTE
    silver, _ = ace_records(MANIFEST, TEXTS, PASSES, include_silver=True)
    assert {r["doc_id"] for r in silver} == {"dx-aid", "dx-snip", "dx-vote"}


def test_plover_records_follow_the_schema_mapping() -> None:
    records, report = plover_records(MANIFEST, TEXTS, PASSES, include_silver=True)
    by_id = {r["id"]: r for r in records}
    veto = by_id["dx-vote-V1"]
    assert (veto["event_type"], veto["actor"]["text"], veto["date"]) == ("REJECT", "Borduria", "2016-03-05")
    seize = by_id["dx-snip-V1"]
    assert (seize["event_type"], seize["mode"], seize["location"]["text"]) == ("COERCE", "seize", "Kessel")
    assert seize["recipient"]["text"] == "airport"
    assert (by_id["dx-aid-V2"]["event_type"], by_id["dx-aid-V2"]["injured"]) == ("ASSAULT", "Three")
    assert by_id["dx-aid-V3"]["mode"] == "heavy-weapons"
    for r in records:
        assert r["event_type"] == schema.plover_category(
            r["conflictnews_type"],
            {
                k: v
                for k, v in next(
                    e for p in PASSES[r["doc_id"]] for e in p.events if f"{r['doc_id']}-{e.id}" == r["id"]
                ).attributes.items()
            },
        )
    assert report.records == len(records) == 6


def test_cli_export_writes_sorted_json_lines(tmp_path: Path) -> None:
    out = tmp_path / "plover.jsonl"
    args = [
        "export",
        "--format",
        "plover",
        "--out",
        str(out),
        "--manifest",
        str(FIXTURE / "manifest.jsonl"),
        "--texts",
        str(FIXTURE / "texts.jsonl"),
        "--annotations",
        str(FIXTURE / "annotations"),
    ]
    assert main(args) == 0
    ids = [json.loads(line)["id"] for line in out.read_text().splitlines()]
    assert ids == sorted(ids) and "dx-aid-V1" not in ids  # silver only with --include-silver
    assert main([*args, "--include-silver"]) == 0
    assert "dx-aid-V1" in out.read_text()
    ace = tmp_path / "ace.jsonl"
    assert main([*args[:2], "ace", "--out", str(ace), *args[5:]]) == 0
    assert len(ace.read_text().splitlines()) == 3
