"""The baseline registry: every baseline a name, a task and a ``fit``/``predict`` pair.

Stage: benchmark. Input: the name → ``"module:class"`` table :data:`BASELINES` (declared here, so
the family modules never import this one back). Output: lookups by name with a "did you mean"
for typos (lm-eval's registry pattern).

A baseline is a class with ``fit(train, validation)`` and ``predict(docs) -> {article id: pass}``
over :class:`~conflictnews.dataset.load.Doc` lists. ``task`` says which layer it learns and which
metric layers of the official scorer it is judged on; ``given`` says which gold layers it reads
at prediction time (for example stance labelling given gold holder and target), so the results
table never compares an end-to-end system with one that was handed the gold spans.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from conflictnews.registry import Registry

#: Task -> the layer whose gold documents train and score it, the scorer's metric layers, and the
#: headline metric (for stance baselines handed gold holder and target: ``stance-label``).
TASKS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "entities": ("entities", ("entities",), "entity-strict"),
    "triggers": ("events", ("events",), "trigger-classification"),
    "trigger-types": ("events", ("events",), "trigger-classification"),
    "arguments": ("events", ("arguments",), "argument-classification"),
    "stances": ("stances", ("stances",), "stance-tuple"),
}


class Baseline:
    """What every baseline class declares; :func:`get_baseline` sets ``name`` when it looks one up.

    Attributes:
        name: The registry name, also the annotator of the baseline's predicted passes.
        task: One of :data:`TASKS`.
        given: What gold input the baseline reads when predicting ("" for none).
        heavy: True when it needs the ``transformers`` extra and minutes of CPU.
        description: One line for ``baseline list`` (default: the first line of the docstring).

    """

    name: str = ""
    task: str = ""
    given: str = ""
    heavy: bool = False
    description: str = ""


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


#: Baseline name -> ``"module:class"``, in the order ``baseline list`` and ``run --all`` use. A
#: baseline class declares ``task`` (one of :data:`TASKS`) and may declare ``given``, ``heavy``
#: and ``description``; importing a family module registers nothing.
BASELINES = Registry(
    "baseline",
    {
        "crf-entities": "conflictnews.baselines.crf:CrfEntities",
        "crf-triggers": "conflictnews.baselines.crf:CrfTriggers",
        "tfidf-lr-trigger-types": "conflictnews.baselines.linear:TfidfTriggerTypes",
        "tfidf-lr-stances": "conflictnews.baselines.linear:TfidfStances",
        "lr-argument-roles": "conflictnews.baselines.linear:LrArgumentRoles",
        "majority-entities": "conflictnews.baselines.majority:MajorityEntities",
        "majority-triggers": "conflictnews.baselines.majority:MajorityTriggers",
        "majority-arguments": "conflictnews.baselines.majority:MajorityArguments",
        "majority-stances": "conflictnews.baselines.majority:MajorityStances",
        "preannotator-entities": "conflictnews.baselines.preannotator:PreAnnotatorEntities",
        "preannotator-triggers": "conflictnews.baselines.preannotator:PreAnnotatorTriggers",
        "preannotator-arguments": "conflictnews.baselines.preannotator:PreAnnotatorArguments",
        "preannotator-stances": "conflictnews.baselines.preannotator:PreAnnotatorStances",
        "minilm-entities": "conflictnews.baselines.transformer:MiniLMEntities",
        "minilm-triggers": "conflictnews.baselines.transformer:MiniLMTriggers",
        "minilm-stances": "conflictnews.baselines.transformer:MiniLMStances",
    },
    listing="`conflictnews baseline list`",
)


def get_baseline(name: str) -> BaselineInfo:
    """Return the baseline called ``name`` (its module is imported now).

    Raises:
        KeyError: For an unknown name, with the closest registered names.
        ValueError: For a class whose ``task`` is not one of :data:`TASKS`.

    """
    cls = BASELINES.load(name)
    if not (isinstance(cls, type) and issubclass(cls, Baseline)):
        raise ValueError(f"baseline {name!r} ({BASELINES.target(name)}) is not a subclass of Baseline")
    task = cls.task
    if task not in TASKS:
        raise ValueError(
            f"baseline {name!r} ({BASELINES.target(name)}): unknown task {task!r}; known: {', '.join(TASKS)}"
        )
    cls.name = name  # the annotator of its predicted passes
    doc = (cls.__doc__ or "").strip().splitlines()
    return BaselineInfo(
        name,
        task,
        cls,
        getattr(cls, "given", ""),
        getattr(cls, "heavy", False),
        getattr(cls, "description", "") or (doc[0] if doc else ""),
    )


def all_baselines() -> list[BaselineInfo]:
    """Return every registered baseline in registration order."""
    return [get_baseline(name) for name in BASELINES.names()]
