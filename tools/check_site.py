"""Open every page of the built site in headless Chromium, in both colour schemes, and check it.

    python tools/check_site.py [SITE] [--screenshots DIR] [--schemes light dark] [--json FILE]

Fails (exit 1) on: console errors and uncaught exceptions; failed requests (network errors and
HTTP 4xx/5xx); requests to any host but the local server that serves SITE; images that did not
load; formulas left unrendered (KaTeX errors, arithmatex spans without KaTeX output, TeX
delimiters left in the text); internal links to a file or an anchor that does not exist; and
axe-core violations of WCAG 2.0/2.1 A and AA rules with impact serious or critical. It saves a
full-page screenshot per page and scheme in DIR (default build/site-check).

Chromium: $CHECK_SITE_CHROMIUM when set, else Playwright's own browser (`python -m playwright
install chromium`), else the first of chromium, chromium-browser, google-chrome on the PATH.
axe-core is vendored in tools/axe/ (`make vendor-axe` refreshes it at a pinned version).
This file needs only the standard library and Playwright.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import re
import shutil
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

AXE = Path(__file__).resolve().parent / "axe" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = ("serious", "critical")
SCHEMES = ("light", "dark")
# The value Material for MkDocs puts on <body data-md-color-scheme> for each scheme.
MATERIAL_SCHEME = {"light": "default", "dark": "slate"}
SYSTEM_CHROMIUMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
VIEWPORT = {"width": 1280, "height": 900}

# Runs in the page once it has loaded: everything the checks need from the rendered DOM.
INSPECT = r"""
async () => {
  await Promise.all(Array.from(document.images).map((img) => img.decode().catch(() => null)));
  const skip = (node) => node.parentElement &&
    node.parentElement.closest("pre, code, script, style, textarea, .katex, .arithmatex");
  const leftover = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (skip(node)) continue;
    const text = node.textContent;
    const notebook = node.parentElement && node.parentElement.closest(".jp-MarkdownOutput");
    if (/\\\(|\\\)|\\\[|\\\]|\$\$/.test(text) ||
        (notebook && /\$[^\s$][^$]*\$/.test(text))) {
      leftover.push(text.trim().slice(0, 80));
    }
  }
  document.querySelectorAll(".arithmatex").forEach((el) => {
    if (!el.querySelector(".katex")) leftover.push(el.textContent.trim().slice(0, 80));
  });
  document.querySelectorAll(".katex-error").forEach((el) => {
    leftover.push("KaTeX error: " + (el.getAttribute("title") || el.textContent).slice(0, 80));
  });
  return {
    scheme: document.body.getAttribute("data-md-color-scheme"),
    ids: Array.from(document.querySelectorAll("[id], a[name]"))
      .map((el) => el.id || el.getAttribute("name")),
    links: Array.from(document.querySelectorAll("a[href]"))
      .map((a) => ({ href: a.getAttribute("href"), url: a.href })),
    brokenImages: Array.from(document.images)
      .filter((img) => img.getAttribute("src") && !(img.complete && img.naturalWidth > 0))
      .map((img) => img.getAttribute("src").slice(0, 100)),
    leftover: leftover,
  };
}
"""

RUN_AXE = """
async (tags) => {
  const results = await axe.run(document, {
    runOnly: { type: "tag", values: tags },
    resultTypes: ["violations"],
  });
  return results.violations.map((v) => ({
    id: v.id,
    help: v.help,
    nodes: v.nodes.map((n) => ({ impact: n.impact, target: n.target.join(" "),
                                 summary: (n.failureSummary || "").slice(0, 300) })),
  }));
}
"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the site, as URL paths relative to its root."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def launch(playwright):
    """Chromium, from $CHECK_SITE_CHROMIUM, Playwright's own install, or the PATH."""
    chosen = os.environ.get("CHECK_SITE_CHROMIUM")
    if chosen:
        return playwright.chromium.launch(executable_path=chosen)
    try:
        return playwright.chromium.launch()
    except Exception as own_error:  # Playwright's browser is not installed here
        for name in SYSTEM_CHROMIUMS:
            if path := shutil.which(name):
                return playwright.chromium.launch(executable_path=path)
        raise SystemExit(
            "No Chromium found: install Playwright's (python -m playwright install chromium), "
            "or the system's (apt-get install chromium), or set CHECK_SITE_CHROMIUM.\n"
            f"{own_error}"
        ) from None


def find_chromium() -> str | None:
    """Where a Chromium for this check is, or None (the tests skip without one)."""
    if os.environ.get("CHECK_SITE_CHROMIUM"):
        return os.environ["CHECK_SITE_CHROMIUM"]
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            own = playwright.chromium.executable_path
        if own and Path(own).exists():
            return own
    except Exception:
        pass
    return next((shutil.which(n) for n in SYSTEM_CHROMIUMS if shutil.which(n)), None)


def target_file(site: Path, path: str) -> Path | None:
    """The file that a URL path of the local server serves, or None."""
    candidate = site / unquote(path).lstrip("/")
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def static_ids(page: Path) -> set[str]:
    text = page.read_text(encoding="utf-8", errors="replace")
    return set(re.findall(r'\b(?:id|name)\s*=\s*["\']([^"\']+)["\']', text))


def check_links(site: Path, base: str, visited: dict[str, dict]) -> list[tuple[str, str]]:
    """(page, problem) for every internal link whose file or anchor does not exist."""
    ids = {page: set(info["ids"]) for page, info in visited.items()}
    problems: list[tuple[str, str]] = []
    for page, info in visited.items():
        for link in {link["url"]: link for link in info["links"]}.values():
            url = urlsplit(link["url"])
            if url.scheme not in ("http", "https") or f"{url.scheme}://{url.netloc}" != base:
                continue
            target = target_file(site, url.path)
            if target is None:
                problems.append((page, f"link to a missing file: {link['href']}"))
                continue
            if not url.fragment or target.suffix != ".html":
                continue
            name = target.relative_to(site).as_posix()
            if name not in ids:
                ids[name] = static_ids(target)
            if unquote(url.fragment) not in ids[name]:
                problems.append((page, f"link to a missing anchor: {link['href']}"))
    return problems


