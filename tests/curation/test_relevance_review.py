"""Relevance reviews: the file's checks, the override in curation, agreement and the lexicon's errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conflictnews.curation.pipeline import CurationError, build_stages, collect, run_stages
from conflictnews.curation.relevance_review import (
    FIELDS,
    ReviewError,
    cohen_kappa,
    decisions,
    load_reviews,
    review_applies,
    summarise,
)
from conflictnews.io import sha256_text
from tests.paths import FIXTURES

FIXTURE = FIXTURES / "curate"


def review(
    article: str,
    judgement: str,
    *,
    annotator: str = "ai-relevance-a1",
    purpose: str = "decision",
    sha: str = "a" * 64,
    source: str = "fixture-news",
) -> dict[str, str]:
    return {
        "id": article,
        "source": source,
        "text_sha256": sha,
        "judgement": judgement,
        "confidence": "clear",
        "reason": "Constructed for a test.",
        "annotator": annotator,
        "origin": "manual",
        "guidelines_version": "0.2.0",
        "purpose": purpose,
    }


def write(path: Path, records: list) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), encoding="utf-8")
    return path


def test_missing_file_means_no_reviews(tmp_path: Path) -> None:
    assert load_reviews(tmp_path / "absent.jsonl") == []


def test_bad_records_are_named_with_line_and_fix(tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.jsonl",
        [
            review("x1", "conflict-relevant"),
            "{not json",
            review("x2", "maybe"),
            {k: v for k, v in review("x3", "not-relevant").items() if k != "reason"},
            review("x1", "not-relevant", annotator="ai-relevance-b"),  # second decision for x1
            review("x1", "not-relevant", purpose="agreement"),  # same annotator twice
            review("x4", "not-relevant", sha="XYZ"),
        ],
    )
    with pytest.raises(ReviewError) as caught:
        load_reviews(path)
    problems = caught.value.problems
    assert len(problems) == 6
    assert problems[0].startswith(f"{path}:2: malformed JSON")
    assert f"{path}:3 (x2): judgement 'maybe' is not one of conflict-relevant, not-relevant" in problems[1]
    assert f"{path}:4 (x3): missing field 'reason'" in problems[2]
    assert f"{path}:5 (x1): a second decision pass (first on line 1)" in problems[3]
    assert f"{path}:6 (x1): annotator ai-relevance-a1 already reviewed it on line 1" in problems[4]
    assert f"{path}:7 (x4): text_sha256 'XYZ' is not" in problems[5]
    assert all("fix:" in p for p in problems)


def test_decisions_keep_only_decision_passes(tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.jsonl",
        [review("x1", "conflict-relevant"), review("x1", "not-relevant", annotator="b", purpose="agreement")],
    )
    assert decisions(load_reviews(path)) == {"x1": (True, "a" * 64)}


def test_cohen_kappa_hand_computed() -> None:
    # 10 items: both yes 3, both no 5, a-yes/b-no 1, a-no/b-yes 1 -> po 0.8, pe 0.4*0.4+0.6*0.6 = 0.52
    pairs = [(True, True)] * 3 + [(False, False)] * 5 + [(True, False), (False, True)]
    assert cohen_kappa(pairs) == pytest.approx((0.8 - 0.52) / 0.48)
    assert cohen_kappa([]) is None
    assert cohen_kappa([(True, True)] * 4) is None  # chance agreement 1: kappa undefined


def test_summary_counts_agreement_and_lexicon_errors(tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.jsonl",
        [
            review("x1", "conflict-relevant"),
            review("x2", "conflict-relevant"),
            review("x3", "not-relevant"),
            review("x1", "conflict-relevant", annotator="b", purpose="agreement"),
            review("x3", "conflict-relevant", annotator="b", purpose="agreement"),
        ],
    )
    summary = summarise(load_reviews(path), {"x1": True, "x2": False, "x3": True})
    assert (summary.decisions, summary.relevant, summary.double, summary.agreed) == (3, 2, 2, 1)
    assert (summary.lexicon_tp, summary.lexicon_fp, summary.lexicon_fn) == (1, 1, 1)
    assert summary.lexicon_precision == 0.5 and summary.lexicon_recall == 0.5


def test_schema_fields_are_the_documented_ones() -> None:
    assert FIELDS == (
        "id",
        "source",
        "text_sha256",
        "judgement",
        "confidence",
        "reason",
        "annotator",
        "origin",
        "guidelines_version",
        "purpose",
    )


# --- the override in the curation pipeline ----------------------------------------------------


def fixture_record(article: str) -> dict:
    return next(json.loads(line) for line in (FIXTURE / "articles.jsonl").open() if article in line)


def curated_sha(article: str) -> str:
    """The sha256 of the article's text after the character rules: what a curation-2 reviewer read."""
    from conflictnews.curation.normalise import normalise_text

    return sha256_text(normalise_text(fixture_record(article)["text"])[0])


