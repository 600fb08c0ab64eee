"""Tests for conflictnews.schema: inventories, orders, helpers, export rules, serialisation."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from conflictnews import schema as s
from tests.paths import SHARED

SCHEMA_MD = SHARED / "research" / "schema.md"

# Hard-coded so that drift fails even where research/schema.md is not available.
EXPECTED_ENTITY_TYPES = ("PER", "ORG", "GPE", "LOC", "FAC", "VEH", "WEA", "AGREEMENT", "TIME")
EXPECTED_EVENT_TYPES = (
    "ATTACK",
    "DIE",
    "INJURE",
    "DAMAGE",
    "SEIZE",
    "BLOCKADE",
    "MOBILIZE",
    "DETAIN",
    "RELEASE",
    "WITHDRAW",
    "CEASEFIRE",
    "EVACUATE",
    "AID",
    "COOPERATE",
    "CONSULT",
    "PROPOSE",
    "REQUEST",
    "AGREE",
    "SUPPORT",
    "REJECT",
    "VOTE",
    "ACCUSE",
    "THREATEN",
    "SANCTION",
    "PROTEST",
)
EXPECTED_ROLES = (
    "Agent",
    "Target",
    "Victim",
    "Recipient",
    "Participant",
    "Instrument",
    "Theme",
    "Content",
    "Medium",
    "Forum",
    "Mediator",
    "Place",
    "Time",
    "Origin",
    "Destination",
    "Duration",
    "Violated",
)
# The Roles column of the §2.3 table ("Recipient/Participant" and "Content/Theme" give both).
EXPECTED_EVENT_ROLES = {
    "ATTACK": ("Agent", "Target", "Instrument", "Place", "Time", "Violated"),
    "DIE": ("Victim", "Agent", "Instrument", "Place", "Time"),
    "INJURE": ("Victim", "Agent", "Instrument", "Place", "Time"),
    "DAMAGE": ("Agent", "Target", "Instrument", "Place", "Time"),
    "SEIZE": ("Agent", "Target", "Recipient", "Place", "Time"),
    "BLOCKADE": ("Agent", "Target", "Place", "Time"),
    "MOBILIZE": ("Agent", "Theme", "Destination", "Place", "Time"),
    "DETAIN": ("Agent", "Victim", "Place", "Time"),
    "RELEASE": ("Agent", "Theme", "Recipient", "Place", "Time"),
    "WITHDRAW": ("Agent", "Origin", "Destination", "Place", "Time"),
    "CEASEFIRE": ("Participant", "Mediator", "Place", "Time", "Duration"),
    "EVACUATE": ("Agent", "Theme", "Origin", "Destination", "Instrument", "Time"),
    "AID": ("Agent", "Recipient", "Theme", "Place", "Time"),
    "COOPERATE": ("Agent", "Recipient", "Participant", "Theme", "Place", "Time"),
    "CONSULT": ("Participant", "Mediator", "Theme", "Place", "Time"),
    "PROPOSE": ("Agent", "Theme", "Recipient", "Forum", "Time"),
    "REQUEST": ("Agent", "Recipient", "Content", "Medium", "Forum", "Time"),
    "AGREE": ("Participant", "Theme", "Content", "Mediator", "Place", "Time"),
    "SUPPORT": ("Agent", "Target"),
    "REJECT": ("Agent", "Content", "Theme", "Recipient"),
    "VOTE": ("Agent", "Theme", "Forum", "Time"),
    "ACCUSE": ("Agent", "Target", "Content", "Forum", "Time"),
    "THREATEN": ("Agent", "Target", "Content", "Time"),
    "SANCTION": ("Agent", "Target", "Theme", "Time"),
    "PROTEST": ("Agent", "Target", "Theme", "Place", "Time"),
}


# Roles appended in 0.2.0 (annotations/SCHEMA_CHANGELOG.md, pilot decision 3); appended, so no
# earlier role changes position.
ROLES_ADDED_IN_0_2 = {
    "ATTACK": ("Duration",),
    "BLOCKADE": ("Duration",),
    "CONSULT": ("Duration",),
    "CEASEFIRE": ("Agent",),
}


@pytest.fixture(scope="module")
def summary() -> dict:
    """The machine-readable YAML summary at the end of research/schema.md."""
    if not SCHEMA_MD.exists():
        pytest.skip(f"research note not available at {SCHEMA_MD}; hard-coded checks still run")
    yaml = pytest.importorskip("yaml")
    blocks = re.findall(r"```yaml\n(.*?)```", SCHEMA_MD.read_text(encoding="utf-8"), flags=re.S)
    assert blocks, "no ```yaml block in research/schema.md"
    return yaml.safe_load(blocks[-1])


# --- counts and orders --------------------------------------------------------------------------


def test_counts() -> None:
    assert len(s.ENTITY_TYPES) == 9
    assert len(s.EVENT_TYPES) == 25
    assert len(s.ROLES) == 17
    assert len(s.EVENT_ATTRIBUTES) == 7
    assert len(s.STANCE_LABELS) == 3
    assert len(s.STANCE_BASES) == 3
    assert len(s.RELATIONS) == 3
    assert len(s.MENTION_ATTRIBUTES) == 7


def test_hard_coded_orders() -> None:
    assert s.ENTITY_LABELS == EXPECTED_ENTITY_TYPES
    assert s.EVENT_LABELS == EXPECTED_EVENT_TYPES
    assert s.ROLE_LABELS == EXPECTED_ROLES
    assert s.STANCE_LABELS == ("SUPPORT", "OPPOSE", "NEUTRAL")
    assert s.STANCE_BASES == ("QUOTE", "REPORTED", "ACTION")
    assert s.RELATION_LABELS == ("ATTRIBUTED_TO", "AFFILIATED_WITH", "COREF")
    assert s.EVENT_ATTRIBUTE_NAMES == (
        "polarity",
        "realis",
        "attribution",
        "mode",
        "vote_value",
        "phase",
        "count",
    )


def test_event_roles_match_the_table() -> None:
    assert {t.name: t.roles for t in s.EVENT_TYPES} == {
        name: roles + ROLES_ADDED_IN_0_2.get(name, ()) for name, roles in EXPECTED_EVENT_ROLES.items()
    }


def test_orders_match_the_research_note(summary: dict) -> None:
    assert list(s.ENTITY_LABELS) == summary["entity_types"]
    assert list(s.EVENT_LABELS) == summary["event_types"]
    assert list(s.ROLE_LABELS) == summary["roles"]
    assert list(s.STANCE_LABELS) == summary["stance"]["labels"]
    assert list(s.STANCE_BASES) == summary["stance"]["basis"]
    assert list(s.RELATION_LABELS) == summary["relations"]
    assert [re.sub(r"\(.*", "", slot) for slot in summary["stance"]["slots"]] == list(s.STANCE_SLOTS)


@pytest.mark.parametrize("kind", ["mention_attrs", "event_attrs"])
def test_attribute_values_match_the_research_note(summary: dict, kind: str) -> None:
    declared = s.MENTION_ATTRIBUTES if kind == "mention_attrs" else s.EVENT_ATTRIBUTES
    by_name = {a.name: a for a in declared}
    expected = summary[kind]
    # The summary's attributes come first, in its order; extras (stated in §2.2/§2.5 prose) follow.
    assert [a.name for a in declared][: len(expected)] == list(expected)
    for name, values in expected.items():
        attr = by_name[name]
        if isinstance(values, list):
            assert attr.kind == "enum" and list(attr.values) == values, name
        else:
            assert attr.kind == values and attr.values == (), name


def test_sector_codes() -> None:
    sector = next(a for a in s.MENTION_ATTRIBUTES if a.name == "sector")
    assert len(sector.values) == 22
    assert sector.applies_to == ("PER", "ORG") and not sector.required


# --- integrity ----------------------------------------------------------------------------------


def test_schema_is_consistent() -> None:
    assert s.consistency_problems() == []


def test_every_role_used_is_declared() -> None:
    for et in s.EVENT_TYPES:
        for name in et.roles:
            assert name in s.ROLE_LABELS, (et.name, name)


def test_every_event_type_has_a_definition_and_triggers() -> None:
    for et in s.EVENT_TYPES:
        assert et.definition and et.triggers, et.name


def test_specific_rows() -> None:
    vote = s.event_type("VOTE")
    assert vote.roles == ("Agent", "Theme", "Forum", "Time")
    assert "129" in vote.cameo
    attack = s.event_type("ATTACK")
    assert "Violated" in attack.roles
    assert attack.plover == "ASSAULT"
    assert "196" in attack.cameo
    assert s.allowed_fillers("Violated") == ("AGREEMENT", s.EVENT)
    assert s.role("Violated").event_filler_types == ("CEASEFIRE",)
    assert s.allowed_fillers("Content") == (s.EVENT, "AGREEMENT")
    assert s.allowed_fillers("Place") == ("GPE", "LOC", "FAC")
    assert s.allowed_fillers("Time") == s.allowed_fillers("Duration") == ("TIME",)
    assert s.allowed_fillers("Agent") == ("PER", "ORG", "GPE")
    assert s.allowed_fillers("Instrument") == ("WEA", "VEH")
    assert s.allowed_fillers("Medium") == ("AGREEMENT",)


def test_required_attributes() -> None:
    required = {a.name for a in s.attributes_for("VOTE") if a.required}
    assert required == {"polarity", "realis", "attribution", "vote_value"}
    assert {a.name for a in s.attributes_for("ATTACK")} == {"polarity", "realis", "attribution", "mode"}
    assert {a.name for a in s.attributes_for("CEASEFIRE")} >= {"phase"}
    assert {a.name for a in s.attributes_for("DIE")} >= {"count"}
    polarity = s.EVENT_ATTRIBUTES[0]
    assert polarity.default == "POSITIVE"
    assert [a.name for a in s.mention_attributes_for("TIME")] == []
    gpe = {a.name: a for a in s.mention_attributes_for("GPE")}
    assert gpe["level"].required and gpe["gpe_role"].required and "sector" not in gpe
    assert s.mention_attributes_for("VEH")[-1].name == "military"


def test_stance_slots() -> None:
    assert s.STANCE_HOLDER_TYPES == ("PER", "ORG", "GPE")
    assert s.STANCE_TARGET_TYPES == ("PER", "ORG", "GPE", "AGREEMENT", s.EVENT)
    slots = {slot.name: slot for slot in s.STANCE_LAYER.slots}
    assert slots["evidence"].required and slots["evidence"].region
    assert not slots["cue"].required


def test_relations() -> None:
    rel = {r.name: r for r in s.RELATIONS}
    assert rel["ATTRIBUTED_TO"].to_types == ("PER", "ORG", "GPE")
    assert rel["AFFILIATED_WITH"].from_types == ("PER", "ORG", "GPE")  # GPE added in 0.2.0
    assert rel["AFFILIATED_WITH"].to_types == ("ORG", "GPE", "PER")  # PER added in 0.2.0
    assert not rel["COREF"].directed and rel["COREF"].optional


def test_origins() -> None:
    # adjudicated (0.3) is appended so that built datasets keep the older origins' integer labels
    assert s.ORIGINS == ("manual", "reviewed-prediction", "imported-gold", "model", "adjudicated")
    assert [s.origin_status(o) for o in s.ORIGINS] == ["gold", "gold", "gold", "silver", "gold"]
    assert s.ANNOTATION_STATUS == ("gold", "silver", "none")
    with pytest.raises(KeyError, match="did you mean 'manual'"):
        s.origin_status("manul")


# --- helpers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("helper", "bad", "suggestion"),
    [
        (s.entity_type, "GEP", "GPE"),
        (s.event_type, "vote", "VOTE"),
        (s.event_type, "ATACK", "ATTACK"),
        (s.role, "Agnet", "Agent"),
        (s.roles_for, "CEASFIRE", "CEASEFIRE"),
        (s.attributes_for, "VOTES", "VOTE"),
        (s.mention_attributes_for, "AGREMENT", "AGREEMENT"),
        (s.allowed_fillers, "Victm", "Victim"),
    ],
)
def test_unknown_names_suggest(helper, bad: str, suggestion: str) -> None:
    with pytest.raises(KeyError) as info:
        helper(bad)
    message = str(info.value)
    assert f"did you mean {suggestion!r}" in message
    assert "Allowed:" in message and suggestion in message.split("Allowed:")[1]
    assert isinstance(info.value, ValueError)


def test_unknown_name_without_close_match_lists_allowed() -> None:
    with pytest.raises(ValueError, match=r"unknown event type 'XYZZY'\. Allowed: ATTACK, DIE"):
        s.event_type("XYZZY")


def test_is_allowed_role() -> None:
    assert s.is_allowed_role("VOTE", "Forum")
    assert not s.is_allowed_role("VOTE", "Victim")
    with pytest.raises(KeyError, match="did you mean 'Victim'"):
        s.is_allowed_role("VOTE", "Victum")
    with pytest.raises(KeyError, match="did you mean 'VOTE'"):
        s.is_allowed_role("VOOTE", "Agent")


def test_roles_for_returns_records_in_table_order() -> None:
    assert tuple(r.name for r in s.roles_for("DIE")) == EXPECTED_EVENT_ROLES["DIE"]


# --- derived labels -----------------------------------------------------------------------------


def test_bio_labels() -> None:
    assert s.BIO_LABELS[0] == "O"
    assert s.BIO_LABELS[1:5] == ("B-PER", "I-PER", "B-ORG", "I-ORG")
    assert len(s.BIO_LABELS) == 1 + 2 * 9
    assert s.BIO_LABELS[-2:] == ("B-TIME", "I-TIME")
    assert len(s.EVENT_BIO_LABELS) == 1 + 2 * 25
    assert s.EVENT_BIO_LABELS[1:3] == ("B-ATTACK", "I-ATTACK")


# --- PLOVER export ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("event", "attrs", "expected"),
    [
        ("VOTE", {"vote_value": "veto"}, "REJECT"),
        ("VOTE", {"vote_value": "for"}, "SUPPORT"),
        ("VOTE", {"vote_value": "abstain"}, ""),
        ("CEASEFIRE", {"phase": "announced"}, "CONCEDE"),
        ("CEASEFIRE", {"phase": "implemented"}, "RETREAT"),
        ("CEASEFIRE", {}, "RETREAT"),
        ("WITHDRAW", {"realis": "FUTURE"}, "CONCEDE"),
        ("WITHDRAW", {"phase": "announced"}, "CONCEDE"),
        ("WITHDRAW", {"realis": "ACTUAL"}, "RETREAT"),
        ("CONSULT", {"realis": "FUTURE"}, "AGREE"),
        ("CONSULT", {"realis": "POSSIBLE"}, "AGREE"),
        ("CONSULT", {"realis": "ACTUAL"}, "CONSULT"),
        ("DIE", {"count": "2"}, "ASSAULT"),
        ("INJURE", {}, "ASSAULT"),
        ("DAMAGE", {}, "ASSAULT"),
        ("ATTACK", {"mode": "heavy-weapons"}, "ASSAULT"),
        ("PROPOSE", {}, ""),
        ("ACCUSE", {"attribution": "AUTHOR"}, "ACCUSE"),
    ],
)
def test_plover_category(event: str, attrs: dict, expected: str) -> None:
    assert s.plover_category(event, attrs) == expected


def test_plover_category_rejects_bad_attributes() -> None:
    with pytest.raises(KeyError, match="did you mean 'veto'"):
        s.plover_category("VOTE", {"vote_value": "vetoo"})
    with pytest.raises(KeyError, match="attribute for ATTACK"):
        s.plover_category("ATTACK", {"vote_value": "veto"})


def test_stance_plover_category() -> None:
    assert s.stance_plover_category("OPPOSE", "AGREEMENT", "QUOTE") == "REJECT"
    assert s.stance_plover_category("SUPPORT", "AGREEMENT", "REPORTED") == "SUPPORT"
    assert s.stance_plover_category("OPPOSE", "AGREEMENT", "ACTION") == ""
    assert s.stance_plover_category("OPPOSE", "PER", "QUOTE") == ""
    with pytest.raises(KeyError, match="did you mean 'OPPOSE'"):
        s.stance_plover_category("OPOSE", "AGREEMENT", "QUOTE")


# --- serialisation and immutability -------------------------------------------------------------


def test_as_dict_is_json_and_round_trips_names() -> None:
    data = s.as_dict()
    loaded = json.loads(json.dumps(data))
    assert loaded == data
    assert loaded["schema_version"] == s.SCHEMA_VERSION == "0.2.0"
    assert loaded["guidelines_version"] == s.GUIDELINES_VERSION == "0.3.1"
    assert tuple(t["name"] for t in loaded["entity_types"]) == s.ENTITY_LABELS
    assert tuple(t["name"] for t in loaded["event_types"]) == s.EVENT_LABELS
    assert tuple(r["name"] for r in loaded["roles"]) == s.ROLE_LABELS
    assert tuple(a["name"] for a in loaded["event_attributes"]) == s.EVENT_ATTRIBUTE_NAMES
    assert tuple(r["name"] for r in loaded["relations"]) == s.RELATION_LABELS
    assert tuple(lb["name"] for lb in loaded["stance"]["labels"]) == s.STANCE_LABELS
    assert tuple(loaded["labels"]["bio"]) == s.BIO_LABELS
    vote = next(t for t in loaded["event_types"] if t["name"] == "VOTE")
    assert tuple(vote["roles"]) == s.event_type("VOTE").roles


def _records() -> list[object]:
    return [
        *s.ENTITY_TYPES,
        *s.MENTION_ATTRIBUTES,
        *s.ROLES,
        *s.EVENT_TYPES,
        *s.EVENT_ATTRIBUTES,
        *s.STANCE_ATTRIBUTES,
        s.STANCE_LAYER,
        *s.STANCE_LAYER.labels,
        *s.STANCE_LAYER.slots,
        *s.RELATIONS,
    ]


@pytest.mark.parametrize("record", _records(), ids=lambda r: f"{type(r).__name__}:{getattr(r, 'name', '')}")
def test_records_are_frozen(record: object) -> None:
    field = dataclasses.fields(record)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(record, field, "changed")


def test_attribute_rejects_inconsistent_declaration() -> None:
    with pytest.raises(ValueError, match="values must be given"):
        s.Attribute("x", "enum", (), ("VOTE",), False, "d")
    with pytest.raises(ValueError, match="default"):
        s.Attribute("x", "enum", ("a",), ("VOTE",), False, "d", default="b")
