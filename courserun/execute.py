"""Run snippets in contained child processes (sandbox.py), in parallel, through the cache."""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import re
import stat
import tempfile
import textwrap
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from . import provenance, publish, sandbox
from .cache import Cache, cache_key
from .isolation import policy
from .snippets import Snippet

NETWORK_ENV = "COURSERUN_NETWORK"


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
    # A lab's code cells, in order: each one's stdout, stderr and figure numbers [start, end).
    cells: list[dict] = field(default_factory=list)
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
        if self.error.get("cell") is not None:
            where += f" (code cell {self.error['cell'] + 1})"
        trace = self.error.get("traceback") or ""
        last = self.error.get("last_lines") or ""
        parts = [f"{where}: {self.error['type']}: {self.error['message']}"]
        if trace.strip():
            parts.append(trace.rstrip())
        if last.strip() and last.strip() not in trace:
            parts.append("Last lines of its output:\n" + textwrap.indent(last.rstrip(), "  "))
        parts.append(f"To reproduce: python {path}   (fix the script, then rebuild)")
        return "\n".join(parts)

    @classmethod
    def from_record(cls, snippet: Snippet, record: dict, cached: bool) -> Result:
        return cls(
            snippet=snippet,
            status=record["status"],
            stdout=record.get("stdout", ""),
            stderr=record.get("stderr", ""),
            values=record.get("values", {}),
            figures=record.get("figures", []),
            cells=record.get("cells", []),
            error=record.get("error"),
            timing=record.get("timing", {}),
            provenance=record.get("provenance", {}),
            cached=cached,
            dir=Path(record["dir"]) if record.get("dir") else None,
        )


# What a page may show of a snippet's run.
MAX_OUTPUT_BYTES = 64 * 1024
MAX_OUTPUT_LINES = 500
MAX_FIGURE_BYTES = 1_000_000
MAX_FIGURES_BYTES = 4_000_000  # all of one listing's figures (light variants) together
MAX_VALUES_BYTES = 2_000_000  # its named results, as JSON
MAX_RECORD_BYTES = 8_000_000  # child.json as the listing's process wrote it
FIGURE_NAME = re.compile(r"^fig-[1-9][0-9]{0,3}(?:-dark)?\.svg$")
# Strings that look like credentials: never published, whatever printed them. No word boundary
# in front: a token with letters glued before it is still a token.
SECRET_PATTERNS = {
    "a GitHub token": re.compile(r"(?:gh[oprsu]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})"),
    "an AWS access key": re.compile(r"(?:AKIA|ASIA)[0-9A-Z]{16}(?![0-9A-Z])"),
    "a private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "a Slack token": re.compile(r"xox[abprs]-[A-Za-z0-9-]{10,}"),
    "a Google API key": re.compile(r"AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])"),
}


def find_secrets(text: str) -> list[str]:
    """The kinds of credential that text contains (names only, never the secret itself)."""
    return [kind for kind, pattern in SECRET_PATTERNS.items() if pattern.search(text)]


def redact(text: str) -> str:
    for pattern in SECRET_PATTERNS.values():
        text = pattern.sub("[redacted]", text)
    return text


def _redact_error(error: dict) -> dict:
    """Every text of an error is shown in logs: none may carry a credential."""
    for name in ("message", "traceback", "last_lines"):
        if isinstance(error.get(name), str):
            error[name] = redact(error[name])
    return error


def _malformed(why: str) -> dict:
    return {
        "type": "MalformedRecord",
        "message": (
            f"the runner's record of this listing is unusable ({why}); the listing's process "
            "wrote over or beside the runner's files. A listing writes only to its working "
            "directory and never to the runner's output folder."
        ),
        "line": None,
    }


