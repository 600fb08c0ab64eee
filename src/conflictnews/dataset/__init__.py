"""Dataset: the typed Hugging Face folder built from the manifest, the texts and the passes.

Stage: dataset. Input: ``corpus/manifest.jsonl``, materialised texts, ``annotations/``. Output:
``dist/conflictnews/`` (parquet per config and split, card, Croissant, checksums), exports, and
the folder read back for the benchmark.

Modules: :mod:`.features` (``Features`` from ``schema.py``), :mod:`.build`, :mod:`.card` (card,
Croissant, DATASHEET counts), :mod:`.export` (ACE/PLOVER), :mod:`.load` (the built folder read
back with ``datasets.load_dataset``), :mod:`.bench` (``conflictnews bench build``).
"""
