"""Run one script in a contained child process: the lowest layer of the runner.

What a snippet gets, and what it cannot do to the machine that builds the site:

- an allowlisted environment (no tokens or passwords of the parent; ``HOME`` is a scratch
  folder, deleted afterwards; data downloads are kept under the project's cache);
- a copy of itself and of ``child.py`` in a scratch folder outside the repository, which is also
  its working directory, so ``__file__`` and the command line lead nowhere in the repository;
- its own process group, killed whole at the time limit, after an interrupt, and when the
  snippet exits (a background process it started does not outlive it);
- stdout and stderr written to files (so a grandchild holding a pipe cannot make the runner
  wait) and read back as bytes, decoded with replacement, without control characters;
- a file-size cap (a flood of output ends with SIGXFSZ instead of filling the disk) and,
  optionally, an address-space cap.

``run_script`` returns what happened; ``execute.py`` turns it into a result record.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

CHILD = Path(__file__).resolve().parent / "child.py"

# The same every run, on every machine with the same core count: one thread per run (snippets
# run side by side on the cores, and a result must not depend on what ran beside it), a fixed
# string-hash seed, and TensorFlow's C++ log kept quiet. The labs' kernels get this too.
DETERMINISTIC_ENV = {
    "PYTHONHASHSEED": "0",
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "TF_NUM_INTRAOP_THREADS": "1",
    "TF_NUM_INTEROP_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}
# What a snippet may see of the parent's environment: the executable path, the locale, and the
# switches of the libraries it uses. Everything else (tokens, cloud keys, proxies) stays out.
ALLOWED_NAMES = {"PATH", "LANG", "LANGUAGE", "TZ", "COURSERUN_NETWORK", "OPENBLAS_CORETYPE"}
ALLOWED_PREFIXES = ("LC_", "KERAS_", "TF_", "CUDA_", "XLA_", "NVIDIA_", "OPENBLAS_L2_")

DEFAULT_TIMEOUT = 60.0  # seconds; the contract promises a few, 20 at the very most
TIMEOUT_ENV = "COURSERUN_TIMEOUT"
MEMORY_ENV = "COURSERUN_MEMORY_MB"
FILE_CAP_MB = 256  # no file a snippet writes (its output included) may grow past this
GRACE_SECONDS = 3.0  # after the limit: time for the stack dump before the group is killed

_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

SIGNAL_HINTS = {
    signal.SIGKILL: "SIGKILL, often the out-of-memory killer: use less memory",
    signal.SIGSEGV: "SIGSEGV, a segmentation fault in native code",
    signal.SIGABRT: "SIGABRT, native code aborted",
    signal.SIGXFSZ: f"SIGXFSZ: it wrote a file (or output) larger than {FILE_CAP_MB} MB",
    signal.SIGBUS: "SIGBUS, a bus error in native code",
    signal.SIGFPE: "SIGFPE, an arithmetic fault in native code",
}


def clean_text(data: bytes) -> str:
    """Bytes a snippet printed, as text a page can show: UTF-8 with replacement, no ANSI
    escapes or control characters (tabs and newlines kept, carriage returns normalised)."""
    text = data.decode("utf-8", errors="replace").replace("\r\n", "\n")
    # A progress bar redraws its line with a carriage return: keep the last state of the line.
    text = "\n".join(line.rsplit("\r", 1)[-1] for line in text.split("\n"))
    return _CONTROL.sub("", _ANSI.sub("", text))


def describe_signal(code: int) -> str:
    number = -code
    try:
        sig = signal.Signals(number)
    except ValueError:
        return f"killed by signal {number}"
    return f"killed by {SIGNAL_HINTS.get(sig, sig.name)}"


def default_timeout() -> float:
    value = os.environ.get(TIMEOUT_ENV, "")
    try:
        return float(value) if value else DEFAULT_TIMEOUT
    except ValueError:
        return DEFAULT_TIMEOUT


def default_data_dir() -> Path:
    """Downloads and font caches kept between runs, outside HOME and the repository."""
    folder = os.environ.get("COURSERUN_DATA")
    return Path(folder) if folder else Path.home() / ".cache" / "courserun-data"


def snippet_environment(home: Path, data_dir: Path | None) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if name in ALLOWED_NAMES or name.startswith(ALLOWED_PREFIXES)
    }
    env.setdefault("PATH", "/usr/bin:/bin")
    env.update(DETERMINISTIC_ENV)
    env.update(
        {
            "HOME": str(home),
            "MPLBACKEND": "Agg",
            "PYTHONUNBUFFERED": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    if data_dir is not None:
        # Downloads (keras.datasets) and matplotlib's font cache survive between runs here,
        # outside HOME, which is thrown away.
        env.setdefault("KERAS_HOME", str(data_dir / "keras"))
        env["MPLCONFIGDIR"] = str(data_dir / "matplotlib")
    return env


@dataclass
class Outcome:
    """What the process did: exit code (negative: signal), output, and why it was stopped."""

    code: int | None
    stdout: bytes
    stderr: bytes
    stdout_size: int
    timed_out: bool
    interrupted: bool
    wall: float
    scratch_script: str  # the path the snippet ran under, to map back in messages


class _Running:
    """Process groups that are running now, so an interrupt can stop every one of them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._groups: set[int] = set()
        self.stopping = False

    def add(self, pgid: int) -> None:
        with self._lock:
            self._groups.add(pgid)

    def discard(self, pgid: int) -> None:
        with self._lock:
            self._groups.discard(pgid)

    def kill_all(self) -> int:
        self.stopping = True
        with self._lock:
            groups = list(self._groups)
        for pgid in groups:
            _kill_group(pgid)
        return len(groups)