def _read_record(path: Path) -> tuple[dict, dict | None]:
    """child.json as the child wrote it, checked: a regular file, bounded, of the right shape.
    Returns (record, error); a bad record is that listing's error, never the build's."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        return {}, None
    except OSError as why:
        return {}, _malformed(f"child.json cannot be opened: {why.strerror}")
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            return {}, _malformed("child.json is not a regular file")
        if info.st_size > MAX_RECORD_BYTES:
            return {}, _malformed(f"child.json is {info.st_size} bytes")
        data = handle.read(MAX_RECORD_BYTES + 1)
    try:
        record = json.loads(data)
    except ValueError as why:
        return {}, _malformed(f"child.json is not JSON: {why}")
    shape = {"values": dict, "figures": list, "cells": list, "timing": dict}
    if not isinstance(record, dict):
        return {}, _malformed("child.json is not an object")
    for name, kind in shape.items():
        if not isinstance(record.get(name, kind()), kind):
            return {}, _malformed(f"'{name}' is not a {kind.__name__}")
    if record.get("error") is not None and not (
        isinstance(record["error"], dict)
        and isinstance(record["error"].get("type"), str)
        and isinstance(record["error"].get("message", ""), str)
    ):
        return {}, _malformed("'error' is not an error")
    for item in record.get("figures", []):
        if not (
            isinstance(item, dict)
            and all(isinstance(item.get(k), str) for k in ("light", "dark"))
            and FIGURE_NAME.match(item["light"])
            and FIGURE_NAME.match(item["dark"])
            and isinstance(item.get("titles", []), list)
        ):
            return {}, _malformed(f"figure entry {str(item)[:80]!r}")
    for cell in record.get("cells", []):
        try:
            ok = all(
                isinstance(v, int) or v is None
                for k in ("stdout", "stderr", "figures")
                for v in cell[k]
            ) and all(len(cell[k]) == 2 for k in ("stdout", "stderr", "figures"))
        except (KeyError, TypeError):
            ok = False
        if not ok:
            return {}, _malformed(f"cell entry {str(cell)[:80]!r}")
    timing = record.get("timing", {})
    record["timing"] = {k: v for k, v in timing.items() if isinstance(v, (int, float))}
    return record, None


def _figure_text(out_dir: Path, name: str) -> str | None:
    """A figure file the child wrote: a regular file in out_dir, not a link, read as text."""
    try:
        fd = os.open(out_dir / name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FIGURES_BYTES:
            return None
        return handle.read().decode("utf-8", errors="replace")


def _check_figures(figures: list[dict], out_dir: Path) -> dict | None:
    """Each figure is a safe SVG (publish.svg_problem), within the size caps, with no secret."""
    total = 0
    for item in figures:
        for variant in ("light", "dark"):
            text = _figure_text(out_dir, item[variant])
            if text is None:
                return _malformed(f"{item[variant]} is missing, a link, or not a regular file")
            if variant == "light":
                total += len(text.encode())
            if problem := publish.svg_problem(text):
                return {
                    "type": "UnsafeFigure",
                    "message": (
                        f"figure {item[variant]} is not an SVG a page may show ({problem}); "
                        "figures come from plt.show(), drawn by matplotlib, never written by "
                        "the listing."
                    ),
                    "line": None,
                }
            if kinds := find_secrets(text + "\n" + " ".join(map(str, item.get("titles", [])))):
                return _secret_error(kinds, "a figure")
    if total > MAX_FIGURES_BYTES:
        return {
            "type": "FigureTooLarge",
            "message": (
                f"its figures are {total / 1e6:.1f} MB as SVG together (limit "
                f"{MAX_FIGURES_BYTES / 1e6:.0f} MB). Draw fewer figures or fewer points, or pass "
                "rasterized=True to the plotting call with many points."
            ),
            "line": None,
        }
    return None


def _secret_error(kinds: list[str], where: str) -> dict:
    return {
        "type": "SecretInOutput",
        "message": (
            f"{where} contains what looks like {' and '.join(kinds)}; nothing was published. "
            "Never print credentials."
        ),
        "line": None,
    }


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


def _last_lines(stdout: str, stderr: str, count: int = 8) -> str:
    """The end of what it printed and the end of its errors (a crash dump can be long)."""
    parts = [text.strip().splitlines()[-count:] for text in (stdout, stderr) if text.strip()]
    return "\n".join(line for part in parts for line in part)


def _line_in(stderr: str, script: str) -> int | None:
    """The script's innermost line named in a traceback or in a faulthandler dump."""
    found = re.findall(rf'File "{re.escape(script)}", line (\d+)', stderr)
    if not found:
        return None
    # faulthandler lists the most recent call first; a Python traceback lists it last.
    dumped = "most recent call first" in stderr
    return int(found[0] if dumped else found[-1])


