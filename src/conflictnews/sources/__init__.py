"""One reader per upstream source.

Stage: corpus (reading). Each module exposes ``read(root: Path) -> ReadResult``, where ``root``
is the source's folder in the local cache (same layout as ``../shared/corpus/<source>/``).
:data:`READERS` maps source ids to their modules; modules are imported lazily so that a
reader's parsing dependencies load only when that source is read.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from conflictnews.sources.base import ReadResult

#: source id -> module name under ``conflictnews.sources``.
READERS: dict[str, str] = {
    "fa-kes": "fa_kes",
    "re3d": "re3d",
    "wikinews": "wikinews",
    "gum-news": "gum_news",
    "wikipedia-current-events": "current_events",
    "centcom-oir": "centcom",
    "whitehouse-statements": "whitehouse",
    "unsc-vetoes": "unsc_vetoes",
}


def reader(source: str) -> Callable[[Path], ReadResult]:
    """Return the ``read`` function of ``source``.

    Args:
        source: A key of :data:`READERS`.

    Returns:
        The reader function.

    Raises:
        KeyError: For an unknown source id (the message lists the known ones).

    """
    try:
        module = READERS[source]
    except KeyError:
        raise KeyError(f"unknown source {source!r}; known: {', '.join(READERS)}") from None
    return importlib.import_module(f"conflictnews.sources.{module}").read
