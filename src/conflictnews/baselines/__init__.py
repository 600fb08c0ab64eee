"""Baselines for the ConflictNews benchmark: a registry, one module per family, a runner, the results table.

Stage: benchmark. Input: the built dataset folder (gold train/validation/test per layer). Output:
``baselines/results/<name>.json`` per run and ``baselines/RESULTS.md`` + ``baselines/plots/``.
"""
