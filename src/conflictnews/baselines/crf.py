"""CRF token taggers (sklearn-crfsuite) for entity mentions and event triggers.

Stage: benchmark (baselines). Input: gold training and validation documents, tagged per sentence
with the dataset's BIO scheme (:mod:`conflictnews.baselines.tagging`). Output: predicted passes.

Features per token: the lower-cased word, its 2- and 3-character suffixes, shape flags (title
case, all caps, digit, punctuation) and the same for the words one and two to either side. The
L1/L2 penalties (c1, c2) are chosen on the validation split from a small grid by strict span F1
(the official scorer's ``entity-strict`` or ``trigger-classification``); the final model is the
one trained with the chosen penalties.
"""

from __future__ import annotations

from typing import Any

from conflictnews.annotation import standoff
from conflictnews.baselines.registry import Baseline
from conflictnews.baselines.tagging import Sentence, decode, sentences, to_passes
from conflictnews.dataset.load import Doc
from conflictnews.evaluation.scoring import score

#: (c1, c2) penalties tried on the validation split.
GRID: tuple[tuple[float, float], ...] = ((0.05, 0.05), (0.1, 0.1), (0.25, 0.01))


def _word_features(word: str, prefix: str) -> dict[str, Any]:
    return {
        f"{prefix}lower": word.lower(),
        f"{prefix}title": word.istitle(),
        f"{prefix}upper": word.isupper(),
        f"{prefix}digit": word.isdigit(),
        f"{prefix}alpha": word.isalpha(),
    }


def token_features(words: tuple[str, ...], i: int) -> dict[str, Any]:
    """Return the CRF features of token ``i`` of a sentence."""
    word = words[i]
    out: dict[str, Any] = {
        "bias": 1.0,
        **_word_features(word, ""),
        "suf2": word[-2:].lower(),
        "suf3": word[-3:].lower(),
        "len": min(len(word), 10),
    }
    for offset in (-2, -1, 1, 2):
        j = i + offset
        if 0 <= j < len(words):
            out.update(_word_features(words[j], f"{offset:+d}:"))
        else:
            out[f"{offset:+d}:edge"] = True
    return out


def featurise(sents: list[Sentence]) -> list[list[dict[str, Any]]]:
    """Return the feature dicts of every token of every sentence."""
    return [[token_features(s.words, i) for i in range(len(s.words))] for s in sents]


class _CrfTagger(Baseline):
    layer = "entities"
    metric = "entity-strict"

    def __init__(self, seed: int = 0, **config: Any) -> None:
        self.seed = seed
        self.max_iterations = int(config.get("max_iterations", 100))
        self.grid = tuple(tuple(x) for x in config.get("grid", GRID))
        self.chosen: tuple[float, float] | None = None
        self.validation_scores: dict[str, float] = {}
        self.model: Any = None

    @property
    def config(self) -> dict[str, Any]:
        """Return the configuration (with the penalties chosen on validation)."""
        return {
            "algorithm": "lbfgs",
            "max_iterations": self.max_iterations,
            "grid": [list(g) for g in self.grid],
            "chosen_c1_c2": list(self.chosen) if self.chosen else None,
            "validation_f1": self.validation_scores,
            "features": "word, suffixes, shape, +-2 words",
        }

    def _train(self, x: list[list[dict[str, Any]]], y: list[list[str]], c1: float, c2: float) -> Any:
        try:
            import sklearn_crfsuite
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise ImportError("the CRF baselines need sklearn-crfsuite: pip install -e '.[baselines]'") from exc
        model = sklearn_crfsuite.CRF(
            algorithm="lbfgs", c1=c1, c2=c2, max_iterations=self.max_iterations, all_possible_transitions=True
        )
        model.fit(x, y)
        return model

    def _passes(self, model: Any, docs: list[Doc]) -> dict[str, standoff.AnnotationSet]:
        sents = sentences(docs, self.layer)
        tags = model.predict(featurise(sents)) if sents else []
        predicted: dict[str, list[tuple[int, int, str]]] = {}
        for s, t in zip(sents, tags, strict=True):
            predicted.setdefault(s.doc_id, []).extend(decode(list(t), s.spans))
        return to_passes(docs, predicted, self.layer, self.name)

    def fit(self, train: list[Doc], validation: list[Doc]) -> None:
        """Train one CRF per grid point, keep the penalties best on validation, train the final model."""
        sents = sentences(train, self.layer)
        x, y = featurise(sents), [list(s.tags) for s in sents]
        best: tuple[float, tuple[float, float], Any] | None = None
        grid = self.grid if validation else self.grid[:1]
        for c1, c2 in grid:
            model = self._train(x, y, c1, c2)
            if not validation:
                best = (0.0, (c1, c2), model)
                break
            gold = {d.id: d.annotation for d in validation if d.annotation}
            f1 = score(gold, self._passes(model, validation), bootstrap=0).metric(self.metric).micro.f1
            self.validation_scores[f"c1={c1},c2={c2}"] = round(f1, 4)
            if best is None or f1 > best[0]:
                best = (f1, (c1, c2), model)
        assert best is not None
        self.chosen, self.model = best[1], best[2]

    def predict(self, docs: list[Doc]) -> dict[str, standoff.AnnotationSet]:
        """Tag every sentence and decode the spans."""
        return self._passes(self.model, docs)


class CrfEntities(_CrfTagger):
    """Linear-chain CRF entity tagger (BIO)."""

    task = "entities"
    description = "linear-chain CRF over word, suffix and shape features"

    layer = "entities"
    metric = "entity-strict"
    learning_curve = True


class CrfTriggers(_CrfTagger):
    """Linear-chain CRF trigger tagger (BIO over event types)."""

    task = "triggers"
    description = "linear-chain CRF trigger tagger (BIO over event types)"

    layer = "events"
    metric = "trigger-classification"
