"""Validation of standoff annotation files: checks that return Problems (the UD incident model).

Stage: annotation (quality gate; runs on every export and before every build). Input: standoff
JSON files (see :mod:`conflictnews.annotation.standoff`) or their parsed dicts, optionally the corpus
manifest (article id → ``text_sha256``) and the article texts (article id → text). Output: a
list of :class:`Problem` records (file, record, stable check id, severity, message, fix) and a
:class:`Summary` with counts per check id; nothing is printed here.

Every allowed value (entity types, event types, roles and their fillers, attributes, stance
labels and bases, relations, origins, versions) is read from :mod:`conflictnews.schema`; this
module holds no label list of its own. The catalogue :data:`CHECKS` names every check id;
``conflictnews validate --list-checks`` prints it, and ``tests/fixtures/annotations/invalid/``
holds one tiny fixture per id.
"""

from __future__ import annotations

import difflib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from conflictnews import schema
from conflictnews.annotation import standoff
from conflictnews.io import sha256_text

ERROR = "error"
WARNING = "warning"


# --------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """One entry of the check catalogue.

    Attributes:
        id: Stable kebab-case id; never renamed once released (reports and CI filters use it).
        severity: ``error`` (the file would corrupt the dataset) or ``warning``.
        group: ``file``, ``corpus``, ``text``, ``schema``, ``stance``, ``relation`` or ``guidelines`` (a
            rule of the manual, checked only on passes whose origin is not in ``schema.UNGUIDED_ORIGINS``).
        description: What the check finds.
        fix: The default advice printed with each problem.

    """

    id: str
    severity: str
    group: str
    description: str
    fix: str


@dataclass(frozen=True)
class Problem:
    """One finding of one check in one record of one file.

    Attributes:
        file: The file as the caller named it (``annotations/gold/x/a.json``).
        record: Where in the file: ``event V3``, ``entity T1``, ``line 4 column 2``, ``file``.
        check_id: A key of :data:`CHECKS`.
        severity: The check's severity.
        message: What was found and what was expected.
        fix: What to do about it.

    """

    file: str
    record: str
    check_id: str
    severity: str
    message: str
    fix: str

    def __str__(self) -> str:
        """Return the one-line form: ``file:record: severity [check-id] message; fix: fix``."""
        return f"{self.file}:{self.record}: {self.severity} [{self.check_id}] {self.message}; fix: {self.fix}"

    def to_json(self) -> dict[str, str]:
        """Return the JSON form (the fields as a dict)."""
        return asdict(self)


def _c(id: str, severity: str, group: str, description: str, fix: str) -> Check:
    return Check(id, severity, group, description, fix)


#: The catalogue: every check id this module can report, in report order.
CHECKS: dict[str, Check] = {
    c.id: c
    for c in (
        # file: the JSON and the standoff format
        _c(
            "json-syntax",
            ERROR,
            "file",
            "The file is not UTF-8 JSON.",
            "repair the JSON or write the file again with the tool that made it",
        ),
        _c(
            "not-an-object",
            ERROR,
            "file",
            "The file, or a record in a layer list, is not a JSON object.",
            "write one object per file and one object per record",
        ),
        _c(
            "missing-field",
            ERROR,
            "file",
            "A field the standoff format requires is absent.",
            "add the field (see conflictnews.annotation.standoff for the file shape)",
        ),
        _c(
            "unknown-field",
            ERROR,
            "file",
            "A field the standoff format does not define (often a typo).",
            "rename or remove the field",
        ),
        _c(
            "wrong-type",
            ERROR,
            "file",
            "A field has the wrong JSON type (e.g. a string offset).",
            "store the value with the type the standoff format defines",
        ),
        _c(
            "unknown-format",
            ERROR,
            "file",
            f"`format` is not {standoff.FORMAT!r}.",
            f"set format to {standoff.FORMAT!r} or convert the file with conflictnews.annotation.standoff",
        ),
        _c(
            "duplicate-id",
            ERROR,
            "file",
            "Two entities, events or stances of one file share an id.",
            "give every entity, event and stance of the file its own id",
        ),
        # corpus: who made the pass, for which article, under which versions
        _c(
            "unknown-origin",
            ERROR,
            "corpus",
            "`origin` is not one of schema.ORIGINS.",
            f"use one of {', '.join(schema.ORIGINS)}",
        ),
        _c(
            "annotator-missing",
            ERROR,
            "corpus",
            "`annotator` is absent or blank.",
            "record the annotator id (or model name and version) that made the pass",
        ),
        _c(
            "stale-schema-version",
            WARNING,
            "corpus",
            "`schema_version` differs from schema.SCHEMA_VERSION.",
            "migrate the file (see annotations/SCHEMA_CHANGELOG.md) and set the current version",
        ),
        _c(
            "stale-guidelines-version",
            WARNING,
            "corpus",
            "`guidelines_version` differs from schema.GUIDELINES_VERSION.",
            "re-check the pass against the current guidelines and set the current version",
        ),
        _c(
            "article-not-in-manifest",
            ERROR,
            "corpus",
            "The annotated article id is not in the corpus manifest.",
            "annotate only manifest articles, or fix the article id",
        ),
        _c(
            "checksum-mismatch",
            ERROR,
            "corpus",
            "`text_sha256` differs from the manifest's (or the text's) sha256: offsets refer to another text.",
            "re-anchor the spans on the current text or restore the annotated text version",
        ),
        _c(
            "manifest-unavailable",
            WARNING,
            "corpus",
            "No manifest was given, so article ids and checksums were not checked against it.",
            "pass --manifest corpus/manifest.jsonl (written by the curation stage)",
        ),
        _c(
            "text-unavailable",
            WARNING,
            "corpus",
            "No usable article text, so offsets and span texts were not compared with the article.",
            "pass --texts or materialise the corpus texts first",
        ),
        _c(
            "path-mismatch",
            ERROR,
            "corpus",
            "A file under annotations/<tier>/<article>/ lies where its content does not belong "
            "(tier from origin, article id, annotator).",
            "move the file to the path conflictnews.standoff.relative_path gives",
        ),
        _c(
            "duplicate-annotation-file",
            ERROR,
            "corpus",
            "Two files hold a pass by the same annotator on the same article.",
            "merge the passes or remove the stale file",
        ),
        # text: spans against the article
        _c(
            "span-out-of-range",
            ERROR,
            "text",
            "A span starts before 0, ends before it starts or ends past the text.",
            "re-anchor the span on the article text (offsets are Python code points, end exclusive)",
        ),
        _c(
            "zero-length-span",
            ERROR,
            "text",
            "A span is empty (start == end).",
            "make the span cover at least one character, or delete the record",
        ),
        _c(
            "span-text-mismatch",
            ERROR,
            "text",
            "A span's `text` differs from article_text[start:end].",
            "re-anchor the span (offsets are Python code points: astral characters count once)",
        ),
        _c(
            "whitespace-edged-span",
            ERROR,
            "text",
            "A span starts or ends with whitespace.",
            "trim the span to its first and last non-space character",
        ),
        _c(
            "duplicate-span",
            ERROR,
            "text",
            "Two entities (or two events) have the same span and the same label.",
            "delete the duplicate annotation",
        ),
        # schema: labels, roles, attributes
        _c(
            "unknown-entity-label",
            ERROR,
            "schema",
            "An entity label is not in schema.ENTITY_LABELS.",
            "give the entity a label the schema declares",
        ),
        _c(
            "unknown-event-type",
            ERROR,
            "schema",
            "An event type is not in schema.EVENT_LABELS.",
            "give the event a type the schema declares",
        ),
        _c(
            "unknown-role",
            ERROR,
            "schema",
            "An argument role is not in schema.ROLE_LABELS.",
            "use a role name the schema declares",
        ),
        _c(
            "role-not-allowed",
            ERROR,
            "schema",
            "The role is not among the event type's allowed roles.",
            "use a role the event type allows (listed in the message), or change the event type",
        ),
        _c(
            "argument-dangling",
            ERROR,
            "schema",
            "An argument refers to an id that is not in the file.",
            "point the argument at an entity or event of the file",
        ),
        _c(
            "role-filler-type-mismatch",
            ERROR,
            "schema",
            "An argument's filler type (entity label, EVENT and its type, or a stance) is not allowed for the role.",
            "fill the role with an allowed type or use another role",
        ),
        _c(
            "duplicate-argument",
            ERROR,
            "schema",
            "An event has the same (role, filler) argument twice.",
            "delete the repeated argument",
        ),
        _c(
            "unknown-attribute",
            ERROR,
            "schema",
            "An attribute name the schema does not declare for the layer.",
            "rename the attribute (names come from schema.py) or remove it",
        ),
        _c(
            "attribute-not-allowed-for-type",
            ERROR,
            "schema",
            "A declared attribute set on a type it does not apply to.",
            "remove the attribute, or change the label or type it belongs to",
        ),
        _c(
            "attribute-value-not-allowed",
            ERROR,
            "schema",
            "An attribute value outside the attribute's values or kind.",
            "choose one of the allowed values",
        ),
        _c(
            "missing-required-attribute",
            ERROR,
            "schema",
            "A required attribute is absent.",
            "set the attribute (its definition is in schema.py and the guidelines)",
        ),
        _c(
            "unknown-document-label",
            ERROR,
            "schema",
            "A document-level label the schema does not declare.",
            "remove it (schema.py declares the document-level labels)",
        ),
        # stance
        _c(
            "unknown-stance-label",
            ERROR,
            "stance",
            "A stance label is not in schema.STANCE_LABELS.",
            f"use one of {', '.join(schema.STANCE_LABELS)}",
        ),
        _c(
            "unknown-stance-basis",
            ERROR,
            "stance",
            "A stance basis is not in schema.STANCE_BASES.",
            f"use one of {', '.join(schema.STANCE_BASES)}",
        ),
        _c(
            "stance-holder-dangling",
            ERROR,
            "stance",
            "A stance holder id is not in the file.",
            "point the holder at an entity of the file",
        ),
        _c(
            "stance-holder-type",
            ERROR,
            "stance",
            "A stance holder is not an entity of an allowed type.",
            f"make the holder a {'/'.join(schema.STANCE_HOLDER_TYPES)} mention",
        ),
        _c(
            "stance-target-dangling",
            ERROR,
            "stance",
            "A stance target id is not in the file.",
            "point the target at an entity or event of the file",
        ),
        _c(
            "stance-target-type",
            ERROR,
            "stance",
            "A stance target is not of an allowed type.",
            f"make the target one of {', '.join(schema.STANCE_TARGET_TYPES)}",
        ),
        # relation
        _c(
            "unknown-relation-type",
            ERROR,
            "relation",
            "A relation type is not in schema.RELATION_LABELS.",
            f"use one of {', '.join(schema.RELATION_LABELS)}",
        ),
        _c(
            "relation-dangling",
            ERROR,
            "relation",
            "A relation end refers to an id that is not in the file.",
            "point both ends at annotations of the file",
        ),
        _c(
            "relation-self-loop",
            ERROR,
            "relation",
            "A relation goes from an annotation to itself.",
            "delete the relation or point it at the other annotation",
        ),
        _c(
            "relation-endpoint-type",
            ERROR,
            "relation",
            "A relation end has a type the relation does not allow.",
            "change the relation type, or point from/to at records of the allowed types",
        ),
        _c(
            "duplicate-relation",
            ERROR,
            "relation",
            "The same relation is given twice (COREF counts either direction).",
            "delete the repeated relation",
        ),
        _c(
            "relation-cycle",
            ERROR,
            "relation",
            "Links of an acyclic relation (e.g. AFFILIATED_WITH) form a cycle.",
            "delete the link that closes the cycle",
        ),
        _c(
            "reported-without-source",
            ERROR,
            "relation",
            "An event with attribution REPORTED has no ATTRIBUTED_TO link to its source (guidelines §4.6).",
            "add source: <the speaker's mention> (an ATTRIBUTED_TO link), or use AUTHOR or ALLEGED",
        ),
        # guidelines: rules of annotations/GUIDELINES.md that a program can check. They apply only to
        # passes made by following the manual: origins in schema.UNGUIDED_ORIGINS (imported gold, model
        # output) are skipped, and so is a file with structural problems (its links may be missing).
        _c(
            "alleged-without-source",
            ERROR,
            "guidelines",
            "An ALLEGED event that is the Content of an ACCUSE with an Agent has no ATTRIBUTED_TO link: the "
            "accuser is its source (§4.6).",
            "add source: <the accuser's mention> to the alleged event",
        ),
        _c(
            "content-realis",
            ERROR,
            "guidelines",
            "An event filling Content of a REQUEST, REJECT or THREATEN does not have realis DIRECTIVE (§4.5).",
            "set realis: DIRECTIVE on the requested, refused or threatened event",
        ),
        _c(
            "mode-unspecified",
            ERROR,
            "guidelines",
            "An ATTACK has mode 'unspecified'; when the text states no single means, mode is left out (§4.7).",
            "remove mode, or set the means the text states",
        ),
        _c(
            "speech-act-stance-missing",
            ERROR,
            "guidelines",
            "An ACTUAL, POSITIVE ACCUSE, REJECT, SUPPORT, REQUEST, AGREE or VOTE event lacks the stance of one "
            "of its Agents (Participants for AGREE) toward a filler of its target role, or has it with "
            "another label (§5.4).",
            "add the stance the message names, with the trigger as evidence",
        ),
        _c(
            "unlinked-mention",
            ERROR,
            "guidelines",
            "A NOM or PRO mention fills no role, stance slot, ATTRIBUTED_TO source or AFFILIATED_WITH end (§2.2).",
            "link the mention where it fills a slot, or delete it",
        ),
        _c(
            "unlinked-time",
            ERROR,
            "guidelines",
            "A TIME mention fills no Time or Duration role (§2.2).",
            "make it the Time or Duration of its event, or delete it",
        ),
    )
}


def _problem(file: str, record: str, check_id: str, message: str, fix: str | None = None) -> Problem:
    """Build a Problem with the catalogue's severity and default fix."""
    check = CHECKS[check_id]
    return Problem(file, record, check_id, check.severity, message, fix or check.fix)


