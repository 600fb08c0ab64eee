"""Annotation: the standoff format, its validator, and every way a pass is written or read.

Stage: annotation. Input: manifest articles and their texts; passes written by quoting, exported
from Label Studio, imported from upstream gold, or predicted. Output: standoff JSON files under
``annotations/{gold,silver}/<article id>/<annotator>.json`` and the committed silver packs.

Modules: :mod:`.standoff` (records and files), :mod:`.passes` (reading and designating passes),
:mod:`.silver_pack` (the committed, text-free silver layer), :mod:`.validate` (the check
catalogue), :mod:`.quotes` (``conflictnews annotate``), :mod:`.guidelines` (the manual's generated
tables), :mod:`.imported_gold` and :mod:`.gazetteer` (re3d's and GUM's gold layers). Nothing here
scores: scoring is :mod:`conflictnews.evaluation`.
"""
