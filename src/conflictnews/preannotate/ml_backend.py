"""A Label Studio ML backend serving a pre-annotator (``conflictnews ls backend``).

Stage: pre-annotation (annotation tool). Input: HTTP requests from Label Studio 1.23 (the
protocol of ``label_studio/ml/api_connector.py``: ``GET /health``; ``POST /setup`` with
``project``, ``schema``, ``hostname``, ``access_token``, ``extra_params``; ``POST /predict``
with ``tasks`` (serialised tasks with ``id`` and ``data``), ``project``, ``label_config``,
``params``; ``POST /webhook`` with ``action`` and the event payload, sent for every project
event once a backend is connected). Output: ``{"status": "UP", ...}`` for health,
``{"model_version": <model name>}`` for setup, ``{"results": [{"result": [...], "score",
"model_version"}, ...], "model_version"}`` for predict (one entry per task, in order, results
in Label Studio result format from :func:`conflictnews.labelstudio.convert.standoff_to_ls_result`),
``{"status": "ok"}`` for webhooks.

A small stdlib ``ThreadingHTTPServer`` bound to 127.0.0.1 (the label-studio-ml package would add
Flask, rq and their pins for four endpoints). Every prediction is validated against the task
text before it is served; an invalid one is replaced by an empty result and counted.

Label Studio's SSRF guard bans loopback URLs for ML backends and for the ``/webhook`` it registers
with each backend; ``conflictnews ls start`` lifts the ban for 127.0.0.0/8 only
(``labelstudio.server.SSRF_BANNED_SUBNETS``), since server and backend both live on 127.0.0.1.
:func:`connect` registers the backend on a project through the SDK (``client.ml.create``) and
sets the project's ``model_version`` to the model name, so opening a task without predictions
makes Label Studio call ``/predict`` and show the result.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from conflictnews.annotation.validate import validate_sets
from conflictnews.io import sha256_text
from conflictnews.labelstudio.convert import standoff_to_ls_result
from conflictnews.preannotate.predictor import Predictor

HOST = "127.0.0.1"
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TaskPrediction:
    """One task's prediction as served: the Label Studio entry and how long it took."""

    entry: dict[str, Any]
    seconds: float
    errors: int


def predict_task(predictor: Predictor, task: Mapping[str, Any]) -> TaskPrediction:
    """Pre-annotate one serialised Label Studio task.

    Args:
        predictor: The pre-annotator.
        task: ``{"id", "data": {"text", "article_id", ...}}`` as Label Studio sends it.

    Returns:
        The ``results`` entry (``result``, ``score``, ``model_version``); an empty result when
        the task has no text or the pass fails validation.

    """
    started = time.perf_counter()
    data = task.get("data") or {}
    text = data.get("text")
    entry: dict[str, Any] = {"result": [], "score": 0.0, "model_version": predictor.name}
    errors = 0
    if isinstance(text, str) and text:
        article_id = str(data.get("article_id") or f"task-{task.get('id', 0)}")
        annotation = predictor.predict(article_id, text)
        problems = [
            p for p in validate_sets([annotation], texts={article_id: text}, manifest=None) if p.severity == "error"
        ]
        if problems:
            errors = len(problems)
            logger.error("prediction for %s dropped: %s", article_id, "; ".join(map(str, problems[:5])))
        else:
            entry["result"] = standoff_to_ls_result(annotation)
            entry["score"] = 0.5
            entry["text_sha256"] = sha256_text(text)
    return TaskPrediction(entry, time.perf_counter() - started, errors)


