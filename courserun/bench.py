"""`make bench`: the budgets of the project, measured.

1. A clean test run: the whole suite (ruff and pytest) with an empty cache, as CI does it (the
   cache of listings and labs is a temporary folder).
2. A forced run of every listing and lab, warm (forked from the warm parent) and cold (fresh
   interpreters), and their ratio; the listings' own compute after their imports, and the floor
   that sets (that sum divided by the cores).
3. `mkdocs build` with nothing changed.
4. Edit to page: under `mkdocs serve`, the time from editing one Keras listing to its new
   output on the served page.

The measurements use temporary caches, so the project's own cache is left as it was.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from .project import Project, load_snippets, select


def _timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, int, str]:
    began = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    return time.perf_counter() - began, done.returncode, done.stdout + done.stderr


def _records(cache_dir: Path) -> list[dict]:
    return [
        json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(cache_dir.glob("*/result.json"))
    ]


def run_bench(project: Project, skip_tests: bool = False) -> int:
    bin_dir = Path(sys.executable).parent
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="courserun-bench-") as scratch:
        cache_dir = Path(scratch) / "cache"
        env = {**os.environ, "COURSERUN_CACHE": str(cache_dir), "NO_MKDOCS_2_WARNING": "1"}
        build = [str(bin_dir / "mkdocs"), "build", "--strict", "--site-dir", f"{scratch}/site"]

        if not skip_tests:
            print("clean test run (empty caches): ruff + pytest ...", flush=True)
            total = 0.0
            for command in (
                [str(bin_dir / "ruff"), "format", "--check", "."],
                [str(bin_dir / "ruff"), "check", "."],
                [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--durations=15"],
            ):
                seconds, code, output = _timed(command, project.root, env)
                total += seconds
                if "slowest" in output:
                    print(output[output.index("slowest") - 30 :].split("short test summary")[0])
                if code != 0:
                    print(output[-3000:])
                    print(f"failed: {' '.join(command)}")
                    return 1
            rows.append(("clean test run (cache empty, venv present)", f"{total:.1f} s"))
        else:
            print("clean snippet run (empty cache) ...", flush=True)
            seconds, code, output = _timed(
                [sys.executable, "-m", "courserun", "run"], project.root, env
            )
            if code != 0:
                print(output[-3000:])
                return 1
            rows.append(("clean run of all snippets", f"{seconds:.1f} s"))

        cores = os.cpu_count() or 1
        runs = {}
        for mode in ("warm", "cold"):
            print(f"forced run of every listing, {mode} ...", flush=True)
            mode_env = {**env, "COURSERUN_CACHE": f"{scratch}/{mode}"}
            command = [sys.executable, "-m", "courserun", "run", "--force"]
            seconds, code, output = _timed(
                command + (["--cold"] if mode == "cold" else []), project.root, mode_env
            )
            if code != 0:
                print(output[-3000:])
                return 1
            runs[mode] = (seconds, _records(Path(f"{scratch}/{mode}")))
            rows.append((f"forced run of all listings and labs, {mode}", f"{seconds:.1f} s"))
        rows.append(("  ratio warm / cold", f"{runs['warm'][0] / runs['cold'][0]:.2f}"))
        # The Keras-heavy listings (the measure), and the labs apart: a lab imports once
        # and computes for a minute, so warm start saves it little.
        everything = select(project)
        keras_ids = {
            s.id
            for s in everything
            if not s.is_lab and ("keras" in s.text or "tensorflow" in s.text)
        }
        lab_ids = {s.id for s in everything if s.is_lab}
        for label, ids in ((f"Keras listings ({len(keras_ids)})", keras_ids), ("labs", lab_ids)):
            sums = {
                mode: sum(r["timing"]["wall"] for r in records if r["snippet"] in ids)
                for mode, (_, records) in runs.items()
            }
            rows.append(
                (
                    f"  {label}, sum of walls warm / cold",
                    f"{sums['warm']:.1f} s / {sums['cold']:.1f} s "
                    f"(ratio {sums['warm'] / max(sums['cold'], 1e-9):.2f})",
                )
            )
        records = runs["warm"][1]
        compute = sum(
            max(0.0, r["timing"].get("exec", 0.0) - r["timing"].get("capture_in_exec", 0.0))
            for r in records
        )
        rows.append(
            (
                "listings' own compute after imports (warm), and floor",
                f"{compute:.1f} s, / {cores} cores = {compute / cores:.1f} s",
            )
        )
        walls = [r["timing"]["wall"] for r in records]
        owns = [r["timing"]["own"] for r in records]
        overheads = [w - o for w, o in zip(walls, owns, strict=True)]
        rows += [
            ("snippets run", str(len(records))),
            ("sum of snippet wall times (warm)", f"{sum(walls):.1f} s"),
        ]
        chapters: dict[str, list[float]] = {}
        for record in records:
            chapters.setdefault(record["snippet"].split("/")[0], []).append(
                record["timing"]["wall"]
            )
        for chapter, times in sorted(chapters.items()):
            rows.append(
                (
                    f"  {chapter}: {len(times)} snippets, sum / slowest",
                    f"{sum(times):.1f} s / {max(times):.1f} s",
                )
            )
        mean_overhead = sum(overheads) / max(1, len(overheads))
        rows.append(
            (
                "runner overhead per snippet (warm): mean / max",
                f"{mean_overhead:.2f} s / {max(overheads, default=0.0):.2f} s",
            )
        )
        env["COURSERUN_CACHE"] = f"{scratch}/warm"

        print("mkdocs build with nothing changed ...", flush=True)
        _timed(build, project.root, env)  # the first build may rewrite fragments
        seconds, code, output = _timed(build, project.root, env)
        if code != 0:
            print(output[-3000:])
            return 1
        rows.append(("mkdocs build, nothing changed", f"{seconds:.1f} s"))

        rows.append(_edit_to_page(project, env, records))

    width = max(len(label) for label, _ in rows)
    print()
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    print(f"\ncores: {os.cpu_count()}")
    return 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as page:
            return page.read().decode("utf-8", "replace")
    except OSError:
        return ""


def _edit_to_page(project: Project, env: dict[str, str], records: list[dict]) -> tuple[str, str]:
    """Under `mkdocs serve`: edit the fastest Keras listing, time until the page shows it."""
    from . import pages

    refs = pages.scan_pages(project.docs_dir)
    shown = {r.snippet_id: r.page for r in refs if r.kind == "include" and r.part is None}
    keras = [s for s in load_snippets(project) if "import keras" in s.text and s.id in shown]
    wall = {r["snippet"]: r["timing"]["wall"] for r in records}
    target = min(keras, key=lambda s: wall.get(s.id, float("inf")))
    page = shown[target.id].relative_to(project.docs_dir).with_suffix("")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/{page.as_posix().removesuffix('index')}/"
    print(f"edit to page under mkdocs serve: {target.repo_path} ...", flush=True)
    server = subprocess.Popen(
        # As `make serve`: --dirty rebuilds only the pages whose file or listings changed.
        [str(Path(sys.executable).parent / "mkdocs"), "serve", "--strict", "--dirty"]
        + ["--dev-addr", f"127.0.0.1:{port}"],
        cwd=project.root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    original = target.path.read_bytes()
    try:
        deadline = time.time() + 600
        while "cr-snippet" not in _fetch(url) and time.time() < deadline:
            time.sleep(0.5)
        # Warm up: one edit so the warm parent exists, as it does after a first change.
        for attempt in ("warm-up", "measured"):
            marker = f"bench-{attempt}-{time.time_ns()}"
            began = time.perf_counter()
            target.path.write_bytes(original + f'print("{marker}")\n'.encode())
            while marker not in _fetch(url) and time.time() < deadline:
                time.sleep(0.1)
            seconds = time.perf_counter() - began
    finally:
        target.path.write_bytes(original)
        os.killpg(server.pid, 15)
        server.wait()
        # Serve rewrote the chapter's notebook from the edited listing: put it back too.
        from . import notebooks

        by_id = {s.id: s for s in load_snippets(project)}
        notebooks.sync(project, by_id, project.config)
    return (
        f"edit to page under serve ({target.id}, {wall.get(target.id, 0):.1f} s alone)",
        f"{seconds:.1f} s",
    )
