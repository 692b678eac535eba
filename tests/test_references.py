"""Citations and abbreviations. Every footnote a page cites resolves to an entry on
docs/references.md (anchor `ref-<key>`), every entry there is cited somewhere, and every
abbreviation used in the pages' prose is defined once, with a definition, in
docs/includes/abbreviations.md (appended to every page) and listed in docs/glossary.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from courserun import pages
from courserun.project import Project

PROJECT = Project()
DOCS = PROJECT.docs_dir
REFERENCES = DOCS / "references.md"
ABBREVIATIONS = DOCS / "includes" / "abbreviations.md"
GLOSSARY = DOCS / "glossary.md"

# Footnotes that are notes, not citations (key: reason). There are none today: a footnote that
# comments instead of citing must be listed here, or it has to resolve to a reference.
NOT_CITATIONS: dict[str, str] = {}

# Works the references page must hold whether or not a footnote cites them (key: why).
REQUIRED = {
    "jarne": "the lecture this course follows",
    "mit6s191": "MIT's Introduction to Deep Learning, which the lecture's slides follow",
    "kelleher2019": "the MIT Press Essential Knowledge book the lecture names",
    "goodfellow2016": "the Deep Learning book (MIT Press) the site's further reading uses",
    "chollet2015": "Keras",
    "abadi2015": "TensorFlow, the software",
    "abadi2016": "TensorFlow, the OSDI paper",
}

# Works cited in prose (a "Further reading" paragraph, a footnote's remark) and not by a footnote
# of their own: key -> (page, words that name the work there).
CITED_IN_PROSE = {
    "chollet2021": ("keras.md", "*Deep Learning with Python*"),
    "datacamp2017": ("keras.md", "cheat sheet by DataCamp"),
    "krogh1991": ("overfitting.md", "A simple weight decay"),
    "ruder2016": ("optimizers.md", "arXiv:1609.04747"),
}

# Entries without a year: living web documentation (key: reason).
UNDATED = {
    "venv": "the Python documentation, revised with every release",
    "realpython": "a web article, revised in place",
    "conda": "the conda documentation, revised with every release",
    "vertex": "the Google Cloud documentation, revised in place",
    "colab": "a web service",
}

# Words in capitals that are names, not abbreviations (word: reason).
NOT_ABBREVIATIONS = {
    "AND": "a logic gate, named by the word itself",
    "OR": "a logic gate, named by the word itself",
    "ADADELTA": "an algorithm's name, as its paper's title writes it",
    "JAX": "a library's name, not expanded",
    "LEGO": "a brand name",
    "NVIDIA": "a company's name",
    "USENIX": "an association's name, no longer expanded",
    "README": "a file name",
    "MA": "a US state in a publisher's address",
    "NY": "a US state in a publisher's address",
    "BERT": "a model's name, as its authors write it",
    "GPT": "a family of models, named as its makers write it",
    "LNCS": "a book series in a reference",
    "BIT": "a journal's name (BIT Numerical Mathematics)",
    "PAKDD": "a conference's name in a reference",
}

FOOTNOTE_DEFINITION = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*(.*(?:\n(?:[ \t]+\S.*|[ \t]*$))*)", re.M)
FOOTNOTE_USE = re.compile(r"\[\^([^\]\s]+)\]")
ENTRY = re.compile(
    r"^- (?P<body>.+?)\n[ \t]+\{ #ref-(?P<key>[A-Za-z0-9_-]+) \}[ \t]*$", re.M | re.S
)
IDENTIFIER = re.compile(r"\b(?:doi:10\.\S+[^\s.,;)]|arXiv:\d{4}\.\d{4,5})")
ABBREVIATION = re.compile(r"^\*\[([^\]]+)\]:[ \t]*(.*)$")
CAPITALS = re.compile(r"\b[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*\b")


def without_code(text: str) -> str:
    """The text with fenced blocks, inline code and HTML comments blanked out."""
    text = re.sub(r"^([ \t]*)(`{3,}|~{3,}).*?^\1\2[ \t]*$", "", text, flags=re.M | re.S)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    return re.sub(r"`[^`\n]*`", "", text)


def chapter_pages() -> list[Path]:
    """Every Markdown page of the site except the references page itself."""
    return [
        p
        for p in pages.page_files(DOCS)
        if p != REFERENCES and not {"includes", "_theme"} & set(p.relative_to(DOCS).parts)
    ]


def footnotes(page: Path) -> dict[str, str]:
    """The page's footnote definitions, key -> text."""
    text = without_code(page.read_text(encoding="utf-8"))
    return {m[1]: " ".join(m[2].split()) for m in FOOTNOTE_DEFINITION.finditer(text)}


