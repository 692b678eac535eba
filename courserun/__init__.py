"""courserun: runs the course's snippets, caches their results and feeds them to the pages."""

from .execute import Result, run_many, run_one
from .project import BuildError, Project, prepare
from .snippets import Snippet, SnippetError, discover, load_snippet

__all__ = [
    "BuildError",
    "Project",
    "Result",
    "Snippet",
    "SnippetError",
    "discover",
    "load_snippet",
    "prepare",
    "run_many",
    "run_one",
]
