"""Published scores of the anchor corpora, shown beside the baselines for context only.

Stage: benchmark (results table). Input: none. Output: :data:`ANCHORS`, copied from
``shared/research/anchors_corpora.md`` §2 with its verification marks: "[V]" means the number was
seen in the cited source, "unverified" that it was recalled, not checked. These are other
corpora's scores on other data, splits and metrics: they are context, never a comparison, and the
results table says so. Our own ceiling is the inter-annotator agreement row.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Anchor:
    """One published score."""

    layer: str
    dataset: str
    metric: str
    score: float
    source: str


ANCHORS: tuple[Anchor, ...] = (
    Anchor("entities", "CoNLL-2003", "entity F1", 93.5, "NLP-progress NER table [V]"),
    Anchor("entities", "OntoNotes 5", "entity F1", 89.71, "Flair, NLP-progress [V]"),
    Anchor("entities", "OntoNotes 5", "entity F1", 84.97, "spaCy en_core_web_md meta [V]"),
    Anchor("entities", "ACE05 NER", "entity F1", 83.5, "PURE reproduced by a user, princeton-nlp/PURE#6 [V]"),
    Anchor("events", "ACE05", "Trig-C F1", 70.1, "single RoBERTa run, JasonGuojz README [V]"),
    Anchor("events", "ACE05-E", "Trig-C F1", 74.0, "OneIE/DEGREE/TagPrime range 74-78 (unverified)"),
    Anchor("events", "CASE 2021 Task 2", "weighted F1 (snippet classification)", 83.9, "[V CASE21-T2]"),
    Anchor("arguments", "ACE05-E+", "Arg-C F1 (end to end)", 56.3, "DEGREE paper; user got 54.94, DEGREE#10 [V]"),
    Anchor("arguments", "ACE05", "Arg-C F1 (gold triggers)", 73.82, "DEGREE-EAE re-evaluated, DEGREE#5 [V]"),
    Anchor("arguments", "WikiEvents", "Arg-C F1", 62.4, "BART-Gen reproduced by PAIE, PAIE#11 [V]"),
    Anchor("stances", "SemEval-2016 T6 (task A)", "mean F(favor), F(against)", 67.82, "[V SE16]"),
    Anchor("stances", "P-Stance", "macro-F1", 80.53, "BERTweet [V PSTANCE]"),
    Anchor("stances", "VAST", "macro-F1", 66.0, "TGA-Net (unverified)"),
)
