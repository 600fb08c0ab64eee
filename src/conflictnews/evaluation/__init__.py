"""Evaluation: the official scorer, inter-annotator agreement and the silver layer's quality.

Stage: evaluation. Input: gold and predicted passes (standoff files, a built dataset folder, or
in memory). Output: per-layer metrics with bootstrap intervals, agreement tables, silver-vs-gold
figures for the card.

Modules: :mod:`.scoring`, :mod:`.agreement`, :mod:`.silver_quality`.
"""
