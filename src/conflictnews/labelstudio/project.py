"""Label Studio project operations: annotators, task import, annotation submit, export → standoff.

Stage: annotation (tool exchange). Input: a ``label_studio_sdk.LabelStudio`` client (see
:func:`conflictnews.labelstudio.server.client`), manifest articles with their materialised
texts, optional standoff passes as predictions. Output: tasks (one per article, idempotent by
``article_id``), annotator accounts, annotations, and validated standoff files under
``annotations/``.

Origin rule (per pass): an annotation whose ``parent_prediction`` is set, or with a region
that Label Studio marks ``"origin": "prediction"`` / ``"prediction-changed"``, was made by
reviewing a prediction: ``reviewed-prediction``. Any other annotation is ``manual``. A
prediction exported as a pass (``include_predictions``) is ``model``, its annotator the
prediction's ``model_version``. ``imported-gold`` passes never come through Label Studio.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conflictnews.annotation import standoff
from conflictnews.annotation.standoff import AnnotationSet
from conflictnews.annotation.validate import ERROR, Problem, validate_sets
from conflictnews.io import sha256_text
from conflictnews.labelstudio.config import label_config
from conflictnews.labelstudio.convert import ConversionError, ls_to_standoff, standoff_to_ls_result

#: Annotator ids become Label Studio usernames; keep them file-name and URL safe.
ANNOTATOR_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
ANNOTATOR_EMAIL_DOMAIN = "annotators.conflictnews.invalid"
_REVIEWED_REGION_ORIGINS = frozenset({"prediction", "prediction-changed"})


@dataclass(frozen=True)
class TaskArticle:
    """One article as a Label Studio task: the text exactly as materialised plus display metadata.

    The outlet is stored as ``outlet``, never ``source`` (Label Studio shadows ``data.source``).
    """

    id: str
    text: str
    title: str = ""
    outlet: str = ""
    date: str = ""
    url: str = ""

    @property
    def text_sha256(self) -> str:
        """sha256 of the UTF-8 text."""
        return sha256_text(self.text)

    def task_data(self) -> dict[str, str]:
        """Return the task ``data`` object."""
        return {
            "article_id": self.id,
            "text": self.text,
            "title": self.title,
            "outlet": self.outlet,
            "date": self.date,
            "url": self.url,
        }


@dataclass(frozen=True)
class ImportReport:
    """What :func:`import_articles` did: tasks created, articles already present, predictions sent."""

    created: dict[str, int]
    existing: dict[str, int]
    predictions: int


@dataclass(frozen=True)
class ExportReport:
    """What :func:`export_annotations` found and wrote.

    Attributes:
        passes: Every converted pass (also when nothing was written).
        written: Paths written (empty when any error was found).
        problems: Conversion and validator problems (``conflictnews.annotation.validate.Problem``).
        skipped: ``(task id, annotation id, reason)`` for cancelled or empty annotations.

    """

    passes: tuple[AnnotationSet, ...]
    written: tuple[Path, ...]
    problems: tuple[Any, ...]
    skipped: tuple[tuple[int, int, str], ...] = field(default_factory=tuple)

    @property
    def errors(self) -> list[Any]:
        """The problems of severity error."""
        return [p for p in self.problems if p.severity == "error"]


def _field(obj: Any, name: str, default: Any = None) -> Any:
    return obj.get(name, default) if isinstance(obj, Mapping) else getattr(obj, name, default)


# --------------------------------------------------------------------------------------------
# Project and users
# --------------------------------------------------------------------------------------------


def ensure_project(client: Any, title: str = "ConflictNews", config: str | None = None) -> int:
    """Return the id of the project called ``title``, creating it (or updating its config).

    Args:
        client: A ``LabelStudio`` client.
        title: Project title.
        config: Labeling config (default: the generated one).

    Returns:
        The project id.

    """
    config = config or label_config()
    for project in client.projects.list():
        if project.title == title:
            if (project.label_config or "").strip() != config.strip():
                client.projects.update(id=project.id, label_config=config)
            return int(project.id)
    return int(client.projects.create(title=title, label_config=config).id)


def ensure_annotators(client: Any, ids: Iterable[str]) -> dict[str, int]:
    """Create one Label Studio account per annotator id (username = id); keep existing ones.

    The accounts have no password: annotators set one through the admin, and passes are
    attributed with :func:`submit_annotation` or by logging in.

    Args:
        client: An admin ``LabelStudio`` client.
        ids: Annotator ids (letters, digits, ``.``, ``_``, ``-``).

    Returns:
        Annotator id → Label Studio user id, for every requested id.

    Raises:
        ValueError: For an id that is not a safe username.

    """
    wanted = list(dict.fromkeys(ids))
    for ident in wanted:
        if not ANNOTATOR_ID.match(ident):
            raise ValueError(f"annotator id {ident!r} must match {ANNOTATOR_ID.pattern}")
    existing = {u.username: int(u.id) for u in client.users.list()}
    for ident in wanted:
        if ident not in existing:
            user = client.users.create(username=ident, email=f"{ident}@{ANNOTATOR_EMAIL_DOMAIN}", first_name=ident)
            existing[ident] = int(user.id)
    return {ident: existing[ident] for ident in wanted}


def user_names(client: Any) -> dict[int, str]:
    """Return Label Studio user id → username (the annotator id) for every user."""
    return {int(u.id): str(u.username or u.email) for u in client.users.list()}


# --------------------------------------------------------------------------------------------
# Tasks
# --------------------------------------------------------------------------------------------


def task_ids(client: Any, project_id: int) -> dict[str, int]:
    """Return article id → task id for the project's tasks (the first task wins for an article)."""
    out: dict[str, int] = {}
    for task in client.tasks.list(project=project_id, fields="all", page_size=500):
        article = (_field(task, "data") or {}).get("article_id")
        if article is not None:
            out.setdefault(str(article), int(_field(task, "id")))
    return out


