"""Run one script in a contained child process: the launcher, above ``isolation``.

What a snippet gets, and what it cannot do to the machine that builds the site:

- the kernel's walls (``isolation/jail.py``, put up inside the child before the listing runs):
  its own PID, mount, IPC and (unless ``Network:``) network namespaces, every mount read-only
  but its own folders, private ``/tmp`` and ``HOME``, no capabilities; where the kernel refuses,
  the runner says so once (``isolation/policy.py``), or fails the listing when
  ``COURSERUN_ISOLATION=required``;
- an environment allowlisted by exact name (no tokens or passwords of the parent; ``HOME``,
  ``KERAS_HOME`` and ``MPLCONFIGDIR`` are scratch folders of its own, deleted afterwards; the
  shared datasets folder is writable only for a ``Network:`` listing);
- a copy of itself and of ``child.py`` in a scratch folder outside the repository, which is also
  its working directory, so ``__file__`` and the command line lead nowhere in the repository;
- its own process group and PID namespace, killed whole at the time limit, after an
  interrupt, and when the snippet exits (a background process it started, even in a new
  session, does not outlive it);
- stdout and stderr written to files (so a grandchild holding a pipe cannot make the runner
  wait) and read back as bytes, decoded with replacement, without control characters;
- a file-size cap (a flood of output ends with SIGXFSZ instead of filling the disk) and,
  optionally, an address-space cap.

Two ways to start the child, with the same guarantees and the same results: **warm** (the
default) forks it from a parent that has already imported numpy, matplotlib, scikit-learn,
Keras and TensorFlow (``child.py --serve``; one per parallel job, kept for the life of the build
or of ``mkdocs serve``), so a listing does not pay seconds of imports; **cold**
(``COURSERUN_COLD=1`` or ``--cold``) starts a fresh interpreter. The warm parent refuses to fork
when it has more than one thread, and the runner then falls back to cold with a warning.

``run_script`` returns what happened; ``execute.py`` turns it into a result record.
"""

from __future__ import annotations

import atexit
import json
import os
import queue
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from .isolation import policy

CHILD = Path(__file__).resolve().parent / "child.py"
JAIL = Path(__file__).resolve().parent / "isolation" / "jail.py"

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
ALLOWED_NAMES = policy.ALLOWED_NAMES  # by exact name (isolation/policy.py)

DEFAULT_TIMEOUT = 60.0  # seconds; the contract promises a few, 20 at the very most
TIMEOUT_ENV = "COURSERUN_TIMEOUT"
COLD_ENV = "COURSERUN_COLD"
WARM_START_SECONDS = 180.0  # the warm parent's imports, on a loaded 2-core machine
MEMORY_ENV = "COURSERUN_MEMORY_MB"
FILE_CAP_MB = 256  # no file a snippet writes (its output included) may grow past this
GRACE_SECONDS = 3.0  # after the limit: time for the stack dump before the group is killed