# --------------------------------------------------------------------------------------------
# The standoff format's field shapes (the names match standoff.*.to_json; a test keeps them equal)
# --------------------------------------------------------------------------------------------

_NONE = type(None)
#: field -> (allowed JSON types, required)
FieldSpec = Mapping[str, tuple[tuple[type, ...], bool]]

TOP_FIELDS: FieldSpec = {
    "format": ((str,), True),
    "article_id": ((str,), True),
    "text_sha256": ((str,), True),
    "schema_version": ((str,), True),
    "guidelines_version": ((str,), True),
    # a missing annotator is its own check (annotator-missing), not missing-field
    "annotator": ((str,), False),
    "origin": ((str,), True),
    "lead_time": ((int, float, _NONE), False),
    "provenance": ((dict,), False),
    "document": ((dict,), False),
    "entities": ((list,), False),
    "events": ((list,), False),
    "stances": ((list,), False),
    "relations": ((list,), False),
}
SPAN_FIELDS: FieldSpec = {"start": ((int,), True), "end": ((int,), True), "text": ((str,), True)}
ENTITY_FIELDS: FieldSpec = {
    "id": ((str,), True),
    **SPAN_FIELDS,
    "label": ((str,), True),
    "attributes": ((dict,), False),
}
EVENT_FIELDS: FieldSpec = {
    "id": ((str,), True),
    "trigger": ((dict,), True),
    "type": ((str,), True),
    "arguments": ((list,), False),
    "attributes": ((dict,), False),
}
ARGUMENT_FIELDS: FieldSpec = {"role": ((str,), True), "ref": ((str,), True)}
STANCE_FIELDS: FieldSpec = {
    "id": ((str,), True),
    "holder": ((str,), True),
    "target": ((str,), True),
    "label": ((str,), True),
    "basis": ((str,), True),
    "evidence": ((dict,), True),
    "cue": ((dict, _NONE), False),
}
RELATION_FIELDS: FieldSpec = {"type": ((str,), True), "from": ((str,), True), "to": ((str,), True)}

