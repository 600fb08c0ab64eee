"""Where the tests find the project, the shared mirror and the committed fixtures (one copy for every test)."""

from __future__ import annotations

import os
from pathlib import Path

#: The checkout root (holds pyproject.toml).
ROOT = Path(__file__).resolve().parents[1]
#: ``../shared`` beside the checkout: the mirror, the research notes, the validity sets.
SHARED = ROOT.parent / "shared"
#: The byte-identical mirror of the upstream files (``$CONFLICTNEWS_MIRROR`` or ``../shared/corpus``).
MIRROR = Path(os.environ.get("CONFLICTNEWS_MIRROR", SHARED / "corpus"))
#: The committed test fixtures.
FIXTURES = Path(__file__).resolve().parent / "fixtures"