_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
# C0 and C1 controls (tabs and newlines kept), and the Unicode bidi controls that can make a
# line read differently from what it is.
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)

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
    escapes, control characters (C0, C1) or bidi controls (tabs and newlines kept, carriage
    returns normalised)."""
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


def cold_by_default() -> bool:
    return os.environ.get(COLD_ENV, "") == "1"


def default_data_dir() -> Path:
    """Downloads and font caches kept between runs, outside HOME and the repository."""
    folder = os.environ.get("COURSERUN_DATA")
    return Path(folder) if folder else Path.home() / ".cache" / "courserun-data"


def snippet_environment(
    home: Path, data_dir: Path | None, private: Path | None = None
) -> dict[str, str]:
    """The listing's environment. ``private``: a scratch folder that gets its own Keras and
    Matplotlib configuration (KERAS_HOME, MPLCONFIGDIR), so nothing a listing changes there
    reaches the next; the datasets and the font cache come from ``data_dir``."""
    env = {name: value for name, value in os.environ.items() if name in ALLOWED_NAMES}
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
    if private is not None:
        keras_home, mpl = private_config(private, data_dir)
        env["KERAS_HOME"], env["MPLCONFIGDIR"] = str(keras_home), str(mpl)
    elif data_dir is not None:
        # Downloads (keras.datasets) and matplotlib's font cache survive between runs here,
        # outside HOME, which is thrown away.
        env["KERAS_HOME"] = str(data_dir / "keras")
        env["MPLCONFIGDIR"] = str(data_dir / "matplotlib")
    return env


def datasets_dir(data_dir: Path) -> Path:
    return data_dir / "keras" / "datasets"


_FONTS_LOCK = threading.Lock()


def shared_font_cache(data_dir: Path | None) -> None:
    """Matplotlib's font list in the shared folder, written by the runner's own interpreter (a
    warm parent does it on import): a cold listing starts from a copy instead of rebuilding it."""
    if data_dir is None:
        return
    folder = data_dir / "matplotlib"
    with _FONTS_LOCK:
        if folder.is_dir() and any(folder.glob("fontlist-v*.json")):
            return
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-s", "-P", "-c", "import matplotlib.font_manager"],
            env={**snippet_environment(folder, data_dir), "MPLCONFIGDIR": str(folder)},
            cwd=folder,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
            timeout=120,
        )


def private_config(folder: Path, data_dir: Path | None) -> tuple[Path, Path]:
    """KERAS_HOME and MPLCONFIGDIR of one's own under folder: keras.json and matplotlibrc
    start from the defaults; downloads go to the shared datasets folder (a link), and the font
    list starts as a copy of the shared one (the warm parent writes it before any fork)."""
    keras_home, mpl = folder / "keras", folder / "matplotlib"
    keras_home.mkdir(parents=True, exist_ok=True)
    mpl.mkdir(parents=True, exist_ok=True)
    if data_dir is not None:
        shared = datasets_dir(data_dir)
        shared.mkdir(parents=True, exist_ok=True)
        link = keras_home / "datasets"
        if not link.is_symlink():
            link.symlink_to(shared, target_is_directory=True)
        fonts = data_dir / "matplotlib"
        if fonts.is_dir():
            for cache in fonts.glob("fontlist-v*.json"):
                if cache.is_file() and not cache.is_symlink():
                    shutil.copyfile(cache, mpl / cache.name)
    return keras_home, mpl


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
    mode: str = "cold"  # "warm" (forked from the warm parent) or "cold" (a fresh interpreter)
    isolation: dict | None = None  # the jail's report: walls put up, walls missing and why


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


def _children(pid: int) -> list[int]:
    found = []
    try:
        names = os.listdir("/proc")
    except OSError:
        return found
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if len(fields) > 1 and int(fields[1]) == pid:
            found.append(int(name))
    return found


def _kill_group(pgid: int) -> None:
    """Kill a listing: its namespace's init first (the kernel then ends every process of the
    namespace, in whatever session), then the process group the runner started."""
    for child in _children(pgid):
        try:
            os.kill(child, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
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


def _child_settings(
    network: bool, timeout: float, memory, cells: str = "", jail: dict | None = None
) -> dict[str, str]:
    """What child.py enforces inside the process (see its docstring)."""
    settings = {
        "network": "1" if network else "0",
        "timeout": f"{timeout:g}",
        "file_mb": str(FILE_CAP_MB),
    }
    if jail is not None:
        settings["jail"] = json.dumps(jail)
    if cells:
        settings["cells"] = cells
    if memory:
        settings["memory_mb"] = str(memory)
    return settings


class WarmUnavailableError(Exception):
    """The warm parent cannot run this snippet; the runner runs it cold instead."""


class _LineReader:
    """JSON lines from a pipe, with a time limit per line."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = b""

    def read(self, timeout: float | None) -> dict | None:
        deadline = None if timeout is None else time.monotonic() + timeout
        while b"\n" not in self.buffer:
            remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
            ready, _, _ = select.select([self.fd], [], [], remaining)
            if not ready:
                return None
            chunk = os.read(self.fd, 65536)
            if not chunk:
                raise WarmUnavailableError("the warm parent exited")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        try:
            return json.loads(line)
        except ValueError:
            raise WarmUnavailableError(f"the warm parent sent {line[:80]!r}") from None