def _split_cells(records: list[dict], outcome: sandbox.Outcome, shown_as: str) -> list[dict]:
    """Each code cell's own output: the bytes written between its start and its end."""
    cells = []
    for record in records:
        out_start, out_end = record["stdout"]
        err_start, err_end = record["stderr"]
        stderr = sandbox.clean_text(outcome.stderr[err_start:err_end])
        cells.append(
            {
                "stdout": redact(sandbox.clean_text(outcome.stdout[out_start:out_end])),
                "stderr": redact(stderr.replace(outcome.scratch_script, shown_as)),
                "figures": record["figures"],
            }
        )
    return cells


def _limits(stdout: str, size: int, figures: list[dict], out_dir: Path) -> dict | None:
    lines = stdout.count("\n")
    if size > MAX_OUTPUT_BYTES or lines > MAX_OUTPUT_LINES:
        return {
            "type": "OutputTooLarge",
            "message": (
                f"printed {size / 1024:.0f} KB in {lines} lines; a page shows at most "
                f"{MAX_OUTPUT_BYTES // 1024} KB or {MAX_OUTPUT_LINES} lines. Print less: "
                "model.fit(..., verbose=0), summaries instead of whole arrays."
            ),
            "line": None,
        }
    for item in figures:
        path = out_dir / item["light"]
        if path.exists() and path.stat().st_size > MAX_FIGURE_BYTES:
            return {
                "type": "FigureTooLarge",
                "message": (
                    f"figure {item['light']} is {path.stat().st_size / 1e6:.1f} MB as SVG "
                    f"(limit {MAX_FIGURE_BYTES / 1e6:.0f} MB). Draw fewer points, or pass "
                    "rasterized=True to the plotting call with many points."
                ),
                "line": None,
            }
    return None


@contextlib.contextmanager
def _script_of(snippet: Snippet) -> Iterator[Path]:
    """The file to run: the listing itself, or, for a variant (variants.py), its text written
    under the same name in a temporary folder."""
    if not snippet.variant:
        yield snippet.path
        return
    with tempfile.TemporaryDirectory(prefix="courserun-variant-") as folder:
        script = Path(folder) / snippet.path.name
        script.write_text(snippet.text, encoding="utf-8")
        yield script


