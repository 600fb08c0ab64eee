"""Regenerate src/conflictnews/sources/upstream.tsv from a verified mirror.

Run only when a source is deliberately updated: the TSV is the project's own record of what
every upstream file must be. The mirror's own SHA256SUMS is checked against the bytes first.

    python scripts/make_registry.py [MIRROR]   # default ../shared/corpus
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from conflictnews.io import sha256_file
from conflictnews.sources.registry import REGISTRY_TSV, SOURCES


def main(mirror: Path) -> int:
    rows = []
    for line in (mirror / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        expected, rel = line.split(None, 1)
        rel = rel.removeprefix("./")
        source, path = rel.split("/", 1)
        if source not in SOURCES:
            raise SystemExit(f"{mirror}/SHA256SUMS: unknown source folder {source!r}")
        actual = sha256_file(mirror / rel)
        if actual != expected:
            raise SystemExit(f"{mirror / rel}: sha256 {actual} != SHA256SUMS {expected}; mirror is damaged")
        size = (mirror / rel).stat().st_size
        rows.append((source, path, expected, size))
    rows.sort()
    with REGISTRY_TSV.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["source", "path", "sha256", "size"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} files to {REGISTRY_TSV}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/corpus")))
