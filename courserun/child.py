"""Runs one snippet inside a fresh interpreter and records what a reader would see.

Started by ``sandbox.py`` as ``python -s -P -X faulthandler child.py SNIPPET OUT_DIR`` in its own
process group, with a scratch working directory and HOME, an allowlisted environment, and
stdout/stderr going to files (-P: the runner's folder is not importable; not -I, which would
also drop PYTHONHASHSEED and so make set ordering, and any output that depends on it, vary by
run). Both this file and SNIPPET are copies outside the repository, so neither ``__file__`` nor
the command line leads a snippet back into it. It imports nothing from this repository: it must
behave as a reader's own Python. It writes ``OUT_DIR/child.json`` (values, figures, timings,
error) and the figures as SVG.

Before anything of the snippet runs, ``jail.py`` (copied beside this file, loaded by path) puts
up the kernel's walls: this process becomes a supervisor, the PID 1 of a new PID namespace, and
the snippet's own process, with read-only mounts, private scratch folders and no capabilities
(``courserun/isolation/jail.py``). The checks below stay, for their clear messages.

Settings come in ``COURSERUN_CHILD_*`` variables, removed before the snippet runs: whether the
snippet may use the network (otherwise name resolution and connections to other hosts raise
``NetworkNotDeclaredError``, and the attempt is reported even if the snippet swallows it), the
time limit (the stack is dumped to stderr when it is reached, so the message shows where it
hung), a file-size cap and an optional address-space cap in MB.
"""

import faulthandler
import json
import os
import resource
import sys
import time
import traceback
import types

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


class NetworkNotDeclaredError(RuntimeError):
    """Raised when an unmarked snippet reaches for another host."""


NETWORK_ATTEMPTS = []


def _is_local(host):
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    host = str(host).strip("[]").split("%")[0].lower()
    if host in ("", "localhost", "localhost.localdomain", "ip6-localhost"):
        return True
    import ipaddress

    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _guard_network():
    """No name resolution or connection to another host: say how to declare it instead."""
    import socket

    def refuse(host):
        NETWORK_ATTEMPTS.append(str(host))
        raise NetworkNotDeclaredError(
            f"this listing tried to reach {host!r}, but its docstring has no 'Network:' line. "
            "Listings run offline; one that downloads says so with a line such as "
            "'Network: downloads MNIST (11 MB)', and then runs only where COURSERUN_NETWORK=1."
        )

    def guarded(function, host_of):
        def wrapper(*args, **kwargs):
            host = host_of(*args, **kwargs)
            if not _is_local(host):
                refuse(host)
            return function(*args, **kwargs)

        wrapper.__name__ = function.__name__
        return wrapper

    def first(*args, **_kwargs):
        return args[0] if args else None

    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr"):
        setattr(socket, name, guarded(getattr(socket, name), first))

    def address_of(sock, address, *_rest):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and isinstance(address, tuple):
            return address[0]
        return None

    for name in ("connect", "connect_ex"):
        setattr(socket.socket, name, guarded(getattr(socket.socket, name), address_of))

    def sendto_host(sock, *args):
        return address_of(sock, args[-1]) if args else None

    socket.socket.sendto = guarded(socket.socket.sendto, sendto_host)


def _own_frames(exc, target):
    frames = traceback.extract_tb(exc.__traceback__)
    own = [frame for frame in frames if os.path.abspath(frame.filename) == target]
    return frames, own


def _describe(exc, target):
    frames, own = _own_frames(exc, target)
    if own:
        start = frames.index(own[0])
        text = "Traceback (most recent call last):\n" + "".join(
            traceback.format_list(frames[start:])
        )
        text += "".join(traceback.format_exception_only(type(exc), exc))
    else:
        text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return {
        "type": type(exc).__name__,
        "message": str(exc),
        "line": own[-1].lineno if own else None,
        "traceback": text,
    }


def _settings():
    settings = {}
    for name in list(os.environ):
        if name.startswith("COURSERUN_CHILD_"):
            settings[name.removeprefix("COURSERUN_CHILD_").lower()] = os.environ.pop(name)
    return settings