def check_page(context, base: str, page_path: str, scheme: str, shots: Path | None) -> dict:
    """Load one page in one scheme; returns what it found."""
    problems: list[tuple[str, str]] = []
    page = context.new_page()
    page.on(
        "console",
        lambda m: m.type == "error" and problems.append(("console", m.text[:300])),
    )
    page.on("pageerror", lambda e: problems.append(("console", f"uncaught: {e}"[:300])))

    def failed(request):
        if request.url.startswith(base):
            problems.append(("request", f"{request.failure}: {request.url}"))

    page.on("requestfailed", failed)
    page.on(
        "response",
        lambda r: r.status >= 400 and problems.append(("request", f"HTTP {r.status}: {r.url}")),
    )
    page.goto(f"{base}/{page_path}", wait_until="load")
    info = page.evaluate(INSPECT)
    if info["scheme"] is not None and info["scheme"] != MATERIAL_SCHEME[scheme]:
        problems.append(("scheme", f"page shows '{info['scheme']}', not the {scheme} scheme"))
    problems += [("image", f"did not load: {src}") for src in info["brokenImages"]]
    problems += [("formula", f"not rendered: {text}") for text in info["leftover"]]
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(RUN_AXE, AXE_TAGS)
    axe_counts: Counter = Counter()
    for violation in violations:
        nodes = [n for n in violation["nodes"] if n["impact"] in FAILING_IMPACTS]
        if nodes:
            axe_counts[violation["id"]] += len(nodes)
            example = nodes[0]
            problems.append(
                (
                    "axe",
                    f"{violation['id']} ({len(nodes)} elements): {violation['help']}; e.g. "
                    f"{example['target']}: {example['summary'].splitlines()[-1].strip()}",
                )
            )
    if shots is not None:
        name = page_path.removesuffix(".html").replace("/", "__") or "index"
        page.screenshot(path=str(shots / f"{name}-{scheme}.png"), full_page=True)
    page.close()
    return {"problems": problems, "axe": dict(axe_counts), "ids": info["ids"], **info}


def check_site(
    site: Path, schemes=SCHEMES, shots: Path | None = None, log=print
) -> tuple[list[str], dict]:
    """Every problem as a line of text, and the per-scheme counts (for --json)."""
    from playwright.sync_api import sync_playwright

    site = Path(site).resolve()
    if not (site / "index.html").is_file():
        raise SystemExit(f"{site} has no index.html: build the site first (make build).")
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
    pages = site_pages(site)
    server, base = serve(site)
    lines: list[str] = []
    summary: dict = {"pages": len(pages), "schemes": {}}
    outside: list[str] = []

    def route(route_, request):
        if request.url.startswith(base) or not request.url.startswith(("http", "ws")):
            route_.continue_()
        else:
            outside.append(request.url)
            route_.abort()

    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            for scheme in schemes:
                context = browser.new_context(color_scheme=scheme, viewport=VIEWPORT)
                context.route("**/*", route)
                visited: dict[str, dict] = {}
                axe_total: Counter = Counter()
                for page_path in pages:
                    began = time.perf_counter()
                    outside.clear()
                    result = check_page(context, base, page_path, scheme, shots)
                    result["problems"] += [("request", f"to another host: {u}") for u in outside]
                    visited[page_path] = result
                    axe_total.update(result["axe"])
                    for kind, text in result["problems"]:
                        lines.append(f"{scheme:<5} {page_path}: [{kind}] {text}")
                    log(
                        f"{scheme:<5} {page_path:<40} {len(result['problems']):>3} problems "
                        f"({time.perf_counter() - began:.1f} s)"
                    )
                if scheme == schemes[0]:
                    for page_path, text in check_links(site, base, visited):
                        lines.append(f"{scheme:<5} {page_path}: [link] {text}")
                pages_with = Counter(
                    rule for r in visited.values() for rule in r["axe"] if r["axe"][rule]
                )
                summary["schemes"][scheme] = {
                    "axe_elements": dict(axe_total),
                    "axe_pages": dict(pages_with),
                    "problems": sum(line.startswith(f"{scheme:<5} ") for line in lines),
                }
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return lines, summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", nargs="?", default="site", help="the built site (default site/)")
    parser.add_argument("--screenshots", default="build/site-check", help="where to save them")
    parser.add_argument("--no-screenshots", action="store_true")
    parser.add_argument("--schemes", nargs="+", choices=SCHEMES, default=list(SCHEMES))
    parser.add_argument("--json", help="also write the counts per scheme to this file")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    shots = None if args.no_screenshots else Path(args.screenshots)
    lines, summary = check_site(Path(args.site), tuple(args.schemes), shots)
    summary["seconds"] = round(time.perf_counter() - began, 1)
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=1, sort_keys=True) + "\n")
    print()
    for scheme, counts in summary["schemes"].items():
        axe = ", ".join(
            f"{rule} {n} elements on {counts['axe_pages'][rule]} pages"
            for rule, n in sorted(counts["axe_elements"].items())
        )
        print(f"{scheme}: {counts['problems']} problems; axe serious/critical: {axe or 'none'}")
    print("\n".join(lines))
    print(
        f"\n{summary['pages']} pages x {len(args.schemes)} schemes checked in "
        f"{summary['seconds']:.0f} s: " + (f"{len(lines)} problems" if lines else "no problems")
    )
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
