"""The site as a reader gets it: a strict build, offline assets, rendered listings and maths."""

from __future__ import annotations

import re

from courserun.project import Project, load_snippets

PROJECT = Project()
EXTERNAL = re.compile(
    r"""(?:<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc|<link\b[^>]*\bhref)\s*=\s*["']?(?:https?:)?//""",
    re.IGNORECASE,
)
CSS_EXTERNAL = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])(?:https?:)?//""", re.IGNORECASE)


def test_strict_build_writes_every_page(site):
    assert (site / "index.html").exists()
    assert (site / "activations" / "index.html").exists()
    assert (site / "build-report" / "index.html").exists()


def test_no_request_leaves_the_site(site):
    offenders = []
    for path in site.rglob("*"):
        if path.suffix in {".html", ".css"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            pattern = EXTERNAL if path.suffix == ".html" else CSS_EXTERNAL
            offenders += [f"{path.relative_to(site)}: {m.group(0)}" for m in pattern.finditer(text)]
    assert not offenders, "external resources:\n" + "\n".join(offenders)
    html = (site / "activations" / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_katex_is_served_from_the_site(site):
    html = (site / "activations" / "index.html").read_text(encoding="utf-8")
    assert 'src="../assets/katex/katex.min.js"' in html
    assert 'src="../assets/katex/contrib/auto-render.min.js"' in html
    assert 'href="../assets/katex/katex.min.css"' in html
    assert 'class="arithmatex"' in html
    css = (site / "assets" / "katex" / "katex.min.css").read_text(encoding="utf-8")
    fonts = set(re.findall(r"url\((fonts/[^)]+)\)", css))
    assert fonts, "KaTeX's CSS names no fonts"
    missing = [f for f in fonts if not (site / "assets" / "katex" / f).exists()]
    assert not missing, f"KaTeX fonts missing: {missing}"
    version = (PROJECT.docs_dir / "assets" / "katex" / "VERSION").read_text().strip()
    script = (PROJECT.docs_dir / "assets" / "katex" / "katex.min.js").read_text(encoding="utf-8")
    assert f'version:"{version}"' in script.replace(" ", "")
    assert (site / "assets" / "katex" / "LICENSE").exists()


def test_listing_output_figures_and_provenance_are_on_the_page(site, results):
    html = (site / "activations" / "index.html").read_text(encoding="utf-8")
    assert 'class="language-python' in html and 'class="language-text' in html
    assert "snippets/activations/01_define_activations.py" in html
    for suffix in ("fig-1.svg#only-light", "fig-1-dark.svg#only-dark"):
        assert f"_generated/activations/01_define_activations/{suffix}" in html
    figure = site / "_generated" / "activations" / "01_define_activations" / "fig-1.svg"
    assert figure.exists() and figure.stat().st_size > 1000
    assert html.count('class="cr-provenance"') >= 6
    assert "ran in " in html and "TensorFlow 2.21" in html
    assert "{{" not in html, "an inline value was not replaced"


def test_prose_quotes_the_run(site, results):
    html = (site / "activations" / "index.html").read_text(encoding="utf-8")
    run = results["activations/03_compare_decisions"]
    text = " ".join(html.split())
    linear = f"{run.values['linear_accuracy']:.3f} ± {run.values['linear_accuracy_sd']:.3f}"
    nonlinear = (
        f"{run.values['nonlinear_accuracy']:.3f} ± {run.values['nonlinear_accuracy_sd']:.3f}"
    )
    assert linear in text and nonlinear in text
    assert f"never above {run.values['linear_best']:.3f}" in text


def test_material_features_are_on(site):
    import yaml

    config = yaml.safe_load((PROJECT.root / "mkdocs.yml").read_text(encoding="utf-8"))
    theme = config["theme"]
    assert theme["font"] is False
    assert "content.code.copy" in theme["features"]
    assert {p["scheme"] for p in theme["palette"]} == {"default", "slate"}
    names = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    for needed in (
        "admonition",
        "pymdownx.details",
        "pymdownx.tabbed",
        "footnotes",
        "abbr",
        "pymdownx.arithmatex",
        "pymdownx.snippets",
    ):
        assert needed in names


def test_build_report_lists_every_snippet(site):
    html = (site / "build-report" / "index.html").read_text(encoding="utf-8")
    for snippet in load_snippets(PROJECT):
        assert snippet.repo_path in html
    assert "skipped (need network)" in html
