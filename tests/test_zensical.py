"""The site built by Zensical has every page of the MkDocs build, with the same content.

Zensical reads mkdocs.yml but ignores `hooks:`, so it does not run the listings: the fragments
must be current first. Here the MkDocs build (conftest's `site` fixture, whose hook runs
`prepare`) provides them; `make build ENGINE=zensical` runs `python -m courserun prebuild`.

Two already-built folders can be compared without building anything:
    COURSERUN_MKDOCS_SITE=site-mkdocs COURSERUN_ZENSICAL_SITE=site-zensical \
        python -m pytest tests/test_zensical.py
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

pytest.importorskip(
    "zensical",
    reason="zensical is not installed (requirements.txt pins it; 0.0.74 and later need "
    "zensical-ui, which this project's package registry does not have)",
)
from bs4 import BeautifulSoup  # noqa: E402 - only once zensical is known to be there

ROOT = Path(__file__).resolve().parents[1]
# What each count means, measured inside the page's <article>.
COUNTS = {
    "listings": lambda a: len(a.select("div.highlight")),
    "code blocks": lambda a: len(a.select("pre > code")),
    "figures": lambda a: len(a.find_all("img")),
    "formulas": lambda a: len(a.select(".arithmatex")),
    "admonitions": lambda a: len(a.select("div.admonition")) + len(a.find_all("details")),
    "tab sets": lambda a: len(a.select(".tabbed-set")),
    "footnotes": lambda a: len(a.select(".footnote li")),
    "abbreviations": lambda a: len(a.find_all("abbr")),
    "headings": lambda a: len([h for h in a.find_all(re.compile("^h[1-6]$")) if h.get("id")]),
}


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


@functools.cache
def _article(path: Path):
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return soup.select_one("article") or soup


@pytest.fixture(scope="session")
def mkdocs_site(request) -> Path:
    folder = os.environ.get("COURSERUN_MKDOCS_SITE")
    return Path(folder).resolve() if folder else request.getfixturevalue("site")


@pytest.fixture(scope="session")
def zensical_site(mkdocs_site, tmp_path_factory) -> Path:
    """`zensical build` of mkdocs.yml into a temporary folder.

    Zensical has no --site-dir and wants site_dir inside the project, so a throwaway config
    in the repository root inherits mkdocs.yml and writes to build/; the result is moved out.
    Never `--clean`: that deletes all of .cache/, the runner's cache included.
    """
    folder = os.environ.get("COURSERUN_ZENSICAL_SITE")
    if folder:
        return Path(folder).resolve()
    name = f"zensical-test-{uuid.uuid4().hex[:8]}"
    config = ROOT / f".{name}.yml"
    config.write_text(f"INHERIT: mkdocs.yml\nsite_dir: build/{name}\n", encoding="utf-8")
    try:
        built = subprocess.run(
            [sys.executable, "-m", "zensical", "build", "-f", str(config)],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        output = re.sub(r"\x1b\[[0-9;]*m", "", built.stdout + built.stderr)
        assert built.returncode == 0, f"zensical build failed:\n{output[-6000:]}"
        assert "No issues found" in output, output[-6000:]
        out = tmp_path_factory.mktemp("zensical") / "site"
        shutil.move(ROOT / "build" / name, out)
        return out
    finally:
        config.unlink(missing_ok=True)
        shutil.rmtree(ROOT / "build" / name, ignore_errors=True)


def test_every_mkdocs_page_is_in_the_zensical_build(mkdocs_site, zensical_site):
    missing = sorted(set(_pages(mkdocs_site)) - set(_pages(zensical_site)))
    assert not missing, f"pages only MkDocs built: {missing}"


def test_pages_have_the_same_content(mkdocs_site, zensical_site):
    differences = []
    for page in _pages(mkdocs_site):
        if not (zensical_site / page).exists():
            continue  # reported by the test above
        mk, zen = _article(mkdocs_site / page), _article(zensical_site / page)
        for what, count in COUNTS.items():
            if count(mk) != count(zen):
                differences.append(f"{page}: {what}: MkDocs {count(mk)}, Zensical {count(zen)}")
    assert not differences, "\n".join(differences)


def test_zensical_pages_replaced_every_value_and_load_nothing_from_elsewhere(zensical_site):
    external = re.compile(
        r"""(?:<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc|<link\b[^>]*\bhref)"""
        r"""\s*=\s*["']?(?:https?:)?//""",
        re.IGNORECASE,
    )
    problems = []
    for page in _pages(zensical_site):
        html = (zensical_site / page).read_text(encoding="utf-8")
        problems += [f"{page}: loads {m.group(0)}" for m in external.finditer(html)]
        article = _article(zensical_site / page)
        prose = [s for s in article.find_all(string=True) if not s.find_parent(["code", "pre"])]
        if any("{{" in s for s in prose):
            problems.append(f"{page}: an inline value was not replaced")
    assert not problems, "\n".join(problems)


def test_zensical_links_and_figures_resolve(zensical_site):
    """Relative href/src in the articles point at files of the build.

    Zensical rewrites relative URLs in raw HTML as if they were Markdown links (relative to
    the source file), MkDocs leaves them alone: a raw <a href="../x.ipynb"> works in one and
    not the other. Markdown links `[text](x.ipynb){ .md-button }` work in both.
    """
    broken = []
    for page in _pages(zensical_site):
        if page == "404.html":  # root-absolute links by design
            continue
        for element in _article(zensical_site / page).find_all(["a", "img"]):
            url = element.get("href") or element.get("src")
            if not url or url.startswith(("#", "mailto:", "data:")):
                continue
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or parts.path.startswith("/"):
                continue
            target = ((zensical_site / page).parent / unquote(parts.path)).resolve()
            if not (target / "index.html" if target.is_dir() else target).exists():
                broken.append(f"{page}: {url}")
    assert not broken, "\n".join(broken)


def test_search_index_and_palette_toggle(mkdocs_site, zensical_site):
    import json

    mk = json.loads((mkdocs_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    zen = json.loads((zensical_site / "search.json").read_text(encoding="utf-8"))
    assert len(zen["items"]) == len(mk["docs"])
    html = (zensical_site / "index.html").read_text(encoding="utf-8")
    assert html.count('name="__palette"') == 2
