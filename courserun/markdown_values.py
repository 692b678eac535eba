"""A Python-Markdown extension that puts a snippet's named results into the prose.

``{{ activations/03_compare_decisions:linear_accuracy:.2f }}`` becomes the value of
``linear_accuracy`` from that snippet's last run, formatted with ``.2f``. It reads the JSON the
runner writes next to the fragments, so it works with any Python-Markdown tool (MkDocs today,
Zensical tomorrow). Unknown names are caught earlier, with the page and line, by the build hook.
"""

from __future__ import annotations

import json
from pathlib import Path

from markdown import Extension
from markdown.preprocessors import Preprocessor

from .pages import VALUE, format_value, lookup
from .publish import UnsafeValueError, value_for_prose


class ValuePreprocessor(Preprocessor):
    def __init__(self, md, generated_dir: Path) -> None:
        super().__init__(md)
        self.generated_dir = generated_dir

    def _values(self, snippet_id: str) -> dict:
        path = self.generated_dir / f"{snippet_id}.json"
        if not path.exists():
            raise ValueError(
                f"{{{{ {snippet_id}:... }}}}: no results for snippets/{snippet_id}.py in "
                f"{self.generated_dir}; build with `make build` so the runner writes them."
            )
        return json.loads(path.read_text(encoding="utf-8"))["values"]

    def run(self, lines: list[str]) -> list[str]:
        def replace(match) -> str:
            values = self._values(match["snippet"])
            try:
                return value_for_prose(format_value(lookup(values, match["name"]), match["spec"]))
            except UnsafeValueError as why:
                raise ValueError(
                    f"{match.group(0)}: the named result '{match['name']}' of "
                    f"snippets/{match['snippet']}.py cannot be quoted in prose: {why}. Quote "
                    "numbers and short words; show longer text as the listing's output."
                ) from None
            except KeyError as missing:
                raise ValueError(
                    f"{match.group(0)}: snippets/{match['snippet']}.py has no named result "
                    f"'{match['name']}' ({missing} is missing); named results: "
                    f"{', '.join(sorted(values))}."
                ) from None

        return [VALUE.sub(replace, line) if "{{" in line else line for line in lines]


class ValuesExtension(Extension):
    def __init__(self, **kwargs) -> None:
        self.config = {"generated_dir": ["docs/_generated", "Folder the runner writes to"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown's API name
        folder = Path(self.getConfig("generated_dir")).resolve()
        # Before pymdownx.snippets (32) so that values in pages are replaced, not in fragments.
        md.preprocessors.register(ValuePreprocessor(md, folder), "courserun_values", 33)


def makeExtension(**kwargs) -> ValuesExtension:  # noqa: N802 - Python-Markdown's API name
    return ValuesExtension(**kwargs)
