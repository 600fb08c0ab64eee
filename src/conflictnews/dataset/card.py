"""The dataset card, the Croissant metadata and the DATASHEET's generated counts.

Stage: dataset build (documentation). Input: the build's ``info`` (versions, examples per split,
counts from :func:`corpus_counts`), the manifest records, the ``Features`` of
:mod:`conflictnews.dataset.features` and the licence catalogue. Output: ``README.md`` (YAML front matter
generated from the same ``Features`` that wrote the parquet, then the prose card),
``croissant.json`` (Croissant 1.0 with the RAI fields that apply) and the counts section of
``DATASHEET.md`` between its ``BEGIN/END GENERATED: counts`` markers. No label list is written by
hand: field tables and class names come from the ``Features``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from conflictnews import schema
from conflictnews.annotation import standoff
from conflictnews.annotation.passes import covered_layers, designated_pass, read_passes
from conflictnews.dataset.features import CONFIGS, features
from conflictnews.io import read_manifest
from conflictnews.schema import LAYERS
from conflictnews.sources.licences import LICENCES

SPLITS = ("train", "validation", "test")
#: Licence of the annotations made for ConflictNews (manual and model passes). Imported gold keeps
#: its own (recorded per pass in ``provenance.annotation_licence``).
ANNOTATION_LICENCE = "CC-BY-4.0"
BEGIN = "<!-- BEGIN GENERATED: counts (conflictnews datasheet; do not edit by hand) -->"
END = "<!-- END GENERATED: counts -->"
CITATION = """\
@misc{conflictnews,
  title  = {ConflictNews: an open annotated corpus of conflict news (entities, events, holder-specific stances)},
  author = {{ConflictNews developers}},
  note   = {Dataset, schema version %s},
}"""
SOURCE_CITATIONS = (
    "FA-KES: F. K. Abu Salem, R. Al Feel, S. Elbassuoni, M. Jaber, M. Farah. FA-KES: A Fake News Dataset around "
    "the Syrian War. ICWSM 2019 (Zenodo doi 10.5281/zenodo.2607278).",
    "re3d: Dstl, Relationship and Entity Extraction Evaluation Dataset (github.com/dstl/re3d), 2017.",
    "GUM: A. Zeldes, The GUM Corpus: Creating Multilayer Resources in the Classroom. Language Resources and "
    "Evaluation 51(3), 2017.",
)

CONFIG_DESCRIPTIONS: dict[str, str] = {
    "documents": "one row per article (genres news and official-statement): provenance, text, sentences, tokens "
    "with character spans, every layer of the designated pass, status per layer, annotators, split",
    "snippets": "the short-item genre (Wikipedia current-events portal items, CENTCOM release days), same fields "
    "as documents",
    "entities": "one row per sentence of an article whose entity layer is annotated: tokens, BIO `ner_tags`, "
    "every entity span (nested ones included)",
    "events": "one row per event: sentence context, trigger span, `event_type`, arguments with `role`, attributes",
    "event_triggers": "one row per sentence of an article whose event layer is annotated: tokens and BIO "
    "`trigger_tags` (trigger detection)",
    "stances": "one row per stance: holder, target, `label`, `basis`, evidence and cue spans",
    "raw_annotations": "every annotator pass before adjudication (gold and silver), for agreement studies",
}


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _class_labels(feature: Any, path: str = "") -> list[tuple[str, list[str]]]:
    """Return (dotted field path, names) for every ClassLabel inside ``feature``."""
    import datasets

    out: list[tuple[str, list[str]]] = []
    if isinstance(feature, datasets.ClassLabel):
        out.append((path, list(feature.names)))
    elif isinstance(feature, dict):
        for key, sub in feature.items():
            out += _class_labels(sub, f"{path}.{key}" if path else key)
    elif isinstance(feature, (datasets.List, datasets.Sequence)):
        out += _class_labels(feature.feature, f"{path}[]")
    return out


def _licence_rows(manifest: Sequence[Mapping[str, Any]]) -> list[tuple[str, str, str, int, str]]:
    counts = Counter((str(r["source"]), str(r["licence"])) for r in manifest)
    rows = []
    for (source, lic_id), n in sorted(counts.items()):
        lic = LICENCES.get(lic_id)
        rows.append((source, lic_id, lic.category if lic else "unknown", n, lic.url if lic else ""))
    return rows


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _split_table(first: str, node: Mapping[str, Mapping[str, int]]) -> str:
    rows = []
    for key in sorted(node):
        per = [node[key].get(s, 0) for s in SPLITS]
        rows.append([f"`{key}`", *(f"{n:,}" for n in per), f"{sum(per):,}"])
    totals = [sum(node[k].get(s, 0) for k in node) for s in SPLITS]
    rows.append(["**total**", *(f"{n:,}" for n in totals), f"{sum(totals):,}"])
    return _table([first, *SPLITS, "total"], rows)


# --------------------------------------------------------------------------------------------
# README.md (the card)
# --------------------------------------------------------------------------------------------


def present_configs(examples: Mapping[str, Mapping[str, int]]) -> list[str]:
    """Return the configs with at least one row, in card order (only they get data files)."""
    return [c for c in CONFIGS if any(examples.get(c, {}).values())]


def card_yaml(licence_ids: Sequence[str], examples: Mapping[str, Mapping[str, int]]) -> str:
    """Return the card's YAML: configs with data files and ``dataset_info`` from the ``Features``.

    Only configs and splits with rows are listed: ``datasets`` 5.2 refuses a split without data.
    """
    from datasets.info import DatasetInfo, DatasetInfosDict
    from datasets.utils.metadata import MetadataConfigs
    from huggingface_hub import DatasetCardData

    data = DatasetCardData(
        language=["en"],
        license="other",
        license_name="conflictnews-mixed",
        license_details="Per source; see the Licences section. " + ", ".join(licence_ids),
        pretty_name="ConflictNews",
        task_categories=["token-classification", "text-classification"],
        task_ids=["named-entity-recognition"],
        tags=["events", "stance", "conflict", "news"],
        annotations_creators=["machine-generated", "expert-generated"],
        language_creators=["found"],
        multilinguality=["monolingual"],
        source_datasets=["original"],
    )
    feats = features()
    present = present_configs(examples)
    DatasetInfosDict({c: DatasetInfo(features=feats[c], config_name=c) for c in present}).to_dataset_card_data(data)
    MetadataConfigs(
        {
            c: {
                "data_files": [{"split": s, "path": f"{c}/{s}-*.parquet"} for s in SPLITS if examples[c][s]],
                **({"default": True} if c == "documents" else {}),
            }
            for c in present
        }
    ).to_dataset_card_data(data)
    return data.to_yaml()


def _silver_quality_lines(quality: Mapping[str, Any]) -> list[str]:
    """Return the card's sentences on how good the silver layer is against gold (none without overlap)."""
    if not quality:
        return ["   No article has both a gold and a silver pass, so the silver layer's quality is not measured."]
    lines = [
        "   **Silver quality**, scored by the official scorer against the gold passes of the articles that "
        "have both (all splits; entity gold is imported gold, whose conventions differ from the guidelines'):"
    ]
    for model, layers in sorted(quality.items()):
        for layer, figures in sorted(layers.items()):
            metrics = ", ".join(
                f"{name} P {100 * v['precision']:.1f} / R {100 * v['recall']:.1f} / F1 {100 * v['f1']:.1f}"
                for name, v in figures.items()
                if name != "documents"
            )
            lines.append(f"   `{model}` on {layer} ({figures['documents']} articles): {metrics}.")
    return lines