class WarmParent:
    """One ``child.py --serve`` process: imports once, forks one child per request."""

    def __init__(self, data_dir: Path | None) -> None:
        self.scratch = Path(tempfile.mkdtemp(prefix="courserun-warm-"))
        (self.scratch / "home").mkdir()
        runner_copy = self.scratch / "child.py"
        shutil.copyfile(CHILD, runner_copy)
        shutil.copyfile(JAIL, self.scratch / "jail.py")
        # Its own Keras configuration (read once, at import, for every child), the shared font
        # cache (written here, before any fork, by the runner's own code).
        keras_home, _ = private_config(self.scratch, data_dir)
        env = snippet_environment(self.scratch / "home", data_dir)
        env["KERAS_HOME"] = str(keras_home)
        self.log = open(self.scratch / "stderr", "wb")  # noqa: SIM115 - lives with the process
        self.process = subprocess.Popen(
            [sys.executable, "-s", "-P", "-X", "faulthandler", str(runner_copy), "--serve"],
            cwd=self.scratch,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            start_new_session=True,
        )
        assert self.process.stdout is not None
        self.reader = _LineReader(self.process.stdout.fileno())
        self.ready: dict | None = None

    def wait_ready(self) -> None:
        if self.ready is None:
            self.ready = self.reader.read(WARM_START_SECONDS)
            if self.ready is None or "ready" not in self.ready:
                raise WarmUnavailableError("the warm parent did not start in time")

    def fork(self, request: dict) -> int:
        self.wait_ready()
        assert self.process.stdin is not None
        try:
            self.process.stdin.write((json.dumps(request) + "\n").encode())
            self.process.stdin.flush()
        except (BrokenPipeError, OSError) as err:
            raise WarmUnavailableError(f"the warm parent is gone ({err})") from None
        answer = self.reader.read(60.0)
        if not isinstance(answer, dict) or ("refused" not in answer and "pid" not in answer):
            raise WarmUnavailableError("the warm parent did not answer")
        if "refused" in answer:
            raise WarmUnavailableError(f"forking is not safe there: {answer['refused']}")
        return int(answer["pid"])

    def status(self, timeout: float | None) -> int | None:
        answer = self.reader.read(timeout)
        if answer is None:
            return None
        if not isinstance(answer, dict) or not isinstance(answer.get("status"), int):
            raise WarmUnavailableError(f"the warm parent sent {str(answer)[:80]!r}")
        return answer["status"]

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def close(self) -> None:
        _kill_group(self.process.pid)
        self.process.wait()
        self.log.close()
        shutil.rmtree(self.scratch, ignore_errors=True)


class WarmPool:
    """Warm parents for one data folder, one per job running at a time, started on demand."""

    def __init__(self, data_dir: Path | None) -> None:
        self.data_dir = data_dir
        self.idle: queue.SimpleQueue[WarmParent] = queue.SimpleQueue()
        self.parents: list[WarmParent] = []
        self.lock = threading.Lock()
        self.warned = False

    def acquire(self) -> WarmParent:
        try:
            return self.idle.get_nowait()
        except queue.Empty:
            parent = WarmParent(self.data_dir)
            with self.lock:
                self.parents.append(parent)
            return parent

    def release(self, parent: WarmParent) -> None:
        if parent.alive:
            self.idle.put(parent)
        else:
            self.discard(parent)

    def discard(self, parent: WarmParent) -> None:
        with self.lock:
            if parent in self.parents:
                self.parents.remove(parent)
        parent.close()

    def warn_once(self, why: str) -> None:
        with self.lock:
            if self.warned:
                return
            self.warned = True
        print(f"courserun: warm start unavailable ({why}); running cold.", file=sys.stderr)

    def close(self) -> None:
        with self.lock:
            parents, self.parents = self.parents, []
        for parent in parents:
            parent.close()


_POOLS: dict[str, WarmPool] = {}
_POOLS_LOCK = threading.Lock()


def warm_pool(data_dir: Path | None) -> WarmPool:
    """The process-wide pool for this data folder (``mkdocs serve`` keeps it across rebuilds)."""
    with _POOLS_LOCK:
        key = str(data_dir)
        if key not in _POOLS:
            _POOLS[key] = WarmPool(data_dir)
        return _POOLS[key]


@atexit.register
def close_pools() -> None:
    with _POOLS_LOCK:
        pools = list(_POOLS.values())
        _POOLS.clear()
    for pool in pools:
        pool.close()


