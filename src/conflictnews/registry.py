"""Shared ground: the one registration style for every family of components.

Stage: all (no stage of its own). Input: a name → ``"module:attribute"`` table (source readers,
pre-annotators, baselines). Output: the named object, imported only when asked for, and a
"did you mean" for a mistyped name (the pattern of lm-evaluation-harness's registries).

A family declares its table in one place, so the names are spelled once and listing them imports
nothing; :meth:`Registry.load` imports the module of the one entry asked for. A component module
never imports its registry, so there is no circle between them.
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Iterator, Mapping
from typing import Any


class Registry:
    """A name → lazy ``"module:attribute"`` table of one family of components.

    Args:
        kind: What the entries are, for messages (``"source"``, ``"baseline"``).
        entries: Name → ``"package.module:attribute"``, in the order listings show them.
        listing: The command that lists the names, named in the unknown-name message.

    """

    def __init__(self, kind: str, entries: Mapping[str, str], *, listing: str = "") -> None:
        self.kind = kind
        self.listing = listing
        self._targets: dict[str, str] = {}
        self._loaded: dict[str, Any] = {}
        for name, target in entries.items():
            self.register(name, target)

    def register(self, name: str, target: str) -> None:
        """Add ``name`` → ``target`` (``"module:attribute"``).

        Raises:
            ValueError: For a name already taken or a target without ``module:attribute`` form.

        """
        if name in self._targets:
            raise ValueError(f"{self.kind} {name!r} is already registered (→ {self._targets[name]})")
        module, sep, attribute = target.partition(":")
        if not (module and sep and attribute):
            raise ValueError(f"{self.kind} {name!r}: target {target!r} is not of the form 'package.module:attribute'")
        self._targets[name] = target

    def names(self) -> list[str]:
        """Return every registered name in registration order (imports nothing)."""
        return list(self._targets)

    def target(self, name: str) -> str:
        """Return the ``"module:attribute"`` of ``name``.

        Raises:
            KeyError: For an unknown name, with the closest registered names.

        """
        try:
            return self._targets[name]
        except KeyError:
            close = difflib.get_close_matches(name, list(self._targets), n=3)
            hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
            known = f" ({self.listing} lists them)" if self.listing else f"; known: {', '.join(self._targets)}"
            raise KeyError(f"unknown {self.kind} {name!r}{hint}{known}") from None

    def load(self, name: str) -> Any:
        """Import and return the object registered as ``name`` (cached after the first call).

        Raises:
            KeyError: For an unknown name, with the closest registered names.

        """
        if name not in self._loaded:
            module, _, attribute = self.target(name).partition(":")
            self._loaded[name] = getattr(importlib.import_module(module), attribute)
        return self._loaded[name]

    def __contains__(self, name: object) -> bool:
        return name in self._targets

    def __iter__(self) -> Iterator[str]:
        return iter(self._targets)

    def __len__(self) -> int:
        return len(self._targets)
