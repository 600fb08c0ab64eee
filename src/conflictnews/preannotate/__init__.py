"""Model-assisted pre-annotation: a silver layer over the corpus and a Label Studio ML backend.

Stage: pre-annotation. Input: manifest articles and their materialised texts. Output: silver
standoff passes (origin ``model``, annotator = the versioned model name) under
``annotations/silver/`` and predictions served to Label Studio.

Modules: :mod:`.predictor` (the interface and registry), :mod:`.rules` (``rules-spacy-v0.1``),
:mod:`.lexicon` and :mod:`.gazetteers` (its resources), :mod:`.run` (``conflictnews
preannotate``), :mod:`.ml_backend` (``conflictnews ls backend``), :mod:`.bench`
(``conflictnews bench preannotate``). Importing this package imports neither spaCy nor the
Label Studio SDK.
"""

from __future__ import annotations

from conflictnews.preannotate.predictor import DEFAULT_MODEL, ORIGIN, Predictor, load_predictor, register_predictor

__all__ = ["DEFAULT_MODEL", "ORIGIN", "Predictor", "load_predictor", "register_predictor"]
