"""``bench all``: every stage's figures in one run, skipped and failed stages, the table and the CLI.

Timings are printed (``pytest -s``), never compared with a threshold.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
from pathlib import Path

import pytest

from tests.paths import FIXTURES

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

from rich.console import Console  # noqa: E402

from conflictnews.cli import bench as bench_all_module  # noqa: E402
from conflictnews.cli.bench import QUICK, STAGES, StageFigure, bench_all, figures_json, render_table  # noqa: E402

DATASET = FIXTURES / "dataset"
INPUTS = {
    "manifest": DATASET / "manifest.jsonl",
    "texts": DATASET / "texts.jsonl",
    "annotations": DATASET / "annotations",
}
OFFLINE_STAGES = ["curate", "build", "preannotate", "baselines"]  # all but ls (a real Label Studio server)


def _render(figures: list[StageFigure]) -> str:
    console = Console(record=True, width=160, file=io.StringIO())
    console.print(render_table(figures))
    return console.export_text()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conflictnews.dataset.build import build
    from conflictnews.io import read_manifest, read_texts

    out = tmp_path_factory.mktemp("bench-all") / "conflictnews"
    build(read_manifest(INPUTS["manifest"]), read_texts(INPUTS["texts"]), INPUTS["annotations"], out)
    return out


@pytest.fixture(scope="module")
def figures(fetched_cache: Path, built: Path) -> list[StageFigure]:
    found = bench_all(quick=True, stages=OFFLINE_STAGES, progress=print, cache=fetched_cache, dataset=built, **INPUTS)
    print(_render(found))
    return found


def test_every_offline_stage_gives_positive_figures(figures: list[StageFigure]) -> None:
    assert [f.stage for f in figures if f.status != "ok"] == []
    assert list(dict.fromkeys(f.stage for f in figures)) == OFFLINE_STAGES  # in the order of STAGES
    for f in figures:
        assert f.value is not None and f.value > 0, f
        assert f.unit in {"s", "ms", "docs/s"}, f
        if f.reference is None:
            assert f.reference_value is None and f.ratio is None, f
        else:
            assert f.reference_value is not None and f.reference_value > 0, f
            assert f.ratio == pytest.approx(f.value / f.reference_value), f
        assert (f.goal is None) == (f.met is None), f


def test_each_stage_measures_what_it_should(figures: list[StageFigure], built: Path) -> None:
    by_stage: dict[str, list[StageFigure]] = {}
    for f in figures:
        by_stage.setdefault(f.stage, []).append(f)
    curate = [f.measure for f in by_stage["curate"]]
    for size in QUICK.curate_sizes:  # dedup and the whole pipeline per synthetic size, both against a pyarrow read
        measured = [m for m in curate if f"synthetic {size:,}" in m and "throughput" not in m]
        assert len(measured) == 2 and {m.split(",")[0] for m in measured} == {"dedup", "whole pipeline (1 task)"}
    assert any(m.startswith("dedup, real corpus") for m in curate)
    assert all(f.goal is None for f in by_stage["curate"])  # the 2-minute goal is stated for 100,000 articles

    build = by_stage["build"]
    assert build[0].reference == "plain pyarrow write, same rows" and isinstance(build[0].met, bool)
    loads = [f.measure.split(",")[0].split()[2] for f in build if f.measure.startswith("cold load_dataset")]
    examples = json.loads((built / "build_info.json").read_text())["examples"]
    assert set(loads) == {c for c, splits in examples.items() if any(splits.values())}  # one cold load per config

    assert any(
        f.measure.startswith("backend latency, typical") and f.unit == "ms" and f.goal == "< 200 ms"
        for f in by_stage["preannotate"]
    )
    (load,) = by_stage["baselines"]  # quick: the cold load only
    assert load.measure.startswith("baselines.data.load()") and "read_table" in (load.reference or "")


def test_table_and_json_hold_every_figure(figures: list[StageFigure]) -> None:
    text = _render(figures)
    for stage in OFFLINE_STAGES:
        assert stage in text
    assert "×" in text and "pyarrow" in text
    data = json.loads(figures_json(figures))["figures"]
    assert [StageFigure(**d) for d in data] == figures


def test_missing_dependency_is_skipped_and_a_failed_stage_does_not_stop_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built: Path
) -> None:
    monkeypatch.setitem(bench_all_module._NEEDS, "ls", (("no_such_module_for_bench_all",), "labelstudio"))
    found = bench_all(quick=True, stages=["ls", "baselines", "baselines"], dataset=tmp_path / "not-built")
    print(_render(found))
    skipped, failed = found
    assert (skipped.stage, skipped.status, skipped.value) == ("ls", "skipped", None)
    assert skipped.measure == "skipped: no_such_module_for_bench_all not installed (pip install -e '.[labelstudio]')"
    assert (failed.stage, failed.status) == ("baselines", "error") and "conflictnews build" in failed.measure
    assert "skipped: no_such_module" in _render(found)
    ok = bench_all(quick=True, stages=["baselines"], dataset=built)  # the same stage on a real folder works
    assert [f.status for f in ok] == ["ok"]
    with pytest.raises(ValueError, match="unknown stage"):
        bench_all(stages=["curate", "nope"])
    assert set(STAGES) == {"curate", "build", "preannotate", "ls", "baselines"}


def _bench_all_wired() -> bool:
    from conflictnews.cli.main import build_parser

    try:
        with contextlib.redirect_stderr(io.StringIO()):
            build_parser().parse_args(["bench", "all"])
    except SystemExit:
        return False
    return True


@pytest.mark.skipif(not _bench_all_wired(), reason="`bench all` is not registered in conflictnews.cli.main yet")
def test_cli_bench_all_build_json(capsys: pytest.CaptureFixture[str]) -> None:
    from conflictnews.cli.bench import _cmd_bench_all
    from conflictnews.cli.main import build_parser, main

    assert build_parser().parse_args(["bench"]).func is _cmd_bench_all  # a bare `bench` runs every stage
    code = main(
        [
            "bench",
            "all",
            "--quick",
            "--stage",
            "build",
            "--format",
            "json",
            *(x for k, v in INPUTS.items() for x in (f"--{k}", str(v))),
        ]
    )
    out = capsys.readouterr().out
    print(out)
    assert code == 0
    data = json.loads(out)["figures"]
    assert {d["stage"] for d in data} == {"build"} and all(d["status"] == "ok" and d["value"] > 0 for d in data)