def prediction_model_version(annotation: AnnotationSet) -> str:
    """Return the ``model_version`` a pass gets as a prediction.

    A model pass keeps its model name. A human pass is prefixed with its origin
    (``manual-ann-a``) so that, exported back as a ``model`` pass, it never takes the file of the
    annotator's own pass.
    """
    return annotation.annotator if annotation.origin == "model" else f"{annotation.origin}-{annotation.annotator}"


def prediction_payload(annotation: AnnotationSet) -> dict[str, Any]:
    """Return a task's ``predictions`` entry for a standoff pass."""
    return {"model_version": prediction_model_version(annotation), "result": standoff_to_ls_result(annotation)}


def import_articles(
    client: Any,
    project_id: int,
    articles: Sequence[TaskArticle],
    predictions: Mapping[str, Sequence[AnnotationSet]] | None = None,
    *,
    batch_size: int = 250,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import articles as tasks, in batches; an article that already has a task is not imported again.

    Args:
        client: A ``LabelStudio`` client.
        project_id: The project.
        articles: The articles, texts exactly as materialised (never re-normalised here).
        predictions: Article id → standoff passes to attach as pre-annotations.
        batch_size: Tasks per request.
        progress: Called with the number of articles handled after each batch (for a bar).

    Returns:
        The tasks created and the ones that already existed, by article id.

    Raises:
        ValueError: When a prediction's text checksum differs from its article's text, or two
            articles share an id with different texts.

    """
    existing = task_ids(client, project_id)
    unique: dict[str, TaskArticle] = {}
    for article in articles:
        if article.id in unique and unique[article.id].text != article.text:
            raise ValueError(f"article {article.id} is given twice with different texts")
        unique.setdefault(article.id, article)
    todo = [a for a in unique.values() if a.id not in existing]
    if progress and len(unique) > len(todo):
        progress(len(unique) - len(todo))
    created: dict[str, int] = {}
    sent = 0
    for start in range(0, len(todo), batch_size):
        batch = todo[start : start + batch_size]
        payload = []
        for article in batch:
            task: dict[str, Any] = {
                "data": article.task_data(),
                "meta": {"article_id": article.id, "text_sha256": article.text_sha256},
            }
            preds = (predictions or {}).get(article.id) or ()
            for pred in preds:
                if pred.text_sha256 != article.text_sha256:
                    raise ValueError(
                        f"prediction by {pred.annotator} for {article.id} was made on another text "
                        f"(sha256 {pred.text_sha256[:12]}… != {article.text_sha256[:12]}…)"
                    )
            if preds:
                task["predictions"] = [prediction_payload(p) for p in preds]
                sent += len(preds)
            payload.append(task)
        response = client.projects.import_tasks(id=project_id, request=payload, return_task_ids=True)
        ids = list(response.task_ids or [])
        if len(ids) != len(batch):
            # Without ids the batch cannot be matched to articles: look them up instead.
            lookup = task_ids(client, project_id)
            ids = [lookup[a.id] for a in batch]
        created.update({a.id: int(i) for a, i in zip(batch, ids, strict=True)})
        if progress:
            progress(len(batch))
    return ImportReport(created=created, existing={k: v for k, v in existing.items() if k in unique}, predictions=sent)


def submit_annotation(
    client: Any, project_id: int, annotation: AnnotationSet, *, as_annotator: str, parent_prediction: int | None = None
) -> int:
    """Create the Label Studio annotation of a standoff pass on its article's task, as an annotator.

    The admin client sets ``completed_by`` to the annotator's account (Label Studio lets an
    admin attribute an annotation; the account is created when missing), so the export names
    the annotator exactly as if they had submitted it in the UI.

    Args:
        client: An admin ``LabelStudio`` client.
        project_id: The project holding the article's task.
        annotation: The pass (offsets into the task text; ``lead_time`` is sent when set).
        as_annotator: The annotator id to attribute it to.
        parent_prediction: The prediction the pass reviewed, if any (its origin then exports as
            ``reviewed-prediction``).

    Returns:
        The new annotation's id.

    Raises:
        KeyError: When the project has no task for the article.

    """
    user_id = ensure_annotators(client, [as_annotator])[as_annotator]
    tasks = task_ids(client, project_id)
    if annotation.article_id not in tasks:
        raise KeyError(
            f"project {project_id} has no task for article {annotation.article_id}; run `conflictnews ls import` first"
        )
    kwargs: dict[str, Any] = {"result": standoff_to_ls_result(annotation), "completed_by": user_id}
    if annotation.lead_time is not None:
        kwargs["lead_time"] = annotation.lead_time
    if parent_prediction is not None:
        kwargs["parent_prediction"] = parent_prediction
    return int(client.annotations.create(id=tasks[annotation.article_id], **kwargs).id)


# --------------------------------------------------------------------------------------------
# Export
# --------------------------------------------------------------------------------------------


def full_export(client: Any, project_id: int, *, with_predictions: bool = False) -> list[dict[str, Any]]:
    """Return the project's full JSON export (every task; JSON_MIN and CONLL drop relations).

    Args:
        client: A ``LabelStudio`` client.
        project_id: The project.
        with_predictions: Also return full predictions (an export snapshot with
            ``only_id: false``, deleted afterwards); the plain export lists prediction ids only.

    Returns:
        The exported tasks.

    """
    if not with_predictions:
        raw = b"".join(client.projects.exports.download_sync(project_id, export_type="JSON", download_all_tasks=True))
        return json.loads(raw)
    snapshot = client.projects.exports.create(
        project_id, title="conflictnews-export", serialization_options={"predictions": {"only_id": False}}
    )
    try:
        raw = b"".join(client.projects.exports.download(project_id, export_pk=snapshot.id, export_type="JSON"))
    finally:
        client.projects.exports.delete(project_id, export_pk=snapshot.id)
    return json.loads(raw)


def pass_origin(annotation: Mapping[str, Any]) -> str:
    """Return ``reviewed-prediction`` or ``manual`` for an exported annotation (module docstring rule)."""
    if annotation.get("parent_prediction") is not None:
        return "reviewed-prediction"
    if any(item.get("origin") in _REVIEWED_REGION_ORIGINS for item in annotation.get("result") or ()):
        return "reviewed-prediction"
    return "manual"


def convert_export(
    tasks: Iterable[Mapping[str, Any]],
    *,
    users: Mapping[int, str],
    texts: Mapping[str, str] | None = None,
    include_predictions: bool = False,
) -> tuple[list[AnnotationSet], list[Any], list[tuple[int, int, str]]]:
    """Convert a full JSON export into standoff passes (no validation beyond the conversion).

    Args:
        tasks: Exported tasks.
        users: Label Studio user id → annotator id.
        texts: Article id → materialised text; a task whose text differs is a problem. Articles
            missing here use the task's own text.
        include_predictions: Also convert predictions (origin ``model``).

    Returns:
        ``(passes, problems, skipped)``: passes sorted by article and annotator; conversion
        problems as ``conflictnews.annotation.validate.Problem``; cancelled or empty annotations.

    """
    passes: list[AnnotationSet] = []
    problems: list[Problem] = []
    skipped: list[tuple[int, int, str]] = []
    for task in tasks:
        data = task.get("data") or {}
        task_id = int(task.get("id", 0))
        article_id = str(data.get("article_id", ""))
        text = str(data.get("text", ""))
        where = f"task {task_id}"
        if not article_id:
            problems.append(
                Problem(
                    where,
                    "data",
                    "ls-task-without-article",
                    ERROR,
                    "task data has no article_id",
                    "import tasks with `conflictnews ls import`",
                )
            )
            continue
        if texts is not None and article_id in texts and texts[article_id] != text:
            problems.append(
                Problem(
                    where,
                    article_id,
                    "ls-task-text-changed",
                    ERROR,
                    "the task text differs from the materialised article text",
                    "re-import the article; never edit or re-normalise task text",
                )
            )
            continue
        sources: list[tuple[str, Mapping[str, Any]]] = [("annotation", a) for a in task.get("annotations") or ()]
        if include_predictions:
            sources += [("prediction", p) for p in task.get("predictions") or () if isinstance(p, Mapping)]
        for kind, item in sources:
            item_id = int(item.get("id", 0))
            if kind == "annotation":
                if item.get("was_cancelled"):
                    skipped.append((task_id, item_id, "cancelled (skipped) by the annotator"))
                    continue
                if not item.get("result"):
                    skipped.append((task_id, item_id, "empty result"))
                    continue
                completed = item.get("completed_by")
                uid = int((completed.get("id") if isinstance(completed, Mapping) else completed) or 0)
                annotator, origin = users.get(uid, f"ls-user-{uid}"), pass_origin(item)
                lead = item.get("lead_time")
                lead_time = float(lead) if lead is not None else None
            else:
                annotator, origin, lead_time = str(item.get("model_version") or "unknown-model"), "model", None
            provenance = {
                "tool": "label-studio",
                "project": int(task.get("project") or 0),
                "task": task_id,
                kind: item_id,
            }
            try:
                passes.append(
                    ls_to_standoff(
                        item.get("result") or [],
                        article_id=article_id,
                        article_text=text,
                        text_sha256=sha256_text(text),
                        annotator=annotator,
                        origin=origin,
                        lead_time=lead_time,
                        provenance=provenance,
                    )
                )
            except ConversionError as exc:
                file = f"{where} {kind} {item_id} ({annotator} on {article_id})"
                problems += [Problem(file, i.record, i.check_id, ERROR, i.message, i.fix) for i in exc.issues]
    passes.sort(key=lambda a: (a.article_id, a.annotator, a.origin))
    return passes, problems, skipped


def export_annotations(
    client: Any,
    project_id: int,
    out_root: Path,
    texts: Mapping[str, str] | None = None,
    manifest: Mapping[str, Any] | None = None,
    *,
    include_predictions: bool = False,
) -> ExportReport:
    """Export a project to standoff files: full JSON export → convert → validate every pass → write.

    Nothing is written when any conversion or validator error is found (existing files stay as
    they were); otherwise each pass is written atomically with :func:`conflictnews.annotation.standoff.write`.

    Args:
        client: A ``LabelStudio`` client.
        project_id: The project.
        out_root: The annotations folder (``annotations/``).
        texts: Article id → materialised text (default: the task texts).
        manifest: Article id → manifest entry, for the validator's checksum checks.
        include_predictions: Also write predictions as ``model`` passes (silver tier).

    Returns:
        The report: passes, written paths, problems, skipped annotations.

    """
    tasks = full_export(client, project_id, with_predictions=include_predictions)
    passes, problems, skipped = convert_export(
        tasks, users=user_names(client), texts=texts, include_predictions=include_predictions
    )
    task_texts = {
        str((t.get("data") or {}).get("article_id")): str((t.get("data") or {}).get("text", "")) for t in tasks
    }
    all_texts = {**task_texts, **(texts or {})}
    problems += validate_sets(passes, texts=all_texts, manifest=manifest)
    errors = [p for p in problems if p.severity == "error"]
    written = tuple(standoff.write(passes, out_root)) if not errors else ()
    return ExportReport(tuple(passes), written, tuple(problems), tuple(skipped))
