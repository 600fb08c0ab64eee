"""Import the human gold at hand, re3d's Dstl entity layer and GUM's entity layer, as ``imported-gold``.

Stage: annotation (import of external gold). Input: the verified upstream cache (the ``re3d`` and
``gum-news`` readers keep the gold spans in ``ReadResult.extras["entities"]``) and the corpus
manifest (``corpus/manifest.jsonl``). Output: one :class:`~conflictnews.standoff.AnnotationSet`
per manifest article (origin ``imported-gold``; annotator ``dstl-re3d`` or ``gum-corpus``),
written under ``annotations/gold/<article>/<annotator>.json`` only when the validator finds zero
errors, and ``annotations/IMPORTED_GOLD.md`` (the mapping tables and every count, generated).

Rules, in the order applied:

1. Articles: only manifest articles are imported; a non-commercial annotation/text licence
   (re3d's BBC Online folder, CC BY-NC) is refused even if a manifest lists it; an article whose
   curated text (reader text and title through :func:`conflictnews.curation.normalise.curate_text`)
   does not have the manifest's sha256 is refused (the manifest is stale: re-run ``conflictnews
   curate``).
2. re3d confidence (:data:`RE3D_MIN_CONFIDENCE` = 0.5): re3d's ``confidence`` is the IBCC posterior
   that the crowd-checked label is right. 1,256 of its 4,838 entities have confidence 0; they
   include every span that cuts a word (97, e.g. Vehicle ``st ISIL`` from ``against ISIL``) and
   mislabels (Person ``faith``); the non-zero values are bimodal (5 % quantile 0.91). Entities
   below 0.5 are dropped and counted per type. Caveat: many confidence-0 spans are right
   (``Syria``), so the imported gold is incomplete and precision against it is a lower bound.
3. re3d double tagging: among the kept spans with identical offsets (``Syria`` typed Location and
   Organisation), the one with the higher confidence is kept (ties: type name order); the others
   are counted.
4. Offsets: spans are trimmed of edge whitespace, then mapped from the reader text to the text
   after curation's character rules through an alignment of their non-whitespace characters
   (:func:`offset_map`), and from there to the curated text through the origin curation keeps
   (:meth:`conflictnews.curation.normalise.CuratedText.index_map`: the headline put on top and the
   blank line after it shift every offset; a verbatim copy of the headline at the body's start
   moves to the top with its spans). A span inside removed outlet boilerplate is dropped and
   counted as ``in removed boilerplate``; a mapped span must equal its own text normalised by the
   character rules, else it is dropped as ``offset-unmappable``.
5. Types: :data:`RE3D_RULES` / :data:`GUM_RULES` (below) with the gazetteer of
   :mod:`conflictnews.annotation.gazetteer`; a span whose rule yields no type is counted as unmappable under
   its source type and the rule's reason.
6. Attributes: ``military`` on VEH (re3d MilitaryPlatform vs Vehicle; GUM by head lexicon) and
   ``level=PRE`` on a nationality adjective that premodifies a word are set; ``level`` elsewhere
   and ``gpe_role`` are not annotated upstream and are left absent. Each file declares them in
   ``provenance["unannotated_attributes"]``; the validator accepts their absence for origin
   ``imported-gold`` only (every other origin still needs them).
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conflictnews import schema
from conflictnews.annotation import gazetteer, standoff
from conflictnews.annotation.standoff import head_span
from conflictnews.annotation.validate import validate_sets
from conflictnews.curation.normalise import REMOVED_CHARACTERS as _REMOVED
from conflictnews.curation.normalise import curate_text, normalise_text
from conflictnews.io import sha256_text
from conflictnews.sources import gum_news, re3d
from conflictnews.sources.fetch import read_source
from conflictnews.sources.gum_news import ANNOTATION_LICENCE_ID
from conflictnews.sources.registry import SOURCES, gold_sources

#: The sources whose human entity layers are imported (declared in :mod:`conflictnews.sources.registry`).
RE3D, GUM = re3d.SOURCE, gum_news.SOURCE
IMPORTABLE: tuple[str, ...] = gold_sources()

#: Bump when a rule below changes (every imported file records it). 2: offsets follow curation
#: version 3's headline and boilerplate rules.
MAPPING_VERSION = "2"
#: re3d entities with a lower IBCC confidence are not imported.
RE3D_MIN_CONFIDENCE = 0.5
#: Attributes the imports leave absent where the mapping cannot determine them.
UNANNOTATED_ATTRIBUTES: tuple[str, ...] = ("gpe_role", "level")
#: Licence classes refused outright (annotations used only under a non-commercial licence).
NON_COMMERCIAL = ("CC-BY-NC-3.0",)


@dataclass(frozen=True)
class TypeRule:
    """One row of a mapping table.

    Attributes:
        source_type: The upstream type.
        targets: The schema types it can map to ('' entries never occur; empty: always unmappable).
        rule: How the target is chosen, in words (the table in ``IMPORTED_GOLD.md``).

    """

    source_type: str
    targets: tuple[str, ...]
    rule: str


RE3D_RULES: tuple[TypeRule, ...] = (
    TypeRule("Person", ("PER",), "PER"),
    TypeRule(
        "Organisation",
        ("GPE", "ORG"),
        "GPE if the text is a gazetteer GPE name (re3d types countries acting as Organisation), else ORG",
    ),
    TypeRule(
        "Location",
        ("GPE", "FAC", "LOC"),
        "GPE if a gazetteer GPE name (or its part before a comma); FAC if "
        "the head (or a capitalised first word, 'Camp X') is a facility "
        "noun; else LOC",
    ),
    TypeRule(
        "Nationality",
        ("GPE", "PER"),
        "GPE (level PRE when it premodifies a word) if a listed demonym; PER "
        "if a plural demonym ('Iraqis'); religious/ethnic identities "
        "unmappable",
    ),
    TypeRule("Weapon", ("WEA",), "WEA"),
    TypeRule("Vehicle", ("VEH",), "VEH, military=false"),
    TypeRule("MilitaryPlatform", ("VEH",), "VEH, military=true"),
    TypeRule("Temporal", ("TIME",), "TIME"),
    TypeRule(
        "DocumentReference", ("AGREEMENT",), "AGREEMENT (resolutions, reports, statements: the schema's documents)"
    ),
    TypeRule("Quantity", (), "unmappable (no quantity type)"),
    TypeRule("Money", (), "unmappable"),
    TypeRule("CommsIdentifier", (), "unmappable"),
    TypeRule("Frequency", (), "unmappable"),
    TypeRule("Url", (), "unmappable"),
    TypeRule("Coordinate", (), "unmappable"),
)

GUM_RULES: tuple[TypeRule, ...] = (
    TypeRule("person", ("PER",), "PER"),
    TypeRule("organization", ("GPE", "ORG"), "GPE if a gazetteer GPE name, else ORG"),
    TypeRule(
        "place",
        ("GPE", "FAC", "LOC"),
        "GPE if a gazetteer GPE name (text or Wikipedia identity); FAC if the head is a facility noun; else LOC",
    ),
    TypeRule("time", ("TIME",), "TIME"),
    TypeRule(
        "object",
        ("WEA", "VEH"),
        "WEA if the head is a weapon noun; VEH if a vehicle noun (military by lexicon); else unmappable",
    ),
    TypeRule("abstract", (), "unmappable (AGREEMENT-like abstracts are not separable by rule)"),
    TypeRule("event", (), "unmappable (entity layer only)"),
    TypeRule("substance", (), "unmappable"),
    TypeRule("plant", (), "unmappable"),
    TypeRule("animal", (), "unmappable"),
)


@dataclass(frozen=True)
class Mapped:
    """A source mention mapped onto the schema (``label`` None: unmappable, ``reason`` says why)."""

    label: str | None
    attributes: Mapping[str, Any] = field(default_factory=dict)
    reason: str = ""


def _head_word(text: str) -> str:
    start, end = head_span(standoff.Span(0, len(text), text))
    return text[start:end].lower()


def _first_word(text: str) -> str:
    words = text.split()
    return words[0] if words else ""


def _place(text: str, identity: str = "") -> Mapped:
    if gazetteer.is_gpe_name(text) or (identity and gazetteer.is_gpe_name(identity.replace("_", " "))):
        return Mapped("GPE")
    first = _first_word(text)
    if _head_word(text) in gazetteer.FAC_HEADS or (first[:1].isupper() and first.lower() in gazetteer.FAC_HEADS):
        return Mapped("FAC")
    return Mapped("LOC")


def map_re3d(source_type: str, text: str, following: str = "") -> Mapped:
    """Map one re3d entity onto the schema (:data:`RE3D_RULES`).

    Args:
        source_type: re3d's type.
        text: The span's text.
        following: The text right after the span (for the premodifier test), may be ''.

    Returns:
        The label and attributes, or ``label=None`` with the reason.

    """
    if source_type == "Person":
        return Mapped("PER")
    if source_type == "Organisation":
        return Mapped("GPE" if gazetteer.is_gpe_name(text) else "ORG")
    if source_type == "Location":
        return _place(text)
    if source_type == "Nationality":
        kind = gazetteer.demonym_kind(text)
        if kind == "adjective":
            premodifies = following[:1] in (" ", "-") and following[1:2].isalpha()
            return Mapped("GPE", {"level": "PRE"} if premodifies else {})
        if kind == "plural":
            return Mapped("PER")
        return Mapped(None, reason="not a listed demonym (religious/ethnic identity)")
    if source_type in ("Vehicle", "MilitaryPlatform"):
        return Mapped("VEH", {"military": source_type == "MilitaryPlatform"})
    simple = {"Weapon": "WEA", "Temporal": "TIME", "DocumentReference": "AGREEMENT"}
    if source_type in simple:
        return Mapped(simple[source_type])
    return Mapped(None, reason="no schema type")


def map_gum(source_type: str, text: str, identity: str = "") -> Mapped:
    """Map one GUM entity onto the schema (:data:`GUM_RULES`).

    Args:
        source_type: GUM's type.
        text: The span's text.
        identity: GUM's Wikipedia identity ('' when absent).

    Returns:
        The label and attributes, or ``label=None`` with the reason.

    """
    if source_type == "person":
        return Mapped("PER")
    if source_type == "organization":
        return Mapped("GPE" if gazetteer.is_gpe_name(text) else "ORG")
    if source_type == "place":
        return _place(text, identity)
    if source_type == "time":
        return Mapped("TIME")
    if source_type == "object":
        head = _head_word(text)
        if head in gazetteer.WEAPON_HEADS:
            return Mapped("WEA")
        if head in gazetteer.MILITARY_VEHICLE_HEADS or head in gazetteer.CIVIL_VEHICLE_HEADS:
            return Mapped("VEH", {"military": head in gazetteer.MILITARY_VEHICLE_HEADS})
        return Mapped(None, reason="object head not a weapon or vehicle noun")
    return Mapped(None, reason="no schema type")


# --------------------------------------------------------------------------------------------
# Offsets: reader text -> curated text
# --------------------------------------------------------------------------------------------


def offset_map(raw: str, curated: str) -> list[int]:
    r"""Map every character of ``raw`` to its character in ``curated`` (-1: removed or changed).

    Whitespace (and what the normaliser deletes: controls, zero-width characters) is aligned by
    nothing: the normaliser only collapses, converts and strips it, so
    the non-whitespace characters of the two texts are aligned instead. When they are the same
    sequence (whitespace, line-ending and space-kind changes only) the i-th one of ``raw`` is the
    i-th one of ``curated``; otherwise (encoding repair, NFC, removed control characters) the two
    sequences are aligned with ``difflib.SequenceMatcher`` (no junk heuristic) and only characters
    in equal blocks are mapped. Aligning visible characters avoids the ambiguity of aligning
    whitespace runs (``"X\tX "`` against ``"X X"``).

    Args:
        raw: The reader's text.
        curated: The normalised text.

    Returns:
        A list ``m`` with ``m[i]`` the curated index of raw character ``i``, or -1.

    """
    mapping = [-1] * len(raw)
    if raw == curated:
        return list(range(len(raw)))
    # Characters the normaliser deletes outright (zero-width spaces, controls) are skipped like
    # whitespace: left in, they shift the alignment (``"X \u200bX"`` lost its first ``X``).
    a = [i for i, ch in enumerate(raw) if not ch.isspace() and not _REMOVED.fullmatch(ch)]
    b = [j for j, ch in enumerate(curated) if not ch.isspace()]
    sa, sb = "".join(raw[i] for i in a), "".join(curated[j] for j in b)
    if sa == sb:
        for i, j in zip(a, b, strict=True):
            mapping[i] = j
        return mapping
    for block in difflib.SequenceMatcher(None, sa, sb, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            mapping[a[block.a + k]] = b[block.b + k]
    return mapping


def map_span(raw: str, curated: str, mapping: Sequence[int], start: int, end: int) -> tuple[int, int] | None:
    """Trim a raw span of edge whitespace and map it onto the curated text.

    Args:
        raw: The reader's text.
        curated: The normalised text.
        mapping: :func:`offset_map` of the two.
        start: Raw start.
        end: Raw end (exclusive).

    Returns:
        The curated (start, end), or None when the span is empty after trimming, an edge character
        has no counterpart, or the mapped text is not the span's own normalised text.

    """
    piece = raw[start:end]
    start += len(piece) - len(piece.lstrip())
    end -= len(piece) - len(piece.rstrip())
    if start >= end:
        return None
    s, last = mapping[start], mapping[end - 1]
    if s < 0 or last < s or curated[s : last + 1] != normalise_text(raw[start:end])[0]:
        return None
    return s, last + 1


# --------------------------------------------------------------------------------------------
# Import
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    """What one source's import produced and dropped.

    Attributes:
        source: ``re3d`` or ``gum-news``.
        annotator: The annotator id of the passes.
        rules: The mapping table applied.
        sets: The passes, sorted by article id.
        imported: (schema label, count) of imported mentions.
        mapped_from: ((source type, schema label), count).
        unmappable: ((source type, reason), count).
        filtered: (source type, count) below the confidence threshold (re3d only).
        dropped: (reason, count) for the other drops (double tagging, offsets, empty spans, duplicates).
        articles: (status, count): imported, not-in-manifest, non-commercial, text-version-mismatch.
        refused: (article id, reason) for manifest articles not imported.
        min_confidence: The threshold applied (None for GUM).
        loc_names: (text, count) of the most frequent LOC mentions (gazetteer review).

    """

    source: str
    annotator: str
    rules: tuple[TypeRule, ...]
    sets: tuple[standoff.AnnotationSet, ...]
    imported: tuple[tuple[str, int], ...]
    mapped_from: tuple[tuple[tuple[str, str], int], ...]
    unmappable: tuple[tuple[tuple[str, str], int], ...]
    filtered: tuple[tuple[str, int], ...]
    dropped: tuple[tuple[str, int], ...]
    articles: tuple[tuple[str, int], ...]
    refused: tuple[tuple[str, str], ...]
    min_confidence: float | None
    loc_names: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class _Source:
    """A source mention in reader-text offsets, before mapping."""

    start: int
    end: int
    type: str
    confidence: float
    identity: str = ""


def _build(
    source: str,
    annotator: str,
    rules: tuple[TypeRule, ...],
    articles: Sequence[Any],
    mentions: Mapping[str, list[_Source]],
    manifest: Mapping[str, Any],
    mapper: Callable[[_Source, str], Mapped],
    provenance: Callable[[Any], dict[str, Any]],
    min_confidence: float | None,
) -> ImportResult:
    imported: Counter[str] = Counter()
    mapped_from: Counter[tuple[str, str]] = Counter()
    unmappable: Counter[tuple[str, str]] = Counter()
    filtered: Counter[str] = Counter()
    dropped: Counter[str] = Counter()
    status: Counter[str] = Counter()
    loc_names: Counter[str] = Counter()
    refused: list[tuple[str, str]] = []
    sets: list[standoff.AnnotationSet] = []
    for article in sorted(articles, key=lambda a: a.id):
        if article.id not in manifest:
            status["not-in-manifest"] += 1
            continue
        if article.licence.category == "non-commercial" or article.licence.id in NON_COMMERCIAL:
            status["non-commercial"] += 1
            refused.append((article.id, f"licence {article.licence.id} is non-commercial"))
            continue
        curated_text = curate_text(article.text, article.title, article.source, article.outlet)
        curated = curated_text.text
        expected = manifest[article.id].get("text_sha256")
        if sha256_text(curated) != expected:
            status["text-version-mismatch"] += 1
            refused.append(
                (
                    article.id,
                    f"curated text sha256 {sha256_text(curated)[:12]}… differs from the manifest's "
                    f"{str(expected)[:12]}…; re-run `conflictnews curate`",
                )
            )
            continue
        status["imported"] += 1
        to_normalised = offset_map(article.text, curated_text.normalised)
        to_curated = curated_text.index_map()
        mapping = [to_curated[j] if j >= 0 else -1 for j in to_normalised]
        kept: list[_Source] = []
        for m in mentions.get(article.id, []):
            if min_confidence is not None and m.confidence < min_confidence:
                filtered[m.type] += 1
            else:
                kept.append(m)
        by_span: dict[tuple[int, int], list[_Source]] = {}
        for m in kept:
            by_span.setdefault((m.start, m.end), []).append(m)
        entities: dict[tuple[int, int, str], standoff.Entity] = {}
        for (start, end), group in sorted(by_span.items()):
            group.sort(key=lambda m: (-m.confidence, m.type))
            if len(group) > 1:
                dropped["double-tagged span (lower confidence dropped)"] += len(group) - 1
            best = group[0]
            span = map_span(article.text, curated, mapping, start, end)
            if span is None:
                if not article.text[start:end].strip():
                    reason = "empty span"
                elif map_span(article.text, curated_text.normalised, to_normalised, start, end) is not None:
                    reason = "in removed boilerplate"
                else:
                    reason = "offset-unmappable"
                dropped[reason] += 1
                continue
            result = mapper(best, article.text)
            if result.label is None:
                unmappable[(best.type, result.reason)] += 1
                continue
            key = (*span, result.label)
            if key in entities:
                dropped["same span and label after mapping"] += 1
                continue
            text = curated[span[0] : span[1]]
            entities[key] = standoff.Entity(
                "", standoff.Span(span[0], span[1], text), result.label, dict(result.attributes)
            )
            imported[result.label] += 1
            mapped_from[(best.type, result.label)] += 1
            if result.label == "LOC":
                loc_names[text] += 1
        numbered = tuple(
            standoff.Entity(f"T{i}", e.span, e.label, e.attributes)
            for i, (_, e) in enumerate(sorted(entities.items()), start=1)
        )
        sets.append(
            standoff.AnnotationSet(
                article_id=article.id,
                text_sha256=expected,
                schema_version=schema.SCHEMA_VERSION,
                guidelines_version=schema.GUIDELINES_VERSION,
                annotator=annotator,
                origin="imported-gold",
                provenance=provenance(article),
                entities=numbered,
            )
        )

    def ordered(counter: Counter[Any]) -> tuple[tuple[Any, int], ...]:
        return tuple(sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0]))))

    return ImportResult(
        source,
        annotator,
        rules,
        tuple(sets),
        ordered(imported),
        ordered(mapped_from),
        ordered(unmappable),
        ordered(filtered),
        ordered(dropped),
        ordered(status),
        tuple(refused),
        min_confidence,
        ordered(loc_names)[:25],
    )


def _common_provenance(source: str, licence_id: str, attribution: str, extra: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "tool": "conflictnews.imported_gold",
        "source": source,
        "mapping_version": MAPPING_VERSION,
        "gazetteer_version": gazetteer.GAZETTEER_VERSION,
        "annotation_licence": licence_id,
        "annotation_attribution": attribution,
        "unannotated_attributes": list(UNANNOTATED_ATTRIBUTES),
        **extra,
    }


def import_re3d(
    manifest: Mapping[str, Any], cache: Path | None = None, *, min_confidence: float = RE3D_MIN_CONFIDENCE
) -> ImportResult:
    """Import re3d's gold entities for the manifest's re3d articles.

    Args:
        manifest: Article id -> manifest record (with ``text_sha256``).
        cache: The verified upstream cache (default: ``conflictnews.corpus.default_cache()``).
        min_confidence: Entities with a lower ``confidence`` are dropped (counted per type).

    Returns:
        The passes and every count (see :class:`ImportResult`).

    """
    result = read_source(RE3D, cache)
    mentions: dict[str, list[_Source]] = {}
    for e in result.extras["entities"]:
        mentions.setdefault(e.article_id, []).append(_Source(e.begin, e.end, e.type, float(e.confidence)))

    def mapper(m: _Source, text: str) -> Mapped:
        return map_re3d(m.type, text[m.start : m.end].strip(), text[m.end : m.end + 2])

    def provenance(article: Any) -> dict[str, Any]:
        return _common_provenance(
            RE3D,
            article.licence.id,
            article.licence.attribution,
            {
                "upstream": f"dstl/re3d {article.attributes.get('folder', '')}/entities.json",
                "upstream_document": article.attributes.get("re3d_id", ""),
                "min_confidence": min_confidence,
            },
        )

    return _build(
        RE3D,
        SOURCES[RE3D].gold_layer,
        RE3D_RULES,
        result.articles,
        mentions,
        manifest,
        mapper,
        provenance,
        min_confidence,
    )


def import_gum(manifest: Mapping[str, Any], cache: Path | None = None) -> ImportResult:
    """Import GUM's gold entities for the manifest's GUM news articles.

    Args:
        manifest: Article id -> manifest record (with ``text_sha256``).
        cache: The verified upstream cache (default: ``conflictnews.corpus.default_cache()``).

    Returns:
        The passes and every count (see :class:`ImportResult`).

    """
    result = read_source(GUM, cache)
    mentions: dict[str, list[_Source]] = {}
    for e in result.extras["entities"]:
        mentions.setdefault(e.article_id, []).append(_Source(e.start, e.end, e.type, 1.0, e.identity))

    def mapper(m: _Source, text: str) -> Mapped:
        return map_gum(m.type, text[m.start : m.end].strip(), m.identity)

    def provenance(article: Any) -> dict[str, Any]:
        return _common_provenance(
            GUM,
            ANNOTATION_LICENCE_ID,
            "GUM corpus (Zeldes 2017), entity layer, CC BY 4.0",
            {
                "upstream": "amir-zeldes/gum tsv entity layer",
                "upstream_document": article.upstream.path if article.upstream else "",
            },
        )

    return _build(
        GUM, SOURCES[GUM].gold_layer, GUM_RULES, result.articles, mentions, manifest, mapper, provenance, None
    )


# --------------------------------------------------------------------------------------------
# Report and writing
# --------------------------------------------------------------------------------------------


def render_report(results: Sequence[ImportResult]) -> str:
    """Return ``annotations/IMPORTED_GOLD.md``: the mapping tables and every count (generated).

    Args:
        results: One result per imported source.

    Returns:
        Markdown text ending in a newline.

    """
    lines = [
        "<!-- Generated by `conflictnews import-gold` from conflictnews/imported_gold.py; do not edit. -->",
        "# Imported gold: re3d and GUM entity layers",
        "",
        f"Mapping version {MAPPING_VERSION}, gazetteer version {gazetteer.GAZETTEER_VERSION}, schema "
        f"{schema.SCHEMA_VERSION}. Origin `imported-gold`. The rules and their order are in the docstring "
        "of `conflictnews/imported_gold.py`; `level` and `gpe_role` are not annotated upstream and are "
        "absent (declared in each file's `provenance.unannotated_attributes`).",
        "",
    ]
    for r in results:
        total = sum(n for _, n in r.imported)
        lines += [f"## {r.source} (annotator `{r.annotator}`)", ""]
        if r.min_confidence is not None:
            lines += [
                f"Confidence threshold: entities with `confidence` < {r.min_confidence} are dropped "
                f"({sum(n for _, n in r.filtered)} in manifest articles).",
                "",
            ]
        lines += ["| articles | count |", "| --- | ---: |", *(f"| {k} | {n} |" for k, n in r.articles), ""]
        for article, reason in r.refused:
            lines.append(f"- refused `{article}`: {reason}")
        if r.refused:
            lines.append("")
        mapped = dict(r.mapped_from)
        unm: Counter[str] = Counter()
        for (t, _), n in r.unmappable:
            unm[t] += n
        filt = dict(r.filtered)
        lines += [
            "| source type | schema type(s) | rule | imported | unmappable | below threshold |",
            "| --- | --- | --- | ---: | ---: | ---: |",
        ]
        for rule in r.rules:
            got = ", ".join(f"{label} {n}" for (t, label), n in sorted(mapped.items()) if t == rule.source_type)
            lines.append(
                f"| {rule.source_type} | {', '.join(rule.targets) or '—'} | {rule.rule} | {got or 0} | "
                f"{unm.get(rule.source_type, 0)} | {filt.get(rule.source_type, 0)} |"
            )
        by_label = sorted(r.imported, key=lambda kv: schema.ENTITY_LABELS.index(kv[0]))
        lines += ["", f"Imported mentions: {total} (" + ", ".join(f"{label} {n}" for label, n in by_label) + ").", ""]
        if r.unmappable:
            reasons = "; ".join(f"{t} ({why}) {n}" for (t, why), n in r.unmappable)
            lines += [f"Unmappable, by reason: {reasons}.", ""]
        if r.dropped:
            lines += ["Other drops: " + "; ".join(f"{why} {n}" for why, n in r.dropped) + ".", ""]
        if r.loc_names:
            lines += [
                "Most frequent LOC mentions (check the gazetteer for missed GPEs): "
                + ", ".join(f"{text!r} {n}" for text, n in r.loc_names)
                + ".",
                "",
            ]
    return "\n".join(lines).rstrip("\n") + "\n"


def validate_results(
    results: Sequence[ImportResult], texts: Mapping[str, str], manifest: Mapping[str, Any]
) -> list[Any]:
    """Validate every imported pass against its curated text and the manifest.

    Args:
        results: The import results.
        texts: Article id -> curated text.
        manifest: Article id -> manifest record.

    Returns:
        The validator's problems (none expected).

    """
    return validate_sets([s for r in results for s in r.sets], texts=texts, manifest=manifest)


def curated_texts(results: Sequence[ImportResult], cache: Path | None = None) -> dict[str, str]:
    """Return the curated text of every imported article (reader text and title through curation's rules).

    Args:
        results: The import results (their articles are the ones rebuilt).
        cache: The upstream cache.

    Returns:
        Article id -> curated text.

    """
    wanted = {s.article_id for r in results for s in r.sets}
    texts: dict[str, str] = {}
    for source in sorted({r.source for r in results}):
        for article in read_source(source, cache).articles:
            if article.id in wanted:
                texts[article.id] = curate_text(article.text, article.title, article.source, article.outlet).text
    return texts


def import_gold(
    manifest: Mapping[str, Any],
    *,
    sources: Sequence[str] = IMPORTABLE,
    cache: Path | None = None,
    out: Path | None = None,
    min_confidence: float = RE3D_MIN_CONFIDENCE,
) -> tuple[list[ImportResult], list[Any]]:
    """Import the chosen sources, validate, and (when ``out`` is given and no error is found) write.

    Writes ``<out>/gold/<article>/<annotator>.json`` for every pass and ``<out>/IMPORTED_GOLD.md``.
    Nothing is written when the validator reports an error.

    Args:
        manifest: Article id -> manifest record.
        sources: ``re3d`` and/or ``gum-news``.
        cache: The upstream cache.
        out: The annotations folder, or None to write nothing.
        min_confidence: re3d threshold.

    Returns:
        The results and the validator's problems.

    Raises:
        ValueError: For an unknown source.

    """
    unknown = sorted(set(sources) - set(IMPORTABLE))
    if unknown:
        raise ValueError(f"unknown import source(s) {unknown}; known: {', '.join(IMPORTABLE)}")
    results = []
    if RE3D in sources:
        results.append(import_re3d(manifest, cache, min_confidence=min_confidence))
    if GUM in sources:
        results.append(import_gum(manifest, cache))
    problems = validate_results(results, curated_texts(results, cache), manifest)
    if out is not None and not any(p.severity == "error" for p in problems):
        standoff.write([s for r in results for s in r.sets], out)
        prune_stale(results, out)
        (out / "IMPORTED_GOLD.md").write_text(render_report(results), encoding="utf-8")
    return results, problems


def prune_stale(results: Sequence[ImportResult], out: Path) -> list[Path]:
    """Remove imported passes of this run's annotators for articles the run no longer imports.

    An article that left the manifest (curation now drops it) keeps no imported pass behind: the
    pass is regenerated from upstream whenever the article returns. Only files whose JSON says
    origin ``imported-gold`` and one of the run's annotators are touched; refused articles keep
    theirs (the validator then reports the mismatch).

    Returns:
        The removed files.

    """
    removed: list[Path] = []
    for result in results:
        keep = {s.article_id for s in result.sets} | {article for article, _ in result.refused}
        removed += standoff.remove_passes(out / "gold", result.annotator, "imported-gold", keep)
    return removed
