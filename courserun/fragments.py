"""Write each snippet's result as Markdown fragments and files that pages include.

For ``snippets/<chapter>/<stem>.py`` this writes, under the generated folder (``docs/_generated``):

``<chapter>/<stem>.md``            the code, its output, its figures and a provenance line
``<chapter>/<stem>.<section>.md``  one named section's code only
``<chapter>/<stem>.output.md``     the output, figures and provenance only
``<chapter>/<stem>.json``          the snippet's named results (for inline values in prose)
``<chapter>/<stem>.py``            the script, for the download link
``<chapter>/<stem>/fig-N.svg``     figures, light, and ``fig-N-dark.svg``

A page brings one in with a single pymdownx.snippets line: ``--8<-- "<chapter>/<stem>.md"``.
Files are rewritten only when their content changes, so ``mkdocs serve`` does not loop.
Links inside fragments are relative to the docs folder: include them from top-level pages.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

from .execute import Result
from .publish import escape_includes

GENERATED_URL = "_generated"


def write_if_changed(path: Path, content: str | bytes) -> bool:
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def fence_for(text: str) -> str:
    """A backtick fence longer than any run of backticks inside text."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def code_block(code: str, title: str, first_line: int = 1) -> str:
    fence = fence_for(code)
    return (
        f'{fence} {{ .python title="{title}" linenums="{first_line}" }}\n{code.rstrip()}\n{fence}\n'
    )


def provenance_line(result: Result) -> str:
    versions = result.provenance.get("versions", {})
    parts = [f"ran in {result.wall_seconds:.1f} s on {result.provenance.get('device', '?')}"]
    parts += [f"Python {versions.get('python', '?')}"]
    for label, key in (("TensorFlow", "tensorflow"), ("Keras", "keras"), ("NumPy", "numpy")):
        if key in versions:
            parts.append(f"{label} {versions[key]}")
    parts.append(result.provenance.get("date", ""))
    return " · ".join(p for p in parts if p)


def download_link(result: Result) -> str:
    snippet = result.snippet
    return f"[Download `{snippet.stem}.py`]({GENERATED_URL}/{snippet.chapter}/{snippet.stem}.py)"


def alt_text(caption: str) -> str:
    return caption.replace("[", "(").replace("]", ")").replace("\n", " ")


def output_block(result: Result) -> str:
    snippet = result.snippet
    parts: list[str] = []
    if result.status == "skipped-network":
        parts.append(
            '!!! warning "Not run in this build: needs the network"\n'
            f"    {snippet.network.rstrip('.')}. This build ran offline, so the listing above "
            "was not "
            "executed here; it is run and tested wherever the network is there "
            "(`COURSERUN_NETWORK=1`).\n"
        )
        return "\n".join(parts)
    if result.stdout.strip():
        # A longer fence than any run of backticks in it, and no line read as an include.
        stdout = escape_includes(result.stdout.rstrip())
        fence = fence_for(stdout)
        parts.append(
            '<div class="cr-output" markdown>\n\n'
            f'{fence} {{ .text title="Output" }}\n{stdout}\n{fence}\n\n</div>\n'
        )
    for index, figure in enumerate(result.figures):
        caption = snippet.captions[index] if index < len(snippet.captions) else ""
        base = f"{GENERATED_URL}/{snippet.chapter}/{snippet.stem}"
        alt = alt_text(caption)
        parts.append(
            '<figure class="cr-figure" markdown>\n\n'
            f"![{alt}]({base}/{figure['light']}#only-light)\n"
            f"![{alt}]({base}/{figure['dark']}#only-dark)\n\n"
            f"<figcaption>{html.escape(caption)}</figcaption>\n</figure>\n"
        )
    parts.append(
        f'<p class="cr-provenance" markdown>{download_link(result)} · '
        f"{html.escape(provenance_line(result))}</p>\n"
    )
    return "\n".join(parts)


def full_fragment(result: Result) -> str:
    snippet = result.snippet
    return (
        f'<div class="cr-snippet" markdown>\n\n{code_block(snippet.code, snippet.repo_path)}\n'
        f"{output_block(result)}\n</div>\n"
    )


def section_fragment(result: Result, name: str) -> str:
    snippet = result.snippet
    section = snippet.sections[name]
    # Line numbers follow the script as a reader downloads it (markers removed).
    markers_above = sum(
        1
        for line in snippet.text.splitlines()[: section.start - 1]
        if line.lstrip().startswith("# --8<-- [")
    )
    title = f"{snippet.repo_path} (part: {name})"
    return (
        f'<div class="cr-snippet" markdown>\n\n'
        f"{code_block(section.code, title, section.start - markers_above)}\n"
        f'<p class="cr-provenance" markdown>Part of a longer script: '
        f"{download_link(result)}</p>\n\n</div>\n"
    )


def write_fragments(result: Result, generated_dir: Path) -> set[Path]:
    """Write every file for one result; returns the paths that belong to it."""
    snippet = result.snippet
    chapter_dir = generated_dir / snippet.chapter
    written: dict[Path, str | bytes] = {
        chapter_dir / f"{snippet.stem}.md": full_fragment(result),
        chapter_dir / f"{snippet.stem}.output.md": output_block(result),
        chapter_dir / f"{snippet.stem}.py": snippet.code,
        chapter_dir / f"{snippet.stem}.json": json.dumps(
            {"snippet": snippet.id, "status": result.status, "values": result.values},
            # No indent: Python's C encoder (ten times faster on a listing's long arrays).
            separators=(",", ":"),
            sort_keys=True,
        ),
    }
    for name in snippet.sections:
        written[chapter_dir / f"{snippet.stem}.{name}.md"] = section_fragment(result, name)
    for index in range(len(result.figures)):
        for dark in (False, True):
            source = result.figure_path(index, dark)
            written[chapter_dir / snippet.stem / source.name] = source.read_bytes()
    for path, content in written.items():
        write_if_changed(path, content)
    return set(written)


def prune(generated_dir: Path, keep: set[Path]) -> None:
    """Remove generated files that no current snippet produced (a deleted or renamed one)."""
    if not generated_dir.exists():
        return
    for path in sorted(generated_dir.rglob("*"), reverse=True):
        if path.is_file() and path not in keep:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            shutil.rmtree(path)
