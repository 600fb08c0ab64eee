"""The silver layer scored against gold, and the build writing the figures the caller hands in."""

from __future__ import annotations

import json
from pathlib import Path

from conflictnews.dataset.build import build
from conflictnews.evaluation.silver_quality import silver_quality
from conflictnews.io import read_manifest, read_texts
from tests.evaluation.test_scoring import NEW_YORK, RUSSIA, UN, ent, pas
from tests.paths import FIXTURES


def test_silver_is_scored_only_where_an_article_has_both_tiers() -> None:
    gold = pas(ent("T1", *RUSSIA, "GPE"), ent("T2", *UN, "ORG"), ent("T3", *NEW_YORK, "GPE"))
    silver = pas(ent("T1", *RUSSIA, "GPE"), ent("T2", *UN, "GPE"), annotator="rules-v0", origin="model")
    alone = pas(ent("T1", *RUSSIA, "GPE"), annotator="rules-v0", origin="model", article="a2")
    quality = silver_quality({"a1": [gold, silver], "a2": [alone]})
    entities = quality["rules-v0"]["entities"]
    assert entities["documents"] == 1  # a2 has no gold pass
    assert entities["entity-strict"] == {"precision": 0.5, "recall": round(1 / 3, 4), "f1": 0.4}
    assert entities["entity-type"]["precision"] == 0.5
    assert silver_quality({"a2": [alone]}) == {}


def test_build_writes_what_the_silver_quality_function_returns(tmp_path: Path) -> None:
    fixture = FIXTURES / "dataset"
    manifest, texts = read_manifest(fixture / "manifest.jsonl"), read_texts(fixture / "texts.jsonl")
    handed: dict[str, list[str]] = {}
    figures = {"m-v1": {"entities": {"documents": 3, "entity-strict": {"precision": 0.5, "recall": 0.25, "f1": 0.3}}}}

    def quality(passes):  # noqa: ANN001, ANN202 - the callable the CLI hands in
        handed.update({k: [p.annotator for p in v] for k, v in passes.items()})
        return figures

    build(manifest, texts, fixture / "annotations", tmp_path / "with", silver_quality=quality)
    assert json.loads((tmp_path / "with" / "build_info.json").read_text())["silver_quality"] == figures
    assert (
        "`m-v1` on entities (3 articles): entity-strict P 50.0 / R 25.0 / F1 30.0."
        in (tmp_path / "with" / "README.md").read_text()
    )
    assert handed["dx-aid"] == ["preannotator-v0"]  # the validated passes, silver included
    build(manifest, texts, fixture / "annotations", tmp_path / "without")
    assert json.loads((tmp_path / "without" / "build_info.json").read_text())["silver_quality"] == {}
    assert "silver layer's quality is not measured" in (tmp_path / "without" / "README.md").read_text()
