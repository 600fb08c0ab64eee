"""Baselines: registry, BIO decoding, every fast baseline, the runner on a real build, results, agreement."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from tests.paths import ROOT

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

from conflictnews import schema  # noqa: E402
from conflictnews.annotation import standoff
from conflictnews.baselines.registry import BASELINES, Baseline, all_baselines, get_baseline  # noqa: E402
from conflictnews.baselines.results import read_results, render_markdown, render_plots  # noqa: E402
from conflictnews.baselines.run import confusion, evaluate, run_baseline  # noqa: E402
from conflictnews.baselines.tagging import decode, sentences  # noqa: E402
from conflictnews.cli.main import main  # noqa: E402
from conflictnews.dataset import load as bdata  # noqa: E402
from conflictnews.evaluation.agreement import agreement, agreement_of_folder  # noqa: E402
from conflictnews.evaluation.scoring import score  # noqa: E402
from conflictnews.registry import Registry  # noqa: E402
from tests.benchmark_docs import make_docs  # noqa: E402


@pytest.fixture(scope="module")
def docs() -> dict[str, list[bdata.Doc]]:
    return make_docs()


def _f1(result: dict, name: str | None = None) -> float:
    return result["scores"][name or result["headline"]]["micro"]["f1"]


# -- registry ---------------------------------------------------------------------------------


def test_registry_lists_every_family_and_suggests_on_typos() -> None:
    names = {b.name for b in all_baselines()}
    for expected in (
        "majority-entities",
        "crf-entities",
        "crf-triggers",
        "tfidf-lr-trigger-types",
        "tfidf-lr-stances",
        "lr-argument-roles",
        "preannotator-entities",
        "minilm-entities",
        "minilm-triggers",
        "minilm-stances",
        "majority-arguments",
        "majority-stances",
    ):
        assert expected in names
    with pytest.raises(KeyError, match="did you mean 'crf-entities'"):
        get_baseline("crf-entites")
    with pytest.raises(ValueError, match="already registered"):
        BASELINES.register("crf-entities", "conflictnews.baselines.crf:CrfEntities")


class Sentiment(Baseline):
    """A baseline class of a task the benchmark does not have."""

    task = "sentiment"


class NotABaseline:
    """A class that does not declare itself a baseline."""


def test_registry_is_lazy_and_checks_what_it_loads() -> None:
    registry = Registry("baseline", {"one": f"{__name__}:Sentiment"})
    assert registry.names() == ["one"]
    with pytest.raises(ValueError, match="not of the form"):
        registry.register("two", "no-colon")
    with pytest.raises(KeyError, match="did you mean 'one'"):
        registry.load("onee")
    assert registry.load("one") is Sentiment
    # A class whose task is unknown is refused when it is looked up, naming its module.
    BASELINES.register("sentiment-test", f"{__name__}:Sentiment")
    BASELINES.register("stray-test", f"{__name__}:NotABaseline")
    try:
        with pytest.raises(
            ValueError, match=r"'sentiment-test' \(.*test_baselines:Sentiment\): unknown task 'sentiment'"
        ):
            get_baseline("sentiment-test")
        with pytest.raises(ValueError, match="not a subclass of Baseline"):
            get_baseline("stray-test")
    finally:
        BASELINES._targets.pop("sentiment-test")
        BASELINES._targets.pop("stray-test")


def test_cli_baseline_run_unknown_name_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["baseline", "run", "majority-entitis"]) == 2
    assert "did you mean 'majority-entities'" in capsys.readouterr().err


# -- tagging ----------------------------------------------------------------------------------


def test_decode_bio_hand_computed() -> None:
    spans = [(0, 3), (4, 9), (10, 14), (15, 20), (21, 25)]
    assert decode(["B-ORG", "I-ORG", "O", "B-GPE", "I-GPE"], spans) == [(0, 9, "ORG"), (15, 25, "GPE")]
    # An I- that does not continue its type starts a new span (conlleval); B- after B- splits.
    assert decode(["I-PER", "I-ORG", "B-ORG", "B-ORG", "O"], spans) == [
        (0, 3, "PER"),
        (4, 9, "ORG"),
        (10, 14, "ORG"),
        (15, 20, "ORG"),
    ]
    assert decode(["O"] * 5, spans) == []


def test_doc_sentence_of_inside_and_between_sentences(docs: dict[str, list[bdata.Doc]]) -> None:
    doc = docs["train"][0]
    (s0, e0, _, _), (s1, _, _, _) = doc.sentences[:2]
    assert doc.sentence_of(s0) == 0 and doc.sentence_of(e0 - 1) == 0 and doc.sentence_of(s1) == 1
    assert e0 < s1 and doc.sentence_of(e0) == -1  # the space between two sentences
    assert doc.sentence_of(len(doc.text) + 5) == -1


def test_sentences_carry_the_gold_bio_of_the_dataset(docs: dict[str, list[bdata.Doc]]) -> None:
    doc = docs["train"][0]
    sents = sentences([doc], "entities")
    assert sum(len(s.words) for s in sents) == len(doc.tokens)
    decoded = sorted(x for s in sents for x in decode(list(s.tags), s.spans))
    assert decoded == sorted((e.span.start, e.span.end, e.label) for e in doc.annotation.entities)


# -- the fast baselines on synthetic documents --------------------------------------------------


FAST = [b.name for b in all_baselines() if not b.heavy]


@pytest.mark.parametrize("name", FAST)
def test_every_fast_baseline_predicts_spans_of_the_text(name: str, docs: dict[str, list[bdata.Doc]]) -> None:
    info = get_baseline(name)
    model = info.factory(seed=0)
    model.fit(docs["train"], docs["validation"])
    pred = model.predict(docs["test"])
    assert set(pred) == {d.id for d in docs["test"]}
    texts = {d.id: d.text for d in docs["test"]}
    for doc_id, p in pred.items():
        assert p.origin == "model"
        for e in p.entities:
            assert texts[doc_id][e.span.start : e.span.end] == e.span.text
            assert e.label in schema.ENTITY_LABELS
        for v in p.events:
            assert texts[doc_id][v.trigger.start : v.trigger.end] == v.trigger.text
            assert v.type in schema.EVENT_LABELS
            ids = {e.id for e in p.entities} | {x.id for x in p.events}
            assert all(a.ref in ids and schema.is_allowed_role(v.type, a.role) for a in v.arguments)
        for s in p.stances:
            assert s.label in schema.STANCE_LABELS
    json.dumps(model.config)  # the configuration goes into the result file


def test_learned_baselines_beat_the_majority_floor_on_synthetic_docs(docs: dict[str, list[bdata.Doc]]) -> None:
    def run(name: str) -> dict:
        return evaluate(get_baseline(name), docs["train"], docs["validation"], docs["test"], bootstrap=0)

    # The templates put every role in a fixed position; pair features find it, the type-pair prior cannot.
    assert _f1(run("lr-argument-roles")) > _f1(run("majority-arguments"))
    # Three stance labels in equal measure: the majority label is right about a third of the time.
    assert _f1(run("tfidf-lr-stances")) > _f1(run("majority-stances")) + 0.3
    assert _f1(run("crf-entities")) > 0.9 and _f1(run("crf-triggers")) > 0.9
    typed = run("tfidf-lr-trigger-types")
    assert _f1(typed, "trigger-identification") == 1.0  # handed the gold spans


def test_confusion_counts_hand_computed(docs: dict[str, list[bdata.Doc]]) -> None:
    doc = docs["test"][0]
    gold = doc.annotation
    first, second, *_ = gold.entities
    pred = replace(
        gold,
        entities=(
            replace(first, label="LOC" if first.label != "LOC" else "PER"),
            standoff.Entity("X1", standoff.Span(0, 1, doc.text[0]), "PER"),
        ),
    )
    table = confusion({doc.id: gold}, {doc.id: pred}, "entities")
    labels, matrix = table["labels"], table["matrix"]

    def cell(g: str, p: str) -> int:
        return matrix[labels.index(g)][labels.index(p)]

    assert cell(first.label, pred.entities[0].label) == 1
    assert cell(second.label, "(none)") >= 1
    assert cell("(none)", "PER") == 1
    assert sum(map(sum, matrix)) == len(gold.entities) + 1


# -- the runner on a real build, loaded with load_dataset ---------------------------------------


def _manifest(docs: dict[str, list[bdata.Doc]]) -> tuple[list[dict], dict[str, str]]:
    """Manifest records and texts for the synthetic documents."""
    all_docs = [d for split in docs.values() for d in split]
    manifest = [
        {
            "id": d.id,
            "genre": "news",
            "split": d.split,
            "text_sha256": d.annotation.text_sha256,
            "source": "synthetic",
            "licence": "CC0-1.0",
            "licence_class": "public-domain",
            "dedup_cluster": d.id,
            "title": d.id,
            "date": "2020-01-01",
            "words": len(d.text.split()),
            "characters": len(d.text),
        }
        for d in all_docs
    ]
    return manifest, {d.id: d.text for d in all_docs}


@pytest.fixture(scope="module")
def built(docs: dict[str, list[bdata.Doc]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conflictnews.dataset.build import build

    root = tmp_path_factory.mktemp("bench-build")
    manifest, texts = _manifest(docs)
    standoff.write([d.annotation for split in docs.values() for d in split], root / "annotations" / "gold")
    build(manifest, texts, root / "annotations", root / "conflictnews")
    return root / "conflictnews"


def test_documents_config_round_trips_to_the_gold_passes(built: Path, docs: dict[str, list[bdata.Doc]]) -> None:
    data = bdata.load(built)
    assert data.counts()["events"] == {split: len(v) for split, v in docs.items()}
    originals = {d.id: d.annotation for split in docs.values() for d in split}
    for split in ("train", "validation", "test"):
        for doc in data.docs[split]:
            original, loaded = originals[doc.id], doc.annotation
            assert loaded is not None and doc.text[doc.tokens[0][0] : doc.tokens[0][1]]
            assert {e.to_json()["id"]: e.to_json() for e in loaded.entities} == {
                e.id: e.to_json() for e in original.entities
            }
            assert [v.to_json() for v in loaded.events] == [
                v.to_json() for v in sorted(original.events, key=lambda v: v.trigger.start)
            ]
            assert [s.to_json() for s in loaded.stances] == [s.to_json() for s in original.stances]
            assert loaded.text_sha256 == original.text_sha256


def test_scorer_reads_the_documents_config_as_gold(
    built: Path, tmp_path: Path, docs: dict[str, list[bdata.Doc]], capsys: pytest.CaptureFixture[str]
) -> None:
    from conflictnews.evaluation.scoring import load_passes

    gold = load_passes(built, tier="gold")
    assert set(gold.passes) == {d.id for split in docs.values() for d in split}
    preds = tmp_path / "preds"
    standoff.write([d.annotation for split in docs.values() for d in split], preds)
    assert main(["score", str(built), str(preds), "--bootstrap", "0", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    by_name = {m["name"]: m for m in report["metrics"]}
    for name in ("entity-strict", "trigger-classification", "argument-classification", "stance-tuple"):
        assert by_name[name]["micro"]["f1"] == 1.0, name


def test_tagger_predictions_score_through_the_cli_like_in_memory(
    docs: dict[str, list[bdata.Doc]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A tagger predicts spans, not the required mention attributes: the scorer warns and scores.
    model = get_baseline("crf-entities").factory(seed=0)
    model.fit(docs["train"], docs["validation"])
    pred = model.predict(docs["test"])
    standoff.write(list(pred.values()), tmp_path / "pred")
    standoff.write([d.annotation for d in docs["test"]], tmp_path / "gold")
    assert main(["score", str(tmp_path / "gold"), str(tmp_path / "pred"), "--bootstrap", "0", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert "missing-required-attribute" in captured.err and "warning" in captured.err
    cli = {m["name"]: m for m in json.loads(captured.out)["metrics"]}["entity-strict"]["micro"]["f1"]
    gold = {d.id: d.annotation for d in docs["test"]}
    assert cli == pytest.approx(score(gold, pred, bootstrap=0).metric("entity-strict").micro.f1)
    # Gold is held to the schema: the same files as GOLD are refused.
    assert main(["score", str(tmp_path / "pred"), str(tmp_path / "gold"), "--bootstrap", "0"]) == 1


def test_run_writes_a_traceable_result_file(built: Path, tmp_path: Path) -> None:
    data = bdata.load(built)
    record = run_baseline(get_baseline("crf-entities"), data, bootstrap=20, out_dir=tmp_path)
    on_disk = json.loads((tmp_path / "crf-entities.json").read_text())
    assert on_disk == record
    for key in (
        "scores",
        "dataset_version",
        "dataset_checksum",
        "config",
        "seed",
        "git_commit",
        "wall_seconds",
        "confusion",
        "learning_curve",
        "documents",
    ):
        assert key in record, key
    assert record["status"] == "ok" and record["dataset_checksum"] == data.checksum
    assert set(record["scores"]) == {"entity-strict", "entity-exact", "entity-partial", "entity-type"}
    assert [p["fraction"] for p in record["learning_curve"]] == [0.1, 0.25, 0.5, 1.0]
    assert record["scores"]["entity-strict"]["ci_micro_f1"] is not None
    # The same seed gives the same scores.
    again = run_baseline(get_baseline("crf-entities"), data, bootstrap=20, curve=False)
    assert again["scores"] == record["scores"]


def test_run_skips_a_layer_without_gold(built: Path, tmp_path: Path) -> None:
    data = bdata.load(built)
    no_stances = replace(
        data,
        docs={k: tuple(replace(d, gold_layers=d.gold_layers - {"stances"}) for d in v) for k, v in data.docs.items()},
    )
    record = run_baseline(get_baseline("tfidf-lr-stances"), no_stances, out_dir=tmp_path)
    assert record["status"] == "skipped" and "no documents with gold stances" in record["reason"]
    assert record["scores"] == {}


def test_load_sees_a_rebuild_of_the_same_folder(built: Path, tmp_path: Path, docs: dict[str, list[bdata.Doc]]) -> None:
    # load() reads the folder as it is now: a rebuild in place (fewer gold passes) shows at once.
    from conflictnews.dataset.build import build

    folder = tmp_path / "conflictnews"
    shutil.copytree(built, folder)
    assert bdata.load(folder).counts()["events"]["test"] == len(docs["test"])
    info = json.loads((folder / "build_info.json").read_text())
    manifest, texts = _manifest(docs)
    standoff.write([d.annotation for d in docs["train"]], tmp_path / "fewer" / "gold")
    build(manifest, texts, tmp_path / "fewer", folder)
    assert json.loads((folder / "build_info.json").read_text())["annotations_sha256"] != info["annotations_sha256"]
    assert bdata.load(folder).counts()["events"] == {"train": len(docs["train"]), "validation": 0, "test": 0}


def test_load_refuses_a_folder_without_a_build(tmp_path: Path) -> None:
    with pytest.raises(bdata.BenchmarkDataError, match="conflictnews build"):
        bdata.load(tmp_path)


# -- results ----------------------------------------------------------------------------------


def test_committed_results_md_is_regenerated_identically(tmp_path: Path) -> None:
    results = ROOT / "baselines" / "results"
    assert any(results.glob("*.json")), "baselines/results/*.json are committed"
    expected = (ROOT / "baselines" / "RESULTS.md").read_text(encoding="utf-8")
    assert render_markdown(read_results(results), agreement_of_folder(ROOT / "annotations" / "gold")) == expected
    assert main(["results", "--check"]) == 0


def test_results_check_fails_on_a_stale_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stale = tmp_path / "RESULTS.md"
    shutil.copy(ROOT / "baselines" / "RESULTS.md", stale)
    stale.write_text(stale.read_text().replace("crf-entities", "crf-entities-typed-by-hand", 1))
    assert main(["results", "--check", "--out", str(stale)]) == 1
    assert "stale" in capsys.readouterr().err


def test_results_and_plots_from_fresh_runs(built: Path, tmp_path: Path) -> None:
    data = bdata.load(built)
    for name in ("majority-entities", "crf-triggers", "lr-argument-roles", "tfidf-lr-stances"):
        run_baseline(get_baseline(name), data, bootstrap=10, out_dir=tmp_path / "results")
    results = read_results(tmp_path / "results")
    text = render_markdown(results, agreement([]))
    assert text == render_markdown(results, agreement([]))  # deterministic
    for heading in ("## Entities", "## Event triggers", "## Arguments", "## Stances"):
        assert heading in text
    row = next(line for line in text.splitlines() if line.startswith("| lr-argument-roles"))
    f1 = results[[r["name"] for r in results].index("lr-argument-roles")]["scores"]["argument-classification"]
    assert f"**{100 * f1['micro']['f1']:.1f}**" in row
    plots = render_plots(results, tmp_path / "plots")
    names = {p.name for p in plots}
    assert {"entities-f1-per-type.png", "arguments-f1-per-type.png", "stances-f1-per-type.png"} <= names
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in plots)


# -- agreement --------------------------------------------------------------------------------


def test_agreement_hand_computed_and_only_from_independent_passes(docs: dict[str, list[bdata.Doc]]) -> None:
    gold = docs["train"][0].annotation
    a = replace(gold, annotator="ann-a")
    n = len(gold.entities)
    # ann-b misses one entity and mislabels another: strict matches n - 2 of n (a) and n - 1 (b).
    wrong = replace(gold.entities[1], label="LOC" if gold.entities[1].label != "LOC" else "PER")
    b = replace(gold, annotator="ann-b", entities=(gold.entities[0], wrong, *gold.entities[3:]))
    report = agreement([a, b, replace(gold, annotator="dstl", origin="imported-gold")])
    strict = report.metric("entity-strict")
    assert report.headline("entities") == strict
    assert (strict.documents, strict.pairs) == (1, 1)
    assert strict.f1 == pytest.approx(2 * (n - 2) / (n + n - 1))
    assert report.headline("events").f1 == 1.0
    assert report.annotators == ("ann-a", "ann-b")
    # Reviewed predictions and imported gold never make an agreement figure.
    none = agreement([a, replace(b, origin="reviewed-prediction")])
    assert none.metric("entity-strict").f1 is None and none.metric("entity-strict").pairs == 0


def test_agreement_equals_the_scorer_with_the_passes_as_gold_and_prediction(docs: dict[str, list[bdata.Doc]]) -> None:
    gold = docs["train"][1].annotation
    a, b = replace(gold, annotator="ann-a"), replace(gold, annotator="ann-b", entities=gold.entities[1:])
    f1 = score({gold.article_id: a}, {gold.article_id: b}, bootstrap=0).metric("entity-strict").micro.f1
    assert agreement([a, b]).metric("entity-strict").f1 == pytest.approx(f1)


def test_registry_is_the_one_source_for_the_cli_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["baseline", "list"]) == 0
    printed = capsys.readouterr().out
    assert all(name in printed for name in BASELINES)


# -- bad input --------------------------------------------------------------------------------


def test_results_refuses_a_broken_result_file_and_keeps_the_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results = tmp_path / "results"
    shutil.copytree(ROOT / "baselines" / "results", results)
    out = tmp_path / "RESULTS.md"
    out.write_text("the previous table\n")
    (results / "crf-entities.json").write_text('{"name": "crf-entities", "scores": ')
    assert main(["results", "--results", str(results), "--out", str(out), "--no-plots"]) == 1
    message = capsys.readouterr().err
    assert "crf-entities.json" in message and "not a JSON result file" in message
    assert "conflictnews baseline run crf-entities" in message
    (results / "crf-entities.json").write_text('{"name": "crf-entities"}')
    assert main(["results", "--results", str(results), "--out", str(out), "--no-plots"]) == 1
    assert "lacks task" in capsys.readouterr().err
    assert out.read_text() == "the previous table\n"


def test_agree_refuses_a_broken_annotation_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "gold" / "a1" / "ann.json"
    broken.parent.mkdir(parents=True)
    broken.write_text('{"article_id": "a1"}')
    assert main(["agree", "--annotations", str(tmp_path / "gold")]) == 1
    message = capsys.readouterr().err
    assert "ann.json" in message and "conflictnews validate" in message


def test_plots_are_replaced_only_when_all_are_drawn(tmp_path: Path) -> None:
    plots = tmp_path / "plots"
    plots.mkdir()
    (plots / "old.png").write_bytes(b"old")
    broken = [{"task": "entities", "status": "ok", "headline": "entity-strict", "name": "x", "scores": {}}]
    with pytest.raises(KeyError):
        render_plots(broken, plots)
    assert (plots / "old.png").read_bytes() == b"old"
