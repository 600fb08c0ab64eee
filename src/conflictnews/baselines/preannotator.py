"""The pre-annotator (rules + spaCy, no training) scored as a baseline on every layer it predicts.

Stage: benchmark (baselines). Input: test documents (``fit`` learns nothing). Output: the rule
pre-annotator's passes (:mod:`conflictnews.preannotate.rules`), end to end: its own entities,
triggers, arguments and stances, never gold spans. It is registered once per task so each layer's
table has its row; predictions are cached per process, so the four runs predict once.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from conflictnews.annotation import standoff
from conflictnews.baselines.registry import Baseline
from conflictnews.dataset.load import Doc
from conflictnews.preannotate.predictor import DEFAULT_MODEL, load_predictor


@cache
def _predictor() -> Any:
    return load_predictor(DEFAULT_MODEL)


@cache
def _predict(article_id: str, text: str) -> standoff.AnnotationSet:
    return _predictor().predict(article_id, text)


class _PreAnnotator(Baseline):
    def __init__(self, seed: int = 0, **config: Any) -> None:
        self.seed = seed

    @property
    def config(self) -> dict[str, Any]:
        """Return the model name and its full version fingerprint."""
        p = _predictor()
        return {"model": p.name, "version": p.version, "training": "none (rules + spaCy en_core_web_sm)"}

    def fit(self, train: list[Doc], validation: list[Doc]) -> None:
        """Learn nothing: the rules are fixed."""

    def predict(self, docs: list[Doc]) -> dict[str, standoff.AnnotationSet]:
        """Pre-annotate every document."""
        return {d.id: _predict(d.id, d.text) for d in docs}


class PreAnnotatorEntities(_PreAnnotator):
    """Rules + spaCy pre-annotator: entities."""

    task = "entities"
    description = "rules + spaCy pre-annotator, no training"


class PreAnnotatorTriggers(_PreAnnotator):
    """Rules + spaCy pre-annotator: event triggers."""

    task = "triggers"
    description = "lexicon triggers of the pre-annotator"


class PreAnnotatorArguments(_PreAnnotator):
    """Rules + spaCy pre-annotator: arguments, end to end."""

    task = "arguments"
    description = "dependency attachment of the pre-annotator (end to end: its own triggers)"


class PreAnnotatorStances(_PreAnnotator):
    """Rules + spaCy pre-annotator: stances, end to end."""

    task = "stances"
    description = "reporting-verb and quotation patterns (end to end: its own holders and targets)"