def run(snippet_path, out_dir, settings, started):
    """Run the snippet as __main__ in this process, write child.json, and end the process."""
    target = os.path.abspath(snippet_path)
    with open(snippet_path, encoding="utf-8") as handle:
        source = handle.read()

    if settings.get("memory_mb"):
        cap = int(float(settings["memory_mb"]) * 1024 * 1024)
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    if settings.get("file_mb"):
        cap = int(float(settings["file_mb"]) * 1024 * 1024)
        resource.setrlimit(resource.RLIMIT_FSIZE, (cap, cap))
    if settings.get("timeout"):
        # Dump every thread's stack just before the runner kills the process group.
        faulthandler.dump_traceback_later(float(settings["timeout"]), exit=False)
    if settings.get("network") != "1":
        _guard_network()

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
            titles = [figure._suptitle.get_text()] if figure._suptitle else []
            titles += [axes.get_title() for axes in figure.axes if axes.get_title()]
            figures.append({"light": f"{name}.svg", "dark": f"{name}-dark.svg", "titles": titles})
            plt.close(figure)
        capture_seconds += time.perf_counter() - began

    preimport_seconds = 0.0
    if "matplotlib" in source:
        # The snippet imports matplotlib anyway; importing it first lets plt.show be captured.
        began = time.perf_counter()
        os.environ["MPLBACKEND"] = "Agg"
        _style_matplotlib()
        import matplotlib.pyplot as plt

        plt.show = capture
        preimport_seconds = time.perf_counter() - began
    setup_seconds = time.perf_counter() - started

    error = None
    # The snippet runs as __main__ in a module whose namespace outlives an exception, so the
    # values it defined before an early exit are still reported.
    module = types.ModuleType("__main__")
    module.__file__ = snippet_path
    module.__builtins__ = __builtins__
    namespace = module.__dict__
    sys.modules["__main__"] = module
    sys.argv = [snippet_path]
    cells = _cell_ranges(settings.get("cells", ""))
    cell_records = []
    began = time.perf_counter()
    try:
        if cells:
            _run_cells(source, snippet_path, namespace, cells, cell_records, capture, figures)
        else:
            code = compile(source, snippet_path, "exec")
            exec(code, namespace)
    except SystemExit as stop:
        _frames, own = _own_frames(stop, target)
        line = own[-1].lineno if own else None
        error = {
            "type": "SystemExit",
            "message": (
                f"the listing called sys.exit({stop.code!r})"
                + (f" at line {line}" if line else "")
                + "; a listing runs to its end (the page would show a cut output). "
                "Remove the exit."
            ),
            "line": line,
        }
    except BaseException as exc:  # noqa: BLE001 - everything a snippet raises is reported
        error = _describe(exc, target)
    if cells and error is not None and cell_records:
        error["cell"] = len(cell_records) - 1  # the cell that raised: its record is still open
        _close_cell(cell_records[-1], figures)
    exec_seconds = time.perf_counter() - began
    capture_in_exec = capture_seconds  # plt.show() calls made by the snippet while it ran
    faulthandler.cancel_dump_traceback_later()
    sys.stdout.flush()
    if NETWORK_ATTEMPTS and (error is None or error["type"] != "NetworkNotDeclaredError"):
        error = {
            "type": "NetworkNotDeclaredError",
            "message": (
                f"the listing tried to reach {', '.join(sorted(set(NETWORK_ATTEMPTS)))} and "
                "caught the error. Add a 'Network:' line to its docstring if it must download."
            ),
            "line": None,
        }
    if "matplotlib.pyplot" in sys.modules and error is None:
        capture()

    device = None
    if "tensorflow" in sys.modules:
        try:
            gpus = sys.modules["tensorflow"].config.list_physical_devices("GPU")
            device = "GPU" if gpus else "CPU"
        except Exception:  # noqa: BLE001 - provenance is best effort
            device = None
    record = {
        "values": _values(namespace),
        "figures": figures if error is None else [],
        "cells": cell_records,
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
            "capture_in_exec": capture_in_exec,
        },
    }
    with open(os.path.join(out_dir, "child.json"), "w", encoding="utf-8") as handle:
        json.dump(record, handle)
    sys.stdout.flush()
    sys.stderr.flush()
    # Skip interpreter teardown: with TensorFlow loaded it takes about a second and adds
    # nothing (every result is already on disk).
    os._exit(1 if error else 0)


def _cell_ranges(text):
    """'3-10,12-20' (first and last line of each code cell) as [(3, 10), (12, 20)]."""
    ranges = []
    for part in text.split(","):
        if part.strip():
            first, last = part.split("-")
            ranges.append((int(first), int(last)))
    return ranges


def _offsets():
    sys.stdout.flush()
    sys.stderr.flush()
    found = []
    for fd in (1, 2):
        try:
            found.append(os.lseek(fd, 0, os.SEEK_CUR))
        except OSError:
            found.append(0)
    return found


def _open_cell(figures):
    out, err = _offsets()
    return {"stdout": [out, None], "stderr": [err, None], "figures": [len(figures), None]}


def _close_cell(record, figures):
    record["stdout"][1], record["stderr"][1] = _offsets()
    record["figures"][1] = len(figures)


