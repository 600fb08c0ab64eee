"""The guideline tables, generated from the schema into ``annotations/GUIDELINES.md``.

Stage: annotation design (documentation). Input: :func:`conflictnews.schema.as_dict` (the one
source of truth for every label list) and the refusal checks of :mod:`conflictnews.annotation.quotes`.
Output: Markdown tables written between marker comments in the annotation manual::

    <!-- BEGIN GENERATED: event-types -->
    ... (rewritten by `conflictnews guidelines`; never edited by hand)
    <!-- END GENERATED: event-types -->

Everything outside the markers is prose written by people. ``conflictnews guidelines --check``
(and a test) fails when a table in the file differs from what the schema gives, so the manual
cannot drift from the schema.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from conflictnews import schema
from conflictnews.annotation.quotes import CHECKS
from conflictnews.io import atomic_write

GENERATOR = "conflictnews guidelines"
_BLOCK = re.compile(
    r"(<!-- BEGIN GENERATED: (?P<name>[a-z0-9-]+) -->\n)(?P<body>.*?)(<!-- END GENERATED: (?P=name) -->)",
    re.DOTALL,
)


class GuidelinesError(ValueError):
    """The manual lacks a marker pair for a table, repeats one, or names a table that does not exist."""


def default_path() -> Path:
    """Return ``annotations/GUIDELINES.md`` of the project checkout."""
    return Path(__file__).resolve().parents[3] / "annotations" / "GUIDELINES.md"


def _cell(value: Any) -> str:
    """Format one table cell: lists joined, booleans as yes/no, pipes escaped, one line."""
    if isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, (list, tuple)):
        text = ", ".join(str(v) for v in value)
    elif value is None:
        text = ""
    else:
        text = str(value)
    return " ".join(text.replace("|", "\\|").split()) or "—"


def _table(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> str:
    """Return a Markdown table."""
    header = list(header)
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _code(values: Iterable[str]) -> str:
    """Return values as inline code, comma-separated."""
    return ", ".join(f"`{v}`" for v in values)


def _required(attr: Mapping[str, Any]) -> str:
    """Describe whether an attribute is required and its default."""
    text = "required" if attr["required"] else "optional"
    if attr.get("default") is not None:
        default = attr["default"]
        text += f", default `{str(default).lower() if isinstance(default, bool) else default}`"
    return text


def _values(attr: Mapping[str, Any]) -> str:
    """Describe an attribute's values."""
    if attr["kind"] == "enum":
        return _code(attr["values"])
    return "true / false" if attr["kind"] == "bool" else "free text"


def _entity_types(s: Mapping[str, Any]) -> str:
    attrs = s["mention_attributes"]
    rows = []
    for t in s["entity_types"]:
        applicable = [a["name"] for a in attrs if t["name"] in a["applies_to"]]
        rows.append((f"`{t['name']}`", t["definition"], _code(applicable) or "none", t["precedent"]))
    return _table(("Type", "Definition", "Mention attributes", "Precedent"), rows)


def _mention_attributes(s: Mapping[str, Any]) -> str:
    rows = [
        (f"`{a['name']}`", _values(a), _code(a["applies_to"]), _required(a), a["definition"])
        for a in s["mention_attributes"]
    ]
    return _table(("Attribute", "Values", "On", "Required", "Definition"), rows)


def _event_types(s: Mapping[str, Any]) -> str:
    attrs = s["event_attributes"]
    rows = []
    for n, t in enumerate(s["event_types"], start=1):
        plover = t["plover"] + (f":{t['plover_mode']}" if t["plover_mode"] else "") if t["plover"] else "(none)"
        n_types = len(s["event_types"])
        special = [a["name"] for a in attrs if t["name"] in a["applies_to"] and len(a["applies_to"]) < n_types]
        rows.append(
            (
                n,
                f"`{t['name']}`",
                t["definition"],
                ", ".join(t["triggers"]),
                _code(t["roles"]),
                _code(special) or "—",
                plover,
                ", ".join(t["cameo"]) or "—",
            )
        )
    return _table(
        ("#", "Type", "Definition", "Typical triggers", "Allowed roles", "Own attributes", "PLOVER", "CAMEO"), rows
    )


