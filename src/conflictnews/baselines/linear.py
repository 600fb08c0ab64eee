"""Linear classifiers (scikit-learn pipelines) for the decisions made on gold spans.

Stage: benchmark (baselines). Input: gold training and validation documents. Output: predicted
passes in which only the decision the baseline makes differs from gold; the rest is copied, and
the results table says so in its "given" column.

* ``tfidf-lr-trigger-types`` (given gold trigger spans): the trigger text and a five-word window
  on each side, TF-IDF over word 1-2-grams (trigger and context kept apart), logistic regression
  over the event types.
* ``tfidf-lr-stances`` (given gold holder and target): ``holder || target || evidence``, TF-IDF
  over word 1-2-grams, logistic regression over SUPPORT / OPPOSE / NEUTRAL.
* ``lr-argument-roles`` (given gold triggers and entities): one decision per (event, entity in the
  trigger's sentence) pair: a role or no argument, from event type, entity type, order, token
  distance, the words between and the entity's head word.

The inverse regularisation C is chosen on validation from :data:`C_GRID` (macro F1 for the
classifiers, Arg-C F1 for the pair classifier).
"""

from __future__ import annotations

import re
from typing import Any

from conflictnews.annotation import standoff
from conflictnews.baselines.majority import candidate_pairs, with_arguments, with_stance_labels
from conflictnews.baselines.registry import Baseline
from conflictnews.dataset.load import Doc
from conflictnews.evaluation.scoring import score

C_GRID: tuple[float, ...] = (0.3, 1.0, 3.0, 10.0)
_WORD = re.compile(r"\w+")
NONE = "(none)"


def _sklearn() -> Any:
    try:
        import sklearn  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ImportError("the linear baselines need scikit-learn: pip install -e '.[baselines]'") from exc
    import sklearn.feature_extraction.text
    import sklearn.linear_model
    import sklearn.metrics
    import sklearn.pipeline

    return sklearn


class _TextClassifier(Baseline):
    """TF-IDF + logistic regression over one text per decision, C tuned on validation."""

    def __init__(self, seed: int = 0, **config: Any) -> None:
        self.seed = seed
        self.grid = tuple(config.get("grid", C_GRID))
        self.chosen: float | None = None
        self.validation_scores: dict[str, float] = {}
        self.model: Any = None
        self.constant: str | None = None

    @property
    def config(self) -> dict[str, Any]:
        """Return the configuration (with C chosen on validation)."""
        return {
            "vectoriser": "tfidf word 1-2-grams, sublinear tf",
            "classifier": "logistic regression",
            "grid_C": list(self.grid),
            "chosen_C": self.chosen,
            "validation_macro_f1": self.validation_scores,
        }

    def examples(self, doc: Doc) -> list[tuple[str, str, str]]:
        """Return (item id, text, gold label) per decision of ``doc``."""
        raise NotImplementedError

    def _pipeline(self, c: float) -> Any:
        sk = _sklearn()
        return sk.pipeline.make_pipeline(
            sk.feature_extraction.text.TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, lowercase=True),
            sk.linear_model.LogisticRegression(C=c, max_iter=2000, random_state=self.seed),
        )

    def fit(self, train: list[Doc], validation: list[Doc]) -> None:
        """Fit one pipeline per C, keep the best on validation macro F1."""
        sk = _sklearn()
        x, y = [], []
        for doc in train:
            for _, text, label in self.examples(doc):
                x.append(text)
                y.append(label)
        if len(set(y)) < 2:  # one class: logistic regression cannot fit; predict it
            self.constant = y[0] if y else None
            return
        vx, vy = [], []
        for doc in validation:
            for _, text, label in self.examples(doc):
                vx.append(text)
                vy.append(label)
        best: tuple[float, float, Any] | None = None
        for c in self.grid if vx else self.grid[1:2]:
            model = self._pipeline(c).fit(x, y)
            f1 = float(sk.metrics.f1_score(vy, model.predict(vx), average="macro")) if vx else 0.0
            self.validation_scores[f"C={c}"] = round(f1, 4)
            if best is None or f1 > best[0]:
                best = (f1, c, model)
        assert best is not None
        self.chosen, self.model = best[1], best[2]

    def labels(self, doc: Doc) -> dict[str, str]:
        """Return item id -> predicted label for ``doc``."""
        items = self.examples(doc)
        if not items:
            return {}
        if self.model is None:
            return {i: self.constant or label for i, _, label in items}
        return dict(zip([i for i, _, _ in items], self.model.predict([t for _, t, _ in items]), strict=True))


def trigger_text(doc: Doc, event: standoff.Event, window: int = 5) -> str:
    """Return ``trigger words || left and right context words`` for the trigger typer."""
    left = _WORD.findall(doc.text[max(0, event.trigger.start - 200) : event.trigger.start])[-window:]
    right = _WORD.findall(doc.text[event.trigger.end : event.trigger.end + 200])[:window]
    trig = " ".join(f"T_{w.lower()}" for w in _WORD.findall(event.trigger.text))
    return f"{trig} {' '.join(left)} {' '.join(right)}"