def render_card(info: Mapping[str, Any], manifest: Sequence[Mapping[str, Any]]) -> str:
    """Return ``README.md`` for a build: generated YAML, then the prose card.

    Args:
        info: The build info (versions, ``examples``, ``counts``, ``include_silver``).
        manifest: The manifest records (for the licence table).

    Returns:
        The whole card text.

    """
    licence_rows = _licence_rows(manifest)
    examples = info["examples"]
    yaml = card_yaml(sorted({row[1] for row in licence_rows}), examples)
    absent = [c for c in CONFIGS if c not in present_configs(examples)]
    feats = features()
    label_lines = []
    for config in CONFIGS:
        for path, names in _class_labels(feats[config]):
            if config in ("documents", "entities", "event_triggers", "stances") or path in ("origin",):
                label_lines.append(
                    f"| {config} | `{path}` | {len(names)} | {', '.join(names[:12])}{' …' if len(names) > 12 else ''} |"
                )
    notes = sorted(
        {
            (lic_id, LICENCES[lic_id].notes)
            for _, lic_id, *_ in licence_rows
            if lic_id in LICENCES and LICENCES[lic_id].notes
        }
    )
    parts = [
        "---",
        yaml.rstrip(),
        "---",
        "",
        "<!-- Generated by `conflictnews build` from schema.py and the build; do not edit by hand. -->",
        "",
        "# ConflictNews",
        "",
        "An open corpus of conflict news (the Syrian war and related conflicts) annotated with entities, events "
        "with arguments and attributes, holder-specific stances and relations, under one schema "
        f"(schema {info['schema_version']}, guidelines {info['guidelines_version']}, "
        f"segmentation {info['segmentation_version']}, build format {info['build_format']}).",
        "",
        "## Configs and splits",
        "",
        _table(
            ["config", "what a row is", *SPLITS],
            [[f"`{c}`", CONFIG_DESCRIPTIONS[c], *(f"{examples[c][s]:,}" for s in SPLITS)] for c in CONFIGS],
        ),
        "",
        *(
            [
                f"Empty in this build (no annotated rows yet, so no data files and not loadable): "
                f"{', '.join(f'`{c}`' for c in absent)}. A split with 0 rows has no file either.",
                "",
            ]
            if absent
            else ["A split with 0 rows has no data file (datasets refuses empty splits).", ""]
        ),
        "Splits come from the corpus manifest: a salted hash of each article's near-duplicate cluster, so near "
        "duplicates never straddle splits.",
        "",
        "## Gold and silver are never mixed silently",
        "",
        "Each article has at most one *designated* annotation pass, used by every config except "
        "`raw_annotations`: an adjudicated gold pass if there is one, else the gold pass whose origin comes first "
        "(manual, reviewed-prediction, imported-gold; then annotator id); a silver (model) pass only where no gold "
        "pass exists" + ("" if info.get("include_silver") else " — this build excludes silver altogether") + ". "
        "Layers never mix passes. Every `documents`/`snippets` row has `annotation_tier` and "
        f"`annotation_status` per layer ({', '.join(LAYERS)}: gold / silver / none); every layer-config row has "
        "`tier`. **Filter on them**, as every example below does. Status `none` means *not annotated*, not *no "
        "entities*: never train on an unannotated layer as if it were negative.",
        "",
        "## Loading",
        "",
        "```python",
        'import os; os.environ.setdefault("HF_HUB_OFFLINE", "1")',
        "from datasets import load_dataset",
        'path = "dist/conflictnews"  # this folder',
        "docs = load_dataset(path)                      # default config: documents",
        'GOLD = docs["train"].features["annotation_tier"].str2int("gold")',
        'gold_docs = docs["train"].filter(lambda r: r["annotation_tier"] == GOLD)',
        'ents = load_dataset(path, "entities", split="train")',
        'ents = ents.filter(lambda r: r["tier"] == GOLD)   # CoNLL-like rows: tokens + ner_tags',
        'tags = ents.features["ner_tags"].feature           # ClassLabel: O, B-PER, I-PER, ...',
        'events = load_dataset(path, "events", split="train").filter(lambda r: r["tier"] == GOLD)',
        'events.features["event_type"].int2str(events[0]["event_type"]) if len(events) else None',
        'triggers = load_dataset(path, "event_triggers", split="train").filter(lambda r: r["tier"] == GOLD)',
        'stances = load_dataset(path, "stances", split="test").filter(lambda r: r["tier"] == GOLD)',
        'snips = load_dataset(path, "snippets", split="train")',
        'snips = snips.filter(lambda r: r["annotation_status"]["entities"] == GOLD)',
        'raw = load_dataset(path, "raw_annotations", split="train")   # every pass; `tier` per row',
        "```",
        "",
        "Offsets everywhere are Python code points into the article `text` (end exclusive); sentence-level rows "
        "carry `sentence` and `sentence_start` (sentence offset = offset − `sentence_start`). Labels are "
        "`ClassLabel`s whose names come from `schema.py` in declared order; attribute values absent from a pass "
        "are null.",
        "",
        "| config | field | classes | names |",
        "|---|---|---|---|",
        *label_lines,
        "",
        "## How it was made",
        "",
        "1. **Collection.** Pinned upstream files (sha256-verified) of FA-KES, re3d, GUM news, Wikinews, the "
        "Wikipedia current-events portal, CENTCOM release days and White House statements are read by one reader "
        "per source.",
        "2. **Curation.** Texts are normalised (the headline on top of the body, outlet boilerplate removed by "
        "named rules recorded per article), filtered (length, language, conflict relevance, licence policy), "
        "near-deduplicated and split (`conflictnews curate`); Wikinews and GUM relevance is decided by an AI "
        "annotator's reading of each article (`corpus/relevance_reviews.jsonl`), the rest by construction or "
        "a keyword lexicon; the manifest records provenance, checksums, "
        "counts, relevance, cluster and split, never the text; texts are rebuilt from the pinned files.",
        "3. **Annotation.** Gold passes are `manual` (AI language-model annotators following the written "
        "guidelines, `annotations/GUIDELINES.md`), `reviewed-prediction` or `imported-gold` (re3d's Dstl entity "
        "layer and GUM's entity layer mapped to this schema; they keep their origin and licence in "
        "`provenance`). Silver passes are unreviewed model output. No human reviewed the `manual` passes unless "
        "a pass's provenance says so.",
        *_silver_quality_lines(info.get("silver_quality") or {}),
        "4. **Build.** Every annotation file is validated against the manifest and the texts; every span is "
        "re-checked; rows are sorted and written as fixed parquet shards; `checksums.sha256` and "
        "`build_info.json` record sha256, bytes and examples per file (`conflictnews build --verify`).",
        "",
        "Segmentation (stdlib regex, exact offsets): tokens are `\\w+` runs or single other non-space characters, "
        "also cut at every annotated span boundary; sentences break at line breaks and after `.`/`!`/`?` before "
        "an upper-case letter, digit or opening quote, except after single letters and a list of abbreviations; "
        "sentences that an annotated span would cross are merged. BIO tags: among overlapping spans the longest "
        "wins; nested spans remain in the span lists only.",
        "",
        "## Licences",
        "",
        "Text licences per source subset (the `licence` field of every row says which applies):",
        "",
        _table(["source", "licence", "class", "articles", "licence text"], licence_rows),
        "",
        *(f"- `{lic_id}`: {note}" for lic_id, note in notes),
        "",
        f"Annotations made for ConflictNews: {ANNOTATION_LICENCE}. Imported gold keeps its own licence "
        "(`provenance.annotation_licence` in `raw_annotations.provenance_json`). Non-commercial material (re3d's "
        "BBC Online folder) is excluded from this release by the curation policy. A derivative of share-alike "
        "text (Wikipedia portal items, CC BY-SA) must stay share-alike.",
        "",
        "## Known limitations",
        "",
        "- Most articles are not annotated yet (`annotation_status` none); the gold that exists is small and "
        "much of it is entity-only imported gold.",
        "- `manual` passes were made by AI language-model annotators, not by people; treat scores against them "
        "with that in mind. Silver is unreviewed model output.",
        "- FA-KES texts were written by the outlets named per article; the deposit's CC BY 4.0 does not transfer "
        "their copyright (licence class `unclear`). FA-KES's `credibility` label is the dataset authors' and "
        "marks articles they judged fake: those texts are kept, not corrected.",
        "- Sources are English and Syria-heavy; the outlets, governments and military press offices have "
        "their own viewpoints, which the text keeps.",
        "- Sentence splitting and tokenisation are rule-based; the rules are stated above and versioned.",
        "",
        "## Citation",
        "",
        "```bibtex",
        CITATION % info["schema_version"],
        "```",
        "",
        "Please also cite the sources whose text or annotations you use:",
        "",
        *(f"- {c}" for c in SOURCE_CITATIONS),
        "",
        "See `DATASHEET.md` in the project for the full datasheet (Gebru et al.) and `croissant.json` here for "
        "Croissant metadata.",
        "",
    ]
    return "\n".join(parts)