def run_script(
    script: Path,
    out_dir: Path,
    *,
    network: bool,
    timeout: float,
    data_dir: Path | None = None,
    memory_mb: float | None = None,
    read_limit: int = 1 << 20,
    cold: bool | None = None,
    cells: str = "",
) -> Outcome:
    """Run ``script`` through child.py, contained; figures and child.json land in out_dir.

    ``cells`` ("3-10,12-20"): run it as a notebook's code cells, each output recorded apart."""
    if RUNNING.stopping:
        return Outcome(None, b"", b"", 0, False, True, 0.0, str(script), "none")
    memory = memory_mb or os.environ.get(MEMORY_ENV)
    # An address-space cap counts the warm parent's libraries too: capped runs start cold.
    warm = not (cold if cold is not None else cold_by_default()) and not memory
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="courserun-run-") as scratch_name:
        scratch = Path(scratch_name)
        home = scratch / "home"
        work = scratch / "work"
        home.mkdir()
        work.mkdir()
        script_copy = work / script.name
        shutil.copyfile(script, script_copy)
        if not warm:
            shared_font_cache(data_dir)
        env = snippet_environment(home, data_dir, private=scratch / "config")
        report_path = scratch / "isolation.json"
        report_path.write_bytes(b"")
        writable = [work, home, scratch / "config" / "keras", scratch / "config" / "matplotlib"]
        writable.append(out_dir)
        if network and data_dir is not None:
            writable.append(datasets_dir(data_dir))  # downloads, for a 'Network:' listing only
        jail = policy.config(
            writable=[str(p) for p in writable],
            visible=[str(scratch)] + ([str(data_dir)] if data_dir is not None else []),
            network=network,
            report=str(report_path),
        )
        settings = _child_settings(network, timeout, memory, cells, jail)
        stdout_path, stderr_path = scratch / "stdout", scratch / "stderr"
        result = None
        mode = "cold"
        if warm:
            pool = warm_pool(data_dir)
            parent = pool.acquire()
            try:
                parent.wait_ready()
                began = time.perf_counter()  # the parent's one-off imports are not this run's
                result = _run_warm(
                    parent,
                    script_copy,
                    out_dir,
                    work,
                    env,
                    settings,
                    stdout_path,
                    stderr_path,
                    timeout,
                )
                mode = "warm"
            except WarmUnavailableError as why:
                pool.discard(parent)
                parent = None
                pool.warn_once(str(why))
            finally:
                if parent is not None:
                    pool.release(parent)
        if result is None and RUNNING.stopping:
            # Interrupted while the warm parent failed: start nothing.
            stdout_path.touch()
            stderr_path.touch()
            result = (None, False)
        elif result is None:
            result = _run_cold(
                scratch,
                script_copy,
                out_dir,
                work,
                env,
                settings,
                stdout_path,
                stderr_path,
                timeout,
            )
        code, timed_out = result
        isolation = _read_report(report_path)
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
        mode=mode,
        isolation=isolation,
    )


def _read_report(path: Path) -> dict | None:
    """The jail's report, written by the runner's code before the listing's first line."""
    try:
        text = path.read_text(encoding="utf-8")
        report = json.loads(text) if text else None
    except (OSError, ValueError):
        return None
    return report if isinstance(report, dict) else None


def _run_cold(
    scratch, script_copy, out_dir, work, env, settings, stdout_path, stderr_path, timeout
):
    runner_copy = scratch / "child.py"
    shutil.copyfile(CHILD, runner_copy)
    shutil.copyfile(JAIL, scratch / "jail.py")
    # A fresh interpreter reads its settings from the environment (child.py removes them).
    env = {**env, **{f"COURSERUN_CHILD_{k.upper()}": v for k, v in settings.items()}}
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
    return code, timed_out


def _run_warm(parent, script_copy, out_dir, work, env, settings, stdout_path, stderr_path, timeout):
    request = {
        "script": str(script_copy),
        "out_dir": str(out_dir),
        "cwd": str(work),
        "env": env,
        "stdout": str(stdout_path),
        "stderr": str(stderr_path),
        "settings": settings,
    }
    pid = parent.fork(request)
    RUNNING.add(pid)
    timed_out = False
    try:
        code = parent.status(timeout + GRACE_SECONDS)
        if code is None:
            timed_out = True
            _kill_group(pid)
            code = parent.status(30.0)
            if code is None:
                raise WarmUnavailableError("the warm parent lost its child")
    finally:
        _kill_group(pid)
        RUNNING.discard(pid)
    return code, timed_out
