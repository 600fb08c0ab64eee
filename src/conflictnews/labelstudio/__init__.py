"""Label Studio: config generated from the schema, a local server, task import, export → standoff.

Stage: annotation (tool). Input: ``schema.py``, manifest articles and their materialised texts,
standoff passes (as predictions). Output: ``annotations/labelstudio/config.xml``, a local server
bound to 127.0.0.1, tasks, annotator accounts, and validated standoff files under
``annotations/``.

Modules: :mod:`.config` (the XML), :mod:`.server` (start/stop/health/client), :mod:`.convert`
(standoff ↔ result lists, pure), :mod:`.project` (annotators, import, submit, export),
:mod:`.bench` (``conflictnews bench ls``). Importing this package does not import the SDK; a
missing extra raises an error naming ``pip install -e '.[labelstudio]'``.
"""

from __future__ import annotations

from conflictnews.labelstudio.config import label_config, write_config
from conflictnews.labelstudio.convert import ConversionError, ls_to_standoff, standoff_to_ls_result
from conflictnews.labelstudio.project import (
    TaskArticle,
    ensure_annotators,
    ensure_project,
    export_annotations,
    import_articles,
    submit_annotation,
)
from conflictnews.labelstudio.server import Credentials, LabelStudioError, client, start_server, stop_server

__all__ = [
    "ConversionError",
    "Credentials",
    "LabelStudioError",
    "TaskArticle",
    "client",
    "ensure_annotators",
    "ensure_project",
    "export_annotations",
    "import_articles",
    "label_config",
    "ls_to_standoff",
    "standoff_to_ls_result",
    "start_server",
    "stop_server",
    "submit_annotation",
    "write_config",
]
