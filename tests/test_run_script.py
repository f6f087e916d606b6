"""`make run`'s pieces as a newcomer meets them: which Python it picks, where
the server listens, and that Ctrl-C stops everything it started.

The run test starts scripts/run-dev.sh for real, on a free port with a run
directory of its own (SQLite, the filesystem broker), so it migrates and seeds
a fresh database: the slowest test here, about half a minute on two idle cores.
"""

import contextlib
import os
import signal
import socket
import sqlite3
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from scripts.run_dev import load_snapshot, schema_key, snapshot_is_current
from support.processes import free_port
from tests.services import PROJECT_DIR

RUN_SCRIPT = PROJECT_DIR / "scripts" / "run-dev.sh"
FIND_PYTHON = PROJECT_DIR / "scripts" / "find-python.sh"
# Settings of the test run that would point `make run` at the suite's services.
SUITE_SETTINGS = ("DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL", "EMAIL_URL", "DJANGO_SETTINGS_MODULE", "CI")
READY_LIMIT_SECONDS = 240  # a fresh database: migrate and seed, on a machine that may be busy
STOP_LIMIT_SECONDS = 10


# --- Which Python ---


def fake_python(folder: Path, name: str, *, version_ok: bool) -> None:
    """A command on the PATH that answers the version check as told (or, like a
    pyenv shim for a version that is not selected, fails it)."""
    script = folder / name
    script.write_text("#!/bin/sh\nexit 0\n" if version_ok else "#!/bin/sh\nexit 1\n")
    script.chmod(0o755)


