"""Curation: normaliser, relevance, dedup, the datatrove pipeline on a fixture and on the real corpus."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from conflictnews.curation.dedup import cluster_duplicates
from conflictnews.curation.normalise import normalise_text
from conflictnews.curation.pipeline import (
    SPLITS,
    MaterialiseError,
    build_stages,
    collect,
    curate,
    materialise,
    run_stages,
    split_of,
)
from conflictnews.curation.relevance import LexiconRelevanceScorer
from conflictnews.io import read_manifest
from tests.paths import FIXTURES

FIXTURE = FIXTURES / "curate"


def run_fixture(tmp: Path, executor: str = "local", workers: int = 1) -> tuple[list[dict], list[dict]]:
    from datatrove.pipeline.readers import JsonlReader

    work = tmp / "work"
    stages = build_stages(JsonlReader(str(FIXTURE), glob_pattern="*.jsonl", compression=None), work)
    run_stages(stages, work, executor, workers)
    return collect(work, tmp / "out")


@pytest.fixture(scope="module")
def fixture_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict], list[dict]]:
    tmp = tmp_path_factory.mktemp("fixture-run")
    manifest, drops = run_fixture(tmp)
    return tmp, manifest, drops


# --- normaliser ------------------------------------------------------------------------------


def test_normaliser_records_each_change_and_is_idempotent() -> None:
    text, changes = normalise_text("  Troops\u00a0 advanced.\r\n\r\n\r\n\x07Shelling\u200b resumed.\t ")
    assert text == "Troops advanced.\n\nShelling resumed."
    assert [c.split(":")[0] for c in changes] == ["line-endings", "control-characters", "whitespace"]
    assert normalise_text(text) == (text, ())


def test_normaliser_keeps_replacement_character() -> None:
    assert normalise_text("the army\ufffds advance")[0] == "the army\ufffds advance"


# --- relevance -------------------------------------------------------------------------------


def test_relevance_lexicon_and_by_construction() -> None:
    scorer = LexiconRelevanceScorer()
    fixture = {d["id"]: d for d in map(json.loads, (FIXTURE / "articles.jsonl").open())}
    war = scorer.score(fixture["fx-news-01"]["text"], "", "news")
    garden = scorer.score(fixture["fx-news-07"]["text"], "", "news")
    assert war.relevant and war.rule == "lexicon" and war.distinct >= 3
    assert not garden.relevant and garden.score == 0
    assert scorer.score("Talks resume.", "", "snippet") == scorer.score("", "", "snippet")
    assert scorer.score("Talks resume.", "", "snippet").rule == "by-construction"
    # re3d's documents were selected for the Syria/Iraq conflict; the same text from elsewhere is scored.
    statement = "We welcome the positive outcome of the gathering of the opposition in Riyadh today."
    assert scorer.score(statement, "", "official-statement", "re3d").relevant
    assert not scorer.score(statement, "", "official-statement", "whitehouse-statements").relevant
    # FA-KES was collected as Syrian-war news: a terse report missing the lexicon's minimum is kept
    terse = "The coalition mourned five rescue workers who died when their centre was hit from the air."
    assert not scorer.score(terse, "", "news", "wikinews").relevant
    assert scorer.score(terse, "", "news", "fa-kes").rule == "by-construction"
    # an accident report: many harm words, no armed-conflict vocabulary
    crash = "A bus crash killed nine people and injured twenty; the injured were evacuated and the killed named."
    assert not scorer.score(crash, "", "news").relevant


# --- dedup -----------------------------------------------------------------------------------


def test_dedup_finds_planted_exact_and_near_duplicates_only() -> None:
    base = [" ".join(f"word{i}x{j}" for j in range(60)) for i in range(50)]
    near = base[7].split()
    near[10] = "changed"
    near.append("appended")
    texts = [*base, base[3], " ".join(near)]
    ids = [f"d{i:03d}" for i in range(len(texts))]
    result = cluster_duplicates(ids, texts, [0] * len(texts))
    assert result.reason[50] == "exact-duplicate" and result.representative[50] == "d003"
    assert result.reason[51] == "near-duplicate" and result.representative[51] == "d007"
    assert result.similarity[51] >= 0.7
    assert Counter(result.reason) == Counter({"": 50, "exact-duplicate": 1, "near-duplicate": 1})


def test_dedup_representative_follows_rank_key() -> None:
    text = "Rebel forces shelled the airport overnight, the army said in a statement on Monday morning."
    result = cluster_duplicates(["a", "b"], [text, text], [(1,), (0,)])
    assert result.representative == ("b", "b") and result.reason == ("exact-duplicate", "")


# --- pipeline on the fixture ---------------------------------------------------------------


def test_fixture_duplicates_found_with_representative(fixture_run) -> None:
    _, manifest, drops = fixture_run
    by_id = {d["id"]: d for d in drops}
    assert by_id["fx-news-02"]["reason"] == "exact-duplicate"
    assert by_id["fx-news-02"]["representative"] == "fx-news-01"  # credible beats fake
    assert by_id["fx-news-03"]["reason"] == "exact-duplicate"  # identical only after normalisation
    assert by_id["fx-news-04"]["reason"] == "near-duplicate"
    assert by_id["fx-news-04"]["representative"] == "fx-news-05"  # the longer text is kept
    assert by_id["fx-snip-02"]["reason"] == "exact-duplicate"
    kept = {r["id"]: r for r in manifest}
    assert kept["fx-news-01"]["cluster_size"] == 3
    assert kept["fx-news-01"]["dedup_cluster"] == "cluster-fx-news-01"


def test_fixture_filters_give_reasons(fixture_run) -> None:
    _, _, drops = fixture_run
    reasons = {d["id"]: d["reason"] for d in drops}
    assert reasons["fx-news-07"] == "not-conflict-relevant"
    assert reasons["fx-stat-01"] == "not-conflict-relevant"
    assert reasons["fx-news-08"] == "not-english"
    assert reasons["fx-news-09"] == "too-short"
    assert reasons["fx-news-10"] == "licence-non-commercial"


def test_fixture_counts_add_up_and_manifest_has_no_text(fixture_run) -> None:
    tmp, manifest, drops = fixture_run
    inputs = [json.loads(line) for line in (FIXTURE / "articles.jsonl").open()]
    assert len(manifest) + len(drops) == len(inputs)
    assert {r["id"] for r in manifest} | {d["id"] for d in drops} == {d["id"] for d in inputs}
    assert sorted(r["id"] for r in manifest) == [r["id"] for r in manifest]
    raw = (tmp / "out" / "manifest.jsonl").read_text()
    assert "Velmora" not in raw and "Velmora" not in (tmp / "out" / "drops.jsonl").read_text()
    assert {r["split"] for r in manifest} <= {name for name, _ in SPLITS}
    assert all(r["split"] == split_of(r["dedup_cluster"]) for r in manifest)


def test_fixture_manifest_byte_identical_across_runs_and_workers(fixture_run, tmp_path: Path) -> None:
    first, _, _ = fixture_run
    run_fixture(tmp_path, workers=2)
    for name in ("manifest.jsonl", "drops.jsonl"):
        assert (tmp_path / "out" / name).read_bytes() == (first / "out" / name).read_bytes()


def test_split_is_deterministic_and_roughly_proportional() -> None:
    counts = Counter(split_of(f"cluster-{i}") for i in range(20_000))
    for name, share in SPLITS:
        assert abs(counts[name] / 20_000 - share) < 0.02
    assert split_of("cluster-x") == split_of("cluster-x")


@pytest.mark.slow
def test_ray_executor_output_equals_local(fixture_run, tmp_path: Path) -> None:
    pytest.importorskip("ray", reason="ray is part of the curation extra")
    import ray

    first, _, _ = fixture_run
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, ignore_reinit_error=True)
    try:
        run_fixture(tmp_path, executor="ray", workers=2)
    finally:
        ray.shutdown()
    for name in ("manifest.jsonl", "drops.jsonl"):
        assert (tmp_path / "out" / name).read_bytes() == (first / "out" / name).read_bytes()


# --- the real corpus -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_run(fetched_cache: Path, tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("real-run")
    from conflictnews.io import project_root

    report = curate(
        fetched_cache,
        tmp / "corpus",
        work_dir=tmp / "work",
        reviews=project_root() / "corpus" / "relevance_reviews.jsonl",
    )
    return report, read_manifest(report.manifest), read_manifest(report.drops)


def test_real_run_reproduces_the_committed_manifest(real_run) -> None:
    from conflictnews.io import project_root

    report, _, _ = real_run
    for name in ("manifest.jsonl", "drops.jsonl"):
        assert (report.manifest.parent / name).read_bytes() == (project_root() / "corpus" / name).read_bytes(), (
            f"corpus/{name} is stale; fix: run `conflictnews curate` and commit it"
        )


def test_real_relevance_reviews_applied_and_summarised(real_run) -> None:
    report, manifest, drops = real_run
    reviewed = [r for r in [*manifest, *drops] if r.get("relevance_rule") == "review"]
    assert len(reviewed) == report.reviews.decisions > 0
    assert report.reviews.double > 0 and report.reviews.kappa is not None
    # news from FA-KES and re3d is conflict material by construction, never dropped for relevance
    assert not any(d["source"] in ("fa-kes", "re3d") and d["reason"] == "not-conflict-relevant" for d in drops)


def test_real_non_conflict_wikinews_dropped_with_reason(real_run) -> None:
    _, manifest, drops = real_run
    by_id = {d["id"]: d for d in drops}
    # "Wikinews interviews Brian Carroll, American Solidarity Party presidential nominee": an election interview
    assert by_id["wikinews-01584077d8"]["reason"] == "not-conflict-relevant"
    assert by_id["wikinews-01584077d8"]["relevance"] < 1.0
    assert any(r["source"] == "wikinews" for r in manifest)


def test_real_drop_counts_add_up(real_run, fetched_cache: Path) -> None:
    from conflictnews.sources.fetch import read_source

    report, manifest, drops = real_run
    for source in report.sources:
        result = read_source(source, fetched_cache)
        kept = sum(1 for r in manifest if r["source"] == source)
        dropped = sum(1 for d in drops if d["source"] == source)
        assert kept + dropped == len(result.articles) + len(result.skipped), source
    assert len(manifest) + len(drops) == len({r["id"] for r in manifest} | {d["id"] for d in drops})


def test_real_duplicates_policy_and_genres(real_run) -> None:
    report, manifest, drops = real_run
    reasons = Counter((d["source"], d["reason"]) for d in drops)
    assert reasons[("fa-kes", "exact-duplicate")] >= 15  # FA-KES ships 15 exact-duplicate texts
    assert reasons[("fa-kes", "near-duplicate")] > 0
    if "re3d" in report.sources:
        assert reasons[("re3d", "licence-non-commercial")] > 0
        assert not any(r["licence_class"] == "non-commercial" for r in manifest)
    genres = Counter(r["genre"] for r in manifest)
    assert genres["news"] > 700 and genres["snippet"] > 0
    news_test = sum(1 for r in manifest if r["genre"] == "news" and r["split"] == "test")
    assert news_test >= 100


def test_real_materialise_roundtrip_and_mismatch(real_run, fetched_cache: Path, tmp_path: Path) -> None:
    report, manifest, _ = real_run
    sample = [r for r in manifest if r["source"] in ("fa-kes", "wikinews")][:40]
    path = tmp_path / "manifest.jsonl"
    path.write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in sample))
    texts = materialise(path, fetched_cache)
    assert set(texts) == {r["id"] for r in sample}
    import hashlib

    assert all(hashlib.sha256(texts[r["id"]].encode()).hexdigest() == r["text_sha256"] for r in sample)
    bad = dict(sample[0], text_sha256="0" * 64)
    path.write_text(json.dumps(bad) + "\n")
    with pytest.raises(MaterialiseError, match=f"{bad['id']}.*manifest expects 0{{64}}.*Fix"):
        materialise(path, fetched_cache)


def test_relevance_scores_the_headline_once() -> None:
    """The curated text opens with the headline: the title is not scored a second time."""
    from datatrove.data import Document

    from conflictnews.curation.relevance import Relevance
    from conflictnews.curation.steps import ConflictRelevanceFilter

    seen: list[tuple[str, str]] = []

    class Recorder:
        def score(self, text: str, title: str, genre: str, source: str = "") -> Relevance:
            seen.append((text, title))
            return LexiconRelevanceScorer().score(text, title, genre, source)

    step = ConflictRelevanceFilter(Recorder())
    headline = "Shelling kills 12 in Velmora"
    step.filter(Document(text=f"{headline}\n\nThe town was shelled.", id="a", metadata={"title": headline}))
    step.filter(Document(text="The town was shelled.", id="b", metadata={"title": headline}))
    assert seen == [(f"{headline}\n\nThe town was shelled.", ""), ("The town was shelled.", headline)]
