"""Which pass of an article the dataset uses: adjudicated gold first, then origin order, never silver over gold."""

from __future__ import annotations

import dataclasses

from conflictnews.annotation.passes import covered_layers, designated_pass
from tests.evaluation.test_scoring import RUSSIA, ent, pas


def test_the_adjudicated_pass_wins_over_the_blind_passes_and_imported_gold() -> None:
    blind_a = pas(ent("T1", *RUSSIA, "GPE"), annotator="ai-a")
    blind_b = pas(ent("T1", *RUSSIA, "GPE"), annotator="ai-b")
    imported = pas(ent("T1", *RUSSIA, "GPE"), annotator="dstl-re3d", origin="imported-gold")
    adjudicated = pas(ent("T1", *RUSSIA, "GPE"), annotator="ai-adjudicator", origin="adjudicated")
    silver = pas(ent("T1", *RUSSIA, "GPE"), annotator="rules", origin="model")
    assert designated_pass([silver, imported, blind_b, blind_a, adjudicated]) is adjudicated
    assert adjudicated.tier == "gold"
    assert designated_pass([silver, imported, blind_b, blind_a]) is blind_a  # manual before imported, then id
    assert designated_pass([silver, imported]) is imported
    assert designated_pass([silver]) is silver


def test_imported_gold_covers_only_its_layers_and_a_full_pass_covers_all() -> None:
    imported = pas(ent("T1", *RUSSIA, "GPE"), annotator="dstl-re3d", origin="imported-gold")
    assert covered_layers(imported) == ("entities",)
    assert covered_layers(dataclasses.replace(imported, origin="adjudicated")) == (
        "entities",
        "events",
        "stances",
        "relations",
    )
