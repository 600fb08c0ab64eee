"""Synthetic benchmark documents for the baseline tests (never part of the dataset).

The project has no gold events or stances yet, so the event, argument and stance baselines are
exercised here on template sentences with exact offsets: every layer, every split, deterministic
for a seed. Scores on these documents only show that the code runs and learns; they mean nothing
about real text.
"""

from __future__ import annotations

import hashlib
import random

from conflictnews import schema
from conflictnews.annotation import standoff
from conflictnews.dataset.load import Doc
from conflictnews.segment import segment

ACTORS = [
    ("Syrian army", "ORG"),
    ("Islamic State", "ORG"),
    ("Russia", "GPE"),
    ("Turkey", "GPE"),
    ("Free Syrian Army", "ORG"),
    ("Iran", "GPE"),
    ("Kurdish militia", "ORG"),
    ("Assad", "PER"),
]
PLACES = [("Aleppo", "GPE"), ("Idlib", "GPE"), ("Homs", "GPE"), ("Raqqa", "GPE"), ("Ghouta", "LOC")]
TIMES = ["on Monday", "on Tuesday", "last week", "on Friday"]
TEMPLATES = [
    # (sentence with slots, trigger word, event type, roles of the slots A and P)
    ("{A} shelled {P} {T}.", "shelled", "ATTACK", "Agent", "Place"),
    ("{A} bombed {P} {T}.", "bombed", "ATTACK", "Agent", "Place"),
    ("{A} withdrew from {P} {T}.", "withdrew", "WITHDRAW", "Agent", "Origin"),
    ("{A} evacuated civilians from {P} {T}.", "evacuated", "EVACUATE", "Agent", "Origin"),
    ("{A} seized {P} {T}.", "seized", "SEIZE", "Agent", "Target"),
    ("{A} blockaded {P} {T}.", "blockaded", "BLOCKADE", "Agent", "Target"),
]
STANCES = [
    ("{H} said it supports the truce.", "SUPPORT", "supports"),
    ("{H} said it opposes the truce.", "OPPOSE", "opposes"),
    ("{H} said it has no view on the truce.", "NEUTRAL", "no view"),
]


def _attrs(label: str) -> dict[str, object]:
    out: dict[str, object] = {"level": "NAM"}
    if label == "GPE":
        out["gpe_role"] = "GOV"
    return out


EVENT_ATTRS = {"polarity": "POSITIVE", "realis": "ACTUAL", "attribution": "AUTHOR"}


def make_doc(index: int, split: str, rng: random.Random) -> Doc:
    """Return one synthetic document with entities, events (with arguments) and a stance."""
    text, ents, events, stances = "", [], [], []

    def mention(surface: str, label: str) -> str:
        nonlocal text
        start = len(text)
        text += surface
        ents.append(
            standoff.Entity(f"T{len(ents) + 1}", standoff.Span(start, len(text), surface), label, _attrs(label))
        )
        return ents[-1].id

    for _ in range(rng.randint(2, 4)):
        template, trigger, etype, role_a, role_p = rng.choice(TEMPLATES)
        (actor, alabel), (place, plabel) = rng.choice(ACTORS), rng.choice(PLACES)
        sentence_start = len(text)
        before, rest = template.split("{A}")
        text += before
        a = mention(actor, alabel)
        middle, rest = rest.split("{P}")
        text += middle
        p = mention(place, plabel)
        text += rest.replace("{T}", rng.choice(TIMES)) + " "
        t0 = text.index(trigger, sentence_start)
        events.append(
            standoff.Event(
                f"E{len(events) + 1}",
                standoff.Span(t0, t0 + len(trigger), trigger),
                etype,
                (standoff.Argument(role_a, a), standoff.Argument(role_p, p)),
                EVENT_ATTRS,
            )
        )
    template, label, cue = rng.choice(STANCES)
    sentence_start = len(text)
    actor, alabel = rng.choice([x for x in ACTORS if x[1] != "PER"])
    h = mention(actor, alabel)
    text += template.split("{H}")[1]
    tstart = text.index("truce", sentence_start)
    # The truce is the stance target: a CEASEFIRE event whose trigger is "truce".
    events.append(
        standoff.Event(
            f"E{len(events) + 1}", standoff.Span(tstart, tstart + 5, "truce"), "CEASEFIRE", attributes=EVENT_ATTRS
        )
    )
    c0 = text.index(cue, sentence_start)
    stances.append(
        standoff.Stance(
            "S1",
            h,
            events[-1].id,
            label,
            standoff.Span(sentence_start, len(text), text[sentence_start:]),
            "QUOTE",
            standoff.Span(c0, c0 + len(cue), cue),
        )
    )
    doc_id = f"synthetic-{index:03d}"
    sha = hashlib.sha256(text.encode()).hexdigest()
    annotation = standoff.AnnotationSet(
        doc_id,
        sha,
        schema.SCHEMA_VERSION,
        schema.GUIDELINES_VERSION,
        "synthetic-annotator",
        "manual",
        entities=tuple(ents),
        events=tuple(events),
        stances=tuple(stances),
    )
    seg = segment(text, [(e.span.start, e.span.end) for e in ents] + [(v.trigger.start, v.trigger.end) for v in events])
    sentences = tuple((s, e, a, b) for (s, e), (a, b) in zip(seg.sentences, seg.sentence_tokens, strict=True))
    return Doc(
        doc_id,
        split,
        "news",
        text,
        sentences,
        tuple(zip(seg.starts, seg.ends, strict=True)),
        annotation,
        frozenset({"entities", "events", "stances"}),
    )


def make_docs(n: int = 60, seed: int = 7) -> dict[str, list[Doc]]:
    """Return ``split -> documents``: 70 % train, 10 % validation, 20 % test."""
    rng = random.Random(seed)
    out: dict[str, list[Doc]] = {"train": [], "validation": [], "test": []}
    for i in range(n):
        split = "train" if i % 10 < 7 else "validation" if i % 10 == 7 else "test"
        out[split].append(make_doc(i, split, rng))
    return out