class TfidfTriggerTypes(_TextClassifier):
    """TF-IDF + logistic regression event typing of gold trigger spans."""

    task = "trigger-types"
    given = "gold trigger spans"
    description = "TF-IDF (trigger + 5-word window) + logistic regression over event types"

    def examples(self, doc: Doc) -> list[tuple[str, str, str]]:
        """One decision per gold event."""
        a = doc.annotation
        return [(v.id, trigger_text(doc, v), v.type) for v in a.events] if a else []

    def predict(self, docs: list[Doc]) -> dict[str, standoff.AnnotationSet]:
        """Copy the gold triggers with predicted types (arguments dropped: typing only)."""
        from dataclasses import replace

        out = {}
        for doc in docs:
            base = doc.empty_pass(self.name)
            if doc.annotation is None:
                out[doc.id] = base
                continue
            types = self.labels(doc)
            events = tuple(replace(v, type=types[v.id], arguments=(), attributes={}) for v in doc.annotation.events)
            out[doc.id] = replace(base, events=events)
        return out


class TfidfStances(_TextClassifier):
    """TF-IDF + logistic regression stance labels given gold holder and target."""

    task = "stances"
    given = "gold holder and target"
    description = "TF-IDF (holder || target || evidence) + logistic regression over stance labels"

    def examples(self, doc: Doc) -> list[tuple[str, str, str]]:
        """One decision per gold stance."""
        a = doc.annotation
        if a is None:
            return []
        spans = {e.id: e.span.text for e in a.entities} | {v.id: v.trigger.text for v in a.events}
        return [
            (s.id, f"{spans.get(s.holder, '')} || {spans.get(s.target, '')} || {s.evidence.text}", s.label)
            for s in a.stances
        ]

    def predict(self, docs: list[Doc]) -> dict[str, standoff.AnnotationSet]:
        """Copy the gold stances with predicted labels."""
        return {
            doc.id: with_stance_labels(doc, self.name, self.labels(doc))
            if doc.annotation
            else doc.empty_pass(self.name)
            for doc in docs
        }


def pair_features(doc: Doc, event: standoff.Event, entity: standoff.Entity) -> dict[str, Any]:
    """Return the features of one (trigger, entity) candidate pair."""
    before = entity.span.end <= event.trigger.start
    lo, hi = (entity.span.end, event.trigger.start) if before else (event.trigger.end, entity.span.start)
    between = [w.lower() for w in _WORD.findall(doc.text[lo:hi])] if hi > lo else []
    head = (_WORD.findall(entity.span.text) or [""])[-1].lower()
    features: dict[str, Any] = {
        "type": event.type,
        "entity": entity.label,
        "pair": f"{event.type}|{entity.label}",
        "order": "before" if before else "after",
        "head": head,
        "distance": min(len(between), 10),
        "trigger": event.trigger.text.lower(),
        "order_pair": f"{event.type}|{entity.label}|{'before' if before else 'after'}",
    }
    for w in between[:10]:
        features[f"between={w}"] = 1
    if between:
        features[f"adjacent={between[-1] if before else between[0]}"] = 1
    return features


class LrArgumentRoles(_TextClassifier):
    """Logistic regression over (trigger, entity) pairs: a role or no argument.

    Shares the C grid and its bookkeeping with the text classifiers; its inputs are feature dicts
    (DictVectorizer), not texts, so ``fit``, ``predict`` and ``config`` are its own.
    """

    task = "arguments"
    given = "gold triggers and entities"
    description = "logistic regression over (trigger, entity) pairs in one sentence: role or none"

    @property
    def config(self) -> dict[str, Any]:
        """Return the configuration (with C chosen on validation by Arg-C F1)."""
        return {
            "candidates": "gold entities in the trigger's sentence",
            "features": "types, order, distance, words between, head, trigger",
            "classifier": "logistic regression (DictVectorizer)",
            "grid_C": list(self.grid),
            "chosen_C": self.chosen,
            "validation_arg_c_f1": self.validation_scores,
        }

    def _predict_with(self, model: Any, docs: list[Doc]) -> dict[str, standoff.AnnotationSet]:
        out = {}
        for doc in docs:
            pairs = candidate_pairs(doc)
            roles: dict[tuple[str, str], str] = {}
            if pairs and model is not None:
                for (v, e, _), role in zip(
                    pairs, model.predict([pair_features(doc, v, e) for v, e, _ in pairs]), strict=True
                ):
                    if role != NONE:
                        roles[(v.id, e.id)] = role
            out[doc.id] = with_arguments(doc, self.name, roles) if doc.annotation else doc.empty_pass(self.name)
        return out

    def fit(self, train: list[Doc], validation: list[Doc]) -> None:
        """Fit one model per C, keep the best on validation Arg-C."""
        sk = _sklearn()
        import sklearn.feature_extraction

        x, y = [], []
        for doc in train:
            for v, e, role in candidate_pairs(doc):
                x.append(pair_features(doc, v, e))
                y.append(role or NONE)
        if len(set(y)) < 2:
            self.model = None
            return
        best: tuple[float, float, Any] | None = None
        gold = {d.id: d.annotation for d in validation if d.annotation}
        for c in self.grid if gold else self.grid[1:2]:
            model = sk.pipeline.make_pipeline(
                sklearn.feature_extraction.DictVectorizer(),
                sk.linear_model.LogisticRegression(C=c, max_iter=2000, random_state=self.seed),
            )
            model.fit(x, y)
            f1 = (
                score(gold, self._predict_with(model, validation), bootstrap=0)
                .metric("argument-classification")
                .micro.f1
                if gold
                else 0.0
            )
            self.validation_scores[f"C={c}"] = round(f1, 4)
            if best is None or f1 > best[0]:
                best = (f1, c, model)
        assert best is not None
        self.chosen, self.model = best[1], best[2]

    def predict(self, docs: list[Doc]) -> dict[str, standoff.AnnotationSet]:
        """Predict a role (or none) for every candidate pair."""
        return self._predict_with(self.model, docs)
