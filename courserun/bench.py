"""`make bench`: the budgets of the project, measured.

1. A clean test run: the whole suite (ruff and pytest) with empty caches, as CI does it (the
   snippets' cache is a temporary folder; the labs' cache, .cache/mkdocs-jupyter, is emptied).
2. The snippets' own times and the runner's overhead per snippet, from that run.
3. `mkdocs build` with nothing changed.
4. `mkdocs build` after editing one snippet (a comment appended, then restored).

The measurements use a temporary cache, so the project's own cache is left as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .project import Project, load_snippets


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
            print("1/3 clean test run (empty caches): ruff + pytest ...", flush=True)
            shutil.rmtree(project.root / ".cache" / "mkdocs-jupyter", ignore_errors=True)
            total = 0.0
            for command in (
                [str(bin_dir / "ruff"), "format", "--check", "."],
                [str(bin_dir / "ruff"), "check", "."],
                [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
            ):
                seconds, code, output = _timed(command, project.root, env)
                total += seconds
                if code != 0:
                    print(output[-3000:])
                    print(f"failed: {' '.join(command)}")
                    return 1
            rows.append(("clean test run (cache empty, venv present)", f"{total:.1f} s"))
        else:
            print("1/3 clean snippet run (empty cache) ...", flush=True)
            seconds, code, output = _timed(
                [sys.executable, "-m", "courserun", "run"], project.root, env
            )
            if code != 0:
                print(output[-3000:])
                return 1
            rows.append(("clean run of all snippets", f"{seconds:.1f} s"))

        records = _records(cache_dir)
        walls = [r["timing"]["wall"] for r in records]
        owns = [r["timing"]["own"] for r in records]
        overheads = [w - o for w, o in zip(walls, owns, strict=True)]
        rows += [
            ("snippets run", str(len(records))),
            ("sum of snippet wall times", f"{sum(walls):.1f} s"),
            ("sum of snippets' own times (imports included)", f"{sum(owns):.1f} s"),
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
                "runner overhead per snippet: mean / max",
                f"{mean_overhead:.2f} s / {max(overheads, default=0.0):.2f} s",
            )
        )

        print("2/3 mkdocs build with nothing changed ...", flush=True)
        _timed(build, project.root, env)  # the first build may rewrite fragments
        seconds, code, output = _timed(build, project.root, env)
        if code != 0:
            print(output[-3000:])
            return 1
        rows.append(("mkdocs build, nothing changed", f"{seconds:.1f} s"))

        snippets = load_snippets(project)
        target = min(
            snippets,
            key=lambda s: next(
                (r["timing"]["wall"] for r in records if r["snippet"] == s.id), float("inf")
            ),
        )
        print(f"3/3 mkdocs build after editing {target.repo_path} ...", flush=True)
        original = target.path.read_bytes()
        try:
            target.path.write_bytes(original + b"# edited by make bench\n")
            seconds, code, output = _timed(build, project.root, env)
        finally:
            target.path.write_bytes(original)
        if code != 0:
            print(output[-3000:])
            return 1
        edited = next(r for r in _records(cache_dir) if r["snippet"] == target.id)
        rows.append(
            (
                f"mkdocs build after editing {target.id}",
                f"{seconds:.1f} s (the snippet itself: {edited['timing']['wall']:.1f} s)",
            )
        )
        # Put the fragments back as they were for the unedited snippet.
        _timed(build, project.root, env)

    width = max(len(label) for label, _ in rows)
    print()
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    print(f"\ncores: {os.cpu_count()}")
    return 0