RUNNING = _Running()


def _kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _read_capped(path: Path, limit: int) -> tuple[bytes, int]:
    size = path.stat().st_size if path.exists() else 0
    with open(path, "rb") as handle:
        if size <= limit:
            return handle.read(), size
        head = handle.read(limit)
    return head, size


def run_script(
    script: Path,
    out_dir: Path,
    *,
    network: bool,
    timeout: float,
    data_dir: Path | None = None,
    memory_mb: float | None = None,
    read_limit: int = 1 << 20,
) -> Outcome:
    """Run ``script`` through child.py, contained; figures and child.json land in out_dir."""
    if RUNNING.stopping:
        return Outcome(None, b"", b"", 0, False, True, 0.0, str(script))
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="courserun-run-") as scratch_name:
        scratch = Path(scratch_name)
        home = scratch / "home"
        work = scratch / "work"
        home.mkdir()
        work.mkdir()
        runner_copy = scratch / "child.py"
        shutil.copyfile(CHILD, runner_copy)
        script_copy = work / script.name
        shutil.copyfile(script, script_copy)
        env = snippet_environment(home, data_dir)
        env["COURSERUN_CHILD_NETWORK"] = "1" if network else "0"
        env["COURSERUN_CHILD_TIMEOUT"] = f"{timeout:g}"
        env["COURSERUN_CHILD_FILE_MB"] = str(FILE_CAP_MB)
        memory = memory_mb or os.environ.get(MEMORY_ENV)
        if memory:
            env["COURSERUN_CHILD_MEMORY_MB"] = str(memory)
        stdout_path, stderr_path = scratch / "stdout", scratch / "stderr"
        timed_out = False
        with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
            process = subprocess.Popen(
                [sys.executable, "-s", "-P", "-X", "faulthandler", str(runner_copy)]
                + [str(script_copy), str(out_dir)],
                cwd=work,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                start_new_session=True,
            )
            RUNNING.add(process.pid)
            try:
                try:
                    code = process.wait(timeout=timeout + GRACE_SECONDS)
                except subprocess.TimeoutExpired:
                    timed_out = True
                    _kill_group(process.pid)
                    code = process.wait()
            finally:
                # Whatever the snippet started in the background ends with it.
                _kill_group(process.pid)
                RUNNING.discard(process.pid)
                if process.poll() is None:
                    process.kill()
                    process.wait()
        stdout, stdout_size = _read_capped(stdout_path, read_limit)
        stderr, stderr_size = _read_capped(stderr_path, read_limit)
        if stderr_size > read_limit:
            # Keep the end of stderr: that is where the traceback or the stack dump is.
            with open(stderr_path, "rb") as handle:
                handle.seek(stderr_size - read_limit)
                stderr = handle.read()
    return Outcome(
        code=None if timed_out else code,
        stdout=stdout,
        stderr=stderr,
        stdout_size=stdout_size,
        timed_out=timed_out,
        interrupted=RUNNING.stopping and not timed_out and code != 0,
        wall=time.perf_counter() - began,
        scratch_script=str(script_copy),
    )