def footnote_uses(page: Path) -> set[str]:
    """The keys of the page's footnote markers (a definition's own `[^key]:` is not one)."""
    text = without_code(page.read_text(encoding="utf-8"))
    return set(FOOTNOTE_USE.findall(re.sub(r"^\[\^[^\]\s]+\]:", "", text, flags=re.M)))


def entries() -> dict[str, str]:
    """The references page's entries, key -> text."""
    text = REFERENCES.read_text(encoding="utf-8")
    found: dict[str, str] = {}
    for match in ENTRY.finditer(text):
        assert match["key"] not in found, f"references.md: two entries have #ref-{match['key']}"
        found[match["key"]] = " ".join(match["body"].split())
    return found


def citations() -> dict[str, set[str]]:
    """Every citation key, with the pages that cite it."""
    cited: dict[str, set[str]] = {}
    for page in chapter_pages():
        for key in footnotes(page).keys() - NOT_CITATIONS.keys():
            cited.setdefault(key, set()).add(page.relative_to(DOCS).as_posix())
    return cited


def citation_problems(cited: dict[str, set[str]], known: dict[str, str]) -> list[str]:
    """Keys cited but missing from the references page, and entries nobody cites."""
    problems = [
        f"{', '.join(sorted(where))} cite [^{key}], which references.md lacks: add an entry "
        f"ending in {{ #ref-{key} }}, or use the key the other pages use for that work."
        for key, where in sorted(cited.items())
        if key not in known
    ]
    uncited = set(known) - set(cited) - set(REQUIRED) - set(CITED_IN_PROSE)
    problems += [
        f"references.md: #ref-{key} is cited by no page; cite it as [^{key}] or remove it."
        for key in sorted(uncited)
    ]
    return problems


def test_citation_problems_are_caught():
    known = {"jarne": "C. Jarne ...", "orphan2000": "A. Nobody, *Nothing* (2000)."}
    problems = citation_problems({"jarne": {"a.md"}, "missing1999": {"b.md"}}, known)
    assert len(problems) == 2
    assert "[^missing1999]" in problems[0] and "b.md" in problems[0]
    assert "#ref-orphan2000" in problems[1]


def test_pages_cite_with_footnotes():
    cited = citations()
    assert len(cited) >= 50
    assert {"jarne", "kingma2014", "chollet2015", "abadi2015", "goodfellow2016"} <= set(cited)


def test_every_citation_resolves_and_every_entry_is_cited():
    problems = citation_problems(citations(), entries())
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", chapter_pages(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_every_footnote_marker_has_a_definition(page):
    defined, used = set(footnotes(page)), footnote_uses(page)
    assert used <= defined, f"{page.name}: markers without a definition: {sorted(used - defined)}"
    assert defined <= used, f"{page.name}: definitions never cited: {sorted(defined - used)}"


def test_a_footnote_names_the_same_work_as_its_entry():
    """A DOI or arXiv id in a page's footnote appears in the references entry of that key."""
    known = entries()
    problems = []
    for page in chapter_pages():
        for key, text in footnotes(page).items():
            if key in NOT_CITATIONS or key not in known:
                continue
            for identifier in IDENTIFIER.findall(text):
                if identifier not in known[key]:
                    problems.append(f"{page.name} [^{key}]: {identifier} is not in #ref-{key}")
    assert not problems, "\n".join(problems)


def test_every_footnote_links_to_its_entry():
    problems = [
        f"{page.name} [^{key}]: add [Full entry](references.md#ref-{key})."
        for page in chapter_pages()
        for key, text in footnotes(page).items()
        if key not in NOT_CITATIONS and not re.search(rf"references\.md#ref-{key}\)", text)
    ]
    assert not problems, "\n".join(problems)


def test_no_work_has_two_entries():
    owner: dict[str, str] = {}
    for key, text in entries().items():
        for identifier in IDENTIFIER.findall(text):
            assert identifier not in owner, f"#ref-{owner[identifier]} and #ref-{key}: {identifier}"
            owner[identifier] = key


