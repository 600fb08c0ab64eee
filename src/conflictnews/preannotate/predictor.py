"""The pre-annotator interface and registry: any model that turns an article into a standoff pass.

Stage: pre-annotation. Input: an article id and its exact materialised text. Output: a
:class:`~conflictnews.standoff.AnnotationSet` with origin ``model`` whose annotator is the
model's versioned name (``rules-spacy-v0.1``) and whose provenance records the full version
fingerprint (rules version, spaCy package and version, gazetteer and lexicon digests).

The rule pre-annotator (:mod:`conflictnews.preannotate.rules`) is registered here; the trained
baselines plug in through the same :class:`Predictor` protocol by adding a factory to
:data:`PREDICTORS` (or registering one with :func:`register_predictor`).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, runtime_checkable

from conflictnews.standoff import AnnotationSet

#: The origin every pre-annotation carries (the silver tier).
ORIGIN = "model"


@runtime_checkable
class Predictor(Protocol):
    """A pre-annotator.

    Attributes:
        name: Versioned model name: the pass's annotator, the Label Studio ``model_version`` and
            the silver file name (``annotations/silver/<article>/<name>.json``).
        version: The full fingerprint; a silver file made under another fingerprint is redone.

    """

    name: str

    @property
    def version(self) -> str:
        """Return the full version fingerprint."""
        ...

    def predict(self, article_id: str, text: str) -> AnnotationSet:
        """Pre-annotate one article (offsets into ``text``, origin ``model``)."""
        ...

    def predict_many(self, items: Iterable[tuple[str, str]]) -> Iterator[AnnotationSet]:
        """Pre-annotate ``(article id, text)`` pairs in order (batched where the model can)."""
        ...


def _rules() -> Predictor:
    from conflictnews.preannotate.rules import RulePredictor

    return RulePredictor()


#: Model name → factory. The default is the first entry.
PREDICTORS: dict[str, Callable[[], Predictor]] = {"rules-spacy-v0.1": _rules}
DEFAULT_MODEL = "rules-spacy-v0.1"


def register_predictor(name: str, factory: Callable[[], Predictor]) -> None:
    """Register a pre-annotator factory under its versioned name (e.g. a trained baseline).

    Raises:
        ValueError: When the name is already taken.

    """
    if name in PREDICTORS:
        raise ValueError(f"pre-annotator {name!r} is already registered")
    PREDICTORS[name] = factory


def load_predictor(name: str = DEFAULT_MODEL) -> Predictor:
    """Return the pre-annotator called ``name``.

    Raises:
        KeyError: For an unknown name, with the closest registered name.

    """
    if name not in PREDICTORS:
        close = difflib.get_close_matches(name, list(PREDICTORS), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise KeyError(f"unknown pre-annotator {name!r}{hint} Registered: {', '.join(PREDICTORS)}")
    return PREDICTORS[name]()
