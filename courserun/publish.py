"""What a listing's output may become on a page: text that cannot script it.

Pure functions, no import from this package: ``execute`` checks a run's figures and named
results with them, ``fragments`` and ``markdown_values`` use them to put output and values on a
page.

- ``svg_problem``: a figure is an SVG of drawing elements only: no script, no ``foreignObject``,
  no event handler, no link but to itself or to an embedded image, no external style sheet;
- ``clean_values``: named results without control or bidi characters;
- ``value_for_prose``: a value quoted in prose is one line, has no include syntax, and is escaped
  for HTML and Markdown;
- ``escape_includes``: an output line that looks like a pymdownx.snippets include is escaped
  (``;--8<--`` is shown as ``--8<--``), so output can never pull a file into the page.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)

SVG_ELEMENTS = {
    "svg", "g", "path", "defs", "clipPath", "use", "rect", "circle", "ellipse", "line",
    "polyline", "polygon", "text", "tspan", "style", "metadata", "title", "desc", "image",
    "pattern", "mask", "linearGradient", "radialGradient", "stop", "symbol", "marker",
}  # fmt: skip
METADATA_NAMESPACES = (
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://creativecommons.org/ns#",
    "http://purl.org/dc/elements/1.1/",
)
SAFE_LINK = re.compile(r"^(?:#[\w.:-]*|data:image/(?:png|jpeg);base64,[A-Za-z0-9+/=\s]*)$")
_URL = re.compile(r"url\s*\(\s*['\"]?\s*([^)'\"\s]*)", re.IGNORECASE)


def _bad_text(text: str) -> str | None:
    squeezed = re.sub(r"[\s\x00-\x1f]", "", text).lower()
    if "javascript:" in squeezed or "vbscript:" in squeezed:
        return "a javascript: link"
    if "@import" in squeezed or "expression(" in squeezed:
        return "an @import or expression() in a style"
    for target in _URL.findall(text):
        if not target.startswith("#"):
            return f"a url({target[:40]}) that is not inside the figure"
    return None


def svg_problem(text: str) -> str | None:
    """Why this SVG may not be published, or None when it is a plain drawing."""
    head = text[:4096].lower()
    if "<!entity" in text.lower() or re.search(r"<!doctype[^>]*\[", head):
        return "an entity declaration"
    if "<?xml-stylesheet" in head:
        return "an external style sheet"
    try:
        root = ET.fromstring(text)
    except ET.ParseError as why:
        return f"not well-formed XML: {why}"
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        namespace, _, name = tag.rpartition("}")
        namespace = namespace.lstrip("{")
        if namespace in METADATA_NAMESPACES:
            pass
        elif namespace not in ("", "http://www.w3.org/2000/svg") or name not in SVG_ELEMENTS:
            return f"a <{name or tag}> element"
        for attribute, value in element.attrib.items():
            local = attribute.rpartition("}")[2].lower()
            if local.startswith("on"):
                return f"an event handler ({local})"
            if local == "href" and not SAFE_LINK.match(value.strip()):
                return f"a link to {value.strip()[:40]!r}"
            if problem := _bad_text(value):
                return problem
        if name == "style" and (problem := _bad_text(element.text or "")):
            return problem
    return None


def clean_text(text: str) -> str:
    return _CONTROL.sub("", text)


def clean_values(value):
    """Named results with every string (keys too) stripped of control and bidi characters."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_values(item) for item in value]
    if isinstance(value, dict):
        return {clean_text(str(k)): clean_values(v) for k, v in value.items()}
    return value


_PLAIN = re.compile(r"^[A-Za-z0-9 .,%+\-=]*$")
_INCLUDE = re.compile(r"-+8<-+")


class UnsafeValueError(ValueError):
    """A named result that prose may not quote."""


def value_for_prose(text: str) -> str:
    """A formatted value as prose may show it: one line, no include syntax, escaped."""
    if "\n" in text or "\r" in text or "\u2028" in text or "\u2029" in text:
        raise UnsafeValueError("it spans several lines")
    if _INCLUDE.search(text) or "{{" in text or "}}" in text:
        raise UnsafeValueError("it carries include or value syntax (--8<--, {{ }})")
    text = clean_text(text)
    if _PLAIN.match(text):
        return text  # numbers, words, percentages: shown as they are
    # Anything else as character references: no Markdown or HTML syntax survives.
    return "".join(c if c.isalnum() or c == " " else f"&#{ord(c)};" for c in text)


_MARKER = re.compile(r"(;*)(-+8<-+)")


def escape_includes(text: str) -> str:
    """One more ';' before every include or section marker (``--8<--``): pymdownx.snippets
    removes one and shows the rest as text, so output never pulls a file into the page."""
    return _MARKER.sub(r";\1\2", text)
