"""Content-addressed cache of snippet results.

An entry is a folder ``<cache>/<chapter>__<stem>--<key>/`` holding ``result.json`` and the
figures. The key hashes the snippet's text, the runner's own code, the library versions and the
machine, so any change to one of them means a new run. Entries are written to a temporary folder
and renamed into place, one writer per snippet at a time (a lock file), and every file's hash,
``result.json``'s own included (in the marker file ``.courserun-entry``), is checked on load: a
corrupted, edited or half-written entry is treated as missing, deleted, and recomputed.
``clear()`` deletes only what the cache wrote (entries with the marker, staging folders, locks)
and leaves anything else in the folder alone.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from . import provenance
from .snippets import Snippet

RUNNER_DIR = Path(__file__).resolve().parent
# Only the files that decide what a snippet's result is; editing the CLI or the report does not
# invalidate every result.
KEY_FILES = (
    "child.py",
    "sandbox.py",
    "execute.py",
    "cache.py",
    "publish.py",
    "isolation/jail.py",
    "isolation/policy.py",
)
FORMAT = 3
MARKER = ".courserun-entry"
ENTRY_NAME = re.compile(r"^[a-z0-9_-]+__[a-z0-9_]+--[0-9a-f]{24}$")


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cache_key(snippet: Snippet) -> str:
    digest = hashlib.sha256()
    digest.update(f"format={FORMAT}\n".encode())
    digest.update(snippet.text.encode())
    digest.update(repr(snippet.cells).encode())
    if snippet.is_lab:  # a lab decides itself what it does with the network (COURSERUN_NETWORK)
        digest.update(f"network={os.environ.get('COURSERUN_NETWORK', '')}".encode())
    for name in KEY_FILES:
        digest.update(name.encode())
        digest.update((RUNNER_DIR / name).read_bytes())
    digest.update(json.dumps(provenance.versions(), sort_keys=True).encode())
    machine = provenance.machine()
    digest.update(f"{machine['cpu']}|{machine['gpu']}".encode())
    return digest.hexdigest()[:24]


class Cache:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def _prefix(self, snippet: Snippet) -> str:
        return f"{snippet.chapter}__{snippet.stem}--"

    def entry_dir(self, snippet: Snippet, key: str) -> Path:
        return self.root / f"{self._prefix(snippet)}{key}"

    def load(self, snippet: Snippet, key: str) -> dict | None:
        """The stored result, or None when absent or damaged (a damaged entry is removed)."""
        folder = self.entry_dir(snippet, key)
        if not folder.is_dir():
            return None
        try:
            marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
            if _file_hash(folder / "result.json") != marker.get("result.json"):
                raise ValueError("result.json does not match its stored hash")
            record = json.loads((folder / "result.json").read_text(encoding="utf-8"))
            if record.get("key") != key or record.get("snippet") != snippet.id:
                raise ValueError("entry belongs to another snippet or key")
            for name, expected in record["files"].items():
                if _file_hash(folder / name) != expected:
                    raise ValueError(f"{name} does not match its stored hash")
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            shutil.rmtree(folder, ignore_errors=True)
            return None
        record["dir"] = str(folder)
        return record

    def store(
        self, snippet: Snippet, key: str, record: dict, produced: Path, replace: bool = False
    ) -> dict:
        """Move the files in ``produced`` and the record into the cache, atomically.

        ``replace`` (a forced run): this record replaces a stored one with the same key, which
        is otherwise kept (another build sharing the cache stored it first)."""
        self.root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=self.root))
        try:
            files = {}
            for item in record.get("figures", []):
                for name in (item["light"], item["dark"]):
                    shutil.copyfile(produced / name, staging / name)
                    files[name] = _file_hash(staging / name)
            stored = {**record, "files": files, "key": key, "snippet": snippet.id}
            stored.pop("dir", None)
            (staging / "result.json").write_text(
                json.dumps(stored, separators=(",", ":")), encoding="utf-8"
            )
            marker = {"result.json": _file_hash(staging / "result.json"), "format": FORMAT}
            (staging / MARKER).write_text(json.dumps(marker), encoding="utf-8")
            final = self.entry_dir(snippet, key)
            with self._locked(snippet):
                # Another build on the same cache may have stored this entry first: use it.
                if not replace and (existing := self.load(snippet, key)) is not None:
                    shutil.rmtree(staging, ignore_errors=True)
                    return existing
                # Older results of the same snippet are never valid again: drop them (and, when
                # replacing, the one with this key).
                for stale in self.root.glob(f"{self._prefix(snippet)}*"):
                    shutil.rmtree(stale, ignore_errors=True)
                os.replace(staging, final)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        stored["dir"] = str(final)
        return stored

    @contextlib.contextmanager
    def _locked(self, snippet: Snippet):
        """One writer per snippet at a time, across processes (builds sharing this cache)."""
        locks = self.root / ".locks"
        locks.mkdir(parents=True, exist_ok=True)
        with open(locks / f"{snippet.chapter}__{snippet.stem}.lock", "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def clear(self) -> tuple[int, list[str]]:
        """Delete the cache's own entries; returns how many, and the names of what it kept."""
        if not self.root.is_dir():
            return 0, []
        removed, kept = 0, []
        for item in sorted(self.root.iterdir()):
            if item.is_dir() and ENTRY_NAME.match(item.name) and (item / MARKER).is_file():
                shutil.rmtree(item)
                removed += 1
            elif item.is_dir() and (item.name.startswith(".staging-") or item.name == ".locks"):
                shutil.rmtree(item)
            else:
                kept.append(item.name)
        return removed, kept
