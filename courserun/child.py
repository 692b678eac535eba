"""Runs one snippet inside a fresh interpreter and records what a reader would see.

Started by ``execute.py`` as ``python -s -P child.py SNIPPET OUT_DIR`` with a scratch working
directory (-P: the runner's folder is not importable; not -I, which would also drop
PYTHONHASHSEED and so make set ordering, and any output that depends on it, vary by run).
It imports nothing from this repository: it must behave as a reader's own Python. It writes
``OUT_DIR/child.json`` (values, figures, timings, error) and the figures as SVG.
"""

import json
import os
import runpy
import sys
import time
import traceback

STARTED = time.perf_counter()

# The runner's figure style. Foreground colours are sentinels: the dark variant of each figure
# is the same SVG with these colours swapped, so one rendering serves both page themes.
LIGHT_FOREGROUND = "#2b2b2b"
LIGHT_LEGEND_FACE = "#fdfdfd"
DARK_FOREGROUND = "#d6d6d6"
DARK_LEGEND_FACE = "#262833"
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442"]
STYLE = {
    "figure.facecolor": "none",
    "axes.facecolor": "none",
    "savefig.facecolor": "none",
    "savefig.transparent": True,
    "axes.edgecolor": LIGHT_FOREGROUND,
    "axes.labelcolor": LIGHT_FOREGROUND,
    "axes.titlecolor": LIGHT_FOREGROUND,
    "text.color": LIGHT_FOREGROUND,
    "xtick.color": LIGHT_FOREGROUND,
    "ytick.color": LIGHT_FOREGROUND,
    "xtick.labelcolor": LIGHT_FOREGROUND,
    "ytick.labelcolor": LIGHT_FOREGROUND,
    "legend.edgecolor": LIGHT_FOREGROUND,
    "legend.facecolor": LIGHT_LEGEND_FACE,
    "legend.framealpha": 0.85,
    "grid.color": "#9a9a9a",
    "grid.alpha": 0.35,
    "axes.grid": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": "medium",
    "font.size": 10,
    "lines.linewidth": 2.0,
    "figure.dpi": 100,
    "svg.fonttype": "path",
    "svg.hashsalt": "courserun",
}


def _jsonable(value, depth=0):
    """A JSON-able copy of value, or raise TypeError. Small arrays become lists."""
    if value is None or isinstance(value, (bool, int, float, str)):
        if isinstance(value, str) and len(value) > 20000:
            raise TypeError("string too long")
        return value
    module = type(value).__module__ or ""
    if module.startswith("numpy"):
        import numpy

        if isinstance(value, numpy.generic):
            return value.item()
        if isinstance(value, numpy.ndarray) and value.size <= 10000 and value.dtype.kind in "biuf":
            return value.tolist()
        raise TypeError("array too large or not numeric")
    if depth > 4:
        raise TypeError("too deep")
    if isinstance(value, (list, tuple)) and len(value) <= 10000:
        return [_jsonable(item, depth + 1) for item in value]
    if isinstance(value, dict) and len(value) <= 1000:
        return {str(key): _jsonable(item, depth + 1) for key, item in value.items()}
    raise TypeError(f"{type(value).__name__} is not kept")


def _values(namespace):
    kept = {}
    for name, value in namespace.items():
        if name.startswith("_"):
            continue
        try:
            kept[name] = _jsonable(value)
        except TypeError:
            continue
    return kept


def main():
    snippet_path, out_dir = sys.argv[1], sys.argv[2]
    with open(snippet_path, encoding="utf-8") as handle:
        source = handle.read()

    figures = []
    capture_seconds = 0.0

    def capture(*_args, **_kwargs):
        """Replacement for plt.show(): save every open figure, in order, then close it."""
        nonlocal capture_seconds
        began = time.perf_counter()
        import matplotlib.pyplot as plt

        for number in plt.get_fignums():
            figure = plt.figure(number)
            name = f"fig-{len(figures) + 1}"
            light_path = os.path.join(out_dir, f"{name}.svg")
            figure.savefig(light_path, format="svg", bbox_inches="tight", metadata={"Date": None})
            with open(light_path, encoding="utf-8") as handle:
                light = handle.read()
            dark = light.replace(LIGHT_FOREGROUND, DARK_FOREGROUND).replace(
                LIGHT_LEGEND_FACE, DARK_LEGEND_FACE
            )
            with open(os.path.join(out_dir, f"{name}-dark.svg"), "w", encoding="utf-8") as handle:
                handle.write(dark)
            figures.append({"light": f"{name}.svg", "dark": f"{name}-dark.svg"})
            plt.close(figure)
        capture_seconds += time.perf_counter() - began

    preimport_seconds = 0.0
    if "matplotlib" in source:
        # The snippet imports matplotlib anyway; importing it first lets plt.show be captured.
        began = time.perf_counter()
        os.environ["MPLBACKEND"] = "Agg"
        import matplotlib

        matplotlib.use("Agg")
        from cycler import cycler

        matplotlib.rcParams.update(STYLE)
        matplotlib.rcParams["axes.prop_cycle"] = cycler(color=PALETTE)
        import matplotlib.pyplot as plt

        plt.show = capture
        preimport_seconds = time.perf_counter() - began
    setup_seconds = time.perf_counter() - STARTED

    error = None
    namespace = {}
    sys.argv = [snippet_path]
    began = time.perf_counter()
    try:
        namespace = runpy.run_path(snippet_path, run_name="__main__")
    except SystemExit as stop:
        if stop.code not in (None, 0):
            error = {"type": "SystemExit", "message": f"exit code {stop.code}", "line": None}
    except BaseException as exc:  # noqa: BLE001 - everything a snippet raises is reported
        frames = traceback.extract_tb(exc.__traceback__)
        target = os.path.abspath(snippet_path)
        own = [frame for frame in frames if os.path.abspath(frame.filename) == target]
        if own:
            start = frames.index(own[0])
            text = "Traceback (most recent call last):\n" + "".join(
                traceback.format_list(frames[start:])
            )
            text += "".join(traceback.format_exception_only(type(exc), exc))
        else:
            text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        error = {
            "type": type(exc).__name__,
            "message": str(exc),
            "line": own[-1].lineno if own else None,
            "traceback": text,
        }
    exec_seconds = time.perf_counter() - began
    sys.stdout.flush()
    if "matplotlib.pyplot" in sys.modules:
        capture()

    device = None
    if "tensorflow" in sys.modules:
        try:
            gpus = sys.modules["tensorflow"].config.list_physical_devices("GPU")
            device = "GPU" if gpus else "CPU"
        except Exception:  # noqa: BLE001 - provenance is best effort
            device = None
    record = {
        "values": _values(namespace) if error is None else {},
        "figures": figures if error is None else [],
        "error": error,
        "tf_device": device,
        "keras_backend": os.environ.get("KERAS_BACKEND", "tensorflow")
        if "keras" in sys.modules
        else None,
        "timing": {
            "setup": setup_seconds,
            "preimport": preimport_seconds,
            "exec": exec_seconds,
            "capture": capture_seconds,
        },
    }
    with open(os.path.join(out_dir, "child.json"), "w", encoding="utf-8") as handle:
        json.dump(record, handle)
    sys.stdout.flush()
    sys.stderr.flush()
    # Skip interpreter teardown: with TensorFlow loaded it takes about a second and adds
    # nothing (every result is already on disk).
    os._exit(1 if error else 0)


if __name__ == "__main__":
    main()