# --------------------------------------------------------------------------------------------
# croissant.json
# --------------------------------------------------------------------------------------------

_CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
    "samplingRate": "cr:samplingRate",
    "equivalentProperty": "cr:equivalentProperty",
}


def _croissant_field(config: str, name: str, feature: Any, column: str, json_path: str | None) -> dict[str, Any]:
    """Return a Croissant field for one feature (sub-fields for structs, ``repeated`` for lists)."""
    import datasets

    repeated = False
    while isinstance(feature, (datasets.List, datasets.Sequence)):
        repeated, feature = True, feature.feature
    field_id = f"{config}/{column}" + (f"/{json_path}" if json_path else "")
    source: dict[str, Any] = {"fileSet": {"@id": f"{config}-parquet"}, "extract": {"column": column}}
    if json_path:
        source["transform"] = {"jsonPath": json_path}
    out: dict[str, Any] = {"@type": "cr:Field", "@id": field_id, "name": name, "source": source}
    if isinstance(feature, dict):
        out["subField"] = [
            _croissant_field(config, key, sub, column, f"{json_path}.{key}" if json_path else key)
            for key, sub in feature.items()
        ]
        out["description"] = f"A struct with {', '.join(feature)}."
    elif isinstance(feature, datasets.ClassLabel):
        out["dataType"] = "sc:Integer"
        out["description"] = "ClassLabel id; names in order: " + ", ".join(feature.names)
    else:
        dtype = feature.dtype
        out["dataType"] = {"string": "sc:Text", "bool": "sc:Boolean"}.get(
            dtype, "sc:Float" if dtype.startswith("float") else "sc:Integer"
        )
    if repeated:
        out["repeated"] = True
    return out