def find_python(path: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["/bin/bash", str(FIND_PYTHON)],  # by its path: the PATH given may hold nothing but the fakes
        env={"PATH": path, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_newest_python_that_passes_the_version_check_is_chosen(tmp_path):
    fake_python(tmp_path, "python3.13", version_ok=False)  # a shim that cannot run
    fake_python(tmp_path, "python3.12", version_ok=True)
    fake_python(tmp_path, "python3", version_ok=True)

    result = find_python(f"{tmp_path}:/usr/bin:/bin")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(tmp_path / "python3.12")


def test_without_a_python_3_11_it_says_how_to_get_one(tmp_path):
    fake_python(tmp_path, "python3", version_ok=False)  # say, 3.9

    result = find_python(str(tmp_path))

    assert result.returncode == 1
    assert result.stdout == ""
    assert "no Python 3.11 or newer on the PATH" in result.stderr
    assert "make run PYTHON=" in result.stderr


def test_a_python_named_by_hand_must_pass_the_check_too(tmp_path):
    fake_python(tmp_path, "python3.10", version_ok=False)

    result = find_python(f"{tmp_path}:/usr/bin:/bin", PYTHON=str(tmp_path / "python3.10"))

    assert result.returncode == 1
    assert "is not a working Python 3.11 or newer" in result.stderr


# --- The run ---


@dataclass
class Run:
    """scripts/run-dev.sh in a session of its own, as a terminal would start it."""

    process: subprocess.Popen[str]
    port: int
    run_dir: Path
    output: list[str] = field(default_factory=list)

    def read_output(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line)

    @property
    def text(self) -> str:
        return "".join(self.output)

    def ctrl_c(self) -> None:
        """What the terminal does on Ctrl-C: SIGINT to its foreground process group."""
        os.killpg(self.process.pid, signal.SIGINT)


def run_environment(tmp_path: Path, port: int) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in SUITE_SETTINGS}
    env.update(
        PORT=str(port),
        RUN_DIR=str(tmp_path / "run"),
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    env.pop("HOST", None)
    return env


def start_run(tmp_path: Path, port: int) -> Run:
    process = subprocess.Popen(
        [str(RUN_SCRIPT)],
        cwd=PROJECT_DIR,
        env=run_environment(tmp_path, port),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    run = Run(process=process, port=port, run_dir=tmp_path / "run")
    threading.Thread(target=run.read_output, daemon=True).start()
    return run


def descendants(pid: int) -> set[int]:
    """Every process below `pid`, found through /proc (each one's parent)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # "pid (command name) state ppid ...": the name may hold spaces and parentheses.
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pids: set[int]) -> set[int]:
    living = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            living.add(pid)
    return living


def listening_addresses(pids: set[int]) -> set[tuple[str, int]]:
    """(address, port) of every TCP socket these processes listen on, read as `ss -ltnp` would."""
    inodes: set[str] = set()
    for pid in pids:
        try:
            fds = list(Path(f"/proc/{pid}/fd").iterdir())
        except OSError:
            continue
        for fd in fds:
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes.add(target[len("socket:[") : -1])
    found = set()
    for table, width in (("/proc/net/tcp", 4), ("/proc/net/tcp6", 16)):
        for line in Path(table).read_text().splitlines()[1:]:
            columns = line.split()
            local, state, inode = columns[1], columns[3], columns[9]
            if state != "0A" or inode not in inodes:  # 0A: LISTEN
                continue
            address_hex, port_hex = local.split(":")
            raw = bytes.fromhex(address_hex)
            # The kernel prints each 32-bit word in host (little-endian) order.
            words = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
            family = socket.AF_INET if width == 4 else socket.AF_INET6
            found.add((socket.inet_ntop(family, words), int(port_hex, 16)))
    return found


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture
def started_run(tmp_path: Path) -> Iterator[Run]:
    run = start_run(tmp_path, free_port())
    try:
        deadline = time.monotonic() + READY_LIMIT_SECONDS
        while "Press Ctrl-C" not in run.text:
            if run.process.poll() is not None:
                pytest.fail(f"run-dev.sh exited ({run.process.returncode}) before it was ready:\n{run.text}")
            if time.monotonic() > deadline:
                pytest.fail(f"run-dev.sh was not ready within {READY_LIMIT_SECONDS} s:\n{run.text}")
            time.sleep(0.2)
        yield run
    finally:
        # Whatever a failed test left running goes with it.
        for pid in alive({run.process.pid, *descendants(run.process.pid)}):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        run.process.wait(timeout=10)


def test_make_run_listens_on_loopback_only_and_ctrl_c_stops_everything_within_ten_seconds(started_run):
    run = started_run
    screen = run.text
    # The last thing on the screen: the address, the demo sign-ins, how to stop.
    last_lines = [line.strip() for line in screen.strip().splitlines()[-12:]]
    assert f"i-HOP learning is running at  http://localhost:{run.port}/" in screen
    assert any("learner@example.org" in line for line in last_lines)
    assert "Press Ctrl-C to stop" in last_lines[-1]
    assert "Database: created from the migrations' snapshot in" in screen and "Demo content: loaded in" in screen

    processes = descendants(run.process.pid)
    assert listening_addresses(processes) == {("127.0.0.1", run.port)}

    # The platform by its name (localhost resolves to 127.0.0.1, perhaps after
    # ::1, where nothing listens) and the SCORM content origin on 127.0.0.1 are
    # the same loopback-only server, told apart by the Host header.
    status, body = get(f"http://localhost:{run.port}/courses/")
    assert status == 200 and b"i-HOP" in body
    status, _ = get(f"http://127.0.0.1:{run.port}/courses/")
    assert status == 404  # the content origin serves package files and nothing else
    with pytest.raises(OSError), socket.create_connection(("::1", run.port), timeout=2):
        pass

    # Stopped once it is all at work: the worker has run a task that beat sent.
    worker_log = run.run_dir / "worker.log"
    deadline = time.monotonic() + READY_LIMIT_SECONDS
    while "elearning.health.heartbeat" not in worker_log.read_text() or "succeeded" not in worker_log.read_text():
        assert time.monotonic() < deadline, f"the worker ran no task:\n{worker_log.read_text()}"
        time.sleep(0.2)
    web_and_worker = alive(descendants(run.process.pid))
    # The reloader and its server; the worker, its two pool processes and beat.
    assert len(web_and_worker) >= 6, web_and_worker
    run.ctrl_c()
    stop_started = time.monotonic()
    while alive({run.process.pid, *web_and_worker}) and time.monotonic() - stop_started < 30:
        time.sleep(0.05)
    stop_seconds = time.monotonic() - stop_started

    assert not alive({run.process.pid, *web_and_worker}), f"still running after 30 s:\n{run.text}"
    assert stop_seconds <= STOP_LIMIT_SECONDS, f"stopping took {stop_seconds:.1f} s:\n{run.text}"
    assert run.process.wait(timeout=5) == 0
    assert "Stopped in" in run.text


# --- The migrations' snapshot a fresh database is loaded from ---


def test_the_committed_snapshot_was_made_from_the_migrations_here():
    assert snapshot_is_current(schema_key()), (
        "scripts/migrated-database.sql is stale (a migration or the lock file changed): run `make database-snapshot`"
        " and commit it; until then `make run` migrates a fresh database the slow way"
    )


RANDOM_PER_MIGRATE = {"django_migrations": ("applied",), "wagtailcore_page": ("translation_key",)}


def database_contents(path: Path) -> dict[str, object]:
    """Every table's definition and rows, but for what each migrate makes anew: when each migration was
    applied, and the random translation keys Wagtail gives its first pages."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        schema = sorted(connection.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
        tables = [name for kind, name, _ in schema if kind == "table"]
        rows = {}
        for table in tables:
            columns = [column[1] for column in connection.execute(f'PRAGMA table_info("{table}")')]
            kept = ", ".join(f'"{column}"' for column in columns if column not in RANDOM_PER_MIGRATE.get(table, ()))
            rows[table] = sorted(connection.execute(f'SELECT {kept} FROM "{table}"'), key=repr)  # noqa: S608
        return {"schema": schema, "rows": rows}
    finally:
        connection.close()


def test_a_database_loaded_from_the_snapshot_is_the_one_migrate_makes(embedded_template_database, tmp_path):
    loaded = tmp_path / "db.sqlite3"
    load_snapshot(loaded)

    from_snapshot, from_migrate = database_contents(loaded), database_contents(embedded_template_database)
    assert from_snapshot["schema"] == from_migrate["schema"]
    assert from_snapshot["rows"] == from_migrate["rows"]
    assert len(from_snapshot["rows"]["django_migrations"]) > 200  # type: ignore[index]
    assert not list(tmp_path.glob("*.loading"))


def test_a_port_in_use_stops_the_run_at_once_with_a_way_out(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = start_run(tmp_path, port)
        assert run.process.wait(timeout=30) == 1
    time.sleep(0.1)  # the reader thread takes the last line
    assert f"cannot listen on 127.0.0.1:{port}" in run.text
    assert f"make run PORT={port + 1}" in run.text
    assert not (tmp_path / "run" / "db.sqlite3").exists()  # nothing was started or migrated
