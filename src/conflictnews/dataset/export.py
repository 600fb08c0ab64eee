"""Exports beyond the Hub: ACE/TextEE-style event JSON and PLOVER-style event records.

Stage: dataset build (exports). Input: manifest records, article texts and the passes
designated by :func:`conflictnews.annotation.passes.designated_pass` (gold only unless silver is asked for).
Output: JSON lines, sorted by id, no wall-clock values:

* ``ace``: one object per sentence in the TextEE/OneIE processed format that event-extraction
  code reads: ``doc_id``, ``wnd_id``, ``text``, ``lang``, ``tokens``, ``entity_mentions``
  (``id``, ``text``, ``entity_type``, ``start``, ``end`` as token indices, end exclusive),
  ``relation_mentions`` (AFFILIATED_WITH inside the sentence) and ``event_mentions`` (``id``,
  ``event_type``, ``trigger``, ``arguments`` with ``entity_id``, ``role``, ``text``, token
  ``start``/``end``). Arguments whose filler is an event or lies in another sentence are left
  out and counted.
* ``plover``: one record per exportable event with the PLOVER category and mode from
  :func:`conflictnews.schema.plover_category` (and the type's ``plover_mode`` or the ATTACK
  ``mode`` attribute), actor (Agent), recipient (Target, Victim or Recipient), date (the
  article's), location (Place), counts (``dead``/``injured``/``arrested`` from ``count``).
  Events without a category, NEGATIVE events and ALLEGED events (never exported as fact, guidelines §4.6)
  are skipped and counted. DIE/INJURE are not merged into their ATTACK (guidelines §3.3) yet.
"""

from __future__ import annotations

import bisect
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conflictnews import schema
from conflictnews.annotation import standoff
from conflictnews.annotation.passes import covered_layers, designated_pass, read_passes
from conflictnews.dataset.build import pass_spans
from conflictnews.segment import segment

FORMATS = ("ace", "plover")


@dataclass
class ExportReport:
    """What an export wrote and what it left out, by reason."""

    records: int = 0
    skipped: Counter[str] = field(default_factory=Counter)


def _chosen(
    passes: Mapping[str, Sequence[standoff.AnnotationSet]], include_silver: bool
) -> dict[str, standoff.AnnotationSet]:
    out = {}
    for article_id, article_passes in sorted(passes.items()):
        pool = [p for p in article_passes if include_silver or p.tier == "gold"]
        chosen = designated_pass(pool)
        if chosen is not None and "events" in covered_layers(chosen):
            out[article_id] = chosen
    return out


def ace_records(
    manifest: Sequence[Mapping[str, Any]],
    texts: Mapping[str, str],
    passes: Mapping[str, Sequence[standoff.AnnotationSet]],
    *,
    include_silver: bool = False,
) -> tuple[list[dict[str, Any]], ExportReport]:
    """Return one TextEE/OneIE-style object per sentence of every article with an event layer.

    Args:
        manifest: Manifest records.
        texts: Article id -> text.
        passes: Article id -> passes.
        include_silver: Also export articles whose designated pass is silver.

    Returns:
        The records (sorted by ``wnd_id``) and the report.

    """
    report = ExportReport()
    records = []
    ids = {str(r["id"]) for r in manifest}
    for article_id, p in _chosen(passes, include_silver).items():
        if article_id not in ids:
            continue
        text = texts[article_id]
        seg = segment(text, (s for q in passes[article_id] for s in pass_spans(q)))
        starts = seg.starts
        entities = {e.id: e for e in p.entities}

        def tok(span: standoff.Span, first: int, starts: list[int] = starts) -> tuple[int, int]:
            return (bisect.bisect_left(starts, span.start) - first, bisect.bisect_left(starts, span.end) - first)

        for index, ((s_start, s_end), (first, last)) in enumerate(zip(seg.sentences, seg.sentence_tokens, strict=True)):
            inside = {e.id for e in p.entities if s_start <= e.span.start and e.span.end <= s_end}
            mentions = [
                {
                    "id": f"{article_id}-{e.id}",
                    "text": e.span.text,
                    "entity_type": e.label,
                    "mention_type": str(e.attributes.get("level", "")),
                    "start": tok(e.span, first)[0],
                    "end": tok(e.span, first)[1],
                }
                for e in sorted(p.entities, key=lambda e: (e.span.start, e.span.end, e.id))
                if e.id in inside
            ]
            events = []
            for v in sorted(p.events, key=lambda v: (v.trigger.start, v.id)):
                if not (s_start <= v.trigger.start < s_end):
                    continue
                arguments = []
                for a in sorted(v.arguments, key=lambda a: (a.role, a.ref)):
                    if a.ref not in entities:
                        report.skipped["ace: argument filled by an event"] += 1
                    elif a.ref not in inside:
                        report.skipped["ace: argument outside the trigger's sentence"] += 1
                    else:
                        e = entities[a.ref]
                        start, end = tok(e.span, first)
                        arguments.append(
                            {
                                "entity_id": f"{article_id}-{e.id}",
                                "role": a.role,
                                "text": e.span.text,
                                "start": start,
                                "end": end,
                            }
                        )
                t_start, t_end = tok(v.trigger, first)
                events.append(
                    {
                        "id": f"{article_id}-{v.id}",
                        "event_type": v.type,
                        "trigger": {"text": v.trigger.text, "start": t_start, "end": t_end},
                        "arguments": arguments,
                        "attributes": dict(sorted(v.attributes.items())),
                    }
                )
            relations = [
                {
                    "id": f"{article_id}-R{n}",
                    "relation_type": r.type,
                    "arguments": [
                        {"entity_id": f"{article_id}-{r.source}", "role": "Arg-1"},
                        {"entity_id": f"{article_id}-{r.target}", "role": "Arg-2"},
                    ],
                }
                for n, r in enumerate(sorted(p.relations, key=lambda r: (r.type, r.source, r.target)), 1)
                if r.type == "AFFILIATED_WITH" and r.source in inside and r.target in inside
            ]
            records.append(
                {
                    "doc_id": article_id,
                    "wnd_id": f"{article_id}-{index}",
                    "lang": "en",
                    "text": text[s_start:s_end],
                    "tokens": seg.words[first:last],
                    "entity_mentions": mentions,
                    "relation_mentions": relations,
                    "event_mentions": events,
                    "tier": p.tier,
                    "annotator": p.annotator,
                }
            )
    records.sort(key=lambda r: (str(r["doc_id"]), int(str(r["wnd_id"]).rsplit("-", 1)[1])))
    report.records = len(records)
    return records, report