class BackendServer:
    """The ML backend: a threading HTTP server around one pre-annotator.

    Args:
        predictor: The pre-annotator (its model is loaded before the server answers).
        port: Port on 127.0.0.1 (0: a free one).

    """

    def __init__(self, predictor: Predictor, port: int = 0) -> None:
        self.predictor = predictor
        self.version = predictor.version  # load the model now: /setup has a 3 s timeout
        self.webhooks: Counter[str] = Counter()
        self.latencies: list[float] = []
        self.invalid = 0
        self._lock = threading.Lock()
        self._predict_lock = threading.Lock()  # spaCy pipelines are not thread-safe
        self.httpd = ThreadingHTTPServer((HOST, port), self._handler())
        self.httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """``http://127.0.0.1:<port>``."""
        return f"http://{HOST}:{self.httpd.server_address[1]}"

    def start(self) -> BackendServer:
        """Serve in a background thread; return self."""
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="ml-backend", daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in this thread until interrupted."""
        self.httpd.serve_forever()

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> BackendServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- protocol --------------------------------------------------------------------------------

    def health(self) -> dict[str, Any]:
        """``GET /health``."""
        return {
            "status": "UP",
            "model_class": type(self.predictor).__name__,
            "model_version": self.predictor.name,
            "model_fingerprint": self.version,
        }

    def setup(self, payload: Mapping[str, Any]) -> dict[str, Any]:
        """``POST /setup``: the model version Label Studio records for the backend."""
        return {"model_version": self.predictor.name}

    def predict(self, payload: Mapping[str, Any]) -> dict[str, Any]:
        """``POST /predict``: one results entry per task, in the order of ``tasks``."""
        results = []
        for task in payload.get("tasks") or ():
            with self._predict_lock:
                done = predict_task(self.predictor, task)
            with self._lock:
                self.latencies.append(done.seconds)
                self.invalid += bool(done.errors)
            results.append(done.entry)
        return {"results": results, "model_version": self.predictor.name}

    def webhook(self, payload: Mapping[str, Any]) -> dict[str, Any]:
        """``POST /webhook``: count the event (a rule model does not train)."""
        with self._lock:
            self.webhooks[str(payload.get("action", "unknown"))] += 1
        return {"status": "ok"}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _send(self, status: int, body: Mapping[str, Any]) -> None:
                raw = json.dumps(body, ensure_ascii=False).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def do_GET(self) -> None:  # noqa: N802 (http.server naming)
                path = self.path.split("?", 1)[0].rstrip("/")
                if path in ("", "/health"):
                    self._send(200, server.health())
                elif path == "/versions":
                    self._send(200, {"versions": [server.predictor.name]})
                else:
                    self._send(404, {"error": f"no GET {path}"})

            def do_POST(self) -> None:  # noqa: N802
                path = self.path.split("?", 1)[0].rstrip("/")
                try:
                    length = int(self.headers.get("Content-Length") or 0)
                    payload = json.loads(self.rfile.read(length) or b"{}")
                except ValueError as exc:
                    self._send(400, {"error": f"request body is not JSON: {exc}"})
                    return
                routes = {
                    "/setup": server.setup,
                    "/predict": server.predict,
                    "/webhook": server.webhook,
                    "/train": lambda _p: {"status": "ok", "job": None},
                }
                route = routes.get(path)
                if route is None:
                    self._send(404, {"error": f"no POST {path}"})
                    return
                try:
                    self._send(200, route(payload if isinstance(payload, dict) else {}))
                except Exception as exc:  # a failing prediction must answer, not hang Label Studio
                    logger.exception("%s failed", path)
                    self._send(500, {"error": f"{type(exc).__name__}: {exc}"})

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                logger.debug("ml-backend: " + format, *args)

        return Handler


def connect(client: Any, project_id: int, url: str, model_name: str) -> int:
    """Register the backend on a project (idempotent by URL) and make its predictions the shown ones.

    Args:
        client: A ``label_studio_sdk.LabelStudio`` client.
        project_id: The project.
        url: The backend URL (``http://127.0.0.1:<port>``).
        model_name: The model name (backend title, ``model_version`` of project and predictions).

    Returns:
        The ML backend id.

    Raises:
        RuntimeError: When Label Studio refuses the URL (the message says to start it with
            loopback allowed, as ``conflictnews ls start`` does).

    """
    existing = [b for b in client.ml.list(project=project_id) if str(b.url).rstrip("/") == url.rstrip("/")]
    if existing:
        backend_id = int(existing[0].id)
    else:
        try:
            backend_id = int(client.ml.create(project=project_id, url=url, title=model_name, is_interactive=False).id)
        except Exception as exc:  # the SDK raises ApiError with the server's message
            raise RuntimeError(
                f"Label Studio refused ML backend {url}: {exc}. A backend on 127.0.0.1 needs a server "
                "started by `conflictnews ls start` (it lets 127.0.0.0/8 through the SSRF guard)"
            ) from exc
    client.projects.update(id=project_id, model_version=model_name, show_collab_predictions=True)
    return backend_id
