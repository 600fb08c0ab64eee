"""Shared ground: the one copy of every small file and hashing helper the stages need.

Stage: all (no stage of its own; every stage imports it, it imports no stage). Input: paths.
Output: files written atomically (temporary name in the same folder, rename, clean-up on
failure, mode 0644), JSON lines read with line-numbered errors, the manifest, article texts and
sha256 digests.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

#: Mode of every file the project writes: committed files are world-readable.
FILE_MODE = 0o644


class JsonlError(ValueError):
    """A JSON-lines file has a line that is not what the reader expects (message: file, line, fix)."""


def project_root(start: Path | None = None) -> Path:
    """Return the checkout root: the nearest folder above ``start`` holding ``pyproject.toml``.

    Args:
        start: Where to begin looking (default: the current working directory).

    Returns:
        The project root, or ``start`` itself (the working directory) when none is found.

    """
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file() and (folder / "src" / "conflictnews").is_dir():
            return folder
    return here


def atomic_write(path: Path, data: bytes | str, *, mode: int = FILE_MODE) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    A reader never sees a half-written file, and a failure (or an interrupt) removes the
    temporary file and leaves any earlier ``path`` untouched.

    Args:
        path: The target file; its folder is created when missing.
        data: Bytes, or text written as UTF-8 (line ends are written as they are).
        mode: Permission bits of the written file.

    Returns:
        ``path``.

    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)  # mkstemp creates 0600
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def jsonl_line(record: Mapping[str, Any]) -> str:
    """Return the project's canonical JSON line of ``record`` (sorted keys, UTF-8 kept, no newline)."""
    return json.dumps(record, sort_keys=True, ensure_ascii=False)


def write_jsonl_atomically(path: Path, records: Iterable[Mapping[str, Any]]) -> int:
    """Write sort-keyed JSON lines to ``path`` atomically (see :func:`atomic_write`).

    Args:
        path: The target file.
        records: The objects, one a line, in the order given.

    Returns:
        How many records were written.

    """
    lines = [jsonl_line(record) + "\n" for record in records]
    atomic_write(path, "".join(lines))
    return len(lines)


def iter_jsonl(path: Path) -> Iterator[tuple[int, Any]]:
    """Yield ``(line number, parsed value)`` for every non-blank line of a JSON-lines file.

    Args:
        path: The file.

    Yields:
        1-based line number and the decoded JSON value.

    Raises:
        JsonlError: For a line that is not JSON or a file that is not UTF-8, naming file and line.
        FileNotFoundError: When ``path`` does not exist.

    """
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise JsonlError(f"{path}:{number}: not UTF-8 ({exc.reason}); fix: re-save the file as UTF-8") from None
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as exc:
                raise JsonlError(f"{path}:{number}: not JSON ({exc.msg}); fix: correct or remove the line") from None


def read_jsonl_by_id(path: Path) -> dict[str, dict[str, Any]]:
    """Read a JSON-lines file of objects with an ``id`` into a dict keyed by id.

    Args:
        path: The file (e.g. ``corpus/manifest.jsonl`` or a ``{"id", "text"}`` texts file).

    Returns:
        id -> object, in file order.

    Raises:
        JsonlError: With file and line, for a malformed line, a line without an ``id`` or a repeated id.

    """
    rows: dict[str, dict[str, Any]] = {}
    for number, row in iter_jsonl(path):
        if not isinstance(row, dict) or not isinstance(row.get("id"), str):
            raise JsonlError(f"{path}:{number}: expected an object with a string 'id'")
        if row["id"] in rows:
            raise JsonlError(f"{path}:{number}: id {row['id']!r} repeats")
        rows[row["id"]] = row
    return rows


def read_manifest(path: Path) -> list[dict[str, Any]]:
    """Return the manifest records of ``path`` (JSON lines), sorted by id.

    Args:
        path: A manifest such as ``corpus/manifest.jsonl``.

    Returns:
        The records, sorted by ``id`` (the committed manifest is already in that order).

    Raises:
        JsonlError: For a malformed line, a record without a string ``id`` or a repeated id.

    """
    return sorted(read_jsonl_by_id(path).values(), key=lambda record: record["id"])


def read_texts(path: Path) -> dict[str, str]:
    """Read article texts from a folder of ``<id>.txt`` files or a ``{"id", "text"}`` JSON-lines file.

    Text files are read without newline translation, so a CR LF stays two code points.

    Args:
        path: The folder or the file.

    Returns:
        Article id -> text.

    Raises:
        JsonlError: For a malformed JSON-lines file or a row without a string ``text``.
        FileNotFoundError: When ``path`` does not exist.

    """
    if path.is_dir():
        texts = {}
        for file in sorted(path.glob("*.txt")):
            with file.open(encoding="utf-8", newline="") as handle:
                texts[file.stem] = handle.read()
        return texts
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file or folder")
    rows = read_jsonl_by_id(path)
    bad = [i for i, row in rows.items() if not isinstance(row.get("text"), str)]
    if bad:
        raise JsonlError(f"{path}: rows without a string 'text': {', '.join(bad[:5])}")
    return {i: row["text"] for i, row in rows.items()}


def sha256_bytes(data: bytes) -> str:
    """Return the hex sha256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def sha256_text(text: str) -> str:
    """Return the hex sha256 of ``text`` encoded as UTF-8 (the manifest's ``text_sha256``)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sha256_file(path: Path) -> str:
    """Return the hex sha256 of the file at ``path``, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