_TYPE_NAMES = {
    str: "string",
    int: "integer",
    float: "number",
    dict: "object",
    list: "array",
    _NONE: "null",
    bool: "true/false",
}


def _json_type(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _has_type(value: Any, types: tuple[type, ...]) -> bool:
    # JSON true/false load as bool, a subclass of int: an offset of `true` is a wrong type.
    if isinstance(value, bool):
        return bool in types
    if isinstance(value, int) and float in types:
        return True
    return isinstance(value, types)


def _suggest(name: object, allowed: Iterable[str]) -> str:
    """Return '; did you mean X?' for the closest allowed name, or ''."""
    close = difflib.get_close_matches(str(name), list(allowed), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def check_fields(obj: Mapping[str, Any], spec: FieldSpec, file: str, record: str, where: str = "") -> list[Problem]:
    """Check one JSON object's field names and types against a field spec.

    Args:
        obj: The object.
        spec: Field name -> (allowed types, required).
        file: File name for the problems.
        record: Record name for the problems.
        where: Prefix naming a nested object (``"trigger."``) in messages.

    Returns:
        ``missing-field``, ``unknown-field`` and ``wrong-type`` problems.

    """
    problems = []
    for name, (types, required) in spec.items():
        if name not in obj:
            if required:
                problems.append(_problem(file, record, "missing-field", f"no field {where}{name!r}"))
        elif not _has_type(obj[name], types):
            expected = " or ".join(_TYPE_NAMES[t] for t in types)
            found = f"{_json_type(obj[name])} {obj[name]!r:.40}"
            problems.append(_problem(file, record, "wrong-type", f"{where}{name} is {found}; expected {expected}"))
    for name in obj:
        if name not in spec:
            problems.append(
                _problem(
                    file,
                    record,
                    "unknown-field",
                    f"unknown field {where}{name!r}{_suggest(name, spec)}; allowed: {', '.join(spec)}",
                )
            )
    return problems


# --------------------------------------------------------------------------------------------
# Structure: from the raw dict to the records that are sound enough for the deeper checks
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Doc:
    """The parts of a file that passed the structural checks (raw dicts, names for reports)."""

    entities: tuple[tuple[str, Mapping[str, Any]], ...]
    events: tuple[tuple[str, Mapping[str, Any]], ...]
    stances: tuple[tuple[str, Mapping[str, Any]], ...]
    relations: tuple[tuple[str, Mapping[str, Any]], ...]
    #: Ids of records left out for a structural problem: references to them are not dangling.
    unsound_ids: frozenset[str] = frozenset()


def _record_name(kind: str, layer: str, index: int, obj: Any) -> str:
    if isinstance(obj, dict) and isinstance(obj.get("id"), str) and obj["id"]:
        return f"{kind} {obj['id']}"
    return f"{layer}[{index}]"


def _structure(data: Mapping[str, Any], file: str) -> tuple[list[Problem], _Doc]:
    """Check the field shapes of the file and every record; keep the sound records."""
    problems = check_fields(data, TOP_FIELDS, file, "file")
    layers: dict[str, list[tuple[str, Mapping[str, Any]]]] = {}
    unsound: set[str] = set()
    kinds = {
        "entities": ("entity", ENTITY_FIELDS),
        "events": ("event", EVENT_FIELDS),
        "stances": ("stance", STANCE_FIELDS),
        "relations": ("relation", RELATION_FIELDS),
    }
    for layer, (kind, spec) in kinds.items():
        sound: list[tuple[str, Mapping[str, Any]]] = []
        items = data.get(layer)
        for i, obj in enumerate(items if isinstance(items, list) else ()):
            if kind == "relation" and isinstance(obj, dict) and all(isinstance(obj.get(k), str) for k in spec):
                record = f"relation {obj['type']} {obj['from']}->{obj['to']}"
            else:
                record = _record_name(kind, layer, i, obj)
            if not isinstance(obj, dict):
                problems.append(
                    _problem(file, record, "not-an-object", f"{layer}[{i}] is {_json_type(obj)}; expected an object")
                )
                continue
            found = check_fields(obj, spec, file, record)
            for name in ("trigger", "evidence", "cue"):
                if name in spec and isinstance(obj.get(name), dict):
                    found += check_fields(obj[name], SPAN_FIELDS, file, record, where=f"{name}.")
            for j, arg in enumerate(obj.get("arguments") or () if isinstance(obj.get("arguments"), list) else ()):
                if not isinstance(arg, dict):
                    found.append(
                        _problem(
                            file, record, "not-an-object", f"arguments[{j}] is {_json_type(arg)}; expected an object"
                        )
                    )
                else:
                    found += check_fields(arg, ARGUMENT_FIELDS, file, record, where=f"arguments[{j}].")
            problems += found
            # Unknown fields do not stop the deeper checks; a missing or mistyped field does.
            if not any(p.check_id in ("missing-field", "wrong-type", "not-an-object") for p in found):
                sound.append((record, obj))
            elif isinstance(obj.get("id"), str):
                unsound.add(obj["id"])
        layers[layer] = sound
    return problems, _Doc(**{k: tuple(v) for k, v in layers.items()}, unsound_ids=frozenset(unsound))


# --------------------------------------------------------------------------------------------
# Header: format, origin, annotator, versions, manifest, checksum
# --------------------------------------------------------------------------------------------


def _manifest_sha(entry: Any) -> str | None:
    value = entry.get("text_sha256") if isinstance(entry, Mapping) else getattr(entry, "text_sha256", None)
    return value if isinstance(value, str) else None


def check_header(data: Mapping[str, Any], file: str, manifest: Mapping[str, Any] | None) -> list[Problem]:
    """Check format, origin, annotator, versions, manifest membership and the manifest checksum.

    Args:
        data: The file's JSON object.
        file: File name for the problems.
        manifest: Article id -> manifest entry (a dict or a record with ``text_sha256``), or None.

    Returns:
        The problems found.

    """
    problems = []
    fmt = data.get("format")
    if isinstance(fmt, str) and fmt != standoff.FORMAT:
        problems.append(_problem(file, "file", "unknown-format", f"format is {fmt!r}; expected {standoff.FORMAT!r}"))
    origin = data.get("origin")
    if isinstance(origin, str) and origin not in schema.ORIGINS:
        problems.append(
            _problem(
                file,
                "file",
                "unknown-origin",
                f"origin is {origin!r}{_suggest(origin, schema.ORIGINS)}; allowed: {', '.join(schema.ORIGINS)}",
            )
        )
    annotator = data.get("annotator")
    if annotator is None or (isinstance(annotator, str) and not annotator.strip()):
        problems.append(
            _problem(
                file,
                "file",
                "annotator-missing",
                "no annotator" if annotator is None else f"annotator is blank ({annotator!r})",
            )
        )
    for name, current, check_id in (
        ("schema_version", schema.SCHEMA_VERSION, "stale-schema-version"),
        ("guidelines_version", schema.GUIDELINES_VERSION, "stale-guidelines-version"),
    ):
        value = data.get(name)
        if isinstance(value, str) and value != current:
            problems.append(_problem(file, "file", check_id, f"{name} is {value!r}; current is {current!r}"))
    article = data.get("article_id")
    if manifest is not None and isinstance(article, str):
        if article not in manifest:
            problems.append(
                _problem(
                    file,
                    "file",
                    "article-not-in-manifest",
                    f"article {article!r} is not in the manifest ({len(manifest)} articles)"
                    f"{_suggest(article, manifest)}",
                )
            )
        else:
            expected = _manifest_sha(manifest[article])
            recorded = data.get("text_sha256")
            if expected and isinstance(recorded, str) and recorded != expected:
                problems.append(
                    _problem(
                        file,
                        "file",
                        "checksum-mismatch",
                        f"text_sha256 is {recorded[:12]}…; the manifest has {expected[:12]}…",
                    )
                )
    return problems


def _text_usable(
    data: Mapping[str, Any], file: str, text: str | None, manifest: Mapping[str, Any] | None
) -> tuple[bool, list[Problem]]:
    """Decide whether ``text`` is the text the offsets refer to; report why not."""
    if text is None:
        return False, []
    recorded = data.get("text_sha256")
    actual = sha256_text(text)
    if not isinstance(recorded, str) or recorded == actual:
        return isinstance(recorded, str), []
    article = data.get("article_id")
    entry = manifest.get(article) if manifest is not None and isinstance(article, str) else None
    expected = _manifest_sha(entry) if entry is not None else None
    if expected is None:
        return False, [
            _problem(
                file,
                "file",
                "checksum-mismatch",
                f"text_sha256 is {recorded[:12]}…; the article text has {actual[:12]}…",
            )
        ]
    if expected == recorded:
        return False, [
            _problem(
                file,
                "file",
                "text-unavailable",
                f"the text given for {article!r} has sha256 {actual[:12]}…, not the manifest's "
                f"{expected[:12]}…; span checks against the text skipped",
                "materialise the manifest's text version",
            )
        ]
    return False, []  # check_header has reported the file/manifest mismatch


# --------------------------------------------------------------------------------------------
# Text: spans
# --------------------------------------------------------------------------------------------


def _spans(doc: _Doc) -> list[tuple[str, str, Mapping[str, Any]]]:
    """Return (record, span name, span dict) for every span of the sound records."""
    spans: list[tuple[str, str, Mapping[str, Any]]] = [(rec, "span", obj) for rec, obj in doc.entities]
    spans += [(rec, "trigger", obj["trigger"]) for rec, obj in doc.events]
    for rec, obj in doc.stances:
        spans.append((rec, "evidence", obj["evidence"]))
        if obj.get("cue") is not None:
            spans.append((rec, "cue", obj["cue"]))
    return spans


def check_spans(doc: _Doc, file: str, text: str | None) -> list[Problem]:
    """Check every span: range, emptiness, whitespace edges and, when ``text`` is given, its text.

    Args:
        doc: The sound records of the file.
        file: File name for the problems.
        text: The article text the offsets refer to (checksum already verified), or None.

    Returns:
        The problems found.

    """
    problems = []
    for record, name, span in _spans(doc):
        start, end, said = span["start"], span["end"], span["text"]
        where = f"{name} {start}-{end}"
        if start < 0 or end < start or (text is not None and end > len(text)):
            size = f" of {len(text)} code points" if text is not None else ""
            problems.append(
                _problem(
                    file,
                    record,
                    "span-out-of-range",
                    f"{where} is outside the text{size}; expected 0 <= start < end <= length",
                )
            )
            continue
        if start == end:
            problems.append(_problem(file, record, "zero-length-span", f"{where} is empty"))
            continue
        if said != said.strip():
            problems.append(
                _problem(file, record, "whitespace-edged-span", f"{where} text {said!r} has edge whitespace")
            )
        if text is not None and text[start:end] != said:
            problems.append(
                _problem(
                    file,
                    record,
                    "span-text-mismatch",
                    f"{where} records {said!r:.60} but the text there is {text[start:end]!r:.60}",
                )
            )
    seen: dict[tuple[Any, ...], str] = {}
    for kind, records, label_key in (("entity", doc.entities, "label"), ("event", doc.events, "type")):
        for record, obj in records:
            span = obj if kind == "entity" else obj["trigger"]
            key = (kind, span["start"], span["end"], obj[label_key])
            if key in seen:
                problems.append(
                    _problem(
                        file,
                        record,
                        "duplicate-span",
                        f"same span {span['start']}-{span['end']} and {label_key} {obj[label_key]} as {seen[key]}",
                    )
                )
            else:
                seen[key] = record
    return problems


# --------------------------------------------------------------------------------------------
# Schema: ids, labels, roles, attributes
# --------------------------------------------------------------------------------------------


def _ids(doc: _Doc) -> dict[str, tuple[str, str]]:
    """Map id -> (kind, type) with type an entity label, ``EVENT`` or ``STANCE`` (first wins)."""
    ids: dict[str, tuple[str, str]] = {}
    for _, obj in doc.entities:
        ids.setdefault(obj["id"], ("entity", obj["label"]))
    for _, obj in doc.events:
        ids.setdefault(obj["id"], ("event", obj["type"]))
    for _, obj in doc.stances:
        ids.setdefault(obj["id"], ("stance", schema.STANCE))
    return ids


def check_ids(doc: _Doc, file: str) -> list[Problem]:
    """Report ids used twice across the entity, event and stance layers of one file.

    Args:
        doc: The sound records of the file.
        file: File name for the problems.

    Returns:
        ``duplicate-id`` problems, one per repeat.

    """
    problems = []
    first: dict[str, str] = {}
    for layer in (doc.entities, doc.events, doc.stances):
        for record, obj in layer:
            if obj["id"] in first:
                problems.append(_problem(file, record, "duplicate-id", f"id {obj['id']!r} is also {first[obj['id']]}"))
            else:
                first[obj["id"]] = record
    return problems


def check_attributes(
    attributes: Mapping[str, Any],
    applicable: Sequence[schema.Attribute],
    declared: Sequence[schema.Attribute],
    type_name: str,
    layer: str,
    file: str,
    record: str,
) -> list[Problem]:
    """Check an annotation's attributes against the schema's declarations.

    Args:
        attributes: The annotation's attribute dict.
        applicable: The attributes the schema applies to ``type_name``.
        declared: Every attribute the schema declares for the layer.
        type_name: The annotation's type (for messages).
        layer: ``entity``, ``event`` or ``document`` (for messages).
        file: File name for the problems.
        record: Record name for the problems.

    Returns:
        ``unknown-attribute``, ``attribute-not-allowed-for-type``, ``attribute-value-not-allowed`` and
        ``missing-required-attribute`` problems.

    """
    problems = []
    by_name = {a.name: a for a in declared}
    usable = {a.name for a in applicable}
    for name, value in attributes.items():
        if name not in by_name:
            problems.append(
                _problem(
                    file,
                    record,
                    "unknown-attribute",
                    f"{layer} attribute {name!r} is not declared{_suggest(name, by_name)}; "
                    f"{type_name} takes: {', '.join(sorted(usable)) or 'none'}",
                )
            )
        elif name not in usable:
            problems.append(
                _problem(
                    file,
                    record,
                    "attribute-not-allowed-for-type",
                    f"{name} is set on {type_name}; it applies to {', '.join(by_name[name].applies_to)}",
                )
            )
        else:
            problems += _check_value(by_name[name], value, file, record)
    for attr in applicable:
        if attr.required and attr.name not in attributes:
            allowed = f" (one of {', '.join(attr.values)})" if attr.values else f" ({attr.kind})"
            problems.append(
                _problem(file, record, "missing-required-attribute", f"{type_name} has no {attr.name}{allowed}")
            )
    return problems


def _check_value(attr: schema.Attribute, value: Any, file: str, record: str) -> list[Problem]:
    if attr.kind == "enum":
        ok, expected = isinstance(value, str) and value in attr.values, f"one of {', '.join(attr.values)}"
    elif attr.kind == "bool":
        ok, expected = isinstance(value, bool), "true or false"
    else:
        ok, expected = isinstance(value, str) and bool(value.strip()), "a non-empty string"
    if ok:
        return []
    hint = _suggest(value, attr.values) if attr.kind == "enum" else ""
    return [
        _problem(file, record, "attribute-value-not-allowed", f"{attr.name} is {value!r}{hint}; expected {expected}")
    ]


def unannotated_attributes(data: Mapping[str, Any]) -> frozenset[str]:
    """Return the mention attributes an ``imported-gold`` file declares its source never annotated.

    External gold (re3d, GUM) has no ``level`` or ``gpe_role``; its importer lists such attributes in
    ``provenance["unannotated_attributes"]``. Only origin ``imported-gold`` may do so: for every other
    origin the result is empty and required attributes stay required.

    Args:
        data: The file's JSON object.

    Returns:
        Declared names that are schema mention attributes (others are ignored).

    """
    provenance = data.get("provenance")
    if data.get("origin") != "imported-gold" or not isinstance(provenance, Mapping):
        return frozenset()
    names = provenance.get("unannotated_attributes")
    if not isinstance(names, list):
        return frozenset()
    return frozenset(n for n in names if isinstance(n, str) and n in schema.MENTION_ATTRIBUTE_NAMES)


def check_entities(doc: _Doc, file: str, unannotated: frozenset[str] = frozenset()) -> list[Problem]:
    """Check entity labels and mention attributes.

    Args:
        doc: The sound records of the file.
        file: File name for the problems.
        unannotated: Mention attributes whose absence is accepted (see :func:`unannotated_attributes`);
            a value that is present is still checked.

    Returns:
        The problems found.

    """
    problems = []
    for record, obj in doc.entities:
        try:
            label = schema.entity_type(obj["label"]).name
        except schema.UnknownNameError as exc:
            problems.append(_problem(file, record, "unknown-entity-label", str(exc)))
            continue
        applicable = tuple(
            replace(a, required=False) if a.name in unannotated else a for a in schema.mention_attributes_for(label)
        )
        problems += check_attributes(
            obj.get("attributes") or {}, applicable, schema.MENTION_ATTRIBUTES, label, "entity", file, record
        )
    return problems


def _filler_problem(role: schema.Role, ref: str, kind: str, type_name: str) -> str | None:
    """Return why ``ref`` cannot fill ``role``, or None when it can."""
    allowed = role.allowed_filler_types
    if kind == "entity":
        if type_name not in schema.ENTITY_LABELS or type_name in allowed:
            return None  # an unknown label is reported by check_entities
    elif kind == "event":
        if schema.EVENT in allowed and (not role.event_filler_types or type_name in role.event_filler_types):
            return None
        if schema.EVENT in allowed:
            return (
                f"{role.name} filler {ref} is a {type_name} event; allowed events: {', '.join(role.event_filler_types)}"
            )
    return f"{role.name} filler {ref} is {kind} {type_name}; allowed: {', '.join(allowed)}"


def check_events(doc: _Doc, file: str) -> list[Problem]:
    """Check event types, arguments (role, allowed role, filler, repeats) and event attributes.

    Args:
        doc: The sound records of the file.
        file: File name for the problems.

    Returns:
        The problems found.

    """
    problems = []
    ids = _ids(doc)
    for record, obj in doc.events:
        try:
            etype: schema.EventType | None = schema.event_type(obj["type"])
        except schema.UnknownNameError as exc:
            etype = None
            problems.append(_problem(file, record, "unknown-event-type", str(exc)))
        seen: set[tuple[str, str]] = set()
        for arg in obj.get("arguments") or ():
            role_name, ref = arg["role"], arg["ref"]
            if (role_name, ref) in seen:
                problems.append(_problem(file, record, "duplicate-argument", f"argument {role_name} -> {ref} repeats"))
                continue
            seen.add((role_name, ref))
            try:
                role = schema.role(role_name)
            except schema.UnknownNameError as exc:
                problems.append(_problem(file, record, "unknown-role", str(exc)))
                role = None
            if role is not None and etype is not None and role.name not in etype.roles:
                problems.append(
                    _problem(
                        file,
                        record,
                        "role-not-allowed",
                        f"{etype.name} has role {role.name}; allowed: {', '.join(etype.roles)}",
                    )
                )
            if ref in doc.unsound_ids and ref not in ids:
                continue  # its own structural problem is reported
            if ref not in ids:
                problems.append(
                    _problem(
                        file,
                        record,
                        "argument-dangling",
                        f"{role_name} argument points at {ref!r}, which is not an id in the file",
                    )
                )
            elif role is not None:
                why = _filler_problem(role, ref, *ids[ref])
                if why:
                    problems.append(_problem(file, record, "role-filler-type-mismatch", why))
        if etype is not None:
            problems += check_attributes(
                obj.get("attributes") or {},
                schema.attributes_for(etype.name),
                schema.EVENT_ATTRIBUTES,
                etype.name,
                "event",
                file,
                record,
            )
    return problems


def check_document(data: Mapping[str, Any], file: str) -> list[Problem]:
    """Check the document-level labels against ``schema.DOCUMENT_ATTRIBUTES``.

    Args:
        data: The file's JSON object.
        file: File name for the problems.

    Returns:
        ``unknown-document-label`` and ``attribute-value-not-allowed`` problems.

    """
    document = data.get("document")
    if not isinstance(document, dict):
        return []
    declared = {a.name: a for a in schema.DOCUMENT_ATTRIBUTES}
    problems = []
    for name, value in document.items():
        if name not in declared:
            problems.append(
                _problem(
                    file,
                    "document",
                    "unknown-document-label",
                    f"document label {name!r} is not declared{_suggest(name, declared)}; "
                    f"declared: {', '.join(declared) or 'none'}",
                )
            )
        else:
            problems += _check_value(declared[name], value, file, "document")
    problems += [
        _problem(file, "document", "missing-required-attribute", f"document has no {a.name}")
        for a in declared.values()
        if a.required and a.name not in document
    ]
    return problems


# --------------------------------------------------------------------------------------------
# Stances and relations
# --------------------------------------------------------------------------------------------


def check_stances(doc: _Doc, file: str) -> list[Problem]:
    """Check stance labels, bases, holders and targets.

    Args:
        doc: The sound records of the file.
        file: File name for the problems.

    Returns:
        The problems found.

    """
    problems = []
    ids = _ids(doc)
    for record, obj in doc.stances:
        if obj["label"] not in schema.STANCE_LABELS:
            problems.append(
                _problem(
                    file,
                    record,
                    "unknown-stance-label",
                    f"label {obj['label']!r}{_suggest(obj['label'], schema.STANCE_LABELS)}; "
                    f"allowed: {', '.join(schema.STANCE_LABELS)}",
                )
            )
        if obj["basis"] not in schema.STANCE_BASES:
            problems.append(
                _problem(
                    file,
                    record,
                    "unknown-stance-basis",
                    f"basis {obj['basis']!r}{_suggest(obj['basis'], schema.STANCE_BASES)}; "
                    f"allowed: {', '.join(schema.STANCE_BASES)}",
                )
            )
        for slot, allowed in (("holder", schema.STANCE_HOLDER_TYPES), ("target", schema.STANCE_TARGET_TYPES)):
            ref = obj[slot]
            if ref in doc.unsound_ids and ref not in ids:
                continue  # its own structural problem is reported
            if ref not in ids:
                problems.append(
                    _problem(file, record, f"stance-{slot}-dangling", f"{slot} {ref!r} is not an id in the file")
                )
                continue
            kind, type_name = ids[ref]
            as_type = schema.EVENT if kind == "event" else type_name
            if kind == "entity" and type_name not in schema.ENTITY_LABELS:
                continue  # reported by check_entities
            if as_type not in allowed:
                problems.append(
                    _problem(
                        file,
                        record,
                        f"stance-{slot}-type",
                        f"{slot} {ref} is {kind} {type_name}; allowed: {', '.join(allowed)}",
                    )
                )
    return problems


def _cycles(edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Return the strongly connected components with more than one node (Tarjan), sorted."""
    graph: dict[str, list[str]] = defaultdict(list)
    for a, b in edges:
        graph[a].append(b)
        graph.setdefault(b, [])
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(components)


def check_relations(doc: _Doc, file: str) -> list[Problem]:
    """Check relation types, ends, self-loops, repeats and cycles of acyclic relations.

    Args:
        doc: The sound records of the file.
        file: File name for the problems.

    Returns:
        The problems found.

    """
    problems = []
    ids = _ids(doc)
    declared = {r.name: r for r in schema.RELATIONS}
    seen: dict[tuple[Any, ...], str] = {}
    edges: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for record, obj in doc.relations:
        rtype, src, dst = obj["type"], obj["from"], obj["to"]
        rel = declared.get(rtype)
        if rel is None:
            problems.append(
                _problem(
                    file,
                    record,
                    "unknown-relation-type",
                    f"type {rtype!r}{_suggest(rtype, declared)}; allowed: {', '.join(declared)}",
                )
            )
        dangling = [end for end in (src, dst) if end not in ids and end not in doc.unsound_ids]
        if dangling:
            problems.append(
                _problem(
                    file,
                    record,
                    "relation-dangling",
                    f"{' and '.join(map(repr, dict.fromkeys(dangling)))} not an id in the file",
                )
            )
            continue
        if src == dst:
            problems.append(_problem(file, record, "relation-self-loop", f"{rtype} from {src} to itself"))
            continue
        if src not in ids or dst not in ids:
            continue  # an end was left out for its own structural problem
        key = (rtype, src, dst) if rel is None or rel.directed else (rtype, *sorted((src, dst)))
        if key in seen:
            problems.append(_problem(file, record, "duplicate-relation", f"same as {seen[key]}"))
            continue
        seen[key] = record
        if rel is None:
            continue
        for end, ref, allowed in (("from", src, rel.from_types), ("to", dst, rel.to_types)):
            kind, type_name = ids[ref]
            as_type = {"event": schema.EVENT, "stance": schema.STANCE}.get(kind, type_name)
            if kind == "entity" and type_name not in schema.ENTITY_LABELS:
                continue  # reported by check_entities
            if as_type not in allowed:
                problems.append(
                    _problem(
                        file,
                        record,
                        "relation-endpoint-type",
                        f"{rtype} {end} end {ref} is {kind} {type_name}; allowed: {', '.join(allowed)}",
                    )
                )
        if rel.acyclic:
            edges[rtype].append((src, dst))
    for rtype, pairs in sorted(edges.items()):
        for component in _cycles(pairs):
            problems.append(
                _problem(
                    file,
                    f"relation {rtype}",
                    "relation-cycle",
                    f"{rtype} links form a cycle through {', '.join(component)}; {rtype} must be acyclic",
                )
            )
    return problems


def _links(doc: _Doc, rtype: str) -> dict[str, list[str]]:
    """Return from-id -> to-ids of the file's relations of one type."""
    links: dict[str, list[str]] = defaultdict(list)
    for _, obj in doc.relations:
        if obj["type"] == rtype:
            links[obj["from"]].append(obj["to"])
    return links


def _attrs(obj: Mapping[str, Any]) -> Mapping[str, Any]:
    attributes = obj.get("attributes")
    return attributes if isinstance(attributes, dict) else {}


def _fillers(obj: Mapping[str, Any], *roles: str) -> list[str]:
    """Return the refs of an event's arguments in the given roles, in argument order."""
    return [arg["ref"] for arg in obj.get("arguments") or () if arg["role"] in roles]


def check_sources(doc: _Doc, file: str) -> list[Problem]:
    """Report REPORTED events without an ``ATTRIBUTED_TO`` link (every origin: REPORTED means a source).

    Args:
        doc: The sound records of the file.
        file: File name for the problems.

    Returns:
        ``reported-without-source`` problems.

    """
    sources = _links(doc, "ATTRIBUTED_TO")
    return [
        _problem(
            file, record, "reported-without-source", f"{obj['type']} {obj['id']} is REPORTED but has no ATTRIBUTED_TO"
        )
        for record, obj in doc.events
        if _attrs(obj).get("attribution") == "REPORTED" and not sources.get(obj["id"])
    ]


#: Speech-act event type -> (holder roles, target roles in order of preference, stance label).
#: ACCUSE takes its Content, and its Target only when it has no Content; the others take every filler.
_SPEECH_ACTS: dict[str, tuple[tuple[str, ...], tuple[str, ...], str]] = {
    "ACCUSE": (("Agent",), ("Content", "Target"), "OPPOSE"),
    "REJECT": (("Agent",), ("Content", "Theme"), "OPPOSE"),
    "SUPPORT": (("Agent",), ("Target",), "SUPPORT"),
    "REQUEST": (("Agent",), ("Content",), "SUPPORT"),
    "AGREE": (("Participant",), ("Theme", "Content"), "SUPPORT"),
    "VOTE": (("Agent",), ("Theme",), ""),
}
_VOTE_LABELS = {"for": "SUPPORT", "against": "OPPOSE", "veto": "OPPOSE", "abstain": "NEUTRAL"}


def _expected_stances(
    obj: Mapping[str, Any], ids: Mapping[str, tuple[str, str]], events: Mapping[str, Mapping[str, Any]]
) -> list[tuple[str, str, str]]:
    """Return (holder, target, label) of every stance a speech-act event calls for (guidelines §5.4)."""
    spec = _SPEECH_ACTS.get(obj["type"])
    attrs = _attrs(obj)
    if spec is None or attrs.get("realis") != "ACTUAL" or attrs.get("polarity", "POSITIVE") != "POSITIVE":
        return []
    holder_roles, target_roles, label = spec
    if obj["type"] == "VOTE":
        label = _VOTE_LABELS.get(str(attrs.get("vote_value")), "")
        if not label:
            return []
    if obj["type"] == "ACCUSE":
        targets = _fillers(obj, "Content") or _fillers(obj, "Target")
    else:
        targets = _fillers(obj, *target_roles)
    expected = []
    for holder in dict.fromkeys(_fillers(obj, *holder_roles)):
        if holder not in ids or ids[holder][1] not in schema.STANCE_HOLDER_TYPES:
            continue
        for target in dict.fromkeys(targets):
            if target not in ids:
                continue
            kind, type_name = ids[target]
            if (schema.EVENT if kind == "event" else type_name) not in schema.STANCE_TARGET_TYPES:
                continue
            wanted = label
            if obj["type"] == "REQUEST" and _attrs(events.get(target, {})).get("polarity") == "NEGATIVE":
                wanted = "OPPOSE"  # warning against an event opposes it (§3.5)
            expected.append((holder, target, wanted))
    return expected


def check_guideline_rules(data: Mapping[str, Any], doc: _Doc, file: str) -> list[Problem]:
    """Check the manual's mechanically checkable rules on a pass made by following it.

    Skipped (empty result) for origins in ``schema.UNGUIDED_ORIGINS``: imported gold follows another
    project's guidelines and model output is what annotators correct.

    Args:
        data: The file's JSON object (for its origin).
        doc: The sound records of the file.
        file: File name for the problems.

    Returns:
        ``alleged-without-source``, ``content-realis``, ``mode-unspecified``,
        ``speech-act-stance-missing``, ``unlinked-mention`` and ``unlinked-time`` problems.

    """
    if data.get("origin") in schema.UNGUIDED_ORIGINS:
        return []
    problems: list[Problem] = []
    ids = _ids(doc)
    events = {obj["id"]: obj for _, obj in doc.events}
    record_of = {obj["id"]: record for record, obj in (*doc.entities, *doc.events)}
    sources = _links(doc, "ATTRIBUTED_TO")
    stances = {(st["holder"], st["target"], st["label"]) for _, st in doc.stances}
    for record, obj in doc.events:
        attrs = _attrs(obj)
        if obj["type"] == "ATTACK" and attrs.get("mode") == "unspecified":
            problems.append(_problem(file, record, "mode-unspecified", f"ATTACK {obj['id']} has mode 'unspecified'"))
        for ref in _fillers(obj, "Content"):
            content = events.get(ref)
            if content is None:
                continue
            realis = _attrs(content).get("realis")
            # A missing realis is missing-required-attribute's to report, not this rule's.
            if obj["type"] in ("REQUEST", "REJECT", "THREATEN") and realis is not None and realis != "DIRECTIVE":
                problems.append(
                    _problem(
                        file,
                        record_of.get(ref, record),
                        "content-realis",
                        f"{content['type']} {ref} is the Content of {obj['type']} {obj['id']} but has realis "
                        f"{realis}; expected DIRECTIVE",
                    )
                )
            if (
                obj["type"] == "ACCUSE"
                and _fillers(obj, "Agent")
                and _attrs(content).get("attribution") == "ALLEGED"
                and not sources.get(ref)
            ):
                problems.append(
                    _problem(
                        file,
                        record_of.get(ref, record),
                        "alleged-without-source",
                        f"{content['type']} {ref} is ALLEGED by ACCUSE {obj['id']} but has no ATTRIBUTED_TO; "
                        f"expected a link to {', '.join(_fillers(obj, 'Agent'))}",
                    )
                )
        for holder, target, label in _expected_stances(obj, ids, events):
            if (holder, target, label) not in stances:
                found = sorted(lab for (h, t, lab) in stances if (h, t) == (holder, target))
                have = f"; it has {', '.join(found)}" if found else ""
                problems.append(
                    _problem(
                        file,
                        record,
                        "speech-act-stance-missing",
                        f"{obj['type']} {obj['id']} needs a {label} stance from {holder} toward {target}{have}",
                    )
                )
    used: set[str] = set()
    for _, obj in doc.events:
        used.update(arg["ref"] for arg in obj.get("arguments") or ())
    for _, st in doc.stances:
        used.update((st["holder"], st["target"]))
    for _, rel in doc.relations:
        if rel["type"] == "ATTRIBUTED_TO":
            used.add(rel["to"])
        elif rel["type"] == "AFFILIATED_WITH":
            used.update((rel["from"], rel["to"]))
    for record, obj in doc.entities:
        level = _attrs(obj).get("level")
        # A TIME in another slot is reported by the type checks (role-filler-type-mismatch, stance-*-type).
        if obj["label"] == "TIME" and obj["id"] not in used:
            problems.append(
                _problem(file, record, "unlinked-time", f"TIME {obj['text']!r} fills no Time or Duration role")
            )
        elif level in ("NOM", "PRO") and obj["id"] not in used:
            problems.append(
                _problem(
                    file,
                    record,
                    "unlinked-mention",
                    f"{level} {obj['label']} {obj['text']!r} fills no role, stance slot, source or affiliation",
                )
            )
    return problems


# --------------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------------


def validate_json_text(raw: str | bytes, *, file: str) -> tuple[Any, list[Problem]]:
    """Parse a file's content as JSON.

    Args:
        raw: The file's content (bytes are decoded as UTF-8).
        file: File name for the problems.

    Returns:
        ``(data, [])`` on success; ``(None, [json-syntax problem])`` otherwise.

    """
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError as exc:
        return None, [_problem(file, f"byte {exc.start}", "json-syntax", f"not UTF-8 ({exc.reason})")]
    try:
        return json.loads(text), []
    except json.JSONDecodeError as exc:
        return None, [_problem(file, f"line {exc.lineno} column {exc.colno}", "json-syntax", exc.msg)]


def _validate(
    data: Any,
    file: str,
    text: str | None,
    manifest: Mapping[str, Any] | None,
    warn_unavailable: bool,
    left_out: Iterable[str] = (),
) -> list[Problem]:
    if not isinstance(data, dict):
        return [_problem(file, "file", "not-an-object", f"the file holds {_json_type(data)}; expected an object")]
    problems, doc = _structure(data, file)
    doc = replace(doc, unsound_ids=doc.unsound_ids | frozenset(left_out))
    # Records with a structural problem are left out, so the links the guideline checks look for could
    # be missing only for that reason: those checks wait until the file's structure is sound.
    sound = not any(p.check_id in ("missing-field", "wrong-type", "not-an-object") for p in problems)
    problems += check_header(data, file, manifest)
    if warn_unavailable and manifest is None:
        problems.append(_problem(file, "file", "manifest-unavailable", "no manifest given"))
    usable, found = _text_usable(data, file, text, manifest)
    problems += found
    if warn_unavailable and text is None:
        problems.append(
            _problem(
                file,
                "file",
                "text-unavailable",
                f"no text for article {data.get('article_id')!r}; span checks against the text skipped",
            )
        )
    problems += check_ids(doc, file)
    problems += check_spans(doc, file, text if usable else None)
    problems += check_entities(doc, file, unannotated_attributes(data))
    problems += check_events(doc, file)
    problems += check_stances(doc, file)
    problems += check_relations(doc, file)
    problems += check_sources(doc, file)
    if sound:
        problems += check_guideline_rules(data, doc, file)
    problems += check_document(data, file)
    return problems


def validate_data(
    data: Any,
    *,
    file: str,
    text: str | None = None,
    manifest: Mapping[str, Any] | None = None,
    left_out: Iterable[str] = (),
) -> list[Problem]:
    """Validate one standoff file's parsed JSON.

    Works on the raw dict, so unknown fields, wrong JSON types and missing fields are reported
    before any record is built. A missing text or manifest is reported as one warning each.

    Args:
        data: The parsed JSON.
        file: File name for the problems.
        text: The article text the offsets refer to, or None (text checks skipped, with a warning).
        manifest: Article id -> manifest entry (dict or record with ``text_sha256``), or None.
        left_out: Ids of records the caller left out for a problem it reports itself (``annotate``:
            a quote that did not resolve); references to them are not reported as dangling.

    Returns:
        Every problem found, in check order per record.

    """
    return _validate(data, file, text, manifest, warn_unavailable=True, left_out=left_out)


def validate_paths(
    paths: Iterable[Path | str],
    *,
    texts: Mapping[str, str] | None = None,
    manifest: Mapping[str, Any] | None = None,
    parsed: dict[str, Any] | None = None,
) -> list[Problem]:
    """Validate standoff files and folders, including the checks across files.

    Args:
        paths: Files, or folders searched with :func:`conflictnews.standoff.iter_files`.
        texts: Article id -> text, or None (one ``text-unavailable`` warning for the run).
        manifest: Article id -> manifest entry, or None (one ``manifest-unavailable`` warning).
        parsed: When given, filled with file name -> parsed JSON of every file that parsed, so a
            caller (the build) need not read and parse the files a second time.

    Returns:
        Every problem found, file by file in path order, then the cross-file problems.

    Raises:
        FileNotFoundError: When a given path does not exist.

    """
    files = expand_paths(paths)
    problems: list[Problem] = []
    if manifest is None:
        problems.append(
            _problem(
                "(run)",
                "manifest",
                "manifest-unavailable",
                "no manifest given; article ids and checksums not checked against it",
            )
        )
    if texts is None:
        problems.append(
            _problem(
                "(run)",
                "texts",
                "text-unavailable",
                "no article texts given; offsets and span texts not compared with the articles",
            )
        )
    owners: dict[tuple[str, str], str] = {}
    for path in files:
        file = str(path)
        data, found = validate_json_text(path.read_bytes(), file=file)
        problems += found
        if found:
            continue
        if parsed is not None:
            parsed[file] = data
        article = data.get("article_id") if isinstance(data, dict) else None
        text = texts.get(article) if texts is not None and isinstance(article, str) else None
        problems += _validate(data, file, text, manifest, warn_unavailable=False)
        # An article outside the manifest has no text to give; article-not-in-manifest says so.
        known = manifest is None or article in manifest
        if texts is not None and text is None and isinstance(article, str) and known:
            problems.append(
                _problem(
                    file,
                    "file",
                    "text-unavailable",
                    f"no text for article {article!r}; span checks against the text skipped",
                )
            )
        if isinstance(data, dict):
            problems += _check_placement(data, path)
            annotator = data.get("annotator")
            if isinstance(article, str) and isinstance(annotator, str) and annotator.strip():
                key = (article, annotator)
                if key in owners:
                    problems.append(
                        _problem(
                            file,
                            "file",
                            "duplicate-annotation-file",
                            f"{annotator!r} on {article!r} is also in {owners[key]}",
                        )
                    )
                else:
                    owners[key] = file
    return problems


def validate_sets(
    annotations: Iterable[standoff.AnnotationSet],
    *,
    texts: Mapping[str, str] | None,
    manifest: Mapping[str, Any] | None,
) -> list[Problem]:
    """Validate passes before they are written (the exporter's gate: write nothing on errors).

    Args:
        annotations: The passes, e.g. as converted from a Label Studio export.
        texts: Article id -> text, or None (a ``text-unavailable`` warning per pass).
        manifest: Article id -> manifest entry, or None (a ``manifest-unavailable`` warning per pass).

    Returns:
        Every problem, named by the path each pass would be written to.

    """
    problems: list[Problem] = []
    owners: dict[tuple[str, str], str] = {}
    for annotation in annotations:
        file = str(standoff.relative_path(annotation))
        text = texts.get(annotation.article_id) if texts is not None else None
        problems += validate_data(annotation.to_json(), file=file, text=text, manifest=manifest)
        key = (annotation.article_id, annotation.annotator)
        if key in owners:
            problems.append(
                _problem(
                    file,
                    "file",
                    "duplicate-annotation-file",
                    f"{annotation.annotator!r} on {annotation.article_id!r} is also in {owners[key]}",
                )
            )
        owners.setdefault(key, file)
    return problems


def _check_placement(data: Mapping[str, Any], path: Path) -> list[Problem]:
    """Report a file under ``<tier>/<article>/`` whose content belongs elsewhere."""
    if len(path.parts) < 3 or path.parent.parent.name not in ("gold", "silver"):
        return []  # not in the annotations/<tier>/<article>/ layout (fixtures, exports in progress)
    fields = ("article_id", "text_sha256", "schema_version", "guidelines_version", "annotator", "origin")
    if not all(isinstance(data.get(f), str) for f in fields):
        return []
    expected = standoff.relative_path(standoff.AnnotationSet(**{f: data[f] for f in fields}))
    actual = Path(*path.parts[-3:])
    if actual == expected:
        return []
    return [
        _problem(
            str(path),
            "file",
            "path-mismatch",
            f"the file is at .../{actual.as_posix()}; "
            f"its origin, article and annotator put it at .../{expected.as_posix()}",
        )
    ]


def expand_paths(paths: Iterable[Path | str]) -> list[Path]:
    """Expand folders to their standoff files (sorted); keep files as given.

    Args:
        paths: Files and folders.

    Returns:
        The files, in argument order (each folder's files sorted).

    Raises:
        FileNotFoundError: When a path does not exist.

    """
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files += standoff.iter_files(path)
        elif path.is_file():
            files.append(path)
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")
    return files


# --------------------------------------------------------------------------------------------
# Inputs: manifest and texts
# --------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------
# Summary
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    """The problems of a run, capped per check id, with counts.

    Attributes:
        files: How many files were validated.
        shown: The problems to print: at most ``max_per_check`` per check id, in found order.
        omitted: Check id -> how many of its problems were not shown.
        counts: Check id -> how many problems it found (catalogue order).
        errors: Number of error problems.
        warnings: Number of warning problems.

    """

    files: int
    shown: tuple[Problem, ...]
    omitted: Mapping[str, int]
    counts: Mapping[str, int]
    errors: int
    warnings: int

    @property
    def exit_code(self) -> int:
        """1 when any error was found, else 0."""
        return 1 if self.errors else 0

    def to_json(self) -> dict[str, Any]:
        """Return the JSON form (``--format json``)."""
        return {
            "files": self.files,
            "errors": self.errors,
            "warnings": self.warnings,
            "counts": dict(self.counts),
            "omitted": dict(self.omitted),
            "problems": [p.to_json() for p in self.shown],
        }


def summarise(problems: Sequence[Problem], *, files: int, max_per_check: int = 20) -> Summary:
    """Cap repeats per check id and count problems.

    Args:
        problems: Every problem of the run.
        files: How many files were validated.
        max_per_check: Problems shown per check id (0: all).

    Returns:
        The :class:`Summary`.

    """
    per_check: Counter[str] = Counter()
    shown = []
    for problem in problems:
        per_check[problem.check_id] += 1
        if not max_per_check or per_check[problem.check_id] <= max_per_check:
            shown.append(problem)
    counts = {cid: per_check[cid] for cid in CHECKS if per_check[cid]}
    omitted = {cid: n - max_per_check for cid, n in counts.items() if max_per_check and n > max_per_check}
    return Summary(
        files,
        tuple(shown),
        omitted,
        counts,
        sum(1 for p in problems if p.severity == ERROR),
        sum(1 for p in problems if p.severity == WARNING),
    )
