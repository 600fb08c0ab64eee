"""Curation: upstream articles in, the corpus manifest out.

Stage: curation. Input: every source reader's articles (:mod:`conflictnews.sources`). Output:
``corpus/manifest.jsonl`` (provenance, licence, split and text sha256 per kept article) and
``corpus/drops.jsonl`` (every dropped article with its reason), and the materialised texts.

Modules: :mod:`.pipeline` (the datatrove stages and ``conflictnews curate``), :mod:`.steps` (the
``PipelineStep`` subclasses), :mod:`.normalise`, :mod:`.dedup`, :mod:`.relevance`,
:mod:`.boilerplate` (outlet boilerplate rules, used by :mod:`.normalise`),
:mod:`.relevance_review` (annotators' relevance decisions), :mod:`.bench`
(``conflictnews bench curate``). Importing the package imports neither datatrove nor numpy.
"""