def _event_notes(s: Mapping[str, Any]) -> str:
    rows = [(f"`{t['name']}`", t["notes"], t["ace"]) for t in s["event_types"] if t["notes"] or t["ace"]]
    return _table(("Type", "Role glosses and export notes", "ACE / KAIROS / AIDA"), rows)


def _roles(s: Mapping[str, Any]) -> str:
    rows = []
    for r in s["roles"]:
        fillers = list(r["allowed_filler_types"])
        if r["event_filler_types"]:
            fillers = [f if f != "EVENT" else f"EVENT ({', '.join(r['event_filler_types'])} only)" for f in fillers]
        used = [t["name"] for t in s["event_types"] if r["name"] in t["roles"]]
        rows.append((f"`{r['name']}`", ", ".join(fillers), r["definition"], ", ".join(used)))
    return _table(("Role", "Allowed fillers", "Definition", "Allowed on"), rows)


def _event_attributes(s: Mapping[str, Any]) -> str:
    n_types = len(s["event_types"])
    rows = [
        (
            f"`{a['name']}`",
            _values(a),
            "all types" if len(a["applies_to"]) == n_types else _code(a["applies_to"]),
            _required(a),
            a["definition"],
        )
        for a in s["event_attributes"]
    ]
    return _table(("Attribute", "Values", "On", "Required", "Definition"), rows)


def _stance(s: Mapping[str, Any]) -> str:
    st = s["stance"]
    labels = _table(("Label", "Definition"), [(f"`{x['name']}`", x["definition"]) for x in st["labels"]])
    bases = _table(("Basis", "Definition"), [(f"`{x['name']}`", x["definition"]) for x in st["bases"]])
    slots = _table(
        ("Slot", "Filled by", "Required", "Definition"),
        [
            (
                f"`{x['name']}`",
                "a text span" if x["region"] else ", ".join(x["allowed_types"]),
                x["required"],
                x["definition"],
            )
            for x in st["slots"]
        ],
    )
    rules = "\n".join(f"{n}. {rule}" for n, rule in enumerate(st["rules"], start=1))
    return f"{st['definition']}\n\n{labels}\n\n{bases}\n\n{slots}\n\nRules:\n\n{rules}"


def _relations(s: Mapping[str, Any]) -> str:
    rows = [
        (
            f"`{r['name']}`",
            ", ".join(r["from_types"]),
            ", ".join(r["to_types"]),
            "directed" if r["directed"] else "symmetric",
            "optional pass" if r["optional"] else "—",
            r["definition"],
        )
        for r in s["relations"]
    ]
    return _table(("Relation", "From", "To", "Direction", "Pass", "Definition"), rows)


def _document(s: Mapping[str, Any]) -> str:
    attrs = s.get("document_attributes") or []
    if not attrs:
        return f"Schema {s['schema_version']} declares no document-level labels."
    rows = [(f"`{a['name']}`", _values(a), _required(a), a["definition"]) for a in attrs]
    return _table(("Label", "Values", "Required", "Definition"), rows)


def _origins(s: Mapping[str, Any]) -> str:
    rows = [(f"`{o}`", "gold" if o in s["origins"]["gold"] else "silver") for o in s["origins"]["all"]]
    return _table(("origin", "tier"), rows)


def _annotate_checks(_: Mapping[str, Any]) -> str:
    rows = [(f"`{c.id}`", c.description, c.fix) for c in CHECKS.values()]
    return _table(("Refusal (check id)", "When", "Fix"), rows)


