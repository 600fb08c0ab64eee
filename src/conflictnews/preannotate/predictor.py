"""The pre-annotator interface and registry: any model that turns an article into a standoff pass.

Stage: pre-annotation. Input: an article id and its exact materialised text. Output: a
:class:`~conflictnews.annotation.standoff.AnnotationSet` with origin ``model`` whose annotator is the
model's versioned name (``rules-spacy-v0.1``) and whose provenance records the full version
fingerprint (rules version, spaCy package and version, gazetteer and lexicon digests).

The rule pre-annotator (:mod:`conflictnews.preannotate.rules`) is registered here; the trained
baselines plug in through the same :class:`Predictor` protocol by adding a factory to
:data:`PREDICTORS` (or registering one with :func:`register_predictor`). The registry names each
model's module without importing it, so :mod:`~conflictnews.preannotate.rules` imports this module
and never the other way round.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol, runtime_checkable

from conflictnews.annotation.standoff import AnnotationSet
from conflictnews.registry import Registry

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


#: Model name → ``"module:factory"`` (a class or function returning a :class:`Predictor`). The
#: default is the first entry; a trained baseline plugs in with :func:`register_predictor`.
PREDICTORS = Registry("pre-annotator", {"rules-spacy-v0.1": "conflictnews.preannotate.rules:RulePredictor"})
DEFAULT_MODEL = "rules-spacy-v0.1"


def register_predictor(name: str, target: str) -> None:
    """Register a pre-annotator under its versioned name.

    Args:
        name: The versioned model name (the silver passes' annotator).
        target: ``"package.module:factory"``; the factory takes no argument and returns a :class:`Predictor`.

    Raises:
        ValueError: When the name is already taken or the target is malformed.

    """
    PREDICTORS.register(name, target)


def load_predictor(name: str = DEFAULT_MODEL) -> Predictor:
    """Return a fresh pre-annotator called ``name``.

    Raises:
        KeyError: For an unknown name, with the closest registered name.

    """
    predictor: Predictor = PREDICTORS.load(name)()
    return predictor
