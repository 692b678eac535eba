"""tools/check_site.py: the built site in headless Chromium fails on what a reader would meet.

A tiny site in tmp_path has one clean page and pages with one defect each; the check must pass
the clean one and name each defect on its own page. Needs a Chromium (Playwright's, or the
system's: `apt-get install chromium`); skipped, saying so, only where there is none.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tools" / "check_site.py"
spec = importlib.util.spec_from_file_location("check_site", SCRIPT)
check_site = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_site)

pytestmark = pytest.mark.skipif(
    check_site.find_chromium() is None,
    reason="no Chromium installed: apt-get install chromium (or python -m playwright install "
    "chromium), or set CHECK_SITE_CHROMIUM",
)

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body><main><h1 id="top">{title}</h1>
<p>Back to <a href="index.html#top" style="text-decoration: underline">the start</a>.</p>
{body}
</main></body></html>
"""
CLEAN = '<p>See <a href="index.html#second" style="text-decoration: underline">below</a>.</p>'
DEFECTS = {
    "anchor.html": '<p>See <a href="index.html#nowhere">a missing section</a>.</p>',
    "contrast.html": (
        '<p>Text with <a href="index.html" style="color: #b0b0b0">a pale link</a> in it.</p>'
    ),
    "file.html": '<p>Get <a href="missing.py" download>the script</a>.</p>',
    "formula.html": r"<p>The loss is \(L = (y - \hat y)^2\).</p>",
    "image.html": '<p><img src="missing.png" alt="a figure"></p>',
    "outside.html": '<p><img src="https://example.com/figure.png" alt="a figure"></p>',
    "console.html": '<script>console.error("something broke")</script>',
}
# What the check must say about each page: a fragment of its problem line.
EXPECTED = {
    "anchor.html": "[link] link to a missing anchor: index.html#nowhere",
    "contrast.html": "[axe] color-contrast",
    "file.html": "[link] link to a missing file: missing.py",
    "formula.html": "[formula] not rendered",
    "image.html": "[image] did not load: missing.png",
    "outside.html": "[request] to another host: https://example.com/figure.png",
    "console.html": "[console] something broke",
}


def write_site(folder: Path, defects: dict[str, str]) -> Path:
    folder.mkdir(parents=True)
    index = CLEAN + '\n<h2 id="second">Second</h2>\n<p>The end.</p>'
    (folder / "index.html").write_text(PAGE.format(title="Index", body=index))
    for name, body in defects.items():
        (folder / name).write_text(PAGE.format(title=name, body=body))
    return folder


def test_each_defect_fails_on_its_own_page_and_the_clean_page_passes(tmp_path):
    site = write_site(tmp_path / "site", DEFECTS)
    lines, summary = check_site.check_site(site, ("light",), log=lambda *_: None)
    problems: dict[str, list[str]] = {}
    for line in lines:
        page = line.split()[1].rstrip(":")
        problems.setdefault(page, []).append(line)
    assert "index.html" not in problems, problems.get("index.html")
    for page, expected in EXPECTED.items():
        assert any(expected in line for line in problems.get(page, [])), (page, problems)
    assert summary["schemes"]["light"]["axe_elements"]["color-contrast"] >= 1


def test_cli_fails_on_a_missing_anchor_and_a_low_contrast_link_and_saves_screenshots(tmp_path):
    command = [sys.executable, str(SCRIPT), "--screenshots", str(tmp_path / "shots")]
    clean = write_site(tmp_path / "clean", {})
    passed = subprocess.run([*command, str(clean)], capture_output=True, text=True)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "no problems" in passed.stdout
    shots = sorted(p.name for p in (tmp_path / "shots").iterdir())
    assert shots == ["index-dark.png", "index-light.png"]
    defects = {name: DEFECTS[name] for name in ("anchor.html", "contrast.html")}
    broken = write_site(tmp_path / "broken", defects)
    failed = subprocess.run([*command, str(broken)], capture_output=True, text=True)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    for scheme in ("light", "dark"):
        assert f"{scheme:<5} contrast.html: [axe] color-contrast" in failed.stdout
    assert "anchor.html: [link] link to a missing anchor: index.html#nowhere" in failed.stdout


def test_make_check_site_checks_the_built_site():
    dry_run = subprocess.run(["make", "-n", "check-site"], cwd=ROOT, capture_output=True, text=True)
    assert "tools/check_site.py site --screenshots build/site-check" in dry_run.stdout
