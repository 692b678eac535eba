"""GitHub Actions workflows are valid offline, and the CPU job runs the README's commands."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def check_schema(workflow: Path) -> subprocess.CompletedProcess:
    """check-jsonschema ships GitHub's workflow schema, so this needs no network."""
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema"]
    command += ["vendor.github-workflows", str(workflow)]
    return subprocess.run(command, capture_output=True, text=True)


def test_there_is_a_ci_workflow():
    assert ROOT / ".github" / "workflows" / "ci.yml" in WORKFLOWS


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_githubs_schema(workflow):
    checked = check_schema(workflow)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_cpu_job_runs_make_test_on_python_311_and_keeps_the_site():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text())
    job = workflow["jobs"]["cpu"]
    steps = job["steps"]
    runs = " ".join(step.get("run", "") for step in steps)
    assert "make test" in runs and "make build" in runs
    setup = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["python-version"] == "3.11" and setup["with"]["cache"] == "pip"
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "site/"


def test_ci_run_calls_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci_run = (ROOT / ".ci" / "run").read_text()
    assert "make test" in readme and "make serve" in readme
    lines = [line.strip() for line in ci_run.strip().splitlines()]
    assert "make test" in lines, ".ci/run must run the README's test command"
    # Anything after it runs only once the README's command has passed (set -e).
    assert "set -euo pipefail" in lines


def test_schema_check_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  cpu:\n    runs-on: ubuntu-latest\n    stepz: []\n")
    checked = check_schema(broken)
    assert checked.returncode != 0


