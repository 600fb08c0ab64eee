"""One reader per upstream source.

Stage: corpus (reading). Each reader module exposes ``read(root: Path) -> ReadResult``, where
``root`` is the source's folder in the local cache (same layout as ``../shared/corpus/<source>/``).
The sources, their readers and their upstream files are declared once, in
:mod:`conflictnews.sources.registry`; a reader module is imported only when its source is read.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conflictnews.sources.base import ReadResult
from conflictnews.sources.registry import READERS


def reader(source: str) -> Callable[[Path], ReadResult]:
    """Return the ``read`` function of ``source``.

    Args:
        source: A source id of :data:`conflictnews.sources.registry.SOURCES`.

    Returns:
        The reader function.

    Raises:
        KeyError: For an unknown source id (the message suggests the closest ones).

    """
    read: Callable[[Path], ReadResult] = READERS.load(source)
    return read
