"""Ports, worker command lines and process groups, for tests and the bench."""

import os
import signal
import socket
import subprocess
import sys
from contextlib import suppress


def free_port() -> int:
    """A loopback port nothing listens on just now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def celery_worker_command(
    *, concurrency: int, loglevel: str = "INFO", broker_url: str = "", prefix: tuple[str, ...] = ("-m", "celery")
) -> list[str]:
    """`celery -A elearning worker` as its own OS process, without gossip or mingle (a lone
    worker has no peers to wait for). `prefix` replaces `-m celery` for a boot script."""
    command = [sys.executable, *prefix, "-A", "elearning"]
    if broker_url:
        command.append(f"--broker={broker_url}")
    return [
        *command,
        "worker",
        f"--loglevel={loglevel}",
        f"--concurrency={concurrency}",
        "--without-gossip",
        "--without-mingle",
        "--pool=prefork",
    ]


def process_group_stop(process: "subprocess.Popen[bytes]", *, grace: float = 15.0) -> None:
    """SIGTERM the process's group (started with start_new_session) and wait up to `grace`
    seconds, then SIGKILL what is left, so nothing outlives it holding a port or the database."""
    if process.poll() is None:
        with suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGTERM)
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout=grace)
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)
