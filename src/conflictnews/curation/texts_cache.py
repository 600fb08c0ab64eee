"""Materialised texts kept on disk, so verbs that need every text do not rebuild them each run.

Stage: curation (reuse of :func:`conflictnews.curation.pipeline.materialise`). Input: a manifest
and the verified upstream cache. Output: article id -> exact curated text, read from
``<store>/<manifest sha256>.jsonl`` when that file holds every manifest article with the
manifest's ``text_sha256``, else rebuilt from the upstream cache and stored there (the default
store is ``data/texts-cache/``, never committed).

Rebuilding every text runs each source reader (about 14 s for the full corpus); reading the
stored file and re-hashing every text takes a fraction of a second. The key is the manifest's
own sha256, so a changed manifest never meets an old store: its file is rebuilt and the files
of other manifests are removed. Every text is re-hashed on every read, so a text whose sha256
differs from the manifest's is never served (a damaged store is rebuilt).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from conflictnews.curation.pipeline import materialise
from conflictnews.io import (
    JsonlError,
    project_root,
    read_manifest,
    read_texts,
    sha256_file,
    sha256_text,
    write_jsonl_atomically,
)

#: File names of the store: the manifest sha256 and ``.jsonl``.
_STORED = re.compile(r"^[0-9a-f]{64}\.jsonl$")


def default_store() -> Path:
    """Return ``<project>/data/texts-cache`` (uncommitted, beside the upstream cache)."""
    return project_root() / "data" / "texts-cache"


def _verified(texts: Mapping[str, str], records: list[dict[str, Any]]) -> bool:
    """Tell whether ``texts`` holds exactly the manifest's articles, each with its manifest sha256."""
    if len(texts) != len(records):
        return False
    return all(
        isinstance(texts.get(r["id"]), str) and sha256_text(texts[r["id"]]) == r.get("text_sha256") for r in records
    )


def cached_materialise(manifest: Path, store: Path | None = None, cache: Path | None = None) -> dict[str, str]:
    """Return the manifest's materialised texts, from the store when it is valid, else rebuilt.

    Args:
        manifest: The manifest (its sha256 is the store key).
        store: The folder of stored texts (default :func:`default_store`).
        cache: Verified upstream cache for a rebuild (default as for ``corpus fetch``).

    Returns:
        Article id -> exact curated text, every one with the manifest's ``text_sha256``.

    Raises:
        MaterialiseError: When a rebuild is needed and fails (see
            :func:`~conflictnews.curation.pipeline.materialise`).
        JsonlError: For a malformed manifest.

    """
    store = store or default_store()
    key = sha256_file(manifest)
    path = store / f"{key}.jsonl"
    records = read_manifest(manifest)
    if path.is_file():
        try:
            texts = read_texts(path)
        except (OSError, JsonlError, UnicodeDecodeError):
            texts = {}
        if _verified(texts, records):
            return texts
    texts = materialise(manifest, cache)
    try:
        write_jsonl_atomically(path, ({"id": i, "text": texts[i]} for i in sorted(texts)))
        for old in store.iterdir():
            if _STORED.match(old.name) and old != path:
                old.unlink()
    except OSError:
        pass  # a read-only store costs the next run a rebuild, nothing else
    return texts