def test_required_works_are_listed():
    known = entries()
    assert set(REQUIRED) <= set(known), f"missing: {sorted(set(REQUIRED) - set(known))}"
    assert "Cecilia Jarne" in known["jarne"]
    assert "Keras_tensorflow_course" in known["jarne"]
    assert "introtodeeplearning.com" in known["mit6s191"]
    assert "Kelleher" in known["kelleher2019"] and "Essential Knowledge" in known["kelleher2019"]
    assert "Goodfellow" in known["goodfellow2016"] and "MIT Press" in known["goodfellow2016"]
    assert "Chollet" in known["chollet2015"] and "https://keras.io" in known["chollet2015"]
    assert "heterogeneous systems" in known["abadi2015"]
    assert "https://www.tensorflow.org" in known["abadi2015"]
    assert "arXiv:1605.08695" in known["abadi2016"] and "OSDI" in known["abadi2016"]


@pytest.mark.parametrize("key", sorted(CITED_IN_PROSE))
def test_works_cited_in_prose_are_named_there(key):
    page, words = CITED_IN_PROSE[key]
    assert key in entries()
    assert words in (DOCS / page).read_text(encoding="utf-8"), f"{page} no longer cites {key}"


def test_every_entry_is_complete():
    text = REFERENCES.read_text(encoding="utf-8")
    items = re.findall(r"^- ", text, re.M)
    known = entries()
    assert len(items) == len(known), "references.md: a list item has no { #ref-key } line"
    for key, body in known.items():
        assert body.endswith(f"`{key}`"), f"#ref-{key}: the entry should end with `{key}`"
        assert re.search(r"\*[^*]+\*|\"[^\"]+\"", body), f"#ref-{key}: no title"
        if key not in UNDATED:
            assert re.search(r"\b(?:1[89]|20)\d\d\b", body), f"#ref-{key}: no year"
    assert set(UNDATED) <= set(known)


def abbreviations() -> list[tuple[str, str]]:
    found = []
    for number, line in enumerate(ABBREVIATIONS.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        match = ABBREVIATION.match(line)
        assert match, f"abbreviations.md:{number}: not of the form *[ABBR]: definition"
        found.append((match[1], match[2].strip()))
    return found


def test_every_abbreviation_is_defined_once_with_a_definition():
    defined = abbreviations()
    assert len(defined) >= 40
    for abbreviation, definition in defined:
        assert definition, f"*[{abbreviation}] has an empty definition"
        assert abbreviation.strip() == abbreviation and abbreviation
    names = [name for name, _ in defined]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    assert not duplicates, f"defined more than once: {duplicates}"


def test_glossary_lists_every_abbreviation():
    text = GLOSSARY.read_text(encoding="utf-8").split("## Abbreviations", 1)[1]
    rows = dict(re.findall(r"^\| (?!Abbreviation\b|-)([^|]+?) \| ([^|]+?) \|$", text, re.M))
    assert rows == dict(abbreviations())


def prose(page: Path) -> str:
    """A page's words, without code, maths, addresses, includes and inline values."""
    text = without_code(page.read_text(encoding="utf-8"))
    text = re.sub(r"\\\(.*?\\\)|\\\[.*?\\\]|\$\$.*?\$\$", "", text, flags=re.S)
    text = re.sub(r"<[^>\s]+>|\]\([^)\s]*\)|\bdoi:\S+|\{ #[\w-]+ \}", "", text)
    return re.sub(r"^[ \t]*-+8<-+.*$|\{\{.*?\}\}", "", text, flags=re.M)


def test_abbreviations_in_the_prose_are_defined():
    defined = {name for name, _ in abbreviations()}
    problems = []
    for page in chapter_pages() + [REFERENCES]:
        for word in sorted(set(CAPITALS.findall(prose(page))) - defined - set(NOT_ABBREVIATIONS)):
            problems.append(f"{page.relative_to(DOCS)}: {word}")
    assert not problems, (
        "abbreviations without a definition; add *[X]: ... to docs/includes/abbreviations.md "
        "and a row to docs/glossary.md, or list the word in NOT_ABBREVIATIONS:\n"
        + "\n".join(problems)
    )
