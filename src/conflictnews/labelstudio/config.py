"""The Label Studio labeling config, generated from :mod:`conflictnews.schema`.

Stage: annotation (tool set-up). Input: the schema declarations. Output: a deterministic
``<View>`` XML string (``annotations/labelstudio/config.xml``, written by
``conflictnews ls config``) and the control names the converters share with it.

Layout (every label list comes from ``schema.py``; nothing is typed twice):

* ``entity`` Labels: the nine entity types. ``event`` Labels: the 25 event types (trigger
  regions). ``stance`` Labels: ``STANCE`` (a stance's evidence region; the stance is reified on
  it) and ``CUE`` (its optional reporting predicate).
* One ``Relations`` block: the 17 roles (event trigger → filler), the stance slots that link
  (``holder``, ``stance_target``, ``cue``; from the STANCE region) and the three relations
  (``ATTRIBUTED_TO``, ``AFFILIATED_WITH``, ``COREF``).
* Per-region attributes: one ``Choices`` (enum, and bool as ``true``/``false``) or ``TextArea``
  (text) per attribute, named as the attribute, inside a ``View`` shown only while a region
  whose label the attribute applies to is selected (``whenLabelValue``, comma-separated).
  The stance label and basis are per-region choices on STANCE regions.
* Document-level choices (``relevance``), always visible.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import quoteattr

from conflictnews import schema

#: Control names shared by the config and the converters.
TEXT = "text"
ENTITY_CONTROL = "entity"
EVENT_CONTROL = "event"
STANCE_CONTROL = "stance"
#: Label of the region that carries a stance (its evidence); the schema's pseudo-type.
STANCE_LABEL = schema.STANCE
#: Stance slots drawn as relations from the STANCE region (the evidence slot is the region itself).
STANCE_RELATION_SLOTS: tuple[str, ...] = tuple(s.name for s in schema.STANCE_LAYER.slots if s.name != "evidence")
#: Region slots other than the evidence get a label of their own (``cue`` → ``CUE``).
STANCE_REGION_SLOTS: tuple[str, ...] = tuple(
    s.name for s in schema.STANCE_LAYER.slots if s.region and s.name != "evidence"
)
CUE_SLOT = "cue"
CUE_LABEL = CUE_SLOT.upper()

#: Document-level attributes (document choices, always visible).
DOCUMENT_ATTRIBUTES: tuple[schema.Attribute, ...] = schema.DOCUMENT_ATTRIBUTES

#: Task data keys the config displays (never ``source``: Label Studio shadows it in the UI).
TASK_FIELDS: tuple[str, ...] = ("article_id", "title", "outlet", "date", "url", TEXT)

#: Values a bool attribute takes in Label Studio choices.
BOOL_VALUES: tuple[str, str] = ("true", "false")

GENERATOR = "conflictnews ls config"


def stance_region_labels() -> tuple[str, ...]:
    """Return the labels of the ``stance`` control: STANCE then one per extra region slot."""
    return (STANCE_LABEL, *(slot.upper() for slot in STANCE_REGION_SLOTS))


def relation_labels() -> tuple[str, ...]:
    """Return every relation label: roles, linking stance slots, then the schema's relations."""
    return (*schema.ROLE_LABELS, *STANCE_RELATION_SLOTS, *schema.RELATION_LABELS)


def region_attributes() -> tuple[tuple[str, schema.Attribute], ...]:
    """Return ``(control, attribute)`` for every per-region attribute, in declared order.

    ``control`` is the Labels control whose regions carry the attribute.
    """
    return (
        *((ENTITY_CONTROL, a) for a in schema.MENTION_ATTRIBUTES),
        *((EVENT_CONTROL, a) for a in schema.EVENT_ATTRIBUTES),
        *((STANCE_CONTROL, a) for a in schema.STANCE_ATTRIBUTES),
    )


def _check_names() -> None:
    """Refuse a schema whose names would collide in one Label Studio namespace."""
    labels = [*schema.ENTITY_LABELS, *schema.EVENT_LABELS, *stance_region_labels()]
    controls = [
        TEXT,
        ENTITY_CONTROL,
        EVENT_CONTROL,
        STANCE_CONTROL,
        *(a.name for _, a in region_attributes()),
        *(a.name for a in DOCUMENT_ATTRIBUTES),
    ]
    for what, names in (("region label", labels), ("control name", controls), ("relation label", relation_labels())):
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            # whenLabelValue matches a label in any Labels control, and per-region results are
            # joined by control name: a collision would show or store an attribute on the wrong region.
            raise ValueError(f"schema names collide in the Label Studio config ({what}): {dupes}")


