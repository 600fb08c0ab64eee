"""The silver layer's storage: per-article working files and the committed, text-free pack.

Stage: annotation (storage of program-made passes). Input: standoff passes of one model under
``annotations/silver/<article id>/<model>.json``. Output: ``annotations/silver/<model>.jsonl.gz``,
one compact sorted-key JSON line per article in id order, gzip with a zero timestamp (byte-identical
across runs), with every span's text emptied so that no article text is committed; and the reverse:
pack rows with their span texts filled in from the article.

Pre-annotation writes the working files and the pack (:mod:`conflictnews.preannotate.run`); the
dataset build and the DATASHEET counts read the pack through :func:`read_pack`.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from conflictnews.io import atomic_write


def silver_path(root: Path, article_id: str, model: str) -> Path:
    """Return ``<root>/silver/<article id>/<model>.json`` (the path ``standoff.write`` uses)."""
    return root / "silver" / article_id / f"{model.replace('/', '_').replace(' ', '_')}.json"


def pack_path(root: Path, model: str) -> Path:
    """Return ``<root>/silver/<model>.jsonl.gz``, the committed pack of a model's silver passes."""
    return root / "silver" / f"{model.replace('/', '_').replace(' ', '_')}.jsonl.gz"


def _span_objects(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Return every span object of a pass's JSON (entities, triggers, stance evidence and cues)."""
    spans: list[dict[str, Any]] = list(data.get("entities") or ())
    spans += [v["trigger"] for v in data.get("events") or ()]
    for s in data.get("stances") or ():
        spans.append(s["evidence"])
        if s.get("cue"):
            spans.append(s["cue"])
    return spans


def without_texts(data: Mapping[str, Any]) -> dict[str, Any]:
    """Return a copy of a pass's JSON with every span's ``text`` emptied (offsets only).

    The committed pack must carry no article text: FA-KES is third-party outlets' text, and stance
    evidence spans are whole sentences. :func:`with_texts` restores the texts from the article.
    """
    copy = json.loads(json.dumps(data))
    for span in _span_objects(copy):
        span["text"] = ""
    return copy


def with_texts(data: Mapping[str, Any], text: str) -> dict[str, Any]:
    """Return a copy of a pass's JSON with every span's ``text`` taken from ``text`` at its offsets."""
    copy = json.loads(json.dumps(data))
    for span in _span_objects(copy):
        span["text"] = text[int(span["start"]) : int(span["end"])]
    return copy


def read_pack(path: Path) -> dict[str, dict[str, Any]]:
    """Return article id → pass JSON from a pack (empty when the file does not exist).

    Span texts are empty in the pack (:func:`without_texts`); :func:`with_texts` fills them in.
    """
    if not path.is_file():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows = (json.loads(line) for line in handle if line.strip())
        return {row["article_id"]: row for row in rows}


def write_pack(root: Path, model: str, ids: list[str]) -> tuple[Path, int]:
    """Pack the current silver files of ``ids`` into :func:`pack_path` (deterministic bytes).

    Args:
        root: The annotations folder.
        model: The model name.
        ids: Article ids to pack (those without a silver file are left out).

    Returns:
        The pack path and the number of passes in it.

    """
    lines = []
    for article_id in sorted(ids):
        path = silver_path(root, article_id, model)
        if path.is_file():
            data = without_texts(json.loads(path.read_text(encoding="utf-8")))
            lines.append(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")))
    payload = gzip.compress(("\n".join(lines) + "\n").encode("utf-8") if lines else b"", compresslevel=9, mtime=0)
    out = pack_path(root, model)
    atomic_write(out, payload)
    return out, len(lines)