def croissant(info: Mapping[str, Any], manifest: Sequence[Mapping[str, Any]], data_files: Mapping[str, str]) -> str:
    """Return ``croissant.json`` (Croissant 1.0 + RAI) for a build.

    Args:
        info: The build info.
        manifest: The manifest records (licences, dates).
        data_files: Relative parquet path -> sha256.

    Returns:
        The JSON-LD text (sorted keys, 2-space indent, final newline).

    """
    feats = features()
    licence_urls = sorted({LICENCES[r["licence"]].url for r in manifest if r["licence"] in LICENCES})
    dates = sorted(str(r["date"]) for r in manifest if r.get("date"))
    distribution: list[dict[str, Any]] = [
        {
            "@type": "cr:FileObject",
            "@id": path,
            "name": path,
            "contentUrl": path,
            "encodingFormat": "application/x-parquet",
            "sha256": digest,
        }
        for path, digest in sorted(data_files.items())
    ]
    distribution += [
        {
            "@type": "cr:FileSet",
            "@id": f"{c}-parquet",
            "name": f"{c}-parquet",
            "encodingFormat": "application/x-parquet",
            "includes": f"{c}/*.parquet",
        }
        for c in CONFIGS
    ]
    present = present_configs(info["examples"])
    distribution = [d for d in distribution if d["@type"] != "cr:FileSet" or d["name"][:-8] in present]
    record_sets = [
        {
            "@type": "cr:RecordSet",
            "@id": c,
            "name": c,
            "description": CONFIG_DESCRIPTIONS[c],
            "field": [_croissant_field(c, name, f, name, None) for name, f in feats[c].items()],
        }
        for c in present
    ]
    doc = {
        "@context": _CONTEXT,
        "@type": "sc:Dataset",
        "name": "ConflictNews",
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "description": "Conflict news annotated with entities, events (arguments, attributes), holder-specific "
        "stances and relations; typed multi-config parquet built by `conflictnews build`.",
        "url": "https://github.com/conflictnews/conflictnews",
        "version": f"{schema.SCHEMA_VERSION}",
        "license": licence_urls,
        "citeAs": CITATION % info["schema_version"],
        "inLanguage": "en",
        "keywords": ["conflict", "news", "event extraction", "named entity recognition", "stance"],
        "creator": {"@type": "sc:Organization", "name": "ConflictNews developers"},
        "temporalCoverage": f"{dates[0]}/{dates[-1]}" if dates else "",
        "distribution": distribution,
        "recordSet": record_sets,
        "rai:dataCollection": "Pinned public upstream files (FA-KES, re3d, GUM news, Wikinews, Wikipedia "
        "current-events portal, CENTCOM release days, White House statements), read by one "
        "reader per source and verified by sha256.",
        "rai:dataCollectionType": ["Secondary Data Analysis", "Web Scraping"],
        "rai:dataPreprocessingProtocol": [
            "Unicode normalisation; headline put on top of the body; outlet boilerplate removed by named "
            "rules recorded per article; length, language, conflict-relevance and licence "
            "filters; near-duplicate clustering; split by salted hash of the cluster.",
            "Rule-based tokenisation and sentence splitting with exact offsets.",
        ],
        "rai:dataAnnotationProtocol": [
            "Written guidelines (annotations/GUIDELINES.md) generated with the schema; "
            "one standoff file per article and annotator pass, validated before use."
        ],
        "rai:dataAnnotationPlatform": ["Label Studio (local server)", "quote-based pass files (conflictnews annotate)"],
        "rai:annotationsPerItem": "Zero or more passes per article; the designated pass is stated per row; "
        "raw_annotations holds every pass.",
        "rai:annotatorDemographics": [
            "Manual passes were made by AI language-model annotators following the "
            "guidelines; imported gold by the re3d (Dstl) and GUM annotators."
        ],
        "rai:machineAnnotationTools": ["Silver passes: model pre-annotation, unreviewed (origin `model`)."],
        "rai:dataLimitations": [
            "Most articles are not annotated; gold is small and partly entity-only.",
            "FA-KES texts are third-party outlet text whose copyright the deposit does not transfer.",
        ],
        "rai:dataBiases": [
            "English, Syria-heavy sources; official and military press releases present their "
            "issuers' viewpoints; FA-KES includes articles its authors judged fake."
        ],
        "rai:dataUseCases": [
            "Training and evaluating entity, event and stance extraction on conflict news.",
            "Not for attributing guilt to real people or groups, or for targeting.",
        ],
        "rai:dataSocialImpact": "Conflict event data informs research and humanitarian monitoring; extraction "
        "errors can misattribute violence, so outputs need human checking.",
        "rai:personalSensitiveInformation": [
            "Names of public figures and of victims as reported in published news; no private data was collected."
        ],
        "rai:dataReleaseMaintenancePlan": "Versioned by schema, guidelines and build format; rebuilt "
        "byte-identically from the pinned manifest (conflictnews build --verify).",
    }
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------------------------
# DATASHEET.md counts
# --------------------------------------------------------------------------------------------


