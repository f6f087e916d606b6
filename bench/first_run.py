"""`make first-run-bench`: how long a newcomer waits for `make run`, cold and warm, beside pip as the floor.

In a temporary folder, on a clean clone of this checkout's HEAD (its own
.venv, node_modules and .run; an empty uv cache):

1. floor: a new virtualenv and `pip install --require-hashes` of the same lock
   files (requirements/base.txt and dev.txt) with an empty pip cache, which is
   what installing alone cost before `make run` used uv;
2. cold: `make run` under a terminal (a pty), timed from its start to the
   first 200 from `/` (polled by this script, as a browser asks for it);
3. warm: the same again in the same clone, after the first was stopped.

Each run is then stopped as a person would, with Ctrl-C typed into its
terminal, timed until the last of its processes is gone. Writes
bench/first_run.json and prints one line per figure. See bench/README.md.
"""

import json
import os
import pty
import resource
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

from bench.run import BenchError, cpu_model, http_status
from support.processes import free_port

ROOT = Path(__file__).resolve().parent.parent
RESULTS_PATH = ROOT / "bench" / "first_run.json"
LOCK_FILES = ("requirements/base.txt", "requirements/dev.txt")
READY_LIMIT_SECONDS = 300
STOP_LIMIT_SECONDS = 30
# Settings that would point the clone at someone's services instead of its embedded defaults.
AMBIENT_SETTINGS = ("DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL", "DJANGO_SETTINGS_MODULE", "RUN_DIR")


def progress(message: str) -> None:
    print(f"first-run-bench: {message}", file=sys.stderr, flush=True)


def clean_env(work: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in AMBIENT_SETTINGS}
    env["UV_CACHE_DIR"] = str(work / "uv-cache")
    env["PIP_CACHE_DIR"] = str(work / "pip-cache")
    venv_bin = str(ROOT / ".venv" / "bin")
    env["PATH"] = os.pathsep.join(part for part in env.get("PATH", "").split(os.pathsep) if part != venv_bin)
    return env