#: Table name -> renderer, in the order the manual shows them.
TABLES: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "entity-types": _entity_types,
    "mention-attributes": _mention_attributes,
    "event-types": _event_types,
    "event-notes": _event_notes,
    "roles": _roles,
    "event-attributes": _event_attributes,
    "stance": _stance,
    "relations": _relations,
    "document": _document,
    "origins": _origins,
    "annotate-checks": _annotate_checks,
}


def _schema_dict() -> dict[str, Any]:
    """Return :func:`conflictnews.schema.as_dict`, with document attributes when the schema declares them."""
    from dataclasses import asdict

    data = schema.as_dict()
    if "document_attributes" not in data:
        data["document_attributes"] = [asdict(a) for a in getattr(schema, "DOCUMENT_ATTRIBUTES", ())]
    return data


def render_tables(schema_dict: Mapping[str, Any] | None = None) -> dict[str, str]:
    """Render every generated table of the manual.

    Args:
        schema_dict: The schema as :func:`conflictnews.schema.as_dict` returns it (default: the
            installed schema).

    Returns:
        Table name -> Markdown, in :data:`TABLES` order; each body starts with a comment naming
        the generator and the schema version.

    """
    s = schema_dict if schema_dict is not None else _schema_dict()
    stamp = (
        f"<!-- generated by `{GENERATOR}` (schema {s['schema_version']}); edit schema.py or "
        "annotate.py, not this table -->"
    )
    return {name: f"{stamp}\n{render(s)}\n" for name, render in TABLES.items()}


def _replace(document: str, tables: Mapping[str, str]) -> str:
    """Return ``document`` with every marked block's body replaced by its table.

    Raises:
        GuidelinesError: For a table with no marker pair or with several, or a marker pair
            naming no known table.

    """
    found = [m.group("name") for m in _BLOCK.finditer(document)]
    unknown = sorted(set(found) - set(tables))
    missing = [name for name in tables if name not in found]
    repeated = sorted({name for name in found if found.count(name) > 1})
    if unknown or missing or repeated:
        parts = []
        if missing:
            parts.append(f"no marker pair for {', '.join(missing)}")
        if repeated:
            parts.append(f"repeated marker pairs for {', '.join(repeated)}")
        if unknown:
            parts.append(f"marker pairs for unknown tables {', '.join(unknown)}")
        raise GuidelinesError(
            "; ".join(parts) + ". Each table needs exactly one "
            "'<!-- BEGIN GENERATED: name -->' … '<!-- END GENERATED: name -->' pair."
        )
    return _BLOCK.sub(lambda m: m.group(1) + tables[m.group("name")] + m.group(4), document)


def stale_tables(path: Path | None = None) -> list[str]:
    """Name the generated tables whose text in the manual differs from the schema's.

    Args:
        path: The manual (default ``annotations/GUIDELINES.md``).

    Returns:
        Table names, in manual order; empty when the manual is current.

    Raises:
        GuidelinesError: When a table's markers are missing, repeated or unknown.
        FileNotFoundError: When the manual does not exist.

    """
    path = path or default_path()
    document = path.read_text(encoding="utf-8")
    tables = render_tables()
    _replace(document, tables)  # raises on marker problems
    return [m.group("name") for m in _BLOCK.finditer(document) if m.group("body") != tables[m.group("name")]]


def update_guidelines(path: Path | None = None) -> list[str]:
    """Rewrite the generated tables of the manual from the schema (atomically; prose untouched).

    Args:
        path: The manual (default ``annotations/GUIDELINES.md``).

    Returns:
        The names of the tables that changed (empty: the file was already current and is not
        rewritten).

    Raises:
        GuidelinesError: When a table's markers are missing, repeated or unknown.
        FileNotFoundError: When the manual does not exist.

    """
    path = path or default_path()
    document = path.read_text(encoding="utf-8")
    changed = stale_tables(path)
    if not changed:
        return []
    updated = _replace(document, render_tables())
    atomic_write(path, updated)
    return changed