def render_counts(counts: Mapping[str, Any]) -> str:
    """Return the markdown of the DATASHEET's generated counts section (without the markers)."""
    sections = [
        ("Articles per genre", "genre", counts.get("articles", {})),
        ("Articles per source", "source", counts.get("sources", {})),
        ("Articles per text licence", "licence", counts.get("licences", {})),
        ("Annotation passes per origin", "origin", counts.get("passes", {})),
        ("Annotations in the designated passes", "layer (tier)", counts.get("annotations", {})),
        ("Rows per config (configs that do not depend on sentence splitting)", "config", counts.get("rows", {})),
    ]
    parts = []
    for title, first, node in sections:
        parts += [f"**{title}**", "", _split_table(first, node) if node else "_none yet_", ""]
    status = counts.get("layer_status", {})
    rows = []
    for layer in LAYERS:
        per = status.get(layer, {})
        rows.append([layer, *(f"{sum(per.get(t, {}).values()):,}" for t in schema.ANNOTATION_STATUS)])
    parts += [
        "**Articles by annotation status of the designated pass, per layer**",
        "",
        _table(["layer", *schema.ANNOTATION_STATUS], rows),
        "",
    ]
    return "\n".join(parts).rstrip() + "\n"


def replace_counts(datasheet: str, counts: Mapping[str, Any]) -> str:
    """Return ``datasheet`` with the text between the markers replaced by :func:`render_counts`.

    Raises:
        ValueError: When the markers are missing.

    """
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.S)
    if not pattern.search(datasheet):
        raise ValueError(f"DATASHEET markers not found; expected a line {BEGIN!r} and a line {END!r}")
    return pattern.sub(lambda _m: f"{BEGIN}\n{render_counts(counts)}{END}", datasheet, count=1)


