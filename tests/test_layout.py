"""The tree reads as the pipeline: stage packages, one shared ground, imports that run one way."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import ROOT

PACKAGE = ROOT / "src" / "conflictnews"
#: The modules every stage may import; nothing else lives at the top of the package.
SHARED_GROUND = {"__init__.py", "io.py", "registry.py", "schema.py", "segment.py"}
STAGES = (
    "sources",
    "curation",
    "annotation",
    "labelstudio",
    "preannotate",
    "dataset",
    "evaluation",
    "baselines",
    "cli",
)


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_only_the_shared_ground_sits_at_the_top_and_every_stage_is_a_package() -> None:
    assert {p.name for p in PACKAGE.glob("*.py")} == SHARED_GROUND
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"} == set(STAGES)
    for stage in STAGES:
        assert (PACKAGE / stage / "__init__.py").is_file(), stage


def test_tests_mirror_the_package() -> None:
    for stage in STAGES:
        assert list((ROOT / "tests" / stage).glob("test_*.py")), f"tests/{stage}/ has no test module"


def _local_own_imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    lines = path.read_text(encoding="utf-8").splitlines()
    found = []
    for node in ast.walk(tree):
        if id(node) in top or not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
        if any(n == "conflictnews" or n.startswith("conflictnews.") for n in names):
            found.append((node.lineno, lines[node.lineno - 1]))
    return found


def test_own_modules_are_imported_at_the_top_unless_a_heavy_dependency_is_deferred() -> None:
    # A function-local import of the package's own modules hides a circle; the only allowed reason
    # is deferring a heavy third-party dependency, and the line says which.
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: {text.strip()}"
        for path in _modules()
        for line, text in _local_own_imports(path)
        if "# defers " not in text
    ]
    assert offenders == []


def test_one_copy_of_the_small_utilities() -> None:
    # Atomic writes and one-shot hashing live in conflictnews.io alone (the dataset build's folder
    # swap renames a whole directory, and a streamed ``hashlib.sha256()`` digest is another thing).
    patterns = {r"tempfile\.mkstemp\(": {"io.py"}, r"hashlib\.sha256\([^)]": {"io.py"}}
    for pattern, allowed in patterns.items():
        users = {str(p.relative_to(PACKAGE)) for p in _modules() if re.search(pattern, p.read_text(encoding="utf-8"))}
        assert users <= allowed, (pattern, users - allowed)


def test_the_layers_contract_holds_and_catches_an_upward_import(tmp_path: Path) -> None:
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint_imports is None:
        pytest.skip("import-linter is part of the dev extra: pip install -e '.[dev]'")
    ok = subprocess.run([lint_imports, "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    # The same contract on a copy whose sources stage reaches up to the CLI must fail.
    copy = tmp_path / "src"
    shutil.copytree(PACKAGE, copy / "conflictnews", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    base = copy / "conflictnews" / "sources" / "base.py"
    base.write_text(base.read_text(encoding="utf-8") + "\nimport conflictnews.cli.main  # noqa\n", encoding="utf-8")
    env = {"PYTHONPATH": str(copy), "PATH": str(Path(sys.executable).parent)}
    bad = subprocess.run(
        [lint_imports, "--no-cache"], cwd=tmp_path, capture_output=True, text=True, check=False, env=env
    )
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "conflictnews.sources.base -> conflictnews.cli.main" in bad.stdout