def _labels(name: str, values: Iterable[str]) -> list[str]:
    inner = "".join(f"<Label value={quoteattr(v)}/>" for v in values)
    return [f'  <Labels name="{name}" toName="{TEXT}" showInline="true">{inner}</Labels>']


def _applies_to_labels(control: str, attribute: schema.Attribute) -> tuple[str, ...]:
    if control == STANCE_CONTROL:
        return (STANCE_LABEL,)
    universe = schema.ENTITY_LABELS if control == ENTITY_CONTROL else schema.EVENT_LABELS
    return tuple(label for label in universe if label in attribute.applies_to)


def _attribute_control(attribute: schema.Attribute, *, per_region: bool) -> str:
    region = ' perRegion="true"' if per_region else ""
    if attribute.kind == "text":
        return (
            f'<TextArea name="{attribute.name}" toName="{TEXT}"{region} maxSubmissions="1" editable="true"'
            f" placeholder={quoteattr(attribute.name)}/>"
        )
    values = attribute.values if attribute.kind == "enum" else BOOL_VALUES
    inner = "".join(f"<Choice value={quoteattr(v)}/>" for v in values)
    return (
        f'<Choices name="{attribute.name}" toName="{TEXT}"{region} choice="single" showInline="true">{inner}</Choices>'
    )


def _title(attribute: schema.Attribute) -> str:
    return attribute.name + (" (required)" if attribute.required else "")


def label_config() -> str:
    """Generate the Label Studio labeling config from the schema.

    Returns:
        The XML text, deterministic (two calls return the same string), opening with a comment
        that names the schema version and the generator.

    Raises:
        ValueError: When schema names would collide inside Label Studio (a label used by two
            controls, an attribute named like a control).

    """
    _check_names()
    lines = [
        f"<!-- GENERATED by `{GENERATOR}` from src/conflictnews/schema.py (schema {schema.SCHEMA_VERSION},"
        f" guidelines {schema.GUIDELINES_VERSION}). Do not edit: regenerate. -->",
        "<View>",
        '  <Header value="$title"/>',
        *(f'  <Header value="${field}" size="6"/>' for field in ("outlet", "date", "article_id")),
    ]
    lines += _labels(ENTITY_CONTROL, schema.ENTITY_LABELS)
    lines += _labels(EVENT_CONTROL, schema.EVENT_LABELS)
    lines += _labels(STANCE_CONTROL, stance_region_labels())
    lines.append(f'  <Text name="{TEXT}" value="${TEXT}"/>')
    rels = "".join(f"<Relation value={quoteattr(v)}/>" for v in relation_labels())
    lines.append(f'  <Relations choice="single">{rels}</Relations>')
    for control, attribute in region_attributes():
        when = ",".join(_applies_to_labels(control, attribute))
        lines.append(
            f'  <View visibleWhen="region-selected" whenLabelValue={quoteattr(when)}>'
            f'<Header value={quoteattr(_title(attribute))} size="6"/>'
            f"{_attribute_control(attribute, per_region=True)}</View>"
        )
    for attribute in DOCUMENT_ATTRIBUTES:
        lines.append(
            f'  <View><Header value={quoteattr(_title(attribute))} size="6"/>'
            f"{_attribute_control(attribute, per_region=False)}</View>"
        )
    lines.append("</View>")
    return "\n".join(lines) + "\n"


def default_config_path() -> Path:
    """Return ``annotations/labelstudio/config.xml`` in the project root."""
    return Path(__file__).resolve().parents[3] / "annotations" / "labelstudio" / "config.xml"


def write_config(path: Path | None = None) -> Path:
    """Write the generated config (atomically) and return its path.

    Args:
        path: Target file (default :func:`default_config_path`).

    Returns:
        The written path.

    """
    path = path or default_config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_text(label_config(), encoding="utf-8")
    tmp.replace(path)
    return path