def timed(args: list[str], *, cwd: Path, env: dict[str, str]) -> float:
    started = time.monotonic()
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BenchError(f"{' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return time.monotonic() - started


def floor(clone: Path, env: dict[str, str]) -> dict[str, object]:
    venv = clone.parent / "floor-venv"
    venv_seconds = timed([sys.executable, "-m", "venv", str(venv)], cwd=clone, env=env)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--require-hashes"]
    pip_seconds = timed([*pip, *(arg for lock in LOCK_FILES for arg in ("-r", lock))], cwd=clone, env=env)
    shutil.rmtree(venv)
    return {
        "seconds": round(venv_seconds + pip_seconds, 1),
        "venv_seconds": round(venv_seconds, 1),
        "pip_install_seconds": round(pip_seconds, 1),
        "what": "python -m venv, then pip install --require-hashes -r " + " -r ".join(LOCK_FILES) + "; empty pip cache",
    }


@dataclass
class Terminal:
    """`make run` in a pseudo-terminal of its own, as a person starts it; output kept for the report."""

    args: list[str]
    cwd: Path
    env: dict[str, str]
    output: bytearray = field(default_factory=bytearray)
    status: int | None = None

    def start(self) -> None:
        pid, self.master = pty.fork()
        if pid == 0:  # the child: a new session whose controlling terminal is the pty
            os.chdir(self.cwd)
            os.execvpe(self.args[0], self.args, self.env)  # noqa: S606 - make, with our arguments
        self.pid = pid
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        while True:
            with suppress(InterruptedError):
                ready, _, _ = select.select([self.master], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # the other end closed: the run is over
                    return
                if not chunk:
                    return
                self.output.extend(chunk)

    def exited(self) -> bool:
        if self.status is None:
            finished, status = os.waitpid(self.pid, os.WNOHANG)
            if finished:
                self.status = status
        return self.status is not None

    def type_ctrl_c(self) -> None:
        os.write(self.master, b"\x03")

    def text(self) -> str:
        return self.output.decode(errors="replace").replace("\r\n", "\n")


def _children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def processes_in(folder: Path) -> list[int]:
    """Processes whose working directory is inside the clone: what a run may have left behind."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with suppress(OSError):
                if Path(os.readlink(entry / "cwd")).is_relative_to(folder):
                    found.append(int(entry.name))
    return found


def one_run(label: str, clone: Path, env: dict[str, str]) -> dict[str, object]:
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    headers = {"Host": f"localhost:{port}"}  # the platform; bare 127.0.0.1 is the SCORM content origin
    terminal = Terminal(["make", "run", f"PORT={port}"], cwd=clone, env=env)
    cpu_before = _children_cpu_seconds()
    started = time.monotonic()
    terminal.start()
    try:
        # Ready: `/` answers 200 (polled here, as a browser asks) and the
        # terminal shows the sign-ins and how to stop, which the run prints once
        # the demo content is loaded. The server may answer a little earlier.
        first_200_seconds = banner_seconds = None
        while banner_seconds is None or first_200_seconds is None:
            elapsed = time.monotonic() - started
            if elapsed > READY_LIMIT_SECONDS:
                raise BenchError(f"{label}: not ready within {READY_LIMIT_SECONDS} s:\n{terminal.text()}")
            if terminal.exited():
                raise BenchError(f"{label}: make run exited before it was ready:\n{terminal.text()}")
            if banner_seconds is None and "Press Ctrl-C" in terminal.text():
                banner_seconds = elapsed
            if first_200_seconds is None:
                with suppress(urllib.error.URLError, OSError):
                    if http_status(url, headers) == 200:
                        first_200_seconds = elapsed
            time.sleep(0.1)
        stop_started = time.monotonic()
        terminal.type_ctrl_c()
        while not terminal.exited():
            if time.monotonic() - stop_started > STOP_LIMIT_SECONDS:
                raise BenchError(f"{label}: make run still running {STOP_LIMIT_SECONDS} s after Ctrl-C")
            time.sleep(0.05)
        while processes_in(clone) and time.monotonic() - stop_started < STOP_LIMIT_SECONDS:
            time.sleep(0.05)
        stop_seconds = time.monotonic() - stop_started
        left_behind = processes_in(clone)
    finally:
        with suppress(ProcessLookupError):
            os.killpg(terminal.pid, signal.SIGKILL)
        for pid in processes_in(clone):
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        if not terminal.exited():
            with suppress(ChildProcessError):
                os.waitpid(terminal.pid, 0)
    screen = [line.rstrip() for line in terminal.text().splitlines() if line.strip()]
    return {
        "value": round(max(first_200_seconds, banner_seconds), 1),
        "unit": "s",
        "higher_is_better": False,
        "first_200_seconds": round(first_200_seconds, 1),
        "banner_seconds": round(banner_seconds, 1),
        "stop_seconds": round(stop_seconds, 1),
        "left_behind_after_stop": len(left_behind),
        # CPU time of every process of the run, start to stop: a figure that
        # depends far less than the wall-clock ones on what else the machine runs.
        "cpu_seconds_whole_run": round(_children_cpu_seconds() - cpu_before, 1),
        # What the terminal showed up to the banner: the one line per step.
        "steps": [line for line in screen if line.startswith(("Installed", "Database", "Demo content"))],
        "lines_on_screen": len(screen),
    }


def run() -> dict[str, object]:
    if shutil.which("make") is None or shutil.which("git") is None:
        raise BenchError("make and git are needed")
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="first-run-bench-") as folder:
        work = Path(folder)
        clone = work / "clone"
        env = clean_env(work)
        progress(f"cloning HEAD into {clone}")
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        progress("floor: python -m venv and pip install of the lock files")
        floor_figures = floor(clone, env)
        figures: dict[str, dict[str, object]] = {}
        for label in ("first_run_cold", "first_run_warm"):
            progress(f"{label}: make run until it is ready, then Ctrl-C")
            figures[label] = one_run(label, clone, env)
            figures[label]["floor"] = floor_figures["seconds"]
            ratio = cast(float, figures[label]["value"]) / cast(float, floor_figures["seconds"])
            figures[label]["ratio"] = round(ratio, 3)
            print(report_line(label, figures[label]), flush=True)
    return {
        "benchmarks": figures,
        "floor": floor_figures,
        "machine": {
            "cpu_count": os.cpu_count(),
            "cpu_model": cpu_model(),
            "load_average_before": [round(load, 2) for load in load_before],
            "load_average_after": [round(load, 2) for load in os.getloadavg()],
        },
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def report_line(name: str, figures: dict[str, object]) -> str:
    return (
        f"{name}: ready in {figures['value']} s, floor (pip install) {figures['floor']} s, "
        f"ratio {figures['ratio']}; stopped in {figures['stop_seconds']} s"
    )


def main() -> int:
    try:
        document = run()
    except BenchError as error:
        print(f"first-run-bench: {error}", file=sys.stderr)
        return 1
    RESULTS_PATH.write_text(json.dumps(document, indent=2) + "\n")
    progress(f"wrote {RESULTS_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