def curated_v3_sha(article: str) -> str:
    """The sha256 of the article's curated text now: headline, blank line, body."""
    from conflictnews.curation.normalise import curate_text

    record = fixture_record(article)
    meta = record["metadata"]
    return sha256_text(curate_text(record["text"], meta["title"], meta["source"], meta.get("outlet", "")).text)


def run_with(tmp: Path, records: list[dict]) -> tuple[list[dict], list[dict]]:
    from datatrove.pipeline.readers import JsonlReader

    path = write(tmp / "reviews.jsonl", records)
    reviews = load_reviews(path)
    work = tmp / "work"
    stages = build_stages(
        JsonlReader(str(FIXTURE), glob_pattern="*.jsonl", compression=None), work, reviews=decisions(reviews)
    )
    run_stages(stages, work)
    return collect(work, tmp / "out", reviews, path, ("fixture-news", "fixture-portal"))


def test_review_overrides_the_lexicon_both_ways(tmp_path: Path) -> None:
    manifest, drops = run_with(
        tmp_path,
        [
            review("fx-news-07", "conflict-relevant", sha=curated_sha("fx-news-07")),  # lexicon: garden news, dropped
            review("fx-news-06", "not-relevant", sha=curated_sha("fx-news-06")),  # lexicon: kept
        ],
    )
    kept = {r["id"]: r for r in manifest}
    dropped = {d["id"]: d for d in drops}
    assert kept["fx-news-07"]["relevance_rule"] == "review" and kept["fx-news-07"]["relevance_scorer"] is False
    assert dropped["fx-news-06"]["reason"] == "not-conflict-relevant"
    assert dropped["fx-news-06"]["relevance_rule"] == "review" and dropped["fx-news-06"]["relevance_scorer"] is True
    assert "relevance_scorer" not in kept["fx-news-01"]  # unreviewed: the lexicon decides, nothing extra recorded


def test_review_applies_to_its_text_and_to_the_text_the_article_rules_made_of_it() -> None:
    read, now, other = "a" * 64, "b" * 64, "c" * 64
    assert review_applies(now, now, read)  # read the curated text itself
    assert review_applies(read, now, read)  # read the text before the headline and boilerplate rules
    assert not review_applies(other, now, read)  # any other text: review again
    assert not review_applies("", now, "")


def test_a_review_of_the_text_before_the_headline_was_added_still_decides(tmp_path: Path) -> None:
    before, after = curated_sha("fx-news-07"), curated_v3_sha("fx-news-07")
    assert before != after  # the headline is on top now
    for sha in (before, after):
        (tmp_path / sha).mkdir()
        manifest, _ = run_with(tmp_path / sha, [review("fx-news-07", "conflict-relevant", sha=sha)])
        kept = {r["id"]: r for r in manifest}
        assert kept["fx-news-07"]["relevance_rule"] == "review"
        assert kept["fx-news-07"]["normalised_sha256"] == before and kept["fx-news-07"]["text_sha256"] == after


def test_stale_or_unknown_review_refused_and_nothing_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.jsonl").write_text("previous\n")
    with pytest.raises(CurationError, match=r"fx-news-07.*the review read aaaaaaaaaaaa.*fix: review the new text"):
        run_with(tmp_path, [review("fx-news-07", "conflict-relevant")])
    assert (out / "manifest.jsonl").read_text() == "previous\n"
    with pytest.raises(CurationError, match=r"fx-news-99.*no source produced this article"):
        run_with(tmp_path, [review("fx-news-99", "conflict-relevant", sha=curated_sha("fx-news-07"))])
    # a review of a source this run did not read is not checked
    run_with(tmp_path, [review("wikinews-0", "conflict-relevant", source="wikinews")])


def test_committed_reviews_load_with_independent_second_passes() -> None:
    from conflictnews.io import project_root

    path = project_root() / "corpus" / "relevance_reviews.jsonl"
    reviews = load_reviews(path)
    assert reviews, "corpus/relevance_reviews.jsonl is committed"
    assert all(r.origin == "manual" and r.annotator.startswith("ai-") for r in reviews)
    # agreement passes are by another annotator than the decision they are compared with
    decided = {r.id: r.annotator for r in reviews if r.purpose == "decision"}
    assert all(decided.get(r.id) != r.annotator for r in reviews if r.purpose == "agreement")


def test_cli_refuses_a_bad_reviews_file_before_curating(
    fetched_cache: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from conflictnews.cli.main import main

    out = tmp_path / "corpus"
    out.mkdir()
    (out / "manifest.jsonl").write_text("previous\n")
    bad = write(tmp_path / "reviews.jsonl", [review("x1", "perhaps")])
    code = main(
        ["curate", "--cache", str(fetched_cache), "--out", str(out), "--reviews", str(bad), "--source", "gum-news"]
    )
    assert code == 1
    assert f"{bad}:1 (x1): judgement 'perhaps'" in capsys.readouterr().err.replace("\n", "")
    assert (out / "manifest.jsonl").read_text() == "previous\n" and not (out / "drops.jsonl").exists()