def test_gpu_job_swaps_in_the_cuda_build_fails_without_a_gpu_and_compares_with_the_cpu():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text())
    job = workflow["jobs"]["gpu"]
    runs = "\n".join(step.get("run", "") for step in job["steps"])
    assert "gpu" in job["runs-on"] and job["needs"] == "cpu"
    assert "list_physical_devices('GPU')" in runs and "assert gpus" in runs
    assert "make test" in runs and "REQUIREMENTS=requirements-gpu.txt" in runs
    assert "courserun compare cpu-results docs/_generated" in runs and "--fail" in runs
    # The sed line really turns the pinned CPU wheel into the CUDA one.
    sed = next(s["run"] for s in job["steps"] if "requirements-gpu.txt" in s.get("run", ""))
    swapped = subprocess.run(
        ["bash", "-c", sed.replace("> requirements-gpu.txt", "")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "tensorflow[and-cuda]==2.21.0\n" in swapped and "tensorflow-cpu" not in swapped


def test_pages_job_deploys_the_built_site():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    assert any("make build" in s.get("run", "") for s in steps)
    upload = next(s for s in steps if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "site/"
    assert workflow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages")


def load(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text())


def test_every_checkout_keeps_the_token_out_of_git_config():
    checkouts = [
        (workflow.name, job_name, step)
        for workflow in WORKFLOWS
        for job_name, job in load(workflow.name)["jobs"].items()
        for step in job.get("steps", [])
        if step.get("uses", "").startswith("actions/checkout")
    ]
    assert len(checkouts) >= 5
    for workflow, job, step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False, (workflow, job)


def test_site_job_checks_the_built_site_in_a_browser_and_keeps_the_screenshots():
    job = load("ci.yml")["jobs"]["site"]
    steps = job["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert job["needs"] == "cpu"
    assert "grep -E '^playwright==' requirements.txt" in runs
    assert "python -m playwright install --with-deps chromium" in runs
    download = next(s for s in steps if s.get("uses", "").startswith("actions/download-artifact"))
    assert download["with"] == {"name": "site", "path": "site"}
    assert "python tools/check_site.py site --screenshots site-check" in runs
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["if"] == "always()" and upload["with"]["path"] == "site-check/"
    pinned = (ROOT / "requirements.txt").read_text()
    assert re.search(r"^playwright==[0-9.]+$", pinned, re.MULTILINE)


def test_pull_requests_get_a_summary_of_what_changed_against_main():
    steps = load("ci.yml")["jobs"]["cpu"]["steps"]
    main = next(s for s in steps if s.get("with", {}).get("path") == ".main-build")
    assert main["with"]["ref"] == "${{ github.event.pull_request.base.sha }}"
    build = next(s for s in steps if s.get("working-directory") == ".main-build")
    assert "prepare(Project())" in build["run"] and "COURSERUN_CACHE" in build["env"]
    summary = next(s for s in steps if "courserun diff" in s.get("run", ""))
    assert "github.event_name == 'pull_request'" in summary["if"]
    assert "courserun diff .main-build/docs/_generated docs/_generated" in summary["run"]
    assert "$GITHUB_STEP_SUMMARY" in summary["run"]


def test_newest_releases_job_runs_weekly_unpins_the_five_libraries_and_names_what_broke(
    tmp_path,
):
    workflow = load("newest.yml")
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as True
    assert "workflow_dispatch" in triggers and triggers["schedule"][0]["cron"]
    steps = workflow["jobs"]["newest"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert "REQUIREMENTS=requirements-newest.txt" in runs
    assert "courserun run --force" in runs and "pipefail" in runs
    # The sed line keeps every other pin and drops the five libraries' ones.
    sed = next(s["run"] for s in steps if "requirements-newest.txt" in s.get("run", ""))
    newest = subprocess.run(
        ["bash", "-c", sed.replace("> requirements-newest.txt", "")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    for package in ("keras", "numpy", "matplotlib", "scikit-learn"):
        assert package in newest
    assert 'tensorflow-cpu ; sys_platform == "linux"' in newest
    assert any(line.startswith("mkdocs==") for line in newest)
    assert any(line.startswith("scipy==") for line in newest)
    assert not any(line.startswith(("ml_dtypes==", "h5py==")) for line in newest)
    # The summary step picks the failed listings out of the runner's progress lines.
    from courserun.__main__ import _progress

    class Failed:
        status, cached, wall_seconds = "error", False, 2.5
        snippet = type("Snippet", (), {"id": "training/03_fit_model"})

    import contextlib
    import io

    log = io.StringIO()
    with contextlib.redirect_stdout(log):
        _progress(3, 87, Failed())
    (tmp_path / "listings.log").write_text(log.getvalue() + "[ 4/87] ran  cache  a/01_b\n")
    report = next(s["run"] for s in steps if "listings.log" in s.get("run", "") and "{" in s["run"])
    picked = re.search(r"broken=\$\((.*)\)\n", report).group(1)
    found = subprocess.run(["bash", "-c", picked], cwd=tmp_path, capture_output=True, text=True)
    assert found.stdout.split() == ["training/03_fit_model"]


def test_gpu_job_runs_cold_and_cpu_job_checks_warm_against_cold_and_the_notebooks():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text())
    assert workflow["jobs"]["gpu"]["env"]["COURSERUN_COLD"] == "1"
    runs = " ".join(step.get("run", "") for step in workflow["jobs"]["cpu"]["steps"])
    assert "check-determinism --warm-vs-cold" in runs
    assert "make test-notebooks" in runs


def test_a_scheduled_job_checks_determinism():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "determinism.yml").read_text())
    triggers = workflow[True]  # YAML reads the key "on" as True
    assert "schedule" in triggers and "workflow_dispatch" in triggers
    runs = " ".join(step.get("run", "") for step in workflow["jobs"]["twice"]["steps"])
    assert "courserun check-determinism\n" in runs + "\n" or "check-determinism " in runs
    assert "--warm-vs-cold" in runs


def test_claims_are_checked_on_held_out_seeds_in_ci_and_on_random_seeds_weekly():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text())
    cpu = workflow["jobs"]["cpu"]
    step = next(s for s in cpu["steps"] if "check-claims" in s.get("run", ""))
    # Pull requests: the chapters they touch, against their base (so the history is fetched).
    assert "--seeds 100-104 --changed-since" in step["run"]
    assert "make check-claims-verified" in step["run"]
    assert step["env"]["BASE"] == "${{ github.event.pull_request.base.sha }}"
    checkout = next(s for s in cpu["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    weekly = yaml.safe_load((ROOT / ".github" / "workflows" / "claims.yml").read_text())
    assert "schedule" in weekly[True] and "workflow_dispatch" in weekly[True]
    job = weekly["jobs"]["claims"]
    assert job["env"]["SEEDS"] == "${{ inputs.seeds || 'random' }}"
    assert any("make check-claims SEEDS=" in s.get("run", "") for s in job["steps"])
    ci_run = (ROOT / ".ci" / "run").read_text()
    assert "make check-claims-verified" in ci_run
    makefile = (ROOT / "Makefile").read_text()
    assert "check-claims --seeds 100-104 $(CLAIMS_VERIFIED)" in makefile


def _runs_listings(job: dict) -> bool:
    """A job that runs the repository's listings: make test/build, courserun, pytest."""
    text = " ".join(step.get("run", "") for step in job.get("steps", []))
    return bool(re.search(r"make (test|build)|courserun|pytest", text))


def test_the_pages_build_holds_no_token_and_the_deploy_runs_nothing_of_the_repository():
    workflow = load("pages.yml")
    assert workflow["permissions"] == {}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    # Only the official actions: no checkout, no command of ours.
    assert all("run" not in step for step in deploy["steps"])
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def test_no_job_that_runs_listings_can_write_or_sign():
    for path in WORKFLOWS:
        workflow = load(path.name)
        for name, job in workflow["jobs"].items():
            if not _runs_listings(job):
                continue
            granted = {**(workflow.get("permissions") or {}), **(job.get("permissions") or {})}
            if "permissions" in job:
                granted = job["permissions"] or {}
            writes = {k: v for k, v in granted.items() if v == "write"}
            assert not writes, f"{path.name}: job {name} runs listings holding {writes}"


def test_every_job_that_runs_listings_requires_isolation():
    jobs = [
        (path.name, name, job)
        for path in WORKFLOWS
        for name, job in load(path.name)["jobs"].items()
        if _runs_listings(job)
    ]
    assert len(jobs) >= 5
    for workflow, name, job in jobs:
        assert job.get("env", {}).get("COURSERUN_ISOLATION") == "required", (workflow, name)
        runs = " ".join(step.get("run", "") for step in job["steps"])
        if job["runs-on"] == "ubuntu-latest":
            assert "apparmor_restrict_unprivileged_userns=0" in runs, (workflow, name)
    ci_run = (ROOT / ".ci" / "run").read_text()
    assert 'COURSERUN_ISOLATION="${COURSERUN_ISOLATION:-required}"' in ci_run