def _run_cells(source, path, namespace, cells, cell_records, capture, figures):
    """A notebook's code cells, run one after another in one namespace, as a kernel would.

    Each cell is compiled with its own line numbers in the file, so a traceback names the
    file's line. As in Jupyter: a cell whose last statement is an expression shows its value
    (unless the line ends with ';'), and figures still open when a cell ends are shown under it.
    Each cell's output is where stdout and stderr stood when it began and ended.
    """
    import ast

    lines = source.splitlines(keepends=True)
    for first, last in cells:
        record = _open_cell(figures)
        cell_records.append(record)
        text = "\n" * (first - 1) + "".join(lines[first - 1 : last])
        tree = ast.parse(text, path)
        shown = None
        if tree.body and isinstance(tree.body[-1], ast.Expr) and not text.rstrip().endswith(";"):
            shown = ast.Expression(tree.body.pop().value)
        exec(compile(tree, path, "exec"), namespace)
        if shown is not None:
            value = eval(compile(shown, path, "eval"), namespace)
            if value is not None:
                print(repr(value))
        if "matplotlib.pyplot" in sys.modules:
            capture()
        _close_cell(record, figures)


def _style_matplotlib():
    import matplotlib

    matplotlib.use("Agg")
    from cycler import cycler

    matplotlib.rcParams.update(STYLE)
    matplotlib.rcParams["axes.prop_cycle"] = cycler(color=PALETTE)
    import matplotlib.pyplot  # noqa: F401


# What the warm parent imports once, before any fork: the libraries the listings use, each
# without running a TensorFlow op, creating a device context or starting a thread.
WARM_MODULES = (
    "numpy",
    "scipy",
    "scipy.stats",
    "sklearn",
    "sklearn.datasets",
    "sklearn.model_selection",
    "sklearn.preprocessing",
    "sklearn.linear_model",
    "sklearn.metrics",
    "tensorflow",
    "keras",
)


def _threads():
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return None


def serve():
    """The warm parent: import the heavy libraries once, then fork one child per request.

    Requests arrive on stdin as JSON lines (script, out_dir, cwd, env, stdout, stderr,
    settings); for each, the answer on the protocol pipe is ``{"pid": N}`` once the child is
    started (its own session and process group, so the runner can kill it whole) and then
    ``{"status": code}`` (negative: the signal) when it has ended; or ``{"refused": why}`` when
    forking is not safe (more than one thread), and the runner then runs that snippet cold.
    One child at a time: the runner keeps one warm parent per parallel job.
    """
    protocol = os.fdopen(os.dup(1), "w", buffering=1)
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 1)
    # Ctrl-C is the runner's business: it kills this process group and the children's.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    imported = []
    for name in WARM_MODULES:
        try:
            __import__(name)
            imported.append(name)
        except Exception:  # noqa: BLE001 - a library that is not installed is not preloaded
            continue
    _style_matplotlib()
    _jail()
    protocol.write(json.dumps({"ready": imported, "threads": _threads()}) + "\n")
    for line in sys.stdin:
        request = json.loads(line)
        threads = _threads()
        if threads != 1:
            protocol.write(json.dumps({"refused": f"{threads} threads before fork"}) + "\n")
            continue
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            _become_child(request, protocol, devnull)
        protocol.write(json.dumps({"pid": pid}) + "\n")
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        protocol.write(json.dumps({"status": code}) + "\n")


def _become_child(request, protocol, devnull):
    """In the forked child: the same state a cold start would have, then run the snippet."""
    try:
        import random
        import signal

        started = time.perf_counter()
        os.setsid()
        signal.signal(signal.SIGINT, signal.default_int_handler)
        protocol.close()
        os.dup2(devnull, 0)
        out = os.open(request["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        err = os.open(request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(out, 1)
        os.dup2(err, 2)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        faulthandler.enable()
        # Unseeded generators start from fresh entropy, as in a new interpreter.
        random.seed()
        if "numpy" in sys.modules:
            sys.modules["numpy"].random.seed()
        sys.argv = [request["script"]]
        settings = dict(request["settings"])
        _isolate(settings)
        run(request["script"], request["out_dir"], settings, started)
    finally:
        os._exit(70)


_JAIL = []


def _jail():
    if not _JAIL:
        import importlib.util

        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "jail.py")
        spec = importlib.util.spec_from_file_location("courserun_jail", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        _JAIL.append(module)
    return _JAIL[0]


def _isolate(settings):
    """The kernel's walls (jail.py beside this file); returns in the snippet's own process."""
    if settings.get("jail"):
        _jail().enter(json.loads(settings.pop("jail")))


def main():
    if sys.argv[1:] == ["--serve"]:
        serve()
        return
    snippet_path, out_dir = sys.argv[1], sys.argv[2]
    settings = _settings()
    _isolate(settings)
    run(snippet_path, out_dir, settings, STARTED)


if __name__ == "__main__":
    main()
