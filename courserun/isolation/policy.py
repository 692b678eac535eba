"""What isolation a run asks for, the environment a listing gets, and what is said when the
kernel cannot isolate.

``COURSERUN_ISOLATION``: ``required`` (CI) makes a missing wall an error for that listing;
``off`` skips the kernel's walls (debugging); anything else (the default) puts up what the
kernel allows and says once, on stderr, what it could not enforce.
"""

from __future__ import annotations

import os
import sys
import threading

from . import jail

ISOLATION_ENV = "COURSERUN_ISOLATION"
REFUSED = jail.REFUSED
WALLS = jail.WALLS

# What a listing may see of the runner's environment, by exact name: the executable path, the
# locale, and the switches of the libraries it uses. Never a prefix: TF_* or CUDA_* would also
# match other tools' tokens. Everything else (tokens, cloud keys, proxies) stays out.
ALLOWED_NAMES = frozenset(
    {
        "PATH",
        "LANG",
        "LANGUAGE",
        "TZ",
        "LC_ALL",
        "LC_CTYPE",
        "LC_NUMERIC",
        "LC_MESSAGES",
        "LC_COLLATE",
        "LC_TIME",
        "COURSERUN_NETWORK",
        "OPENBLAS_CORETYPE",
        "KERAS_BACKEND",
        "TF_ENABLE_ONEDNN_OPTS",
        "TF_FORCE_GPU_ALLOW_GROWTH",
        "TF_GPU_ALLOCATOR",
        "TF_DETERMINISTIC_OPS",
        "TF_XLA_FLAGS",
        "XLA_FLAGS",
        "XLA_PYTHON_CLIENT_PREALLOCATE",
        "XLA_PYTHON_CLIENT_MEM_FRACTION",
        "CUDA_VISIBLE_DEVICES",
        "CUDA_DEVICE_ORDER",
        "NVIDIA_VISIBLE_DEVICES",
        "NVIDIA_DRIVER_CAPABILITIES",
        "LD_LIBRARY_PATH",
    }
)

TMP_MB = 512  # each private tmpfs (/tmp, /var/tmp, /dev/shm): a listing's scratch disk
PROCESSES = 4096  # RLIMIT_NPROC where the kernel counts it (not for root)


def mode() -> str:
    value = os.environ.get(ISOLATION_ENV, "").strip().lower()
    return value if value in ("required", "off") else "auto"


def config(
    *, writable: list[str], visible: list[str], network: bool, report: str
) -> dict[str, object]:
    """What child.py passes to ``jail.enter`` for one listing."""
    return {
        "writable": writable,
        "visible": visible,
        "network": network,
        "report": report,
        "required": mode() == "required",
        "mode": mode(),
        "tmp_mb": TMP_MB,
        "processes": PROCESSES,
    }


def missing(report: dict | None) -> dict[str, str]:
    """The walls not put up, by name, with the kernel's reason ({} when all are up)."""
    if report is None:
        return {"all": "the listing's process wrote no isolation report"}
    found = report.get("missing")
    return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}


class _Notice:
    """Says once per process what the kernel does not enforce here."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.said = False

    def say(self, gaps: dict[str, str]) -> None:
        if not gaps or mode() == "required":
            return
        with self.lock:
            if self.said:
                return
            self.said = True
        if "all" in gaps and mode() == "off":
            print(
                f"courserun: {ISOLATION_ENV}=off: listings run with the Python guards only.",
                file=sys.stderr,
            )
            return
        names = [WALLS.get(name, name) for name in gaps if name in WALLS] or list(gaps)
        why = next(iter(gaps.values()))
        print(
            "courserun: the kernel cannot isolate listings here "
            f"({why}); not enforced: {'; '.join(names)}. The Python guards remain (environment "
            f"allowlist, network refusal, file-size cap, repository watch). Set "
            f"{ISOLATION_ENV}=required to make this an error.",
            file=sys.stderr,
        )


NOTICE = _Notice()


def refusal(gaps: dict[str, str]) -> dict:
    """The error of a listing not run because isolation is required and incomplete."""
    named = "; ".join(f"{WALLS.get(k, k)}: {v}" for k, v in gaps.items()) or "unknown"
    return {
        "type": "IsolationUnavailable",
        "message": (
            f"{ISOLATION_ENV}=required, and the kernel refused part of the sandbox, so the "
            f"listing was not run ({named}). On Ubuntu 24.04 run `sudo sysctl -w "
            "kernel.apparmor_restrict_unprivileged_userns=0` first; elsewhere unset "
            f"{ISOLATION_ENV} to run with the Python guards only."
        ),
        "line": None,
    }
