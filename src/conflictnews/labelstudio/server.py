"""A local Label Studio server that ConflictNews starts and stops itself.

Stage: annotation (tool set-up). Input: a data folder (SQLite database, media, logs) and the
credentials in the environment (``CONFLICTNEWS_LS_USERNAME``, ``CONFLICTNEWS_LS_PASSWORD``,
``CONFLICTNEWS_LS_TOKEN``). Output: a running ``label-studio`` process bound to 127.0.0.1 on a
free port, a pid file ``<data>/server.json`` naming it, and its URL; :func:`stop_server` ends
exactly that process.

Facts this relies on (``research/label_studio.md``): the default bind address is 0.0.0.0 (so
``--internal-host 127.0.0.1`` is always passed); a busy port silently moves to the next one (so a
free port is picked here and the log is checked); the admin user and its token are created only
on the first start of a data folder; legacy tokens are off by default in 1.23 (so they are
enabled at that first start); analytics and version checks are turned off; a fresh SQLite takes
about 30 s of migrations, a restart about 4 s.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

#: Environment variables the credentials come from (never from files or arguments).
ENV_USERNAME = "CONFLICTNEWS_LS_USERNAME"
ENV_PASSWORD = "CONFLICTNEWS_LS_PASSWORD"
ENV_TOKEN = "CONFLICTNEWS_LS_TOKEN"
PID_FILE = "server.json"
LOG_FILE = "server.log"
HOST = "127.0.0.1"
INSTALL_HINT = "pip install -e '.[labelstudio]'"

#: Label Studio 1.23's default SSRF-banned subnets (core/utils/io.py validate_ip) without
#: 127.0.0.0/8, so a server and its ML backend on the same machine can talk over loopback.
SSRF_BANNED_SUBNETS = (
    "0.0.0.0/8",
    "10.0.0.0/8",
    "100.64.0.0/10",
    "169.254.0.0/16",
    "172.16.0.0/12",
    "192.0.0.0/24",
    "192.0.2.0/24",
    "192.88.99.0/24",
    "192.168.0.0/16",
    "198.18.0.0/15",
    "198.51.100.0/24",
    "203.0.113.0/24",
    "224.0.0.0/4",
    "233.252.0.0/24",
    "240.0.0.0/4",
    "255.255.255.255/32",
    "::/128",
    "::1/128",
    "::ffff:0:0/96",
    "::ffff:0:0:0/96",
    "64:ff9b::/96",
    "64:ff9b:1::/48",
    "100::/64",
    "2001:0000::/32",
    "2001:20::/28",
    "2001:db8::/32",
    "2002::/16",
    "fc00::/7",
    "fe80::/10",
    "ff00::/8",
)

# Variables Label Studio would otherwise pick up from the caller's environment: it looks up
# LABEL_STUDIO_X, then HEARTEX_X, then plain X (a CI's USERNAME or PORT would leak in).
_SHADOWING = (
    "USERNAME",
    "PASSWORD",
    "USER_TOKEN",
    "PORT",
    "HOST",
    "HOSTNAME",
    "DATA_DIR",
    "BASE_DATA_DIR",
    "DATABASE_NAME",
    "DJANGO_DB",
    "LOG_LEVEL",
    "DEBUG",
)


class LabelStudioError(RuntimeError):
    """The server could not be started, reached or stopped; the message says why and what to do."""


@dataclass(frozen=True)
class Credentials:
    """The admin account of a ConflictNews Label Studio instance, read from the environment."""

    username: str
    password: str
    token: str

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Credentials:
        """Read the credentials.

        Raises:
            LabelStudioError: Naming every missing variable, or a token too short for Label Studio.

        """
        env = os.environ if environ is None else environ
        missing = [k for k in (ENV_USERNAME, ENV_PASSWORD, ENV_TOKEN) if not env.get(k)]
        if missing:
            raise LabelStudioError(
                f"missing environment variable(s) {', '.join(missing)}; set {ENV_USERNAME} (an e-mail address), "
                f"{ENV_PASSWORD} and {ENV_TOKEN} (the admin API token, 6+ characters) before `conflictnews ls ...`"
            )
        if len(env[ENV_TOKEN]) < 6:
            raise LabelStudioError(
                f"{ENV_TOKEN} must be longer than 5 characters (Label Studio ignores shorter tokens)"
            )
        return cls(env[ENV_USERNAME], env[ENV_PASSWORD], env[ENV_TOKEN])


@dataclass(frozen=True)
class ServerInfo:
    """What the pid file records about a started server."""

    pid: int
    port: int
    url: str
    data_dir: str

    def to_json(self) -> dict[str, object]:
        """Return the JSON form."""
        return {"pid": self.pid, "port": self.port, "url": self.url, "data_dir": self.data_dir}


def default_data_dir() -> Path:
    """Return ``data/labelstudio`` in the project root (gitignored)."""
    return Path(__file__).resolve().parents[3] / "data" / "labelstudio"


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that was free a moment ago (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def health(url: str, timeout: float = 2.0) -> bool:
    """Tell whether ``<url>/health`` answers ``{"status": "UP"}``."""
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=timeout) as response:  # noqa: S310 (local URL)
            return json.loads(response.read().decode("utf-8")).get("status") == "UP"
    except (OSError, ValueError, urllib.error.URLError):
        return False


def _executable() -> str:
    candidate = Path(sys.executable).with_name("label-studio")
    found = str(candidate) if candidate.is_file() else shutil.which("label-studio")
    if not found:
        raise LabelStudioError(f"the label-studio command is not installed; run {INSTALL_HINT}")
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _is_our_server(info: ServerInfo) -> bool:
    """Check that the pid still belongs to the label-studio process we started (pids get reused)."""
    try:
        cmdline = Path(f"/proc/{info.pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return _alive(info.pid)  # no /proc: trust the pid file
    args = [a.decode("utf-8", "replace") for a in cmdline]
    return any("label-studio" in a for a in args) and str(info.port) in args


def read_info(data_dir: Path) -> ServerInfo | None:
    """Return the pid file's record, or None when there is none."""
    path = data_dir / PID_FILE
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return ServerInfo(int(data["pid"]), int(data["port"]), str(data["url"]), str(data["data_dir"]))


