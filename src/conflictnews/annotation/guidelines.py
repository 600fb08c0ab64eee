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
from conflictnews.annotation.validate import CHECKS as VALIDATOR_CHECKS
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
        rows.append((f"`{t['name']}`", t["definition"], _code(applicable) or "none"))
    return _table(("Type", "Definition", "Mention attributes"), rows)


def _on(applies_to: Iterable[str], everything: Iterable[str], name: str) -> str:
    """Name the types an attribute applies to, or say 'all <name>' when it applies to every one."""
    applies_to = list(applies_to)
    return f"all {name}" if set(applies_to) >= set(everything) else _code(applies_to)


def _mention_attributes(s: Mapping[str, Any]) -> str:
    mention_types = [t["name"] for t in s["entity_types"] if t["name"] != "TIME"]
    rows = [
        (f"`{a['name']}`", _values(a), _on(a["applies_to"], mention_types, "mentions"), _required(a), a["definition"])
        for a in s["mention_attributes"]
    ]
    return _table(("Attribute", "Values", "On", "Required", "Definition"), rows)


def _event_types(s: Mapping[str, Any]) -> str:
    attrs = s["event_attributes"]
    n_types = len(s["event_types"])
    rows = []
    for n, t in enumerate(s["event_types"], start=1):
        special = [a["name"] for a in attrs if t["name"] in a["applies_to"] and len(a["applies_to"]) < n_types]
        roles = _code(t["roles"]) + (f". {t['glosses']}" if t.get("glosses") else "")
        rows.append((n, f"`{t['name']}`", t["definition"], roles, _code(special) or "—"))
    return _table(("#", "Type", "Definition", "Allowed roles: what fills them", "Own attributes"), rows)


def _roles(s: Mapping[str, Any]) -> str:
    rows = []
    mention_types = [t["name"] for t in s["entity_types"] if t["name"] != "TIME"]
    for r in s["roles"]:
        fillers = list(r["allowed_filler_types"])
        if set(fillers) >= set(mention_types):
            fillers = ["any mention"] + [f for f in fillers if f not in mention_types]
        if r["event_filler_types"]:
            fillers = [f if f != "EVENT" else f"EVENT ({', '.join(r['event_filler_types'])} only)" for f in fillers]
        rows.append((f"`{r['name']}`", ", ".join(fillers), r["definition"]))
    return _table(("Role", "Allowed fillers", "Definition"), rows)


def _event_attributes(s: Mapping[str, Any]) -> str:
    rows = [
        (
            f"`{a['name']}`",
            _values(a),
            _on(a["applies_to"], [t["name"] for t in s["event_types"]], "types"),
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
    return f"{st['definition']}\n\n{labels}\n\n{bases}\n\n{slots}\n\nRules: " + " ".join(st["rules"])


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


def _trigger_index(s: Mapping[str, Any]) -> str:
    """Words with more than one reading (a table with their rules), then every other typical trigger."""
    choices = s.get("trigger_choices", ())
    covered = {word for c in choices for word in c["words"]}
    rows = [
        (", ".join(f"`{w}`" for w in c["words"]), ", ".join(c["types"]), f"{c['rule']} ({c['section']})")
        for c in sorted(choices, key=lambda c: c["words"][0].casefold())
    ]
    single: dict[str, list[str]] = {}
    for t in s["event_types"]:
        for word in t["triggers"]:
            if word not in covered:
                single.setdefault(word, []).append(t["name"])
    others = ", ".join(f"`{w}` {'/'.join(single[w])}" for w in sorted(single, key=str.casefold))
    return _table(("Word", "Type(s)", "How to choose"), rows) + f"\n\nEvery other typical trigger: {others}."


def _document(s: Mapping[str, Any]) -> str:
    attrs = s.get("document_attributes") or []
    if not attrs:
        return f"Schema {s['schema_version']} declares no document-level labels."
    rows = [(f"`{a['name']}`", _values(a), _required(a), a["definition"]) for a in attrs]
    return _table(("Label", "Values", "Required", "Definition"), rows)


def _origins(s: Mapping[str, Any]) -> str:
    unguided = s["origins"].get("unguided", ())
    rows = [
        (
            f"`{o}`",
            "gold" if o in s["origins"]["gold"] else "silver",
            "no" if o in unguided else "yes",
        )
        for o in s["origins"]["all"]
    ]
    return _table(("origin", "tier", "guideline checks"), rows)


def _guideline_checks(_: Mapping[str, Any]) -> str:
    rows = [
        (f"`{c.id}`", c.group, c.description)
        for c in VALIDATOR_CHECKS.values()
        if c.group == "guidelines" or c.id == "reported-without-source"
    ]
    return _table(("Check id", "Group", "What it finds"), rows)


def _annotate_checks(_: Mapping[str, Any]) -> str:
    rows = [(f"`{c.id}`", c.description, c.fix) for c in CHECKS.values()]
    return _table(("Refusal (check id)", "When", "Fix"), rows)


#: Table name -> renderer, in the order the manual shows them.
TABLES: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "guideline-checks": _guideline_checks,
    "entity-types": _entity_types,
    "mention-attributes": _mention_attributes,
    "event-types": _event_types,
    "roles": _roles,
    "event-attributes": _event_attributes,
    "stance": _stance,
    "relations": _relations,
    "document": _document,
    "origins": _origins,
    "trigger-index": _trigger_index,
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
        f"<!-- generated by `{GENERATOR}` (schema {s['schema_version']}); edit schema.py, validate.py or "
        "quotes.py, not this table -->"
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
