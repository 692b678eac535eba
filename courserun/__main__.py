"""Command line: python -m courserun run|list|report|clear-cache|check-determinism|prebuild|...

compare and diff (two builds' named results; a pull request's changes) and sync-labs,
sync-notebooks are listed by --help.

run [CHAPTER|ID|PATH ...] [--force] [--jobs N] [--timeout S] [--cold]   run (cached: loaded)
list                                             every snippet with its title
report                                           status of every snippet from the cache
clear-cache                                      delete every cached result (nothing else)
check-determinism [CHAPTER|ID ...] [--warm-vs-cold]   run twice uncached, name what differs
prebuild                                         checks, stale listings, fragments, report
check-claims --seeds SPEC [CHAPTER|labs ...]     every claim's test on other seeds (100-104,
                                                 7,9,11,13,15 or random), results kept apart
bench                                            the project's timings (see bench.py)

Ctrl-C or SIGTERM cancels what is queued, stops what runs, and exits with status 130.
"""

from __future__ import annotations

import argparse
import signal
import sys

from .cache import cache_key
from .execute import Result, RunInterruptedError, run_many
from .project import BuildError, Project, load_snippets, publish, select
from .report import STATUS_LABEL, console_table


def _progress(done: int, total: int, result: Result) -> None:
    source = "cache" if result.cached else f"{result.wall_seconds:5.1f} s"
    label = STATUS_LABEL.get(result.status, result.status)
    print(f"[{done:>{len(str(total))}}/{total}] {label:<8} {source:>8}  {result.snippet.id}")
    sys.stdout.flush()


def _progress_ran(done: int, total: int, result: Result) -> None:
    if not result.cached:
        _progress(done, total, result)


