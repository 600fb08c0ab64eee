"""Tests for conflictnews.annotation.standoff: exact round trips, stable order, atomic writes."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conflictnews import schema
from conflictnews.annotation import standoff
from conflictnews.annotation.validate import CHECKS, validate_data
from tests.paths import FIXTURES

FIXTURES = FIXTURES / "annotations"
VALID = sorted((FIXTURES / "valid").glob("*.json"))

# ---------------------------------------------------------------------------- generators

# Words mix ASCII, accents, RTL script and astral characters (flags, emoji): offsets are code points.
WORD = st.text(
    alphabet=st.sampled_from(list("abcdefXYZéüقصف") + ["\U0001f1f8", "\U0001f1fe", "\U0001f600", "𝔸"]),
    min_size=1,
    max_size=8,
)
SEPARATOR = st.sampled_from([" ", ", ", "\r\n", "\n", " — ", "\t"])


def _attribute_values(draw: st.DrawFn, attributes: tuple[schema.Attribute, ...]) -> dict[str, object]:
    values: dict[str, object] = {}
    for attr in attributes:
        if not attr.required and not draw(st.booleans()):
            continue
        if attr.kind == "enum":
            values[attr.name] = draw(st.sampled_from(attr.values))
        elif attr.kind == "bool":
            values[attr.name] = draw(st.booleans())
        else:
            values[attr.name] = draw(WORD)
    return values


@st.composite
def article_and_annotation(draw: st.DrawFn) -> tuple[str, standoff.AnnotationSet]:
    """A random text and a random schema-valid pass over it."""
    words = draw(st.lists(WORD, min_size=1, max_size=12))
    text, spans = "", []
    for word in words:
        if text:
            text += draw(SEPARATOR)
        spans.append(standoff.Span(len(text), len(text) + len(word), word))
        text += word
    span = st.sampled_from(spans)

    entities: list[standoff.Entity] = []
    seen: set[tuple[standoff.Span, str]] = set()
    for _ in range(draw(st.integers(0, 8))):
        s, label = draw(span), draw(st.sampled_from(schema.ENTITY_LABELS))
        if (s, label) in seen:
            continue
        seen.add((s, label))
        attrs = _attribute_values(draw, schema.mention_attributes_for(label))
        entities.append(standoff.Entity(f"T{len(entities) + 1}", s, label, attrs))

    events: list[standoff.Event] = []
    seen = set()
    for _ in range(draw(st.integers(0, 4))):
        s, etype = draw(span), draw(st.sampled_from(schema.EVENT_LABELS))
        if (s, etype) in seen:
            continue
        seen.add((s, etype))
        arguments = set()
        for role in schema.roles_for(etype):
            fillers = [e.id for e in entities if e.label in role.allowed_filler_types]
            if fillers and draw(st.booleans()):
                arguments.add(standoff.Argument(role.name, draw(st.sampled_from(fillers))))
        attrs = _attribute_values(draw, schema.attributes_for(etype))
        events.append(standoff.Event(f"V{len(events) + 1}", s, etype, tuple(sorted(arguments, key=repr)), attrs))

    stances: list[standoff.Stance] = []
    holders = [e.id for e in entities if e.label in schema.STANCE_HOLDER_TYPES]
    targets = [e.id for e in entities if e.label in schema.STANCE_TARGET_TYPES] + [v.id for v in events]
    for _ in range(draw(st.integers(0, 3)) if holders and targets else 0):
        stances.append(
            standoff.Stance(
                f"S{len(stances) + 1}",
                draw(st.sampled_from(holders)),
                draw(st.sampled_from(targets)),
                draw(st.sampled_from(schema.STANCE_LABELS)),
                draw(span),
                draw(st.sampled_from(schema.STANCE_BASES)),
                draw(st.none() | span),
            )
        )

    relations: set[standoff.Relation] = set()
    actors = [e.id for e in entities if e.label in ("PER", "ORG", "GPE")]
    people = [e.id for e in entities if e.label == "PER"]  # PER sources only: AFFILIATED_WITH stays acyclic
    groups = [e.id for e in entities if e.label in ("ORG", "GPE")]
    mentions = [e.id for e in entities if e.label in schema.MENTION_TYPES]
    sources = [v.id for v in events] + [s.id for s in stances]
    if sources and actors and draw(st.booleans()):
        relations.add(standoff.Relation("ATTRIBUTED_TO", draw(st.sampled_from(sources)), draw(st.sampled_from(actors))))
    if people and groups and draw(st.booleans()):
        relations.add(
            standoff.Relation("AFFILIATED_WITH", draw(st.sampled_from(people)), draw(st.sampled_from(groups)))
        )
    if len(mentions) > 1 and draw(st.booleans()):
        a, b = draw(st.lists(st.sampled_from(mentions), min_size=2, max_size=2, unique=True))
        relations.add(standoff.Relation("COREF", a, b))

    annotation = standoff.AnnotationSet(
        article_id=draw(st.from_regex(r"[a-z]{2,6}-[0-9]{1,4}", fullmatch=True)),
        text_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        schema_version=schema.SCHEMA_VERSION,
        guidelines_version=schema.GUIDELINES_VERSION,
        annotator=draw(st.sampled_from(["ann-a", "ann-b", "model/v1 beta"])),
        origin=draw(st.sampled_from(schema.ORIGINS)),
        lead_time=draw(st.none() | st.floats(0, 1e5, allow_nan=False)),
        provenance=draw(
            st.dictionaries(st.sampled_from(["tool", "project", "annotation"]), st.integers(0, 99) | WORD, max_size=3)
        ),
        entities=tuple(draw(st.permutations(entities))),
        events=tuple(draw(st.permutations(events))),
        stances=tuple(draw(st.permutations(stances))),
        relations=tuple(draw(st.permutations(sorted(relations, key=repr)))),
    )
    return text, annotation


# ---------------------------------------------------------------------------- round trips


#: Checks of the manual's content rules: they need links a random generator does not draw on purpose.
CONTENT_RULES = {c.id for c in CHECKS.values() if c.group == "guidelines"} | {"reported-without-source"}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article_and_annotation())
def test_random_valid_sets_round_trip_byte_identically(pair: tuple[str, standoff.AnnotationSet]) -> None:
    text, annotation = pair
    once = standoff.dumps(annotation)
    again = standoff.AnnotationSet.from_json(json.loads(once))
    assert standoff.dumps(again) == once
    # the generator makes schema-valid passes: the validator must agree, except for the manual's content
    # rules (random links do not follow them), which only the check ids below report
    manifest = {annotation.article_id: {"text_sha256": annotation.text_sha256}}
    problems = validate_data(annotation.to_json(), file="gen", text=text, manifest=manifest)
    assert [str(p) for p in problems if p.check_id not in CONTENT_RULES] == []


@settings(max_examples=50, deadline=None)
@given(article_and_annotation(), st.randoms(use_true_random=False))
def test_order_of_records_does_not_change_the_output(pair: tuple[str, standoff.AnnotationSet], rng) -> None:
    _, annotation = pair
    shuffled = dataclasses.replace(
        annotation,
        **{
            layer: tuple(rng.sample(list(getattr(annotation, layer)), len(getattr(annotation, layer))))
            for layer in ("entities", "events", "stances", "relations")
        },
    )
    assert standoff.dumps(shuffled) == standoff.dumps(annotation)


@settings(max_examples=30, deadline=None)
@given(article_and_annotation())
def test_write_then_read_round_trips(
    tmp_path_factory: pytest.TempPathFactory, pair: tuple[str, standoff.AnnotationSet]
) -> None:
    _, annotation = pair
    root = tmp_path_factory.mktemp("ann")
    [path] = standoff.write([annotation], root)
    assert path == root / standoff.relative_path(annotation)
    assert standoff.dumps(standoff.read(path)) == path.read_text(encoding="utf-8") == standoff.dumps(annotation)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_fixture_files_round_trip_exactly(path: Path) -> None:
    assert standoff.dumps(standoff.read(path)) == path.read_text(encoding="utf-8")


def test_dumps_is_stable_sorted_and_final_newline() -> None:
    annotation = standoff.read(FIXTURES / "valid" / "fx-vote.json")
    out = standoff.dumps(annotation)
    assert out.endswith("}\n") and not out.endswith("\n\n")
    assert list(json.loads(out)) == sorted(json.loads(out))
    starts = [e["start"] for e in annotation.to_json()["entities"]]
    assert starts == sorted(starts)
    assert "\\ud83c" not in standoff.dumps(standoff.read(FIXTURES / "valid" / "fx-emoji.json"))  # UTF-8, not escapes


def test_tier_follows_origin() -> None:
    annotation = standoff.read(FIXTURES / "valid" / "fx-vote.json")
    assert standoff.relative_path(annotation) == Path("gold/fx-vote/ann-a.json")
    silver = dataclasses.replace(annotation, origin="model", annotator="model/v1 beta")
    assert standoff.relative_path(silver) == Path("silver/fx-vote/model_v1_beta.json")
    for origin in schema.ORIGINS:
        tier = dataclasses.replace(annotation, origin=origin).tier
        assert tier == ("gold" if origin in schema.GOLD_ORIGINS else "silver"), origin


def test_read_names_the_file_on_malformed_input(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"article_id": "x"}', encoding="utf-8")
    with pytest.raises(ValueError, match="bad.json.*conflictnews validate"):
        standoff.read(bad)


# ---------------------------------------------------------------------------- atomic writes


def test_write_leaves_no_part_files(tmp_path: Path) -> None:
    annotations = [standoff.read(p) for p in VALID]
    paths = standoff.write(annotations, tmp_path)
    assert len(paths) == len(VALID)
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".part")]
    assert standoff.iter_files(tmp_path) == sorted(paths)


def test_failing_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = standoff.read(FIXTURES / "valid" / "fx-vote.json")
    [path] = standoff.write([good], tmp_path)
    before = path.read_bytes()

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    changed = dataclasses.replace(good, lead_time=1.0)
    with pytest.raises(OSError, match="disk full"):
        standoff.write([changed], tmp_path)
    assert path.read_bytes() == before
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".part")]


def test_failing_serialisation_keeps_the_old_file(tmp_path: Path) -> None:
    good = standoff.read(FIXTURES / "valid" / "fx-vote.json")
    [path] = standoff.write([good], tmp_path)
    before = path.read_bytes()
    unserialisable = dataclasses.replace(good, provenance={"tool": object()})
    with pytest.raises(TypeError):
        standoff.write([unserialisable], tmp_path)
    assert path.read_bytes() == before
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".part")]
