"""Reader for re3d (dstl/re3d): Syria/Iraq documents with gold entities and relations.

Stage: corpus (reading). Input: the ``re3d`` source folder, seven sub-folders (one per original
publisher: ``CENTCOM``, ``UK Government``, ``BBC Online``...), each holding ``documents.json``,
``entities.json`` and ``relations.json`` (``mongoexport`` output: one JSON object a line; the
BBC folder's lines end in CRLF), ``LICENSE`` and ``ATTRIBUTION``. Output: a :class:`ReadResult`
with one ``news`` :class:`Article` per document, and ``extras["entities"]`` /
``extras["relations"]``: the gold annotations as :class:`Re3dEntity` / :class:`Re3dRelation`,
linked to article ids, for later import.

Licences are per folder (:data:`FOLDER_LICENCES`, read off each ``LICENSE``); the attribution
line is the folder's ``ATTRIBUTION`` file folded onto one line. The BBC Online folder is CC BY-NC
3.0 (non-commercial): its articles are read like the others and excluded by the release policy.

Offsets. ``begin``/``end`` index the document ``text`` in Unicode code points (Python string
indices); UTF-8 byte offsets disagree for every span after a non-ASCII character. The texts hold
no character outside the Basic Multilingual Plane, so UTF-16 code units give the same numbers.
Five entities' ``value`` differ from ``text[begin:end]`` upstream (the value has straight
quotes where the text has curly ones, or a space where the text has a newline); they are kept
and counted in the notes, never dropped. A relation's ``value`` is its trigger with surrounding
whitespace stripped, so relations are checked against the stripped span; 26 relations still
differ (their strings were re-joined from tokens upstream: ``Çavuşoğ lu``, ``£2. 10``, ``''`` for
``""``) and are kept and counted.

re3d has no date field: ``date`` is ''. ``url`` is the document's ``sourceUrl``.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conflictnews.io import sha256_file
from conflictnews.sources.base import Article, ReadResult, Skipped, UpstreamFile
from conflictnews.sources.licences import licence
from conflictnews.sources.registry import source_of

SOURCE = source_of(__name__)

#: Folder → (catalogue licence id, outlet). Read off each folder's ``LICENSE`` file.
FOLDER_LICENCES: dict[str, tuple[str, str]] = {
    "Australian Department of Foreign Affairs": ("CC-BY-3.0-AU", "Australian Department of Foreign Affairs"),
    "BBC Online": ("CC-BY-NC-3.0", "BBC Online"),
    "CENTCOM": ("PD-USGov", "CENTCOM"),
    "Delegation of the European Union to Syria": ("EC-reuse", "Delegation of the European Union to Syria"),
    "UK Government": ("OGL-UK-3.0", "UK Government"),
    "US State Department": ("PD-USGov", "US State Department"),
    "Wikipedia": ("CC-BY-SA-3.0", "Wikipedia"),
}
DOCUMENTS = "documents.json"
ENTITIES = "entities.json"
RELATIONS = "relations.json"
_RELATION_OFFSETS = ("begin", "end", "sourceBegin", "sourceEnd", "targetBegin", "targetEnd")


@dataclass(frozen=True)
class Re3dEntity:
    """A re3d gold entity span.

    Attributes:
        article_id: Id of the :class:`Article` the span belongs to.
        doc_id: The re3d document ``_id``.
        id: The entity ``_id``.
        begin: Start offset in ``Article.text`` (code points).
        end: End offset (exclusive).
        type: Entity type (``Organisation``, ``Location``, ``Person``...).
        value: The surface string as re3d records it.
        confidence: The IBCC confidence re3d computed (0 to 1).
        matches_text: Whether ``value == text[begin:end]``.

    """

    article_id: str
    doc_id: str
    id: str
    begin: int
    end: int
    type: str
    value: str
    confidence: float
    matches_text: bool


@dataclass(frozen=True)
class Re3dRelation:
    """A re3d gold relation between two entity spans, with its trigger span.

    Attributes:
        article_id: Id of the :class:`Article` the relation belongs to.
        doc_id: The re3d document ``_id``.
        id: The relation ``_id``.
        type: Relation type (``CoLocated``, ``FightingAgainst``, ``BelongsTo``...).
        begin: Start of the trigger span (may include surrounding whitespace; empty trigger
            when ``value`` is '').
        end: End of the trigger span.
        value: The trigger words.
        source_begin: Start of the source entity span.
        source_end: End of the source entity span.
        source: The source entity's surface string.
        target_begin: Start of the target entity span.
        target_end: End of the target entity span.
        target: The target entity's surface string.
        confidence: The IBCC confidence (0 to 1).
        matches_text: Whether the trigger (stripped), source and target strings all equal the
            text at their offsets.

    """

    article_id: str
    doc_id: str
    id: str
    type: str
    begin: int
    end: int
    value: str
    source_begin: int
    source_end: int
    source: str
    target_begin: int
    target_end: int
    target: str
    confidence: float
    matches_text: bool


def article_id(doc_id: str) -> str:
    """Return the stable article id for a re3d document id.

    Args:
        doc_id: The document ``_id`` (32 hex digits, unique across all folders).

    Returns:
        ``re3d-`` followed by the lower-cased ``_id``.

    """
    return f"{SOURCE}-{doc_id.lower()}"


def read_json_lines(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """Read a ``mongoexport`` file: one JSON object per line.

    Lines are split on line feeds only (a trailing carriage return is dropped), never on other
    Unicode line separators that JSON strings may hold raw.

    Args:
        path: The file.

    Returns:
        ``(line number, object)`` pairs, line numbers 1-based; blank lines are ignored.

    Raises:
        ValueError: If a non-blank line is not a JSON object (message names file and line).

    """
    records = []
    for number, raw in enumerate(path.read_bytes().split(b"\n"), start=1):
        line = raw.rstrip(b"\r").decode("utf-8")
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise ValueError(f"{path}:{number}: not JSON: {error}") from None
        if not isinstance(record, dict):
            raise ValueError(f"{path}:{number}: expected a JSON object, got {type(record).__name__}")
        records.append((number, record))
    return records


def attribution(folder: Path) -> str:
    """Return the attribution line of a folder: its ``ATTRIBUTION`` file on one line.

    The file names the original website and credits Aleph Insights, Committed Software and
    Dstl for the annotation; both paragraphs are kept.

    Args:
        folder: A re3d sub-folder.

    Returns:
        The file's text with all whitespace runs (line breaks included) folded into one space.

    """
    return " ".join((folder / "ATTRIBUTION").read_text(encoding="utf-8-sig").split())


def read(root: Path) -> ReadResult:
    """Read every re3d folder into articles and gold annotations.

    ``upstream`` is ``<folder>/documents.json``, record ``line N``. Annotations whose
    ``documentId`` names no document are skipped (``annotation-without-document``); documents
    with empty text are skipped (``empty-text``).

    Args:
        root: The ``re3d`` source folder (same layout as the mirror).

    Returns:
        The articles sorted by id, skipped records, notes with the annotation counts and
        offset checks, and ``extras["entities"]`` / ``extras["relations"]``.

    Raises:
        FileNotFoundError: If a folder of :data:`FOLDER_LICENCES` or one of its files is missing.
        ValueError: If a folder not in :data:`FOLDER_LICENCES` appears (its licence is unknown),
            or a line is not a JSON object.

    """
    unknown = sorted(p.name for p in root.iterdir() if p.is_dir() and p.name not in FOLDER_LICENCES)
    if unknown:
        raise ValueError(f"re3d: folders with no licence mapping: {unknown}; known: {sorted(FOLDER_LICENCES)}")
    articles: list[Article] = []
    skipped: list[Skipped] = []
    entities: list[Re3dEntity] = []
    relations: list[Re3dRelation] = []
    texts: dict[str, tuple[str, str]] = {}  # doc _id -> (article id, text)
    per_folder: Counter[str] = Counter()
    for folder_name, (licence_id, outlet) in sorted(FOLDER_LICENCES.items()):
        folder = root / folder_name
        docs_path = folder / DOCUMENTS
        rel = docs_path.relative_to(root).as_posix()
        docs_sha = sha256_file(docs_path)
        folder_licence = licence(licence_id, attribution=attribution(folder))
        for line, record in read_json_lines(docs_path):
            doc_id = str(record["_id"])
            text = record.get("text") or ""
            if not text.strip():
                skipped.append(Skipped(SOURCE, f"{rel}:line {line}", "empty-text", f"document {doc_id}"))
                continue
            aid = article_id(doc_id)
            texts[doc_id] = (aid, text)
            per_folder[folder_name] += 1
            articles.append(
                Article(
                    id=aid,
                    source=SOURCE,
                    genre="news",
                    title=record.get("title") or "",
                    text=text,
                    url=record.get("sourceUrl") or "",
                    outlet=outlet,
                    date="",
                    licence=folder_licence,
                    upstream=UpstreamFile(rel, docs_sha, f"line {line}"),
                    attributes={
                        "folder": folder_name,
                        "re3d_id": doc_id,
                        "source_name": record.get("sourceName") or "",
                        "word_count": record.get("wordCount"),
                        "sentence_count": record.get("sentenceCount"),
                    },
                )
            )
    for folder_name in sorted(FOLDER_LICENCES):
        folder = root / folder_name
        for line, record in read_json_lines(folder / ENTITIES):
            doc_id = str(record["documentId"])
            if doc_id not in texts:
                skipped.append(
                    Skipped(
                        SOURCE,
                        f"{folder_name}/{ENTITIES}:line {line}",
                        "annotation-without-document",
                        f"documentId {doc_id}",
                    )
                )
                continue
            aid, text = texts[doc_id]
            begin, end, value = int(record["begin"]), int(record["end"]), str(record["value"])
            entities.append(
                Re3dEntity(
                    aid,
                    doc_id,
                    str(record["_id"]),
                    begin,
                    end,
                    str(record["type"]),
                    value,
                    float(record["confidence"]),
                    text[begin:end] == value,
                )
            )
        for line, record in read_json_lines(folder / RELATIONS):
            doc_id = str(record["documentId"])
            if doc_id not in texts:
                skipped.append(
                    Skipped(
                        SOURCE,
                        f"{folder_name}/{RELATIONS}:line {line}",
                        "annotation-without-document",
                        f"documentId {doc_id}",
                    )
                )
                continue
            aid, text = texts[doc_id]
            spans = [int(record[key]) for key in _RELATION_OFFSETS]
            value, source, target = str(record["value"]), str(record["source"]), str(record["target"])
            matches = (
                text[spans[0] : spans[1]].strip() == value
                and text[spans[2] : spans[3]] == source
                and text[spans[4] : spans[5]] == target
            )
            relations.append(
                Re3dRelation(
                    aid,
                    doc_id,
                    str(record["_id"]),
                    str(record["type"]),
                    spans[0],
                    spans[1],
                    value,
                    spans[2],
                    spans[3],
                    source,
                    spans[4],
                    spans[5],
                    target,
                    float(record["confidence"]),
                    matches,
                )
            )
    articles.sort(key=lambda a: a.id)
    entities.sort(key=lambda e: (e.article_id, e.begin, e.end, e.type, e.id))
    relations.sort(key=lambda r: (r.article_id, r.begin, r.end, r.type, r.id))
    entity_mismatches = [e for e in entities if not e.matches_text]
    relation_mismatches = [r for r in relations if not r.matches_text]
    notes = (
        f"{len(articles)} documents: " + ", ".join(f"{k} {v}" for k, v in sorted(per_folder.items())),
        f"{len(entities)} gold entities, {len(relations)} gold relations kept in extras",
        f"offsets are code points (= UTF-16 units here; UTF-8 byte offsets fail); "
        f"{len(entity_mismatches)} entity values differ from text[begin:end] upstream (kept): "
        + "; ".join(f"{e.id} {e.value!r}" for e in entity_mismatches),
        f"{len(relation_mismatches)} relations whose trigger (stripped), source or target differs from the "
        "text at its offsets (kept)",
        f"{sum(1 for e in entities if e.confidence == 0)} entities carry confidence 0 (kept; filter downstream)",
        f"{sum(1 for e in entities if not e.value.strip())} entity spans are whitespace only and "
        f"{sum(1 for e in entities if e.value.strip() and e.value != e.value.strip())} have edge whitespace "
        "(upstream annotation slips; kept)",
    )
    return ReadResult(
        SOURCE, tuple(articles), tuple(skipped), notes, {"entities": tuple(entities), "relations": tuple(relations)}
    )
