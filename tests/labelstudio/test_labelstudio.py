"""Label Studio: generated config, pure converters (hypothesis), and the real server round trip.

Server tests carry the ``labelstudio`` marker; they share one server per session (a fresh
SQLite migrates for ~30 s), bound to 127.0.0.1, with its data in a temporary folder, always
stopped at the end. Every text here is invented for the tests.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conflictnews import schema
from conflictnews.annotation import standoff
from conflictnews.annotation.standoff import AnnotationSet, Argument, Entity, Event, Relation, Span, Stance
from conflictnews.annotation.validate import CHECKS, validate_sets
from conflictnews.io import sha256_text as sha256
from conflictnews.labelstudio import config as ls_config
from conflictnews.labelstudio.convert import ConversionError, ls_to_standoff, standoff_to_ls_result
from conflictnews.labelstudio.project import TaskArticle, convert_export, pass_origin
from tests.paths import ROOT

# --------------------------------------------------------------------------------------------
# An invented article with overlapping spans, astral characters and \r\n
# --------------------------------------------------------------------------------------------

TEXT = (
    "Ruritania vetoed the Borduria truce draft on Tuesday, officials in Zenda said.\r\n"
    "Posts on 𝕏 🇸🇾 claimed two medics were wounded near the Zenda bridge."
)


def _span(text: str, needle: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle), needle)


def fixture_annotation(annotator: str = "ann-a", text: str = TEXT, article_id: str = "fixture-001") -> AnnotationSet:
    """A hand-made pass touching every layer, attribute kind and relation."""
    s = lambda needle, k=0: _span(text, needle, k)  # noqa: E731
    entities = (
        Entity("T1", s("Ruritania"), "GPE", {"level": "NAM", "gpe_role": "GOV", "metonymic": False}),
        Entity("T2", s("Borduria truce draft"), "AGREEMENT", {"level": "NOM"}),
        Entity("T3", s("Borduria"), "GPE", {"level": "PRE", "gpe_role": "PEOPLE"}),
        Entity("T4", s("Tuesday"), "TIME", {}),
        Entity("T5", s("officials in Zenda"), "PER", {"level": "NOM", "sector": "GOV"}),
        Entity("T6", s("Zenda"), "GPE", {"level": "NAM", "gpe_role": "PLACE"}),
        Entity("T7", s("two medics"), "PER", {"level": "NOM", "sector": "MED", "specificity": "SPC"}),
        Entity("T8", s("Zenda bridge"), "FAC", {"level": "NOM", "metonymic": True}),
        Entity("T10", s("Zenda", 1), "GPE", {"level": "NAM", "gpe_role": "PLACE"}),
        Entity("T11", s("𝕏"), "ORG", {"level": "NAM", "antecedent_unresolved": False}),
    )
    base = {"polarity": "POSITIVE", "realis": "ACTUAL", "attribution": "AUTHOR"}
    events = (
        Event(
            "V1",
            s("vetoed"),
            "VOTE",
            (Argument("Agent", "T1"), Argument("Theme", "T2"), Argument("Time", "T4")),
            {**base, "attribution": "REPORTED", "vote_value": "veto"},
        ),
        Event(
            "V2",
            s("truce"),
            "CEASEFIRE",
            (Argument("Participant", "T3"),),
            {**base, "realis": "DIRECTIVE", "phase": "announced"},
        ),
        Event(
            "V3",
            s("wounded"),
            "INJURE",
            (Argument("Victim", "T7"), Argument("Place", "T8")),
            {**base, "attribution": "ALLEGED", "count": "two"},
        ),
    )
    stances = (
        Stance("S1", "T1", "T2", "OPPOSE", s("vetoed"), "ACTION"),
        Stance("S2", "T5", "T1", "OPPOSE", s("vetoed the Borduria truce draft"), "REPORTED", s("said")),
    )
    relations = (
        Relation("ATTRIBUTED_TO", "V1", "T5"),
        Relation("ATTRIBUTED_TO", "S2", "T5"),
        Relation("AFFILIATED_WITH", "T5", "T6"),
        Relation("COREF", "T10", "T6"),
    )
    return AnnotationSet(
        article_id=article_id,
        text_sha256=sha256(text),
        schema_version=schema.SCHEMA_VERSION,
        guidelines_version=schema.GUIDELINES_VERSION,
        annotator=annotator,
        origin="manual",
        lead_time=42.5,
        provenance={},
        document={"relevance": "conflict-relevant"},
        entities=entities,
        events=events,
        stances=stances,
        relations=relations,
    )


def scramble(result: list[dict]) -> list[dict]:
    """Redraw relations as annotators might: reversed arrows marked left, bi, or drawn backwards."""
    out = copy.deepcopy(result)
    relations = [item for item in out if item["type"] == "relation"]
    for i, item in enumerate(relations):
        if i % 3 == 0:  # same meaning, flipped in the UI
            item["from_id"], item["to_id"], item["direction"] = item["to_id"], item["from_id"], "left"
        elif i % 3 == 1 and not _same_kind(item["from_id"], item["to_id"]):  # drawn backwards, made bidirectional
            item["from_id"], item["to_id"], item["direction"] = item["to_id"], item["from_id"], "bi"
    return out


def _same_kind(a: str, b: str) -> bool:
    """Whether two ids name regions of one kind (a ``bi`` arrow between them would be ambiguous)."""
    return a[0] == b[0]


def convert_back(result: list[dict], like: AnnotationSet, text: str) -> AnnotationSet:
    return ls_to_standoff(
        result,
        article_id=like.article_id,
        article_text=text,
        text_sha256=sha256(text),
        annotator=like.annotator,
        origin=like.origin,
        lead_time=like.lead_time,
        provenance=like.provenance,
    )


def layers(annotation: AnnotationSet) -> dict:
    """The file content that must survive a round trip (pass metadata removed)."""
    data = annotation.to_json()
    for key in ("origin", "lead_time", "provenance", "annotator"):
        data.pop(key)
    return data


# --------------------------------------------------------------------------------------------
# Config
# --------------------------------------------------------------------------------------------


def test_committed_config_is_current() -> None:
    path = ROOT / "annotations" / "labelstudio" / "config.xml"
    assert path.read_text(encoding="utf-8") == ls_config.label_config(), (
        "annotations/labelstudio/config.xml is stale; run `conflictnews ls config`"
    )


def test_config_names_every_schema_label_and_is_deterministic() -> None:
    xml = ls_config.label_config()
    assert xml == ls_config.label_config()
    assert xml.startswith("<!-- GENERATED by `conflictnews ls config`") and schema.SCHEMA_VERSION in xml.splitlines()[0]
    from xml.etree import ElementTree

    root = ElementTree.fromstring(xml)
    labels = {c.get("name"): [label.get("value") for label in c] for c in root.iter("Labels")}
    assert labels == {
        "entity": list(schema.ENTITY_LABELS),
        "event": list(schema.EVENT_LABELS),
        "stance": ["STANCE", "CUE"],
    }
    relations = [r.get("value") for r in root.iter("Relation")]
    assert relations == [*schema.ROLE_LABELS, "holder", "stance_target", "cue", *schema.RELATION_LABELS]
    shown = {}
    for view in root.iter("View"):
        for control in (*view.findall("Choices"), *view.findall("TextArea")):
            shown[control.get("name")] = (view.get("whenLabelValue"), control.get("perRegion"))
    assert shown["gpe_role"] == ("GPE", "true")
    assert shown["vote_value"] == ("VOTE", "true")
    assert shown["count"] == ("DIE,INJURE,DETAIN,EVACUATE", "true")
    assert shown["stance_label"] == ("STANCE", "true")
    assert shown["relevance"] == (None, None)
    assert "source" not in xml.replace("src/conflictnews", "")  # $source is shadowed in the UI


# --------------------------------------------------------------------------------------------
# Pure converter
# --------------------------------------------------------------------------------------------


def test_fixture_is_valid_and_round_trips() -> None:
    ann = fixture_annotation()
    assert [p for p in validate_sets([ann], texts={ann.article_id: TEXT}, manifest=None) if p.severity == "error"] == []
    result = standoff_to_ls_result(ann)
    assert standoff.dumps(convert_back(result, ann, TEXT)) == standoff.dumps(ann)
    assert standoff.dumps(convert_back(scramble(result), ann, TEXT)) == standoff.dumps(ann)


def test_offsets_are_code_points_after_astral_characters() -> None:
    ann = fixture_annotation()
    medics = next(e for e in ann.entities if e.id == "T7")
    assert TEXT[medics.span.start : medics.span.end] == "two medics"
    assert len("𝕏🇸🇾".encode("utf-16-le")) // 2 == 6 and len("𝕏🇸🇾") == 3  # UTF-16 would shift by 3
    region = next(r for r in standoff_to_ls_result(ann) if r.get("id") == "T7" and r["type"] == "labels")
    assert (region["value"]["start"], region["value"]["end"]) == (medics.span.start, medics.span.end)


def test_reversed_role_and_coref_are_normalised() -> None:
    ann = fixture_annotation()
    result = standoff_to_ls_result(ann)
    for item in result:
        if item["type"] == "relation" and item["labels"] == ["Agent"]:
            item["from_id"], item["to_id"] = item["to_id"], item["from_id"]  # drawn entity → trigger, "right"
        if item["type"] == "relation" and item["labels"] == ["COREF"]:
            item["from_id"], item["to_id"] = item["to_id"], item["from_id"]
    back = convert_back(result, ann, TEXT)
    assert Argument("Agent", "T1") in next(e for e in back.events if e.id == "V1").arguments
    assert Relation("COREF", "T10", "T6") in back.relations


@pytest.mark.parametrize(
    ("mutate", "check_id"),
    [
        (
            lambda r: r.append(
                {"type": "relation", "from_id": "V1", "to_id": "T7", "direction": "right", "labels": []}
            ),
            "ls-relation-unlabelled",
        ),
        (
            lambda r: r.append(
                {"type": "relation", "from_id": "V1", "to_id": "nope", "direction": "right", "labels": ["Agent"]}
            ),
            "ls-dangling-relation",
        ),
        (lambda r: next(i for i in r if i.get("id") == "T1")["value"].update(start=1), "ls-span-text-mismatch"),
        (
            lambda r: r.remove(next(i for i in r if i["type"] == "relation" and i["labels"] == ["holder"])),
            "ls-stance-slot-count",
        ),
        (
            lambda r: r.append(
                {
                    "id": "T1",
                    "from_name": "realis",
                    "to_name": "text",
                    "type": "choices",
                    "value": {"start": 0, "end": 9, "text": "Ruritania", "choices": ["ACTUAL"]},
                }
            ),
            "ls-attribute-on-wrong-layer",
        ),
        (
            lambda r: r.append(
                {"type": "relation", "from_id": "T1", "to_id": "T2", "direction": "right", "labels": ["Bystander"]}
            ),
            "ls-unknown-relation",
        ),
        (
            lambda r: r.append(
                {"type": "relation", "from_id": "V1", "to_id": "V2", "direction": "bi", "labels": ["Content"]}
            ),
            "ls-ambiguous-direction",
        ),
    ],
)
def test_unconvertible_results_are_reported(mutate, check_id: str) -> None:
    ann = fixture_annotation()
    result = standoff_to_ls_result(ann)
    mutate(result)
    with pytest.raises(ConversionError) as info:
        convert_back(result, ann, TEXT)
    assert check_id in {i.check_id for i in info.value.issues}


def test_origin_rule() -> None:
    assert pass_origin({"parent_prediction": 7, "result": []}) == "reviewed-prediction"
    changed = {"parent_prediction": None, "result": [{"origin": "prediction-changed"}]}
    assert pass_origin(changed) == "reviewed-prediction"
    assert pass_origin({"parent_prediction": None, "result": [{"origin": "manual"}]}) == "manual"


def test_convert_export_flags_changed_task_text_and_skips_cancelled() -> None:
    ann = fixture_annotation()
    task = {
        "id": 3,
        "project": 1,
        "data": {"article_id": ann.article_id, "text": TEXT},
        "annotations": [
            {
                "id": 9,
                "completed_by": 2,
                "result": standoff_to_ls_result(ann),
                "lead_time": 42.5,
                "parent_prediction": None,
            },
            {"id": 10, "completed_by": 2, "was_cancelled": True, "result": []},
        ],
    }
    passes, problems, skipped = convert_export([task], users={2: "ann-a"})
    assert problems == [] and skipped == [(3, 10, "cancelled (skipped) by the annotator")]
    assert layers(passes[0]) == layers(ann) and passes[0].annotator == "ann-a" and passes[0].origin == "manual"
    _, problems, _ = convert_export([task], users={2: "ann-a"}, texts={ann.article_id: TEXT.replace("\r\n", "\n")})
    assert [p.check_id for p in problems] == ["ls-task-text-changed"]


# --------------------------------------------------------------------------------------------
# Hypothesis: random valid annotation sets
# --------------------------------------------------------------------------------------------

WORDS = (
    "Ruritania",
    "Zenda",
    "truce",
    "said",
    "𝕏",
    "🇸🇾",
    "e\u0301te\u0301",
    "بشار",
    "medics",
    "vetoed",
    "al\u2011Tarik",
    "—",
    "“draft”",
    "Borduria",
    "convoy",
)
SEPARATORS = (" ", "\r\n", "  ", "\n\n", " \r\n ")


def _value(draw, attribute: schema.Attribute):
    if attribute.kind == "enum":
        return draw(st.sampled_from(attribute.values))
    if attribute.kind == "bool":
        return draw(st.booleans())
    return draw(st.sampled_from(("two", "dozens", "3", "𝕏 many")))


def _attributes(draw, applicable: tuple[schema.Attribute, ...]) -> dict:
    return {a.name: _value(draw, a) for a in applicable if a.required or draw(st.booleans())}


@st.composite
def annotation_sets(draw) -> tuple[AnnotationSet, str]:
    n = draw(st.integers(3, 12))
    words = draw(st.lists(st.sampled_from(WORDS), min_size=n, max_size=n))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=n - 1, max_size=n - 1))
    text, tokens = "", []
    for i, word in enumerate(words):
        text += seps[i - 1] if i else ""
        tokens.append((len(text), len(text) + len(word)))
        text += word

    def span() -> Span:
        i = draw(st.integers(0, n - 1))
        j = draw(st.integers(i, min(n - 1, i + 3)))
        return Span(tokens[i][0], tokens[j][1], text[tokens[i][0] : tokens[j][1]])

    seen: set = set()
    entities: list[Entity] = []
    for i in range(draw(st.integers(0, 7))):
        label, sp = draw(st.sampled_from(schema.ENTITY_LABELS)), span()
        if ("e", sp, label) not in seen:
            seen.add(("e", sp, label))
            entities.append(Entity(f"T{i + 1}", sp, label, _attributes(draw, schema.mention_attributes_for(label))))
    events: list[Event] = []
    for i in range(draw(st.integers(0, 4))):
        etype, sp = draw(st.sampled_from(schema.EVENT_LABELS)), span()
        if ("v", sp, etype) not in seen:
            seen.add(("v", sp, etype))
            events.append(Event(f"V{i + 1}", sp, etype, (), _attributes(draw, schema.attributes_for(etype))))
    with_args = []
    for event in events:
        args = set()
        for role in schema.roles_for(event.type):
            fillers = [e.id for e in entities if e.label in role.allowed_filler_types]
            if schema.EVENT in role.allowed_filler_types:
                fillers += [
                    v.id
                    for v in events
                    if v.id != event.id and (not role.event_filler_types or v.type in role.event_filler_types)
                ]
            if fillers and draw(st.integers(0, 2)) == 0:
                args.add(Argument(role.name, draw(st.sampled_from(fillers))))
        with_args.append(dataclasses.replace(event, arguments=tuple(sorted(args, key=lambda a: (a.role, a.ref)))))
    holders = [e.id for e in entities if e.label in schema.STANCE_HOLDER_TYPES]
    targets = [e.id for e in entities if e.label in schema.STANCE_TARGET_TYPES] + [v.id for v in events]
    stances = []
    if holders and targets:
        for i in range(draw(st.integers(0, 3))):
            holder, target = draw(st.sampled_from(holders)), draw(st.sampled_from(targets))
            if holder != target:
                cue = span() if draw(st.booleans()) else None
                stances.append(
                    Stance(
                        f"S{i + 1}",
                        holder,
                        target,
                        draw(st.sampled_from(schema.STANCE_LABELS)),
                        span(),
                        draw(st.sampled_from(schema.STANCE_BASES)),
                        cue,
                    )
                )
    relations: set[Relation] = set()
    actors = [e.id for e in entities if e.label in ("PER", "ORG", "GPE")]
    for source in [v.id for v in events] + [s.id for s in stances]:
        if actors and draw(st.booleans()):
            relations.add(Relation("ATTRIBUTED_TO", source, draw(st.sampled_from(actors))))
    for i, a in enumerate(entities):
        for b in entities[i + 1 :]:
            if a.label in ("PER", "ORG") and b.label in ("ORG", "GPE") and draw(st.integers(0, 3)) == 0:
                relations.add(Relation("AFFILIATED_WITH", a.id, b.id))
            if a.label in schema.MENTION_TYPES and b.label in schema.MENTION_TYPES and draw(st.integers(0, 3)) == 0:
                relations.add(Relation("COREF", min(a.id, b.id), max(a.id, b.id)))
    relevance = st.sampled_from(("conflict-relevant", "not-relevant"))
    document = {"relevance": draw(relevance)} if draw(st.booleans()) else {}
    ann = AnnotationSet(
        article_id=f"prop-{sha256(text)[:12]}",
        text_sha256=sha256(text),
        schema_version=schema.SCHEMA_VERSION,
        guidelines_version=schema.GUIDELINES_VERSION,
        annotator="ann-prop",
        origin="manual",
        lead_time=draw(st.none() | st.floats(0, 1e4, allow_nan=False).map(lambda x: round(x, 3))),
        document=document,
        entities=tuple(entities),
        events=tuple(with_args),
        stances=tuple(stances),
        relations=tuple(relations),
    )
    return follow_the_manual(ann, text), text


#: Checks of the manual's content rules (guidelines §1.3): the exporter refuses a pass that breaks them.
CONTENT_RULES = {c.id for c in CHECKS.values() if c.group == "guidelines"} | {"reported-without-source"}


def follow_the_manual(ann: AnnotationSet, text: str) -> AnnotationSet:
    """Repair a random schema-valid pass until it also follows the manual's checkable rules.

    The validator is the oracle: each content-rule problem it names is fixed the way its ``fix``
    says (add the source, the stance or DIRECTIVE; drop mode 'unspecified'; delete an unlinked
    mention), so the round trip still sees every layer.
    """
    for _ in range(6):
        problems = [
            p for p in validate_sets([ann], texts={ann.article_id: text}, manifest=None) if p.check_id in CONTENT_RULES
        ]
        if not problems:
            return ann
        events = {v.id: v for v in ann.events}
        attrs = {v.id: dict(v.attributes) for v in ann.events}
        stances, relations, dropped = list(ann.stances), set(ann.relations), set()
        actors = [e.id for e in ann.entities if e.label in ("PER", "ORG", "GPE")]
        for p in problems:
            ref = p.record.split()[-1]
            if p.check_id == "reported-without-source":
                if actors:
                    relations.add(Relation("ATTRIBUTED_TO", ref, actors[0]))
                else:
                    attrs[ref]["attribution"] = "AUTHOR"
            elif p.check_id == "alleged-without-source":
                relations.add(Relation("ATTRIBUTED_TO", ref, p.message.rsplit(" ", 1)[-1].split(",")[0]))
            elif p.check_id == "content-realis":
                attrs[ref]["realis"] = "DIRECTIVE"
            elif p.check_id == "mode-unspecified":
                attrs[ref].pop("mode")
            elif p.check_id == "speech-act-stance-missing":
                label, holder, target = re.search(
                    r"needs a (\w+) stance from (\S+) toward (\S+?)(?:;|$)", p.message
                ).groups()
                stances.append(Stance(f"S{len(stances) + 100}", holder, target, label, events[ref].trigger, "ACTION"))
            else:  # unlinked-mention, unlinked-time
                dropped.add(ref)
        ann = dataclasses.replace(
            ann,
            entities=tuple(e for e in ann.entities if e.id not in dropped),
            events=tuple(dataclasses.replace(v, attributes=attrs[v.id]) for v in ann.events),
            stances=tuple(stances),
            relations=tuple(sorted((r for r in relations if not {r.source, r.target} & dropped), key=repr)),
        )
    raise AssertionError(f"could not make the pass follow the manual: {[str(p) for p in problems]}")


@settings(max_examples=300, deadline=None)
@given(annotation_sets())
def test_property_pure_round_trip(case: tuple[AnnotationSet, str]) -> None:
    ann, text = case
    assert [p for p in validate_sets([ann], texts={ann.article_id: text}, manifest=None) if p.severity == "error"] == []
    result = standoff_to_ls_result(ann)
    assert standoff.dumps(convert_back(result, ann, text)) == standoff.dumps(ann)
    assert standoff.dumps(convert_back(scramble(result), ann, text)) == standoff.dumps(ann)


# --------------------------------------------------------------------------------------------
# The real server
# --------------------------------------------------------------------------------------------


# The session-wide real server fixture ``ls_server`` lives in conftest.py (shared with
# tests/test_preannotate.py, so one server serves the whole run).


def _new_project(client, title: str) -> int:
    return int(client.projects.create(title=title, label_config=ls_config.label_config()).id)


@pytest.mark.labelstudio
def test_server_round_trip(ls_server, tmp_path: Path) -> None:
    from conflictnews.labelstudio.project import (
        ensure_annotators,
        export_annotations,
        import_articles,
        submit_annotation,
        task_ids,
    )

    _url, client = ls_server
    pid = _new_project(client, "round trip")
    second_text = "Zenda 🇸🇾 convoy\r\n\r\nmedics said “no”."
    articles = [
        TaskArticle("fixture-001", TEXT, "An invented veto", "Test Wire", "2016-10-08", "https://example.org/1"),
        TaskArticle("fixture-002", second_text, "Second", "Test Wire", "2016-10-09", ""),
    ]
    users = ensure_annotators(client, ["ann-a", "ann-b"])
    assert users == ensure_annotators(client, ["ann-a", "ann-b"])  # idempotent
    report = import_articles(client, pid, articles, batch_size=1)
    assert sorted(report.created) == ["fixture-001", "fixture-002"]
    again = import_articles(client, pid, articles)
    assert again.created == {} and sorted(again.existing) == ["fixture-001", "fixture-002"]
    assert len(task_ids(client, pid)) == 2 and len(list(client.tasks.list(project=pid))) == 2

    # ann-a through the public helper; ann-b "by hand" with relations redrawn left/bi/backwards.
    ann_a = fixture_annotation("ann-a")
    submit_annotation(client, pid, ann_a, as_annotator="ann-a")
    ann_b = dataclasses.replace(fixture_annotation("ann-b"), document={}, lead_time=7.0)
    tid = task_ids(client, pid)["fixture-001"]
    client.annotations.create(
        id=tid, result=scramble(standoff_to_ls_result(ann_b)), completed_by=users["ann-b"], lead_time=7.0
    )

    out = tmp_path / "annotations"
    exported = export_annotations(client, pid, out, texts={"fixture-001": TEXT, "fixture-002": second_text})
    assert exported.errors == [], [str(p) for p in exported.errors]
    assert [p.relative_to(out).as_posix() for p in exported.written] == [
        "gold/fixture-001/ann-a.json",
        "gold/fixture-001/ann-b.json",
    ]
    first = standoff.read(out / "gold/fixture-001/ann-a.json")
    assert layers(first) == layers(ann_a)
    assert (first.annotator, first.origin, first.lead_time) == ("ann-a", "manual", 42.5)
    assert layers(standoff.read(out / "gold/fixture-001/ann-b.json")) == layers(ann_b)

    # Re-import the exported standoff as predictions in a fresh project; an annotator accepts
    # the prediction; both the prediction (model) and the reviewed pass export identical layers.
    pid2 = _new_project(client, "re-import")
    import_articles(client, pid2, articles[:1], predictions={"fixture-001": [first]})
    task = client.tasks.get(task_ids(client, pid2)["fixture-001"])
    prediction_id = int(task.predictions[0]["id"] if isinstance(task.predictions[0], dict) else task.predictions[0].id)
    submit_annotation(client, pid2, first, as_annotator="ann-a", parent_prediction=prediction_id)
    out2 = tmp_path / "again"
    exported2 = export_annotations(client, pid2, out2, texts={"fixture-001": TEXT}, include_predictions=True)
    assert exported2.errors == [], [str(p) for p in exported2.errors]
    reviewed = standoff.read(out2 / "gold/fixture-001/ann-a.json")
    model = standoff.read(out2 / "silver/fixture-001/manual-ann-a.json")
    assert reviewed.origin == "reviewed-prediction" and model.origin == "model"
    assert standoff.dumps(
        dataclasses.replace(reviewed, origin="manual", provenance=first.provenance)
    ) == standoff.dumps(first)
    assert layers(model) == layers(first)


@pytest.mark.labelstudio
def test_export_writes_nothing_on_errors(ls_server, tmp_path: Path) -> None:
    from conflictnews.labelstudio.project import export_annotations, import_articles, submit_annotation

    _url, client = ls_server
    pid = _new_project(client, "invalid")
    import_articles(client, pid, [TaskArticle("fixture-001", TEXT)])
    good = fixture_annotation("ann-a")
    submit_annotation(client, pid, good, as_annotator="ann-a")
    bad = dataclasses.replace(
        fixture_annotation("ann-b"),
        events=(dataclasses.replace(good.events[0], arguments=(Argument("Victim", "T1"),)),),
    )  # VOTE has no Victim
    submit_annotation(client, pid, bad, as_annotator="ann-b")
    out = tmp_path / "annotations"
    (out / "gold" / "fixture-001").mkdir(parents=True)
    keep = out / "gold" / "fixture-001" / "ann-a.json"
    keep.write_text("previous\n", encoding="utf-8")
    report = export_annotations(client, pid, out, texts={"fixture-001": TEXT})
    assert report.written == () and "role-not-allowed" in {p.check_id for p in report.errors}
    assert keep.read_text(encoding="utf-8") == "previous\n"


@pytest.mark.labelstudio
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(annotation_sets())
def test_property_server_round_trip(ls_server, tmp_path_factory, case: tuple[AnnotationSet, str]) -> None:
    from conflictnews.labelstudio.project import export_annotations, import_articles, submit_annotation

    ann, text = case
    _url, client = ls_server
    pid = _new_project(client, f"property {ann.article_id}")
    import_articles(client, pid, [TaskArticle(ann.article_id, text)])
    if not (ann.entities or ann.events or ann.stances or ann.document):
        return  # an empty result is skipped by the exporter, by design
    submit_annotation(client, pid, ann, as_annotator="ann-prop")
    out = tmp_path_factory.mktemp("prop")
    report = export_annotations(client, pid, out, texts={ann.article_id: text})
    assert report.errors == [], [str(p) for p in report.errors]
    assert [layers(p) for p in report.passes] == [layers(ann)]
