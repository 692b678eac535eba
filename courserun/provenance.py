"""Where and with what a snippet ran: library versions and the machine, read cheaply."""

from __future__ import annotations

import functools
import platform
import shutil
import subprocess
from importlib import metadata

LIBRARIES = {
    "tensorflow": ("tensorflow", "tensorflow-cpu"),
    "keras": ("keras",),
    "numpy": ("numpy",),
    "matplotlib": ("matplotlib",),
    "scikit-learn": ("scikit-learn",),
}


@functools.cache
def versions() -> dict[str, str]:
    """Python and the libraries a snippet may import, from package metadata (no imports)."""
    found = {"python": platform.python_version()}
    for name, distributions in LIBRARIES.items():
        for distribution in distributions:
            try:
                found[name] = metadata.version(distribution)
                break
            except metadata.PackageNotFoundError:
                continue
        else:
            found[name] = "not installed"
    return found


@functools.cache
def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


@functools.cache
def gpu_model() -> str | None:
    """The first NVIDIA GPU's name, or None. Uses nvidia-smi when present (fast, no TF import)."""
    if not shutil.which("nvidia-smi"):
        return None
    try:
        listing = subprocess.run(
            ["nvidia-smi", "--query-gpu=name", "--format=csv,noheader"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return listing.splitlines()[0] if listing else None


def machine() -> dict[str, str | None]:
    return {"cpu": cpu_model(), "gpu": gpu_model(), "platform": platform.platform()}
