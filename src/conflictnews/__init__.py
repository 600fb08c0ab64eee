"""ConflictNews: an open, annotated corpus and NLP benchmark of conflict news.

The package follows the pipeline: ``sources`` (readers) → ``corpus`` (fetch, verify, cache) →
curation → annotation (Label Studio, standoff, validation) → dataset build → benchmark.
``schema`` is the one source of truth for every label list.
"""

from __future__ import annotations

__version__ = "0.1.0"