def run_uncached(
    snippet: Snippet,
    out_dir: Path,
    timeout: float | None = None,
    data_dir: Path | None = None,
    cold: bool | None = None,
) -> dict:
    """Run the snippet, contained (sandbox.py); figures land in out_dir. Returns a record."""
    limit = timeout or snippet.timeout or sandbox.default_timeout()
    with _script_of(snippet) as script:
        outcome = sandbox.run_script(
            script,
            out_dir,
            # A lab has no 'Network:' line: its cells download only where COURSERUN_NETWORK=1.
            network=bool(snippet.network) or (snippet.is_lab and network_allowed()),
            timeout=limit,
            data_dir=data_dir or sandbox.default_data_dir(),
            read_limit=max(MAX_OUTPUT_BYTES * 4, 256 * 1024),
            cold=cold,
            cells=",".join(f"{first}-{last}" for first, last in snippet.cells),
        )
    stdout = sandbox.clean_text(outcome.stdout)
    stderr = sandbox.clean_text(outcome.stderr)
    # Messages name the repository's file, not the scratch copy the snippet ran as.
    stderr_shown = stderr.replace(outcome.scratch_script, snippet.repo_path)
    child, error = _read_record(out_dir / "child.json")
    gaps = policy.missing(outcome.isolation)
    if outcome.code == policy.REFUSED and gaps and policy.mode() == "required":
        error = policy.refusal(gaps)
    elif outcome.mode != "none":
        policy.NOTICE.say(gaps)
    error = error or child.get("error")
    if error and error.get("traceback"):
        error["traceback"] = error["traceback"].replace(outcome.scratch_script, snippet.repo_path)
    code = outcome.code
    if outcome.interrupted:
        error = {"type": "Interrupted", "message": "stopped by an interrupt", "line": None}
    elif outcome.timed_out:
        line = _line_in(stderr, outcome.scratch_script)
        error = {
            "type": "Timeout",
            "message": (
                f"still running after {limit:g} s"
                + (f", at line {line}" if line else "")
                + "; listings should take seconds. Make it faster, or give it a "
                "'Timeout: <seconds>' line in its docstring (or set COURSERUN_TIMEOUT)."
            ),
            "line": line,
            "traceback": stderr_shown[-4000:],
        }
    elif code is not None and code < 0:
        line = _line_in(stderr, outcome.scratch_script)
        error = {
            "type": "Crash",
            "message": f"the interpreter was {sandbox.describe_signal(code)}"
            + (f", at line {line}" if line else ""),
            "line": line,
            "traceback": stderr_shown[-4000:],
        }
    elif not child:
        line = _line_in(stderr, outcome.scratch_script)
        error = error or {
            "type": "EarlyExit",
            "message": (
                f"the process ended with code {code} before the runner recorded its results "
                "(os._exit() or a crash in native code); a listing runs to its end"
            ),
            "line": line,
            "traceback": stderr_shown[-4000:],
        }
    elif code != 0 and not error:
        error = {
            "type": "Crash",
            "message": f"the interpreter exited with code {code} before reporting",
            "line": None,
            "traceback": stderr_shown[-4000:],
        }
    figures = child.get("figures", [])
    values = publish.clean_values(child.get("values", {}))
    cells = _split_cells(child.get("cells", []), outcome, snippet.repo_path)
    if error is None:
        error = _limits(stdout, outcome.stdout_size, figures, out_dir)
    values_json = json.dumps(values)
    if error is None and len(values_json) > MAX_VALUES_BYTES:
        error = {
            "type": "ValuesTooLarge",
            "message": (
                f"its named results are {len(values_json) / 1e6:.1f} MB as JSON (limit "
                f"{MAX_VALUES_BYTES / 1e6:.0f} MB). Keep large arrays under a name starting "
                "with '_', which is not kept."
            ),
            "line": None,
        }
    if error is None and (kinds := find_secrets(stdout + "\n" + values_json)):
        error = _secret_error(kinds, "its output or named results")
    if error is None and figures:
        error = _check_figures(figures, out_dir)
    if error is not None:
        error["last_lines"] = _last_lines(stdout, stderr_shown)
        _redact_error(error)
    timing = dict(child.get("timing", {}))
    timing["wall"] = outcome.wall
    timing["start"] = outcome.mode
    # The snippet's own time (its imports included); wall minus own is the runner's overhead.
    timing["own"] = max(
        0.0,
        timing.get("preimport", 0.0)
        + timing.get("exec", outcome.wall)
        - timing.get("capture_in_exec", 0.0),
    )
    return {
        "status": "error" if error else "ok",
        "stdout": redact(stdout[:MAX_OUTPUT_BYTES]),
        "stderr": redact(stderr_shown[-20000:]),
        "values": values,
        "figures": figures,
        "cells": cells,
        "error": error,
        "timing": timing,
        "provenance": _provenance(child),
    }


class RunInterruptedError(Exception):
    """Ctrl-C or SIGTERM during a run: queued snippets cancelled, running ones stopped."""


