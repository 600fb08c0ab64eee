"""The committed annotation format: one standoff JSON file per article and annotator pass.

Stage: annotation (storage). Input: annotation records made by Label Studio export, by
``conflictnews annotate`` (quote-based passes), by importers (re3d, GUM) or by the
pre-annotator. Output: pretty-printed, stably ordered JSON under ``annotations/`` that
reviewers can diff, and the same records read back.

Layout: ``annotations/<tier>/<article id>/<annotator>.json`` where ``tier`` is ``gold`` for
origins ``manual``, ``reviewed-prediction`` and ``imported-gold`` and ``silver`` for ``model``
(see :data:`conflictnews.schema.ORIGINS`). Offsets are Python code points (``str`` indices) into
the article text whose sha256 the file records; ``end`` is exclusive.

File shape (keys sorted on write; lists sorted by offsets, then id)::

    {
      "format": "conflictnews-standoff/1",
      "article_id": "fa-kes-0412", "text_sha256": "…",
      "schema_version": "0.1.0", "guidelines_version": "0.1.0",
      "annotator": "ai-annotator-a", "origin": "manual", "lead_time": 312.5,
      "provenance": {"tool": "label-studio", "project": 3, "annotation": 17},
      "document": {"relevance": "conflict-relevant"},
      "entities":  [{"id": "T1", "start": 0, "end": 6, "text": "Russia", "label": "GPE",
                     "attributes": {"level": "NAM", "gpe_role": "GOV"}}],
      "events":    [{"id": "V1", "trigger": {"start": 16, "end": 22, "text": "vetoed"}, "type": "VOTE",
                     "arguments": [{"role": "Agent", "ref": "T1"}],
                     "attributes": {"polarity": "POSITIVE", "realis": "ACTUAL", "vote_value": "veto"}}],
      "stances":   [{"id": "S1", "holder": "T1", "target": "T3", "label": "OPPOSE", "basis": "ACTION",
                     "evidence": {"start": 16, "end": 22, "text": "vetoed"}, "cue": null}],
      "relations": [{"type": "ATTRIBUTED_TO", "from": "V2", "to": "T9"}]
    }
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conflictnews import schema
from conflictnews.io import atomic_write

FORMAT = "conflictnews-standoff/1"


@dataclass(frozen=True, order=True)
class Span:
    """A character span: ``text == article_text[start:end]`` (code points, end exclusive)."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Span:
        """Build from the JSON form."""
        return cls(int(data["start"]), int(data["end"]), str(data["text"]))