def datasheet_counts(manifest_path: Path, annotations_root: Path, *, include_silver: bool = True) -> dict[str, Any]:
    """Compute the DATASHEET counts from a manifest file and an annotations folder (no text needed).

    Silver passes the working tree lacks are read from the committed packs, so the counts are those
    of the build ``make all`` makes, on a fresh clone as after a run.
    """
    passes = read_passes(annotations_root, include_silver=include_silver, packs=True)
    return corpus_counts(read_manifest(manifest_path), passes)


def update_datasheet(path: Path, counts: Mapping[str, Any], *, check: bool = False) -> bool:
    """Rewrite (or, with ``check``, only compare) the counts section of ``path``.

    Returns:
        True when the section was stale (and, without ``check``, has been rewritten).

    """
    text = path.read_text(encoding="utf-8")
    new = replace_counts(text, counts)
    if new != text and not check:
        path.write_text(new, encoding="utf-8")
    return new != text


def corpus_counts(
    manifest: Sequence[Mapping[str, Any]], passes: Mapping[str, Sequence[standoff.AnnotationSet]]
) -> dict[str, Any]:
    """Count articles, passes and annotations per split, computed without the texts.

    The ``rows`` part equals the build's examples for the configs that do not depend on
    sentence splitting (``documents``, ``snippets``, ``events``, ``stances``,
    ``raw_annotations``); a test checks that equality on the fixture build.

    Args:
        manifest: Manifest records.
        passes: Article id -> passes (as used by the build).

    Returns:
        A JSON-ready dict (sorted keys when dumped).

    """

    def tally(key: str, *parts: str) -> None:
        node = counts.setdefault(key, {})
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = node.get(parts[-1], 0) + 1

    counts: dict[str, Any] = {}
    for record in sorted(manifest, key=lambda r: r["id"]):
        split, genre = str(record["split"]), str(record["genre"])
        tally("articles", genre, split)
        tally("sources", str(record["source"]), split)
        tally("licences", str(record["licence"]), split)
        article_passes = passes.get(str(record["id"]), ())
        chosen = designated_pass(article_passes)
        covered = covered_layers(chosen) if chosen else ()
        tally("rows", "snippets" if genre == "snippet" else "documents", split)
        for p in article_passes:
            tally("passes", p.origin, split)
            tally("rows", "raw_annotations", split)
        for layer in LAYERS:
            tally("layer_status", layer, chosen.tier if chosen and layer in covered else "none", split)
        if chosen is None:
            continue
        for layer in LAYERS:
            if layer in covered:
                for _ in getattr(chosen, layer):
                    tally("annotations", f"{layer} ({chosen.tier})", split)
        for config in ("events", "stances"):
            if config in covered:
                for _ in getattr(chosen, config):
                    tally("rows", config, split)
    return counts