class _RepoGuard:
    """Notices files created, changed or deleted in the repository while snippets run.

    Watches ``docs/`` (not the generated folder), ``snippets/`` and ``courserun/`` of the project
    a snippet belongs to (``<root>/snippets/<chapter>/<file>.py``). A change seen between a
    snippet's start and end fails that snippet, naming the files and what ran beside it.
    """

    SKIP = {"_generated", "__pycache__", ".ipynb_checkpoints"}

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.running: set[str] = set()

    @staticmethod
    def roots(snippet: Snippet) -> list[Path]:
        # snippets/<chapter>/<file>.py, or a lab: docs/labs/<file>.py
        if snippet.path.parent.parent.name not in ("snippets", "docs"):
            return []
        root = snippet.path.parent.parent.parent
        return [d for d in (root / "docs", root / "snippets", root / "courserun") if d.is_dir()]

    @classmethod
    def snapshot(cls, folders: list[Path]) -> dict[str, tuple[int, int]]:
        state: dict[str, tuple[int, int]] = {}
        for folder in folders:
            for here, dirs, files in os.walk(folder):
                dirs[:] = [d for d in dirs if d not in cls.SKIP]
                for name in files:
                    path = os.path.join(here, name)
                    try:
                        info = os.stat(path)
                    except OSError:
                        continue
                    state[path] = (info.st_mtime_ns, info.st_size)
        return state

    @staticmethod
    def changes(before: dict, after: dict, root: Path) -> list[str]:
        def show(path: str) -> str:
            return os.path.relpath(path, root)

        found = [f"created {show(p)}" for p in sorted(after.keys() - before.keys())]
        found += [f"deleted {show(p)}" for p in sorted(before.keys() - after.keys())]
        found += [
            f"changed {show(p)}"
            for p in sorted(before.keys() & after.keys())
            if before[p] != after[p]
        ]
        return found

    def start(self, snippet: Snippet) -> tuple[list[Path], dict]:
        with self._lock:
            self.running.add(snippet.id)
        folders = self.roots(snippet)
        return folders, self.snapshot(folders)

    def finish(self, snippet: Snippet, folders: list[Path], before: dict) -> dict | None:
        with self._lock:
            beside = sorted(self.running - {snippet.id})
            self.running.discard(snippet.id)
        if not folders:
            return None
        changed = self.changes(before, self.snapshot(folders), folders[0].parent)
        if not changed:
            return None
        also = f" (also running then: {', '.join(beside)})" if beside else ""
        return {
            "type": "RepositoryChanged",
            "message": (
                f"the repository changed while this listing ran{also}: {'; '.join(changed[:10])}"
                f"{' …' if len(changed) > 10 else ''}. A listing writes only to its working "
                "directory. Undo the change (`git status`); if you edited the file yourself "
                "during the build, just build again."
            ),
            "line": None,
        }


GUARD = _RepoGuard()


def run_one(
    snippet: Snippet,
    cache: Cache,
    force: bool = False,
    timeout: float | None = None,
    cold: bool | None = None,
) -> Result:
    if snippet.network and not network_allowed():
        return Result(snippet, "skipped-network")
    key = cache_key(snippet)
    if not force and (record := cache.load(snippet, key)) is not None:
        return Result.from_record(snippet, record, cached=True)
    if sandbox.RUNNING.stopping:
        raise RunInterruptedError()
    folders, before = GUARD.start(snippet)
    finished = False
    try:
        with tempfile.TemporaryDirectory(prefix="courserun-out-") as produced:
            record = run_uncached(snippet, Path(produced), timeout, cold=cold)
            changed = GUARD.finish(snippet, folders, before)
            finished = True
            if changed is not None:
                record["status"], record["error"] = "error", changed
            if record["status"] != "ok":
                # Failures are never cached: the next build shows the error again.
                record["dir"] = None
                return Result.from_record(snippet, record, cached=False)
            stored = cache.store(snippet, key, record, Path(produced), replace=force)
    finally:
        if not finished:
            GUARD.finish(snippet, [], before)
    return Result.from_record(snippet, stored, cached=False)


def run_many(
    snippets: Iterable[Snippet],
    cache: Cache,
    jobs: int | None = None,
    force: bool = False,
    progress: Callable[[int, int, Result], None] | None = None,
    timeout: float | None = None,
    cold: bool | None = None,
) -> dict[str, Result]:
    """Run (or load) every snippet, ``jobs`` at a time; results keyed by snippet id, in order.

    On Ctrl-C (or SIGTERM, which the CLI turns into the same): queued snippets are cancelled,
    running process groups killed, their scratch folders removed, ``RunInterruptedError`` raised.
    """
    snippets = list(snippets)
    jobs = jobs or os.cpu_count() or 1
    results: dict[str, Result] = {}
    pool = ThreadPoolExecutor(max_workers=jobs)
    try:
        futures = {pool.submit(run_one, s, cache, force, timeout, cold): s for s in snippets}
        for done, future in enumerate(as_completed(futures), start=1):
            result = future.result()
            results[result.snippet.id] = result
            if progress:
                progress(done, len(snippets), result)
    except (KeyboardInterrupt, RunInterruptedError):
        pool.shutdown(wait=False, cancel_futures=True)
        stopped = sandbox.RUNNING.kill_all()
        pool.shutdown(wait=True)
        sandbox.RUNNING.stopping = False
        raise RunInterruptedError(
            f"interrupted: {len(results)} of {len(snippets)} listings finished, "
            f"{stopped} running stopped, the rest cancelled"
        ) from None
    finally:
        pool.shutdown(wait=True)
    return {s.id: results[s.id] for s in snippets}
