"""GitHub Actions workflows are valid offline, and the CPU job runs the README's commands."""

from __future__ import annotations

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
    assert ci_run.strip().splitlines()[-1] == "make test"


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