def main(argv: list[str] | None = None, project: Project | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m courserun", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run snippets")
    run.add_argument("selection", nargs="*", help="chapter, chapter/NN_name or path")
    run.add_argument("--force", action="store_true", help="ignore the cache")
    run.add_argument("--jobs", type=int, default=None, help="parallel runs (default: cores)")
    run.add_argument(
        "--timeout", type=float, default=None, help="seconds per listing (default: 60)"
    )
    run.add_argument(
        "--cold", action="store_true", help="fresh interpreters, not forked from a warm parent"
    )
    determinism = commands.add_parser("check-determinism", help="run twice, compare")
    determinism.add_argument(
        "--warm-vs-cold", action="store_true", help="first run warm, second cold"
    )
    determinism.add_argument("selection", nargs="*", help="chapter, chapter/NN_name or path")
    determinism.add_argument("--jobs", type=int, default=None, help="parallel runs")
    claims = commands.add_parser(
        "check-claims", help="rerun the seeded listings on other seeds, then their claims' tests"
    )
    claims.add_argument(
        "--seeds", required=True, help="100-104, 7,9,11,13,15 or random (drawn from the date)"
    )
    claims.add_argument("selection", nargs="*", help="chapters or labs (default: all)")
    claims.add_argument("--jobs", type=int, default=None, help="parallel runs")
    claims.add_argument(
        "--changed-since",
        metavar="REF",
        help="only the chapters and labs a change since REF touches (a pull request's base)",
    )
    commands.add_parser("list", help="list snippets")
    commands.add_parser("report", help="show cached status")
    commands.add_parser("clear-cache", help="delete cached results")
    commands.add_parser("sync-labs", help="write each lab's paired .ipynb")
    commands.add_parser("sync-notebooks", help="write each chapter's notebook")
    commands.add_parser(
        "prebuild", help="everything a site engine needs: run stale listings, write fragments"
    )
    compare = commands.add_parser("compare", help="compare two builds' named results")
    compare.add_argument("reference", help="a docs/_generated folder (e.g. the CPU build's)")
    compare.add_argument("other", help="another one (e.g. the GPU build's)")
    compare.add_argument("--rtol", type=float, default=0.1, help="relative tolerance")
    compare.add_argument("--atol", type=float, default=1e-3, help="absolute tolerance")
    compare.add_argument("--fail", action="store_true", help="exit 1 if any value differs")
    diff = commands.add_parser("diff", help="what changed between two builds, as Markdown")
    diff.add_argument("base", help="main's docs/_generated folder")
    diff.add_argument("head", help="the pull request's docs/_generated folder")
    bench = commands.add_parser("bench", help="measure the budgets")
    bench.add_argument("--skip-tests", action="store_true", help="skip the clean test run")
    args = parser.parse_args(argv)
    project = project or Project()

    def terminate(_number, _frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        if args.command == "run":
            snippets = select(project, args.selection)
            results = run_many(
                snippets,
                project.cache,
                args.jobs,
                args.force,
                _progress,
                args.timeout,
                cold=True if args.cold else None,
            )
            # The pages' fragments of what ran, so a build or `mkdocs serve` shows it at once.
            publish(project, results)
            print()
            print(console_table(results))
            failures = [r for r in results.values() if r.status == "error"]
            for failure in failures:
                print(f"\n{failure.describe_error()}", file=sys.stderr)
            return 1 if failures else 0
        if args.command == "check-claims":
            from . import claims as claiming
            from .variants import VariantError

            selection = args.selection
            if args.changed_since:
                picked = claiming.touched(
                    project, claiming.changed_since(project, args.changed_since)
                )
                shown = "all" if picked is None else ", ".join(picked) or "none"
                print(f"chapters touched since {args.changed_since}: {shown}")
                if picked == []:
                    print(claiming.summary(args.seeds, 0, 0, 0, 0))
                    return 0
                selection = picked or []
            try:
                return claiming.check(
                    project, args.seeds, selection, args.jobs, progress=_progress_ran
                )
            except VariantError as err:
                print(err, file=sys.stderr)
                return 2
        if args.command == "list":
            for snippet in select(project):
                marker = "  [needs network]" if snippet.network else ""
                print(f"{snippet.id:<45} {snippet.title}{marker}")
            return 0
        if args.command == "report":
            for snippet in select(project):
                record = project.cache.load(snippet, cache_key(snippet))
                state = "cached" if record else "stale (will run)"
                wall = f"{record['timing']['wall']:.1f} s" if record else ""
                print(f"{snippet.id:<45} {state:<18} {wall}")
            return 0
        if args.command == "clear-cache":
            removed, kept = project.cache.clear()
            print(f"removed {removed} cached results from {project.cache.root}")
            if kept:
                print(f"kept {len(kept)} other items there: {', '.join(kept[:10])}")
            return 0
        if args.command == "check-determinism":
            from .determinism import check

            checked = select(project, args.selection)
            paths = {s.id: s.repo_path for s in checked}
            report, skipped = check(
                checked,
                args.jobs,
                progress=print,
                warm_vs_cold=args.warm_vs_cold,
            )
            differing = {sid: found for sid, found in report.items() if found}
            for sid, found in differing.items():
                print(f"\n{paths[sid]} is not deterministic:", file=sys.stderr)
                print("\n".join(f"  {line}" for line in found), file=sys.stderr)
            print(
                f"\n{len(report) - len(differing)} of {len(report)} listings gave the same "
                f"output and results twice; {len(skipped)} skipped (need the network)"
            )
            return 1 if differing else 0
        if args.command == "sync-labs":
            from .labs import sync

            changed = sync(project.docs_dir / "labs")
            print("\n".join(f"wrote {p.relative_to(project.root)}" for p in changed) or "in sync")
            return 0
        if args.command == "prebuild":
            from .project import prepare
            from .report import summary_line

            results = prepare(project, progress=_progress_ran)
            print(summary_line(results))
            return 0
        if args.command == "sync-notebooks":
            from . import notebooks

            by_id = {s.id: s for s in load_snippets(project)}
            changed = notebooks.sync(project, by_id, project.config)
            print("\n".join(f"wrote {p.relative_to(project.root)}" for p in changed) or "in sync")
            return 0
        if args.command == "compare":
            from . import compare as comparing

            rows = comparing.compare(
                comparing.load(args.reference), comparing.load(args.other), args.rtol, args.atol
            )
            print(comparing.report(rows))
            return 1 if args.fail and any(row[4] == "differs" for row in rows) else 0
        if args.command == "diff":
            from . import compare as comparing

            base, head = comparing.load_build(args.base), comparing.load_build(args.head)
            pages = comparing.pages_by_snippet(project.docs_dir)
            print(comparing.diff_markdown(base, head, pages), end="")
            return 0
        if args.command == "bench":
            from .bench import run_bench

            return run_bench(project, skip_tests=args.skip_tests)
    except BuildError as err:
        print(err, file=sys.stderr)
        return 2
    except (KeyboardInterrupt, RunInterruptedError) as stop:
        print(f"\n{stop or 'interrupted'}", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
    return 0


if __name__ == "__main__":
    sys.exit(main())