def start_server(
    data_dir: Path | None = None,
    port: int | None = None,
    *,
    timeout: float = 180.0,
    credentials: Credentials | None = None,
) -> ServerInfo:
    """Start Label Studio on 127.0.0.1 with its SQLite database in ``data_dir``; wait for /health.

    Args:
        data_dir: The data folder (default ``data/labelstudio``); created when missing.
        port: The port (default: a free one).
        timeout: Seconds to wait for /health (a fresh database migrates for about 30 s).
        credentials: The admin account (default: :meth:`Credentials.from_env`).

    Returns:
        The pid, port and URL, also written to ``<data_dir>/server.json``.

    Raises:
        LabelStudioError: When credentials are missing, a server from this data folder is
            already running, the port is taken, or the server exits or does not answer in time
            (the message ends with the tail of its log).

    """
    credentials = credentials or Credentials.from_env()
    data_dir = (data_dir or default_data_dir()).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    running = read_info(data_dir)
    if running and _is_our_server(running):
        raise LabelStudioError(
            f"a server from {data_dir} is already running at {running.url} (pid {running.pid}); "
            "run `conflictnews ls stop` first"
        )
    port = port or free_port()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        if sock.connect_ex((HOST, port)) == 0:
            raise LabelStudioError(
                f"port {port} on {HOST} is in use (Label Studio would silently move to another "
                "port); pick another with --port or leave it out"
            )
    env = {k: v for k, v in os.environ.items() if k not in _SHADOWING}
    env.update(
        {
            "LABEL_STUDIO_BASE_DATA_DIR": str(data_dir),
            "XDG_CONFIG_HOME": str(data_dir / "xdg"),  # the analytics user id file lands here, not in ~
            "LATEST_VERSION_CHECK": "false",
            "COLLECT_ANALYTICS": "false",
            "LABEL_STUDIO_USERNAME": credentials.username,
            "LABEL_STUDIO_PASSWORD": credentials.password,
            "LABEL_STUDIO_USER_TOKEN": credentials.token,
            "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true",
            "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK": "true",
            # The pre-annotation ML backend (`conflictnews ls backend`) listens on 127.0.0.1, which Label
            # Studio's SSRF guard bans (ML backend URL, and the /webhook it registers for it). Allow
            # exactly 127.0.0.0/8: its default banned subnets minus loopback, everything else still banned.
            "USE_DEFAULT_BANNED_SUBNETS": "false",
            "USER_ADDITIONAL_BANNED_SUBNETS": ",".join(SSRF_BANNED_SUBNETS),
        }
    )
    url = f"http://{HOST}:{port}"
    log_path = data_dir / LOG_FILE
    with log_path.open("ab") as log:
        process = subprocess.Popen(  # noqa: S603 (fixed argv)
            [_executable(), "start", "--no-browser", "--internal-host", HOST, "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=data_dir,
            start_new_session=True,
        )  # its own process group: stop ends exactly this server
    info = ServerInfo(process.pid, port, url, str(data_dir))
    (data_dir / PID_FILE).write_text(json.dumps(info.to_json(), indent=2) + "\n", encoding="utf-8")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            (data_dir / PID_FILE).unlink(missing_ok=True)
            raise LabelStudioError(f"label-studio exited with code {process.returncode}; log tail:\n{_tail(log_path)}")
        if health(url):
            return info
        time.sleep(0.5)
    stop_server(data_dir)
    raise LabelStudioError(
        f"label-studio did not answer {url}/health within {timeout:.0f} s; log tail:\n{_tail(log_path)}"
    )


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def stop_server(data_dir: Path | None = None, *, timeout: float = 20.0) -> ServerInfo | None:
    """End the server started from ``data_dir`` (and only it) and remove its pid file.

    Args:
        data_dir: The data folder given to :func:`start_server`.
        timeout: Seconds to wait after SIGTERM before SIGKILL.

    Returns:
        The stopped server's record, or None when no server was recorded or it had already
        ended (a stale pid file is removed).

    """
    data_dir = (data_dir or default_data_dir()).resolve()
    info = read_info(data_dir)
    if info is None:
        return None
    if not _is_our_server(info):
        (data_dir / PID_FILE).unlink(missing_ok=True)
        return None
    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(info.pid, sig)  # the group we created with start_new_session
        except ProcessLookupError:
            break
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline and _alive(info.pid):
            _reap(info.pid)
            time.sleep(0.2)
        if not _alive(info.pid):
            break
    (data_dir / PID_FILE).unlink(missing_ok=True)
    return info


def _reap(pid: int) -> None:
    """Collect the exit status when the server is our own child (so it does not linger as a zombie)."""
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def client(url: str, token: str | None = None):  # noqa: ANN201 (the SDK type is imported lazily)
    """Return a ``label_studio_sdk.LabelStudio`` client for ``url``.

    Args:
        url: The server URL.
        token: The API token (default: ``CONFLICTNEWS_LS_TOKEN``).

    Raises:
        LabelStudioError: When the SDK is not installed or the token is missing.

    """
    try:
        from label_studio_sdk import LabelStudio
    except ImportError as exc:
        raise LabelStudioError(f"label-studio-sdk is not installed; run {INSTALL_HINT}") from exc
    token = token or os.environ.get(ENV_TOKEN)
    if not token:
        raise LabelStudioError(f"missing environment variable {ENV_TOKEN} (the admin API token)")
    return LabelStudio(base_url=url, api_key=token, timeout=300)
