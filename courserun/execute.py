"""Run snippets in fresh interpreters, in parallel, through the cache."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from . import provenance
from .cache import Cache, cache_key
from .snippets import Snippet

CHILD = Path(__file__).resolve().parent / "child.py"
NETWORK_ENV = "COURSERUN_NETWORK"
TIMEOUT_SECONDS = 300


def network_allowed() -> bool:
    """Snippets marked 'Network:' run only where COURSERUN_NETWORK=1 says the network is there."""
    return os.environ.get(NETWORK_ENV, "") == "1"


@dataclass
class Result:
    """What one snippet did: status ok | error | skipped-network."""

    snippet: Snippet
    status: str
    stdout: str = ""
    stderr: str = ""
    values: dict = field(default_factory=dict)
    figures: list[dict] = field(default_factory=list)
    error: dict | None = None
    timing: dict = field(default_factory=dict)
    provenance: dict = field(default_factory=dict)
    cached: bool = False
    dir: Path | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def wall_seconds(self) -> float:
        return float(self.timing.get("wall", 0.0))

    def figure_path(self, index: int, dark: bool = False) -> Path:
        assert self.dir is not None
        return self.dir / self.figures[index]["dark" if dark else "light"]

    def describe_error(self) -> str:
        """The error as a reader needs it: file and line, traceback, and what to do."""
        path = self.snippet.repo_path
        if self.status == "skipped-network":
            return f"{path}: skipped, needs the network ({self.snippet.network.rstrip('.')})."
        if not self.error:
            return f"{path}: {self.status}"
        line = self.error.get("line")
        where = f"{path}:{line}" if line else path
        trace = self.error.get("traceback") or self.stderr[-4000:]
        return (
            f"{where}: {self.error['type']}: {self.error['message']}\n"
            f"{trace.rstrip()}\n"
            f"To reproduce: python {path}   (fix the script, then rebuild)"
        )

    @classmethod
    def from_record(cls, snippet: Snippet, record: dict, cached: bool) -> Result:
        return cls(
            snippet=snippet,
            status=record["status"],
            stdout=record.get("stdout", ""),
            stderr=record.get("stderr", ""),
            values=record.get("values", {}),
            figures=record.get("figures", []),
            error=record.get("error"),
            timing=record.get("timing", {}),
            provenance=record.get("provenance", {}),
            cached=cached,
            dir=Path(record["dir"]) if record.get("dir") else None,
        )


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


def child_environment() -> dict[str, str]:
    return {**os.environ, "MPLBACKEND": "Agg", "PYTHONUNBUFFERED": "1", **DETERMINISTIC_ENV}


def _provenance(child: dict) -> dict:
    machine = provenance.machine()
    device = child.get("tf_device")
    if device == "GPU":
        device_text = f"GPU ({machine['gpu'] or 'unknown'})"
    else:
        device_text = f"CPU ({machine['cpu']})"
    return {
        "versions": provenance.versions(),
        "device": device_text,
        "keras_backend": child.get("keras_backend"),
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d"),
    }


def run_uncached(snippet: Snippet, out_dir: Path) -> dict:
    """Run the snippet in a fresh interpreter; figures land in out_dir. Returns a record."""
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="courserun-cwd-") as scratch:
        try:
            completed = subprocess.run(
                [sys.executable, "-s", "-P", str(CHILD), str(snippet.path), str(out_dir)],
                cwd=scratch,
                env=child_environment(),
                capture_output=True,
                text=True,
                timeout=TIMEOUT_SECONDS,
                stdin=subprocess.DEVNULL,
            )
            stdout, stderr, code = completed.stdout, completed.stderr, completed.returncode
        except subprocess.TimeoutExpired as timeout:
            stdout = timeout.stdout or ""
            stderr = timeout.stderr or ""
            stdout = stdout.decode() if isinstance(stdout, bytes) else stdout
            stderr = stderr.decode() if isinstance(stderr, bytes) else stderr
            code = None
    wall = time.perf_counter() - began
    child_file = out_dir / "child.json"
    child = json.loads(child_file.read_text(encoding="utf-8")) if child_file.exists() else {}
    error = child.get("error")
    if code is None:
        error = {
            "type": "Timeout",
            "message": f"still running after {TIMEOUT_SECONDS} s; snippets should take seconds",
            "line": None,
        }
    elif code != 0 and not error:
        error = {
            "type": "Crash",
            "message": f"the interpreter exited with code {code} before reporting",
            "line": None,
            "traceback": stderr[-4000:],
        }
    timing = dict(child.get("timing", {}))
    timing["wall"] = wall
    # The snippet's own time (its imports included); wall minus own is the runner's overhead.
    timing["own"] = max(
        0.0,
        timing.get("preimport", 0.0) + timing.get("exec", wall) - timing.get("capture", 0.0),
    )
    return {
        "status": "error" if error else "ok",
        "stdout": stdout,
        "stderr": stderr,
        "values": child.get("values", {}),
        "figures": child.get("figures", []),
        "error": error,
        "timing": timing,
        "provenance": _provenance(child),
    }


def run_one(snippet: Snippet, cache: Cache, force: bool = False) -> Result:
    if snippet.network and not network_allowed():
        return Result(snippet, "skipped-network")
    key = cache_key(snippet)
    if not force and (record := cache.load(snippet, key)) is not None:
        return Result.from_record(snippet, record, cached=True)
    with tempfile.TemporaryDirectory(prefix="courserun-out-") as produced:
        record = run_uncached(snippet, Path(produced))
        if record["status"] != "ok":
            # Failures are never cached: the next build shows the error again.
            record["dir"] = None
            return Result.from_record(snippet, record, cached=False)
        stored = cache.store(snippet, key, record, Path(produced))
    return Result.from_record(snippet, stored, cached=False)


def run_many(
    snippets: Iterable[Snippet],
    cache: Cache,
    jobs: int | None = None,
    force: bool = False,
    progress: Callable[[int, int, Result], None] | None = None,
) -> dict[str, Result]:
    """Run (or load) every snippet, ``jobs`` at a time; results keyed by snippet id, in order."""
    snippets = list(snippets)
    jobs = jobs or os.cpu_count() or 1
    results: dict[str, Result] = {}
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(run_one, s, cache, force): s for s in snippets}
        for done, future in enumerate(as_completed(futures), start=1):
            result = future.result()
            results[result.snippet.id] = result
            if progress:
                progress(done, len(snippets), result)
    return {s.id: results[s.id] for s in snippets}
