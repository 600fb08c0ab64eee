"""Card YAML from the Features, Croissant validated by mlcroissant, DATASHEET counts fresh."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conflictnews.dataset.build import build
from conflictnews.dataset.card import BEGIN, END, datasheet_counts, replace_counts, update_datasheet
from conflictnews.dataset.features import CONFIGS, features
from conflictnews.io import read_manifest, read_texts
from tests.paths import FIXTURES, ROOT

FIXTURE = FIXTURES / "dataset"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("card") / "conflictnews"
    build(read_manifest(FIXTURE / "manifest.jsonl"), read_texts(FIXTURE / "texts.jsonl"), FIXTURE / "annotations", out)
    return out


def test_card_yaml_features_are_the_build_features(built: Path) -> None:
    from datasets.info import DatasetInfosDict
    from huggingface_hub import DatasetCard

    card = DatasetCard.load(built / "README.md")
    infos = DatasetInfosDict.from_dataset_card_data(card.data)
    assert sorted(infos) == sorted(CONFIGS)
    for config in CONFIGS:
        assert infos[config].features == features()[config], config
    configs = {c["config_name"]: c for c in card.data.to_dict()["configs"]}
    assert configs["documents"].get("default") is True
    assert [f["split"] for f in configs["stances"]["data_files"]] == ["train"]  # empty splits have no files


def test_card_has_licence_per_subset_citation_and_loading_examples(built: Path) -> None:
    text = (built / "README.md").read_text()
    for source, licence in (
        ("fixture-news", "CC-BY-2.5"),
        ("fixture-portal", "CC-BY-SA-4.0"),
        ("fixture-statements", "PD-USGov"),
    ):
        assert f"| {source} | {licence} |" in text
    assert "@misc{conflictnews" in text and "AI language-model annotators" in text
    for config in CONFIGS:
        assert f'"{config}"' in text or config == "documents"
    assert text.count('r["tier"] == GOLD') >= 3


def test_croissant_validates_and_reads_records(built: Path) -> None:
    import mlcroissant as mlc

    dataset = mlc.Dataset(jsonld=built / "croissant.json")
    stances = list(dataset.records(record_set="stances"))
    assert sorted(r["stances/stance_id"] for r in stances) == [b"S1", b"S2"]
    doc = json.loads((built / "croissant.json").read_text())
    assert {
        "rai:dataCollection",
        "rai:dataAnnotationProtocol",
        "rai:annotatorDemographics",
        "rai:dataLimitations",
        "rai:personalSensitiveInformation",
    } <= doc.keys()
    sums = dict(line.split("  ")[::-1] for line in (built / "checksums.sha256").read_text().splitlines())
    for item in doc["distribution"]:
        if item["@type"] == "cr:FileObject":
            assert sums[item["contentUrl"]] == item["sha256"]


def test_datasheet_counts_are_fresh() -> None:
    counts = datasheet_counts(ROOT / "corpus" / "manifest.jsonl", ROOT / "annotations")
    assert not update_datasheet(ROOT / "DATASHEET.md", counts, check=True), (
        "DATASHEET.md counts are stale; run `conflictnews datasheet`"
    )


def test_datasheet_staleness_is_detected(tmp_path: Path) -> None:
    sheet = tmp_path / "DATASHEET.md"
    sheet.write_text(f"# x\n{BEGIN}\nold\n{END}\n")
    counts = datasheet_counts(FIXTURE / "manifest.jsonl", FIXTURE / "annotations")
    assert update_datasheet(sheet, counts, check=True)
    assert update_datasheet(sheet, counts) and not update_datasheet(sheet, counts, check=True)
    assert "| `imported-gold` | 0 | 0 | 1 | 1 |" in sheet.read_text()
    with pytest.raises(ValueError, match="markers"):
        replace_counts("no markers", counts)
