"""Lossless conversion between standoff passes and Label Studio result lists.

Stage: annotation (tool exchange). Input: a :class:`~conflictnews.annotation.standoff.AnnotationSet`, or
one Label Studio annotation (or prediction) ``result`` list from the full JSON export. Output:
the other form. Pure functions: no server, no SDK.

Mapping (see :mod:`conflictnews.labelstudio.config` for the controls):

* Entity → ``entity`` region (region id = entity id); mention attributes → per-region
  ``Choices``/``TextArea`` items with the same id (bools as ``"true"``/``"false"``).
* Event → ``event`` region on the trigger (region id = event id); attributes per region;
  each argument → a relation trigger → filler labelled with the role.
* Stance → ``STANCE`` region on the evidence (region id = stance id) with per-region
  ``stance_label`` and ``basis``, relations ``holder`` and ``stance_target`` to the holder and
  target regions, and, when there is a cue, a ``CUE`` region (id ``<stance id>:cue``) linked by
  a ``cue`` relation.
* Relation → a relation labelled ``ATTRIBUTED_TO`` / ``AFFILIATED_WITH`` / ``COREF``.
* Document attributes → document-level ``Choices`` items (id ``doc:<name>``).

Direction normalisation (annotators may draw an arrow either way, or flip it to ``left`` or
``bi`` in the UI): ``right`` reads from → to, ``left`` reads to → from, ``bi`` reads as drawn.
Then a relation whose ends only fit the other way round is turned round (a role drawn from
the filler to the event trigger, a stance slot drawn towards the STANCE region, an
``ATTRIBUTED_TO`` drawn from the source mention, an ``AFFILIATED_WITH`` from GPE to PER); a
``bi`` relation whose ends fit both ways (a Content role between two triggers, ORG ↔ ORG
affiliation) is an error, since nothing says which way it runs; ``COREF`` (symmetric) is
stored with the smaller id first. Output relations are always ``right``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from conflictnews import schema
from conflictnews.annotation.standoff import AnnotationSet, Argument, Entity, Event, Relation, Span, Stance
from conflictnews.labelstudio.config import (
    CUE_LABEL,
    CUE_SLOT,
    DOCUMENT_ATTRIBUTES,
    ENTITY_CONTROL,
    EVENT_CONTROL,
    STANCE_CONTROL,
    STANCE_LABEL,
    TEXT,
    region_attributes,
)

_ATTRIBUTES: dict[str, schema.Attribute] = {a.name: a for _, a in region_attributes()}
_ATTRIBUTE_CONTROL: dict[str, str] = {a.name: control for control, a in region_attributes()}
_DOCUMENT: dict[str, schema.Attribute] = {a.name: a for a in DOCUMENT_ATTRIBUTES}
_ROLES = frozenset(schema.ROLE_LABELS)
_HOLDER, _TARGET = "holder", "stance_target"
_SLOTS = frozenset({_HOLDER, _TARGET, CUE_SLOT})


@dataclass(frozen=True)
class ConversionIssue:
    """Something in a Label Studio result that has no standoff form (or a wrong one).

    Attributes:
        check_id: Stable kebab-case id (``ls-relation-unlabelled`` ...).
        record: The region id or relation (``from->to``) concerned.
        message: What was found and what was expected.
        fix: What the annotator should do in Label Studio.

    """

    check_id: str
    record: str
    message: str
    fix: str


class ConversionError(ValueError):
    """A Label Studio result that cannot be turned into standoff; ``issues`` lists every reason."""

    def __init__(self, issues: Sequence[ConversionIssue]) -> None:
        self.issues = tuple(issues)
        super().__init__("; ".join(f"{i.record}: [{i.check_id}] {i.message}" for i in self.issues))


# --------------------------------------------------------------------------------------------
# standoff → Label Studio
# --------------------------------------------------------------------------------------------


def _region(rid: str, control: str, span: Span, label: str) -> dict[str, Any]:
    return {
        "id": rid,
        "from_name": control,
        "to_name": TEXT,
        "type": "labels",
        "value": {"start": span.start, "end": span.end, "text": span.text, "labels": [label]},
    }


def _attribute_item(rid: str, span: Span, name: str, value: Any) -> dict[str, Any]:
    attribute = _ATTRIBUTES.get(name)
    if attribute is None:
        raise ValueError(f"region {rid}: attribute {name!r} is not in the schema; cannot show it in Label Studio")
    if attribute.kind == "text":
        # A per-region TextArea stores its lines under value.text (the span text is not repeated).
        return {
            "id": rid,
            "from_name": name,
            "to_name": TEXT,
            "type": "textarea",
            "value": {"start": span.start, "end": span.end, "text": [str(value)]},
        }
    choice = ("true" if value else "false") if attribute.kind == "bool" else str(value)
    return {
        "id": rid,
        "from_name": name,
        "to_name": TEXT,
        "type": "choices",
        "value": {"start": span.start, "end": span.end, "text": span.text, "choices": [choice]},
    }


def _relation(source: str, target: str, label: str) -> dict[str, Any]:
    return {"type": "relation", "from_id": source, "to_id": target, "direction": "right", "labels": [label]}


def standoff_to_ls_result(annotation: AnnotationSet) -> list[dict[str, Any]]:
    """Turn a standoff pass into a Label Studio ``result`` list (for a prediction or annotation).

    Args:
        annotation: The pass.

    Returns:
        Result items in a stable order: regions with their attribute items (entities, events,
        stances, cues), then relations (arguments, stance slots, relations), then document items.

    Raises:
        ValueError: For an attribute or document field the config has no control for.

    """
    data = annotation.to_json()  # stable order
    regions: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []
    for e in data["entities"]:
        span = Span.from_json(e)
        regions.append(_region(e["id"], ENTITY_CONTROL, span, e["label"]))
        regions += [_attribute_item(e["id"], span, k, v) for k, v in sorted(e["attributes"].items())]
    for ev in data["events"]:
        span = Span.from_json(ev["trigger"])
        regions.append(_region(ev["id"], EVENT_CONTROL, span, ev["type"]))
        regions += [_attribute_item(ev["id"], span, k, v) for k, v in sorted(ev["attributes"].items())]
        relations += [_relation(ev["id"], a["ref"], a["role"]) for a in ev["arguments"]]
    for s in data["stances"]:
        span = Span.from_json(s["evidence"])
        regions.append(_region(s["id"], STANCE_CONTROL, span, STANCE_LABEL))
        regions.append(_attribute_item(s["id"], span, "stance_label", s["label"]))
        regions.append(_attribute_item(s["id"], span, "basis", s["basis"]))
        relations.append(_relation(s["id"], s["holder"], _HOLDER))
        relations.append(_relation(s["id"], s["target"], _TARGET))
        if s["cue"]:
            cue_id = f"{s['id']}:{CUE_SLOT}"
            regions.append(_region(cue_id, STANCE_CONTROL, Span.from_json(s["cue"]), CUE_LABEL))
            relations.append(_relation(s["id"], cue_id, CUE_SLOT))
    relations += [_relation(r["from"], r["to"], r["type"]) for r in data["relations"]]
    document = []
    for name, value in sorted(data["document"].items()):
        if name not in _DOCUMENT:
            raise ValueError(f"document field {name!r} has no Label Studio control; known: {sorted(_DOCUMENT)}")
        document.append(
            {
                "id": f"doc:{name}",
                "from_name": name,
                "to_name": TEXT,
                "type": "choices",
                "value": {"choices": [str(value)]},
            }
        )
    return regions + relations + document


# --------------------------------------------------------------------------------------------
# Label Studio → standoff
# --------------------------------------------------------------------------------------------


@dataclass
class _Region:
    control: str
    span: Span
    label: str
    attributes: dict[str, Any]


def _attribute_value(attribute: schema.Attribute, item: Mapping[str, Any]) -> Any:
    value = item.get("value") or {}
    if attribute.kind == "text":
        lines = value.get("text") or []
        return "\n".join(str(t) for t in (lines if isinstance(lines, list) else [lines]))
    choices = value.get("choices") or []
    if len(choices) != 1:
        return choices  # reported by the caller
    return choices[0] == "true" if attribute.kind == "bool" else choices[0]


def _direction(item: Mapping[str, Any]) -> tuple[str, str]:
    source, target = str(item.get("from_id")), str(item.get("to_id"))
    return (target, source) if item.get("direction") == "left" else (source, target)


class _Reader:
    """Collects regions, relations and issues from one result list."""

    def __init__(self, result: Iterable[Mapping[str, Any]], article_text: str) -> None:
        self.text = article_text
        self.issues: list[ConversionIssue] = []
        self.regions: dict[str, _Region] = {}
        self.document: dict[str, Any] = {}
        attribute_items: list[Mapping[str, Any]] = []
        self.relation_items: list[Mapping[str, Any]] = []
        for item in result:
            kind = item.get("type")
            if kind == "relation":
                self.relation_items.append(item)
            elif kind == "labels":
                self._add_region(item)
            elif kind in ("choices", "textarea"):
                attribute_items.append(item)
            else:
                self.issue(
                    "ls-unknown-result-type",
                    str(item.get("id")),
                    f"result type {kind!r} is not in the config",
                    "remove the region or update the labeling config",
                )
        for item in attribute_items:
            self._add_attribute(item)

    def issue(self, check_id: str, record: str, message: str, fix: str) -> None:
        self.issues.append(ConversionIssue(check_id, record, message, fix))

    def _add_region(self, item: Mapping[str, Any]) -> None:
        rid, control, value = str(item.get("id")), str(item.get("from_name")), item.get("value") or {}
        labels = value.get("labels") or []
        if control not in (ENTITY_CONTROL, EVENT_CONTROL, STANCE_CONTROL):
            self.issue(
                "ls-unknown-control",
                rid,
                f"labels from control {control!r}; expected entity/event/stance",
                "update the project to the generated config",
            )
            return
        if len(labels) != 1:
            self.issue(
                "ls-region-labels",
                rid,
                f"region has labels {labels}; expected exactly one",
                "give the region one label",
            )
            return
        start, end = value.get("start"), value.get("end")
        if not isinstance(start, int) or not isinstance(end, int):
            self.issue(
                "ls-region-offsets", rid, f"region offsets {start!r}..{end!r} are not integers", "redraw the region"
            )
            return
        span = Span(start, end, str(value.get("text", self.text[start:end])))
        if span.text != self.text[start:end]:
            self.issue(
                "ls-span-text-mismatch",
                rid,
                f"region text {span.text!r} != article text[{start}:{end}] {self.text[start:end]!r}",
                "the task text changed after annotation, or the offsets are not code points: redraw it",
            )
        if rid in self.regions:
            self.issue("ls-duplicate-region-id", rid, "two regions share this id", "delete one region")
        self.regions[rid] = _Region(control, span, str(labels[0]), {})

    def _add_attribute(self, item: Mapping[str, Any]) -> None:
        rid, name = str(item.get("id")), str(item.get("from_name"))
        value = item.get("value") or {}
        if "start" not in value and name in _DOCUMENT:
            choices = value.get("choices") or []
            if len(choices) != 1:
                self.issue(
                    "ls-choice-count",
                    name,
                    f"document choice {name} has {choices}; expected one",
                    "pick exactly one value",
                )
            else:
                self.document[name] = choices[0]
            return
        attribute = _ATTRIBUTES.get(name)
        region = self.regions.get(rid)
        if attribute is None:
            self.issue(
                "ls-unknown-control",
                rid,
                f"per-region value from unknown control {name!r}",
                "update the project to the generated config",
            )
        elif region is None:
            self.issue(
                "ls-dangling-attribute",
                rid,
                f"{name} is set on a region that does not exist",
                "delete the value or redraw the region",
            )
        elif _ATTRIBUTE_CONTROL[name] != region.control:
            self.issue(
                "ls-attribute-on-wrong-layer",
                rid,
                f"{name} is a {_ATTRIBUTE_CONTROL[name]} attribute but the region is a {region.control} region",
                f"remove {name} from the region",
            )
        else:
            parsed = _attribute_value(attribute, item)
            if isinstance(parsed, list):
                self.issue("ls-choice-count", rid, f"{name} has {parsed}; expected one value", "pick exactly one value")
            else:
                region.attributes[name] = parsed

    def kind(self, rid: str) -> str | None:
        """Return ``entity``/``event``/``STANCE``/``CUE`` for a region id (None when unknown)."""
        region = self.regions.get(rid)
        if region is None:
            return None
        return region.label if region.control == STANCE_CONTROL else region.control

    def relations(self) -> list[tuple[str, str, str]]:
        """Return ``(label, source, target)`` normalised for direction, deduplicated, in input order."""
        out: dict[tuple[str, str, str], None] = {}
        for item in self.relation_items:
            source, target = _direction(item)
            record = f"{source}->{target}"
            labels = item.get("labels") or []
            if not labels:
                self.issue(
                    "ls-relation-unlabelled",
                    record,
                    "relation has no label",
                    "pick a label for the relation in the Relations panel, or delete it",
                )
            for ident in (source, target):
                if ident not in self.regions:
                    self.issue(
                        "ls-dangling-relation", record, f"relation end {ident} is not a region", "delete the relation"
                    )
            if source not in self.regions or target not in self.regions:
                continue
            for label in labels:
                out[(str(label), *self._orient(str(label), source, target, item.get("direction")))] = None
        return list(out)

    def _fits(self, label: str, source: str, target: str) -> bool:
        """Tell whether ``source → target`` has the right kinds of ends for ``label``."""
        a = self.kind(source)
        if label in _ROLES:
            return a == EVENT_CONTROL
        if label in _SLOTS:
            return a == STANCE_LABEL
        if label == "ATTRIBUTED_TO":
            return a in (EVENT_CONTROL, STANCE_LABEL) and self.kind(target) == ENTITY_CONTROL
        rel = next((r for r in schema.RELATIONS if r.name == label), None)
        if rel is None:
            return True
        return self.regions[source].label in rel.from_types and self.regions[target].label in rel.to_types

    def _orient(self, label: str, source: str, target: str, direction: Any) -> tuple[str, str]:
        if label == "COREF":
            return (min(source, target), max(source, target))
        fits, reverse = self._fits(label, source, target), self._fits(label, target, source)
        if reverse and not fits:
            return target, source
        if fits and reverse and direction == "bi":
            self.issue(
                "ls-ambiguous-direction",
                f"{source}<->{target}",
                f"{label} is drawn both ways and either end could be its source",
                f"set the arrow to point one way ({label} runs from its source to its target)",
            )
        return source, target


def ls_to_standoff(
    result: Iterable[Mapping[str, Any]],
    *,
    article_id: str,
    article_text: str,
    text_sha256: str,
    annotator: str,
    origin: str,
    lead_time: float | None = None,
    provenance: Mapping[str, Any] | None = None,
) -> AnnotationSet:
    """Turn one Label Studio ``result`` list into a standoff pass.

    Args:
        result: The annotation's (or prediction's) result items from the full JSON export.
        article_id: Manifest id of the article (the task's ``article_id``).
        article_text: The text the offsets refer to (the task text, as materialised).
        text_sha256: sha256 of ``article_text``.
        annotator: Annotator id (or model name) of the pass.
        origin: One of :data:`conflictnews.schema.ORIGINS`.
        lead_time: Seconds spent, when known.
        provenance: Where the pass came from (tool, project, task, annotation ids).

    Returns:
        The pass. Type constraints (roles per event type, required attributes, allowed filler
        types) are not checked here: run the validator on the result.

    Raises:
        ConversionError: When something has no standoff form: a relation without a label or
            with a missing end, a region without exactly one label, a span whose text is not the
            article's text at its offsets, a stance without exactly one holder and one target,
            an attribute on a region it cannot belong to. Every issue is listed.

    """
    reader = _Reader(result, article_text)
    relations = reader.relations()
    by_source: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    other: list[Relation] = []
    for label, source, target in relations:
        record = f"{source}->{target}"
        if label in _ROLES:
            if reader.kind(source) != EVENT_CONTROL:
                reader.issue(
                    "ls-role-not-from-event",
                    record,
                    f"role {label} does not start at an event trigger",
                    "draw role relations from the event trigger to the filler",
                )
                continue
            by_source[source][label].append(target)
        elif label in _SLOTS:
            if reader.kind(source) != STANCE_LABEL:
                reader.issue(
                    "ls-slot-not-from-stance",
                    record,
                    f"{label} does not start at a STANCE region",
                    f"draw {label} from the STANCE (evidence) region",
                )
                continue
            by_source[source][label].append(target)
        elif label in schema.RELATION_LABELS:
            if reader.kind(source) == CUE_LABEL or reader.kind(target) == CUE_LABEL:
                reader.issue("ls-relation-to-cue", record, f"{label} touches a CUE region", "delete the relation")
                continue
            other.append(Relation(label, source, target))
        else:
            reader.issue(
                "ls-unknown-relation", record, f"relation label {label!r} is not in the config", "relabel the relation"
            )

    entities, events, stances = [], [], []
    for rid, region in reader.regions.items():
        if region.control == ENTITY_CONTROL:
            entities.append(Entity(rid, region.span, region.label, dict(sorted(region.attributes.items()))))
        elif region.control == EVENT_CONTROL:
            args = tuple(Argument(role, ref) for role, refs in by_source[rid].items() for ref in refs)
            events.append(Event(rid, region.span, region.label, args, dict(sorted(region.attributes.items()))))
        elif region.label == STANCE_LABEL:
            slots = by_source[rid]
            attrs = region.attributes
            for slot, required in ((_HOLDER, True), (_TARGET, True), (CUE_SLOT, False)):
                n = len(slots.get(slot, []))
                if n > 1 or (required and n == 0):
                    reader.issue(
                        "ls-stance-slot-count",
                        rid,
                        f"STANCE region has {n} {slot} relation(s); expected "
                        + ("exactly one" if required else "at most one"),
                        f"draw one {slot} relation from the STANCE region",
                    )
            for name in ("stance_label", "basis"):
                if name not in attrs:
                    reader.issue(
                        "ls-stance-attribute-missing",
                        rid,
                        f"STANCE region has no {name}",
                        f"select the region and pick its {name}",
                    )
            cue_ids = slots.get(CUE_SLOT, [])
            cue = None
            if cue_ids:
                cue_region = reader.regions[cue_ids[0]]
                if cue_region.label != CUE_LABEL:
                    reader.issue(
                        "ls-cue-not-cue-region",
                        rid,
                        f"cue relation points at a {cue_region.label} region",
                        "point the cue relation at a region labelled CUE",
                    )
                cue = cue_region.span
            stances.append(
                Stance(
                    rid,
                    (slots.get(_HOLDER) or [""])[0],
                    (slots.get(_TARGET) or [""])[0],
                    str(attrs.get("stance_label", "")),
                    region.span,
                    str(attrs.get("basis", "")),
                    cue,
                )
            )
        elif region.attributes:
            reader.issue("ls-attribute-on-wrong-layer", rid, "a CUE region carries attributes", "remove them")
    for rid, region in reader.regions.items():
        if region.label == CUE_LABEL and not any(rid in s.get(CUE_SLOT, []) for s in by_source.values()):
            reader.issue(
                "ls-orphan-cue",
                rid,
                "CUE region is not linked from any STANCE region",
                "draw a cue relation from its STANCE region, or delete it",
            )
    if reader.issues:
        raise ConversionError(reader.issues)
    return AnnotationSet(
        article_id=article_id,
        text_sha256=text_sha256,
        schema_version=schema.SCHEMA_VERSION,
        guidelines_version=schema.GUIDELINES_VERSION,
        annotator=annotator,
        origin=origin,
        lead_time=lead_time,
        provenance=dict(provenance or {}),
        document=reader.document,
        entities=tuple(entities),
        events=tuple(events),
        stances=tuple(stances),
        relations=tuple(other),
    )