@dataclass(frozen=True)
class Entity:
    """An entity mention: a typed span with mention attributes."""

    id: str
    span: Span
    label: str
    attributes: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {"id": self.id, **self.span.to_json(), "label": self.label, "attributes": dict(self.attributes)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Entity:
        """Build from the JSON form."""
        return cls(str(data["id"]), Span.from_json(data), str(data["label"]), dict(data.get("attributes") or {}))


@dataclass(frozen=True)
class Argument:
    """An event argument: a role linking the event to an entity (or, for Content, an event)."""

    role: str
    ref: str

    def to_json(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {"role": self.role, "ref": self.ref}


@dataclass(frozen=True)
class Event:
    """An event: trigger span, type, role-labelled arguments and attributes."""

    id: str
    trigger: Span
    type: str
    arguments: tuple[Argument, ...] = ()
    attributes: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """Return the JSON form (arguments sorted by role, then ref)."""
        args = sorted(self.arguments, key=lambda a: (a.role, a.ref))
        return {
            "id": self.id,
            "trigger": self.trigger.to_json(),
            "type": self.type,
            "arguments": [a.to_json() for a in args],
            "attributes": dict(self.attributes),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Event:
        """Build from the JSON form."""
        args = tuple(Argument(str(a["role"]), str(a["ref"])) for a in data.get("arguments") or ())
        return cls(
            str(data["id"]),
            Span.from_json(data["trigger"]),
            str(data["type"]),
            args,
            dict(data.get("attributes") or {}),
        )


@dataclass(frozen=True)
class Stance:
    """A holder-specific stance: holder entity → target (entity or event), label, evidence, cue, basis."""

    id: str
    holder: str
    target: str
    label: str
    evidence: Span
    basis: str
    cue: Span | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "id": self.id,
            "holder": self.holder,
            "target": self.target,
            "label": self.label,
            "basis": self.basis,
            "evidence": self.evidence.to_json(),
            "cue": self.cue.to_json() if self.cue else None,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Stance:
        """Build from the JSON form."""
        cue = data.get("cue")
        return cls(
            str(data["id"]),
            str(data["holder"]),
            str(data["target"]),
            str(data["label"]),
            Span.from_json(data["evidence"]),
            str(data["basis"]),
            Span.from_json(cue) if cue else None,
        )


@dataclass(frozen=True)
class Relation:
    """One of the schema's relations (ATTRIBUTED_TO, AFFILIATED_WITH, COREF) between two ids."""

    type: str
    source: str
    target: str

    def to_json(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {"type": self.type, "from": self.source, "to": self.target}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Relation:
        """Build from the JSON form."""
        return cls(str(data["type"]), str(data["from"]), str(data["to"]))


def _entity_key(e: Entity) -> tuple[int, int, str, str]:
    return (e.span.start, e.span.end, e.label, e.id)


def _event_key(e: Event) -> tuple[int, int, str, str]:
    return (e.trigger.start, e.trigger.end, e.type, e.id)


def _stance_key(s: Stance) -> tuple[int, int, str]:
    return (s.evidence.start, s.evidence.end, s.id)


@dataclass(frozen=True)
class AnnotationSet:
    """One annotator's pass over one article.

    Attributes:
        article_id: Manifest id of the article.
        text_sha256: sha256 of the exact text the offsets refer to.
        schema_version: ``schema.SCHEMA_VERSION`` the pass was made under.
        guidelines_version: ``schema.GUIDELINES_VERSION`` the annotator followed.
        annotator: Who or what produced it (an annotator id or a model name with version).
        origin: ``manual`` / ``reviewed-prediction`` / ``imported-gold`` / ``model``.
        lead_time: Seconds spent, where known (Label Studio records it), else None.
        provenance: Where the pass came from (tool, project and annotation ids, model version, licence).
        document: Document-level labels (e.g. ``relevance``).
        entities, events, stances, relations: The layers.

    """

    article_id: str
    text_sha256: str
    schema_version: str
    guidelines_version: str
    annotator: str
    origin: str
    lead_time: float | None = None
    provenance: Mapping[str, Any] = field(default_factory=dict)
    document: Mapping[str, Any] = field(default_factory=dict)
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    stances: tuple[Stance, ...] = ()
    relations: tuple[Relation, ...] = ()

    @property
    def tier(self) -> str:
        """``gold`` or ``silver`` from the origin (unknown origins count as silver)."""
        return "gold" if self.origin in schema.GOLD_ORIGINS else "silver"

    def to_json(self) -> dict[str, Any]:
        """Return the JSON form with every list in a stable order."""
        return {
            "format": FORMAT,
            "article_id": self.article_id,
            "text_sha256": self.text_sha256,
            "schema_version": self.schema_version,
            "guidelines_version": self.guidelines_version,
            "annotator": self.annotator,
            "origin": self.origin,
            "lead_time": self.lead_time,
            "provenance": dict(self.provenance),
            "document": dict(self.document),
            "entities": [e.to_json() for e in sorted(self.entities, key=_entity_key)],
            "events": [e.to_json() for e in sorted(self.events, key=_event_key)],
            "stances": [s.to_json() for s in sorted(self.stances, key=_stance_key)],
            "relations": [r.to_json() for r in sorted(self.relations, key=lambda r: (r.type, r.source, r.target))],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> AnnotationSet:
        """Build from the JSON form (no validation: run ``conflictnews.annotation.validate`` for that).

        Raises:
            KeyError, TypeError, ValueError: When a required field is missing or malformed.

        """
        lead = data.get("lead_time")
        return cls(
            article_id=str(data["article_id"]),
            text_sha256=str(data["text_sha256"]),
            schema_version=str(data["schema_version"]),
            guidelines_version=str(data["guidelines_version"]),
            annotator=str(data["annotator"]),
            origin=str(data["origin"]),
            lead_time=float(lead) if lead is not None else None,
            provenance=dict(data.get("provenance") or {}),
            document=dict(data.get("document") or {}),
            entities=tuple(Entity.from_json(e) for e in data.get("entities") or ()),
            events=tuple(Event.from_json(e) for e in data.get("events") or ()),
            stances=tuple(Stance.from_json(s) for s in data.get("stances") or ()),
            relations=tuple(Relation.from_json(r) for r in data.get("relations") or ()),
        )


def dumps(annotation: AnnotationSet) -> str:
    """Serialise to the committed text form: 2-space indent, sorted keys, UTF-8, final newline."""
    return json.dumps(annotation.to_json(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def relative_path(annotation: AnnotationSet) -> Path:
    """Return ``<tier>/<article id>/<annotator>.json`` for ``annotation``."""
    safe = annotation.annotator.replace("/", "_").replace(" ", "_")
    return Path(annotation.tier) / annotation.article_id / f"{safe}.json"


def write(annotations: list[AnnotationSet], root: Path) -> list[Path]:
    """Write passes under ``root`` atomically: each file through a temporary file and a rename.

    Args:
        annotations: Passes to write (already validated by the caller).
        root: The annotations folder.

    Returns:
        The written paths.

    """
    paths = []
    for annotation in annotations:
        paths.append(atomic_write(root / relative_path(annotation), dumps(annotation)))
    return paths


def read(path: Path) -> AnnotationSet:
    """Read one standoff file.

    Raises:
        ValueError: With the file name, when the JSON is malformed or a field is missing.

    """
    try:
        return AnnotationSet.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise ValueError(
            f"{path}: not a valid standoff file ({type(exc).__name__}: {exc}); "
            "fix: run `conflictnews validate` for the exact problem"
        ) from exc


def iter_files(root: Path) -> list[Path]:
    """Return every standoff JSON file below ``root`` (sorted; temporary files skipped)."""
    return sorted(p for p in root.rglob("*.json") if not p.name.startswith(".") and p.parent.name != "labelstudio")


def remove_passes(tier_root: Path, annotator: str, origin: str, keep: set[str]) -> list[Path]:
    """Remove ``<tier_root>/<article>/<annotator>.json`` for every article not in ``keep``.

    For commands that own the passes they generate (imported gold, silver): when an article
    leaves the corpus, its generated pass must not stay behind. Only files whose JSON says this
    ``origin`` and ``annotator`` are removed; an emptied article folder goes too. A file that
    does not parse is left where it is, for ``conflictnews validate`` to name.

    Returns:
        The removed files, sorted.

    """
    removed: list[Path] = []
    name = f"{annotator.replace('/', '_').replace(' ', '_')}.json"
    for path in sorted(tier_root.glob(f"*/{name}")):
        if path.parent.name in keep:
            continue
        try:
            data = json.loads(path.read_bytes())
        except (ValueError, OSError):
            continue
        if isinstance(data, dict) and data.get("origin") == origin and data.get("annotator") == annotator:
            path.unlink()
            removed.append(path)
            if not any(path.parent.iterdir()):
                path.parent.rmdir()
    return removed


#: Words that end a head search: the head is the last token before the first of these (or a comma/bracket).
HEAD_STOP_WORDS: frozenset[str] = frozenset(
    {
        "of",
        "in",
        "on",
        "at",
        "from",
        "for",
        "with",
        "by",
        "to",
        "who",
        "whom",
        "which",
        "that",
        "near",
        "under",
        "against",
        "between",
        "including",
        "and",
    }
)


_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*")


def head_span(span: Span) -> tuple[int, int]:
    """Return the head of a span as (start, end): the last token before the first stop.

    Tokens are runs of word characters (with inner hyphens, apostrophes and dots: ``al-Assad``,
    ``U.S``). The search stops at the first comma or opening bracket and at the first token
    (after the first) in :data:`HEAD_STOP_WORDS` (a preposition, a relative pronoun or ``and``):
    ``the Syrian army in Aleppo`` → ``army``; ``President of Syria`` → ``President``. A span
    without tokens is its own head.

    Args:
        span: The span (its ``text`` is used; offsets are added back).

    Returns:
        Start and end offsets of the head in the article.

    """
    cut = len(span.text)
    for mark in (",", "(", "["):
        where = span.text.find(mark)
        if where > 0:
            cut = min(cut, where)
    head: tuple[int, int] | None = None
    for index, token in enumerate(_TOKEN.finditer(span.text[:cut])):
        if index and token.group().lower() in HEAD_STOP_WORDS:
            break
        head = (span.start + token.start(), span.start + token.end())
    return head or (span.start, span.end)
