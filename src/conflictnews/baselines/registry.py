"""The baseline registry: every baseline a name, a task and a ``fit``/``predict`` pair.

Stage: benchmark. Input: nothing (modules register their classes on import). Output: lookups
by name with a "did you mean" for typos (lm-eval's registry pattern).

A baseline is a class with ``fit(train, validation)`` and ``predict(docs) -> {article id: pass}``
over :class:`~conflictnews.baselines.data.Doc` lists. ``task`` says which layer it learns and which
metric layers of the official scorer it is judged on; ``given`` says which gold layers it reads
at prediction time (for example stance labelling given gold holder and target), so the results
table never compares an end-to-end system with one that was handed the gold spans.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

#: Task -> the layer whose gold documents train and score it, the scorer's metric layers, and the
#: headline metric (for stance baselines handed gold holder and target: ``stance-label``).
TASKS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "entities": ("entities", ("entities",), "entity-strict"),
    "triggers": ("events", ("events",), "trigger-classification"),
    "trigger-types": ("events", ("events",), "trigger-classification"),
    "arguments": ("events", ("arguments",), "argument-classification"),
    "stances": ("stances", ("stances",), "stance-tuple"),
}


@dataclass(frozen=True)
class BaselineInfo:
    """A registered baseline.

    Attributes:
        name: Registry name (``crf-entities``).
        task: One of :data:`TASKS`.
        factory: Builds a fresh instance: ``factory(seed=..., **config)``.
        given: What gold input the baseline reads when predicting ("" for none).
        heavy: True for baselines that need the ``transformers`` extra and minutes of CPU
            (left out of ``run --all`` unless asked for).
        description: One line for ``baseline list`` and the results table.

    """

    name: str
    task: str
    factory: Callable[..., Any]
    given: str = ""
    heavy: bool = False
    description: str = ""

    @property
    def layer(self) -> str:
        """The gold layer that trains and scores this baseline."""
        return TASKS[self.task][0]

    @property
    def metric_layers(self) -> tuple[str, ...]:
        """The official scorer's metric layers this baseline is judged on."""
        return TASKS[self.task][1]

    @property
    def headline(self) -> str:
        """The metric the results table ranks this baseline by."""
        return "stance-label" if self.task == "stances" and self.given else TASKS[self.task][2]


BASELINES: dict[str, BaselineInfo] = {}


def register_baseline(name: str, task: str, *, given: str = "", heavy: bool = False,
                      description: str = "") -> Callable[[type], type]:
    """Class decorator: register a baseline class under ``name``.

    Raises:
        ValueError: For a name already taken or an unknown task.

    """
    if task not in TASKS:
        raise ValueError(f"baseline {name!r}: unknown task {task!r}; known: {', '.join(TASKS)}")

    def decorate(cls: type) -> type:
        if name in BASELINES:
            raise ValueError(f"baseline {name!r} is already registered")
        doc = (cls.__doc__ or "").strip().splitlines()
        BASELINES[name] = BaselineInfo(name, task, cls, given, heavy, description or (doc[0] if doc else ""))
        cls.name = name  # type: ignore[attr-defined]
        return cls

    return decorate


def _load_all() -> None:
    # Importing the modules registers their baselines; the heavy imports stay inside the classes.
    from conflictnews.baselines import crf, linear, majority, preannotator, transformer  # noqa: F401


def get_baseline(name: str) -> BaselineInfo:
    """Return the baseline called ``name``.

    Raises:
        KeyError: For an unknown name, with the closest registered names.

    """
    _load_all()
    if name not in BASELINES:
        close = difflib.get_close_matches(name, list(BASELINES), n=3)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise KeyError(f"unknown baseline {name!r}{hint} (`conflictnews baseline list` lists them)")
    return BASELINES[name]


def all_baselines() -> list[BaselineInfo]:
    """Return every registered baseline in registration order."""
    _load_all()
    return list(BASELINES.values())