def plover_records(
    manifest: Sequence[Mapping[str, Any]],
    texts: Mapping[str, str],
    passes: Mapping[str, Sequence[standoff.AnnotationSet]],
    *,
    include_silver: bool = False,
) -> tuple[list[dict[str, Any]], ExportReport]:
    """Return one PLOVER-style record per exportable event.

    Args:
        manifest: Manifest records (for dates and sources).
        texts: Article id -> text (for the sentence context).
        passes: Article id -> passes.
        include_silver: Also export articles whose designated pass is silver.

    Returns:
        The records (sorted by id) and the report with skipped events by reason.

    """
    report = ExportReport()
    records = []
    by_id = {str(r["id"]): r for r in manifest}
    for article_id, p in _chosen(passes, include_silver).items():
        record = by_id.get(article_id)
        if record is None:
            continue
        text = texts[article_id]
        seg = segment(text, (s for q in passes[article_id] for s in pass_spans(q)))
        entities = {e.id: e for e in p.entities}

        def actor(ref: str | None, entities: dict[str, standoff.Entity] = entities) -> dict[str, Any] | None:
            e = entities.get(ref or "")
            if e is None:
                return None
            return {
                "text": e.span.text,
                "type": e.label,
                "sector": e.attributes.get("sector"),
                "gpe_role": e.attributes.get("gpe_role"),
            }

        for v in sorted(p.events, key=lambda v: (v.trigger.start, v.id)):
            attrs = dict(v.attributes)
            if attrs.get("polarity") == "NEGATIVE":
                report.skipped["plover: NEGATIVE polarity"] += 1
                continue
            if attrs.get("attribution") == "ALLEGED":
                report.skipped["plover: ALLEGED (never exported as fact)"] += 1
                continue
            category = schema.plover_category(v.type, attrs)
            if not category:
                report.skipped[f"plover: {v.type} has no category"] += 1
                continue
            roles: dict[str, str] = {}
            for a in sorted(v.arguments, key=lambda a: (a.role, a.ref)):
                roles.setdefault(a.role, a.ref)
            mode = str(attrs.get("mode") or "") if v.type == "ATTACK" else schema.event_type(v.type).plover_mode
            recipient = next((roles[r] for r in ("Target", "Victim", "Recipient") if r in roles), None)
            place = entities.get(roles.get("Place", ""))
            s_start, s_end = seg.sentences[seg.sentence_of(v.trigger.start)]
            count = attrs.get("count")
            records.append(
                {
                    "id": f"{article_id}-{v.id}",
                    "doc_id": article_id,
                    "source": record.get("source"),
                    "date": record.get("date") or None,
                    "event_type": category,
                    "mode": mode or None,
                    "actor": actor(roles.get("Agent")),
                    "recipient": actor(recipient),
                    "location": {"text": place.span.text, "type": place.label} if place else None,
                    "dead": count if v.type == "DIE" else None,
                    "injured": count if v.type == "INJURE" else None,
                    "arrested": count if v.type == "DETAIN" else None,
                    "context": text[s_start:s_end],
                    "trigger": v.trigger.text,
                    "conflictnews_type": v.type,
                    "realis": attrs.get("realis"),
                    "attribution": attrs.get("attribution"),
                    "tier": p.tier,
                    "schema_version": schema.SCHEMA_VERSION,
                }
            )
    records.sort(key=lambda r: str(r["id"]))
    report.records = len(records)
    return records, report


def export(
    fmt: str,
    manifest: Sequence[Mapping[str, Any]],
    texts: Mapping[str, str],
    annotations_root: Path,
    out: Path,
    *,
    include_silver: bool = False,
) -> ExportReport:
    """Write an export as JSON lines (sorted keys, UTF-8) to ``out``.

    Args:
        fmt: ``ace`` or ``plover``.
        manifest: Manifest records.
        texts: Article id -> text.
        annotations_root: The annotations folder.
        out: The output file.
        include_silver: Also export silver passes (marked by ``tier``).

    Returns:
        The :class:`ExportReport`.

    Raises:
        ValueError: For an unknown format.

    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    # All passes are read so sentences are split as in the default build; _chosen filters the tier.
    passes = read_passes(annotations_root, include_silver=True)
    make = ace_records if fmt == "ace" else plover_records
    records, report = make(manifest, texts, passes, include_silver=include_silver)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.part")
    tmp.write_text("".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records), encoding="utf-8")
    tmp.replace(out)
    return report
