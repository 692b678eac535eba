"""check-claims: every claim of the course, checked on seeds nobody chose.

``python -m courserun check-claims --seeds SPEC [CHAPTER|labs ...]`` runs every listing and lab
that names its seeds (``seeds = [...]``, see variants.py) with that one line replaced, into a
cache of its own, then runs the chapters' tests against those results in a separate pytest
(this module is also its plugin, ``-p courserun.claims``). A lab's claims are the asserts in its
own cells, so a lab counts as one claim: it passed when it ran to the end. Tests marked
``published_run`` check a number only the published seeds give, and are skipped. A test marked
``claim(page, phrase)`` names the sentence it checks; a failure shows that page and line.

The last line printed is exactly
``claims on seeds SPEC: P passed, F failed, S skipped; L listings rerun``, and the exit status
is 1 when F > 0.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from . import variants

REPORT_ENV = "COURSERUN_CLAIMS_REPORT"
PUBLISHED_REASON = "checks a number only the published run (seeds 0-4) gives"
SITE_REASON = "builds the site, which never uses a variant's results"

# Which snippets each test asked for (conftest's `result` and `namespace` tell us), and whether
# the variant changed them: a test that reads a changed listing checks a claim.
_current: list[str] = []
_used: dict[str, set[str]] = {}


def note_use(snippet_id: str, variant: bool) -> None:
    """Called by the tests' fixtures each time a test asks for a listing's result."""
    if _current and variant:
        _used.setdefault(_current[-1], set()).add(snippet_id)


@dataclass
class Claim:
    page: str
    phrase: str

    def locate(self, root: Path) -> tuple[int, str] | None:
        """(line, that line's text) where the phrase starts on the page, whitespace-normalised;
        None when the page does not say it (the marker is stale)."""
        path = root / self.page
        if not path.is_file():
            return None
        text = path.read_text(encoding="utf-8")
        words = self.phrase.split()
        if not words:
            return None
        pattern = r"\s+".join(re.escape(word) for word in words)
        found = re.search(pattern, text)
        if not found:
            return None
        line = text.count("\n", 0, found.start()) + 1
        return line, text.splitlines()[line - 1].strip()


def claim_of(item: pytest.Item) -> Claim | None:
    marker = item.get_closest_marker("claim")
    if marker is None or len(marker.args) != 2:
        return None
    return Claim(str(marker.args[0]), str(marker.args[1]))


# ---- the pytest plugin (runs inside the variant's pytest) ----------------------------------


@dataclass
class _Outcome:
    nodeid: str
    outcome: str
    message: str = ""
    claim: tuple[str, str] | None = None
    used: list[str] = field(default_factory=list)


_outcomes: dict[str, _Outcome] = {}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"published_run: {PUBLISHED_REASON}")
    config.addinivalue_line("markers", "claim(page, phrase): the sentence this test checks")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker("published_run"):
            item.add_marker(pytest.mark.skip(reason=PUBLISHED_REASON))
        elif "site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.skip(reason=SITE_REASON))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    _current.append(item.nodeid)
    try:
        return (yield)
    finally:
        _current.pop()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    outcome = _outcomes.get(report.nodeid) or _Outcome(report.nodeid, "passed")
    _outcomes[report.nodeid] = outcome
    if report.skipped and outcome.outcome == "passed":
        outcome.outcome = "skipped"
    elif report.failed:
        outcome.outcome = "failed"
        crash = getattr(report.longrepr, "reprcrash", None)
        outcome.message = crash.message if crash is not None else str(report.longrepr)[-2000:]


def pytest_itemcollected(item: pytest.Item) -> None:
    claim = claim_of(item)
    _outcomes[item.nodeid] = _Outcome(
        item.nodeid, "passed", claim=(claim.page, claim.phrase) if claim else None
    )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    path = os.environ.get(REPORT_ENV)
    if not path:
        return
    rows = []
    for outcome in _outcomes.values():
        outcome.used = sorted(_used.get(outcome.nodeid, ()))
        rows.append(outcome.__dict__)
    Path(path).write_text(json.dumps(rows), encoding="utf-8")


# ---- the command -----------------------------------------------------------------------------


# A change to any of these can move every result: every chapter is checked.
EVERYTHING = ("courserun/", "requirements.txt", "pyproject.toml", "tests/conftest.py")


def touched(project, paths: list[str]) -> list[str] | None:
    """The chapters and labs whose claims a change to ``paths`` (repository-relative) may move:
    their listings, their tests, the pages that show them. None means all of them."""
    from . import pages

    chapters = {p.name for p in project.snippets_dir.iterdir() if p.is_dir()}
    by_page: dict[str, set[str]] = {}
    for ref in pages.scan_pages(project.docs_dir):
        if ref.snippet_id:
            page = ref.page.relative_to(project.root).as_posix()
            by_page.setdefault(page, set()).add(ref.snippet_id.split("/")[0])
    chosen: set[str] = set()
    for path in paths:
        if path.startswith(EVERYTHING):
            return None
        parts = path.split("/")
        if parts[0] == "snippets" and len(parts) == 3 and parts[1] in chapters:
            chosen.add(parts[1])
        elif parts[0] == "tests" and parts[-1].removeprefix("test_")[:-3] in chapters:
            chosen.add(parts[-1].removeprefix("test_")[:-3])
        elif path.startswith("docs/labs/") and path.endswith(".py"):
            chosen.add(f"labs/{Path(path).stem}")
        elif path in by_page:
            chosen |= by_page[path] - {"labs"}
    return sorted(chosen)


def changed_since(project, base: str) -> list[str]:
    """The files a change made since ``base`` (a commit, e.g. a pull request's base)."""
    listed = subprocess.run(
        ["git", "diff", "--name-only", f"{base}...HEAD"],
        cwd=project.root,
        capture_output=True,
        text=True,
        check=True,
    )
    return [line for line in listed.stdout.splitlines() if line.strip()]


def summary(spec: str, passed: int, failed: int, skipped: int, rerun: int) -> str:
    """The last line of check-claims, exactly."""
    return (
        f"claims on seeds {spec}: {passed} passed, {failed} failed, {skipped} skipped; "
        f"{rerun} listings rerun"
    )


def test_files(root: Path, chapters: list[str]) -> list[Path]:
    return [path for c in chapters if (path := root / "tests" / f"test_{c}.py").is_file()]


def check(
    project,
    spec: str,
    selection: list[str] | None = None,
    jobs: int | None = None,
    progress: Callable[[int, int, object], None] | None = None,
    echo: Callable[[str], None] = print,
) -> int:
    """Run the variant, then the tests; print the failures and the last line; return the exit
    status (0, or 1 when a claim failed)."""
    from .execute import run_many
    from .project import select

    seeds = variants.parse_spec(spec)
    if spec.strip() == "random":
        echo(f"seeds drawn from today's date: {','.join(str(s) for s in seeds)}")
    previous = os.environ.get(variants.SEEDS_ENV)
    os.environ[variants.SEEDS_ENV] = ",".join(str(seed) for seed in seeds)
    try:
        chosen = [s for s in select(project, selection) if s.variant]
        cache = project.cache
        results = run_many(chosen, cache, jobs=jobs, progress=progress)
        failures: list[str] = []
        passed = failed = skipped = 0
        for snippet in chosen:
            result = results[snippet.id]
            if result.status == "skipped-network":
                skipped += 1
            elif not result.ok:
                failed += 1
                failures.append(
                    f"FAILED {snippet.repo_path} with seeds {seeds}: it stopped, so no claim "
                    f"that rests on it could be checked.\n{result.describe_error()}"
                )
            elif snippet.is_lab:  # a lab's claims are the asserts in its cells: they held
                passed += 1
        chapters = sorted({s.chapter for s in chosen if not s.is_lab})
        files = test_files(project.root, chapters)
        unnamed: list[str] = []
        if files:
            with tempfile.TemporaryDirectory() as scratch:
                report_path = Path(scratch) / "claims.json"
                env = {**os.environ, REPORT_ENV: str(report_path)}  # the seeds are set above
                env.setdefault("COURSERUN_CACHE", str(cache.root))
                command = [sys.executable, "-m", "pytest", "-p", "courserun.claims"]
                command += ["-q", "--no-header", "-p", "no:cacheprovider"]
                command += [str(path.relative_to(project.root)) for path in files]
                ran = subprocess.run(
                    command, cwd=project.root, env=env, capture_output=True, text=True
                )
                if not report_path.exists():
                    echo(ran.stdout[-6000:] + ran.stderr[-6000:])
                    failed += 1
                    failures.append("FAILED pytest could not run the chapters' tests (above)")
                    rows = []
                else:
                    rows = json.loads(report_path.read_text(encoding="utf-8"))
            for row in rows:
                if row["outcome"] == "passed":
                    passed += 1
                    if row["used"] and not row["claim"]:
                        unnamed.append(row["nodeid"])
                elif row["outcome"] == "skipped":
                    skipped += 1
                else:
                    failed += 1
                    failures.append(_describe(project.root, row))
        for failure in failures:
            echo(f"\n{failure}")
        if unnamed:
            echo(
                f"\n{len(unnamed)} passing tests check a seeded listing but name no sentence "
                "(add @pytest.mark.claim(page, phrase)): " + ", ".join(unnamed)
            )
        echo(summary(spec, passed, failed, skipped, len(chosen)))
        return 1 if failed else 0
    finally:
        if previous is None:
            os.environ.pop(variants.SEEDS_ENV, None)
        else:
            os.environ[variants.SEEDS_ENV] = previous


def _describe(root: Path, row: dict) -> str:
    lines = [f"FAILED {row['nodeid']}"]
    if row["claim"]:
        claim = Claim(*row["claim"])
        where = claim.locate(root)
        if where:
            lines.append(f"  claim: {claim.page}:{where[0]}: {where[1][:300]}")
        else:
            lines.append(f"  claim: {claim.page} (the phrase {claim.phrase!r} is not on it)")
    else:
        lines.append("  claim: (the test names no sentence: add @pytest.mark.claim(page, phrase))")
    if row["used"]:
        lines.append(f"  listings: {', '.join(row['used'])}")
    lines.append("  values: " + (row["message"] or "(no message)").replace("\n", "\n    "))
    return "\n".join(lines)
