"""Real programs on one record: `tom serve` in a process of its own, `tom` commands in
others, and a browser session on the server that sends the CSRF token as the pages do."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

#: `tom` as a program, from the interpreter running the tests.
TOM = [sys.executable, "-c", "from topofmind.cli.main import run; run()"]
TOKEN = re.compile(r'<meta name="csrf-token" content="([0-9a-f]+)">')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TOM_")}
    env.update({"TOM_HOME": str(home), "PYTHONUNBUFFERED": "1", **extra})
    if "TOM_TEST_POSTGRES_URL" in os.environ:
        env["TOM_TEST_POSTGRES_URL"] = os.environ["TOM_TEST_POSTGRES_URL"]
    return env


def tom(db: str, home: Path, *args: str, timeout: float = 120, **kwargs):
    """Run `tom --db DB ARGS` to its end; the finished process."""
    return subprocess.run(
        [*TOM, "--db", db, *args],
        env=environment(home),
        capture_output=True,
        text=True,
        timeout=timeout,
        **kwargs,
    )


class Server:
    """`tom serve` on ``db`` in a process of its own, and a session on it."""

    def __init__(self, db: str, home: Path, log: Path, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self._log = log.open("w")
        self.process = subprocess.Popen(
            [*TOM, "--db", db, "serve", "--port", str(self.port)],
            env=environment(home, **(env or {})),
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.client = httpx.Client(base_url=self.base, timeout=60)
        self.token = ""
        self.log = log

    def wait_ready(self, patience: float = 60) -> None:
        deadline = time.monotonic() + patience
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"tom serve ended: {self.log.read_text()}")
            try:
                self.token = self.client.get("/api/session").json()["csrf_token"]
                return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError(f"tom serve did not answer: {self.log.read_text()}")

    def form(self, path: str, data: dict[str, str]) -> httpx.Response:
        return self.client.post(path, data={"csrf_token": self.token, **data})

    def stop(self, sig: int = signal.SIGINT) -> None:
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.client.close()
        self._log.close()

    def __enter__(self) -> Server:
        try:
            self.wait_ready()
        except BaseException:
            self.stop(signal.SIGKILL)
            raise
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()
