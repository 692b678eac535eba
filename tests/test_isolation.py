"""Probes for the walls the kernel puts up (courserun/isolation/), warm and cold.

Each probe is an attack that worked against the runner when it had only Python guards (issue
19): read the runner's environment, outlive the run, write into the repository or the cache,
plant configuration for the next build, reach the network past the guard, stop the runner,
script a page. Each runs forked warm and started cold, with isolation required, so a kernel that
refuses a wall fails the probe instead of hiding it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import markdown
import pytest
from test_hostile import probe, run  # the hostile probes' writer and runner

from courserun import fragments, publish, sandbox
from courserun.cache import Cache
from courserun.execute import Result, run_one
from courserun.markdown_values import ValuesExtension
from courserun.project import BuildError, Project, prepare
from courserun.snippets import load_snippet

ROOT = Path(__file__).resolve().parent.parent
FAKE_TOKEN = "ghp_" + "A1b2C3d4E5f6G7h8I9j0" * 2
START = pytest.mark.parametrize("cold", [False, True], ids=["warm", "cold"])


@pytest.fixture(autouse=True)
def _required(monkeypatch):
    monkeypatch.setenv("COURSERUN_ISOLATION", "required")


def _gone(pid: int, wait: float = 5.0) -> bool:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state == "Z":
            return True
        time.sleep(0.1)
    return False


def _tree(folder: Path) -> dict[str, tuple[int, int, str]]:
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            info = path.stat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            found[str(path.relative_to(folder))] = (info.st_mtime_ns, info.st_size, digest)
    return found


# 1. The runner's environment, through /proc


@START
def test_the_runners_environment_is_out_of_reach_even_through_proc(tmp_path, monkeypatch, cold):
    monkeypatch.setenv("PROBE_API_TOKEN", FAKE_TOKEN)
    result = run(
        tmp_path,
        "01_read_proc",
        """
        import base64, os
        found = []
        for pid in os.listdir("/proc"):
            try:
                with open(f"/proc/{pid}/environ", "rb") as handle:
                    found.append(handle.read())
            except (OSError, ValueError):
                pass
        leaked = base64.b64encode(b"\\n".join(found)).decode()
        pids = sorted(int(p) for p in os.listdir("/proc") if p.isdigit())
        """,
        cold=cold,
    )
    assert result.ok, result.describe_error()
    blob = base64.b64decode(result.values["leaked"])
    assert b"PROBE_API_TOKEN" not in blob and FAKE_TOKEN.encode() not in blob
    # Its own PID namespace: init and itself, nothing of the runner.
    assert result.values["pids"] == [1, 2], result.values["pids"]


@START
def test_a_token_in_a_figure_title_is_caught(tmp_path, cold):
    result = run(
        tmp_path,
        "01_title_token",
        f"""
        import matplotlib.pyplot as plt
        plt.plot([0, 1], [0, 1])
        plt.title("x{FAKE_TOKEN}")
        plt.show()
        """,
        header="\nFigure: a line.\n",
        cold=cold,
    )
    assert result.error and result.error["type"] == "SecretInOutput", result.describe_error()
    assert "figure" in result.error["message"]
    assert FAKE_TOKEN not in result.describe_error()


# 2. Outliving the run


@START
def test_a_daemon_in_a_new_session_dies_with_the_listing(tmp_path, cold):
    marker = tmp_path / "late.txt"
    result = run(
        tmp_path,
        "01_leave_daemon",
        f"""
        import os, subprocess, sys, time
        code = "import time; time.sleep(3); open({str(marker)!r}, 'w').write('late')"
        daemon = subprocess.Popen([sys.executable, "-c", code], start_new_session=True)
        pid = daemon.pid
        seen_from_outside = open(f"/proc/{{pid}}/stat").read().split()[0]
        """,
        cold=cold,
    )
    assert result.ok, result.describe_error()
    # Its pid is one of its namespace: find it from outside by the marker it never wrote.
    time.sleep(4)
    assert not marker.exists(), "a process started with setsid outlived the listing"
    survivors = subprocess.run(
        ["pgrep", "-f", f"open\\({str(marker)!r}"], capture_output=True, text=True
    ).stdout.split()
    assert not survivors


# 3-5. Writes: the repository, where the old guard did not look, same-size edits, .pyc files


@START
def test_the_repository_and_every_other_folder_are_read_only(tmp_path, cold):
    planted = ROOT / "tests" / f".probe-{uuid.uuid4().hex}.txt"
    page = tmp_path / "docs" / "index.md"
    page.parent.mkdir(parents=True)
    page.write_text("# Original\n")
    os.utime(page, ns=(1_000_000_000, 1_000_000_000))
    targets = [
        str(planted),
        str(ROOT / ".github" / "workflows" / "probe.yml"),
        str(ROOT / "Makefile"),
        str(ROOT / "courserun" / "__pycache__" / "execute.cpython-311.pyc"),
        str(Path.home() / ".probe-written"),
    ]
    try:
        result = run(
            tmp_path,
            "01_write_everywhere",
            f"""
            import os
            written = []
            for target in {targets!r}:
                try:
                    with open(target, "a") as handle:
                        handle.write("")
                    written.append(target)
                except OSError as why:
                    pass
            page = {str(page)!r}
            try:
                before = os.stat(page)
                with open(page, "r+") as handle:
                    handle.write("# Injected")
                os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
                written.append(page)
            except OSError:
                pass
            """,
            cold=cold,
        )
        assert result.ok, result.describe_error()
        assert not planted.exists()
        assert not (ROOT / ".github" / "workflows" / "probe.yml").exists()
        assert not (Path.home() / ".probe-written").exists()
        assert page.read_text() == "# Original\n"
        assert result.values["written"] == [], result.values["written"]
    finally:
        planted.unlink(missing_ok=True)
        (ROOT / ".github" / "workflows" / "probe.yml").unlink(missing_ok=True)
        (Path.home() / ".probe-written").unlink(missing_ok=True)


# 6. The cache


@START
def test_a_listing_cannot_forge_or_plant_cache_entries(tmp_path, cold):
    cache = Cache(tmp_path / "cache")
    honest = load_snippet(probe(tmp_path, "01_name_score", "score = 0.5\n"))
    stored = run_one(honest, cache, cold=cold)
    assert stored.ok
    before = _tree(tmp_path / "cache")
    result = run(
        tmp_path,
        "02_forge_cache",
        f"""
        import hashlib, json, os
        from pathlib import Path
        done = []
        cache = Path({str(tmp_path / "cache")!r})
        for entry in cache.glob("demo__01_name_score--*"):
            try:
                record = json.loads((entry / "result.json").read_text())
                record["values"]["score"] = 0.99
                data = json.dumps(record).encode()
                (entry / "result.json").write_bytes(data)
                marker = {{"result.json": hashlib.sha256(data).hexdigest(), "format": 3}}
                (entry / ".courserun-entry").write_text(json.dumps(marker))
                done.append("forged")
            except OSError:
                pass
        try:
            (cache / ("demo__09_never_ran--" + "0" * 24)).mkdir()
            done.append("planted")
        except OSError:
            pass
        """,
        cold=cold,
    )
    assert result.ok, result.describe_error()
    assert result.values["done"] == []
    after = {k: v for k, v in _tree(tmp_path / "cache").items() if "02_forge_cache" not in k}
    assert after == before
    assert run_one(honest, cache).values["score"] == 0.5


# 7. Configuration that carries over to the next listing or build


@START
def test_keras_and_matplotlib_configuration_is_per_listing(tmp_path, monkeypatch, cold):
    data = tmp_path / "data"
    monkeypatch.setenv("COURSERUN_DATA", str(data))
    try:
        plant = run(
            tmp_path,
            "01_plant_config",
            f"""
            import json, os
            from pathlib import Path
            planted = []
            homes = {{os.environ["KERAS_HOME"], {str(data / "keras")!r}}}
            mpls = {{os.environ["MPLCONFIGDIR"], {str(data / "matplotlib")!r}}}
            for home in homes:
                try:
                    Path(home).mkdir(parents=True, exist_ok=True)
                    Path(home, "keras.json").write_text(json.dumps({{"floatx": "float16"}}))
                    planted.append(home)
                except OSError:
                    pass
            for folder in mpls:
                try:
                    Path(folder).mkdir(parents=True, exist_ok=True)
                    Path(folder, "matplotlibrc").write_text("lines.linewidth: 9\\n")
                    planted.append(folder)
                except OSError:
                    pass
            """,
            cold=cold,
        )
        assert plant.ok, plant.describe_error()
        read = run(
            tmp_path,
            "02_read_config",
            """
            import keras
            import matplotlib
            floatx = keras.backend.floatx()
            width = float(matplotlib.rcParams["lines.linewidth"])
            """,
            cold=cold,
        )
        assert read.ok, read.describe_error()
        assert read.values["floatx"] == "float32"
        assert read.values["width"] == 2.0
        assert not (data / "keras" / "keras.json").exists()
        assert not (data / "matplotlib" / "matplotlibrc").exists()
    finally:
        sandbox.warm_pool(data).close()


@START
def test_the_datasets_folder_is_read_only_without_network(tmp_path, monkeypatch, cold):
    data = tmp_path / "data"
    monkeypatch.setenv("COURSERUN_DATA", str(data))
    monkeypatch.setenv("COURSERUN_NETWORK", "1")
    datasets = sandbox.datasets_dir(data)
    datasets.mkdir(parents=True)
    (datasets / "mnist.npz").write_bytes(b"real")
    body = f"""
        written = False
        try:
            open({str(datasets / "mnist.npz")!r}, "wb").write(b"fake")
            written = True
        except OSError:
            pass
        """
    try:
        offline = run(tmp_path, "01_swap_dataset", body, cold=cold)
        assert offline.ok, offline.describe_error()
        assert offline.values["written"] is False
        assert (datasets / "mnist.npz").read_bytes() == b"real"
        online = run(tmp_path, "02_download", body, header="\nNetwork: downloads.\n", cold=cold)
        assert online.ok, online.describe_error()
        assert online.values["written"] is True
    finally:
        sandbox.warm_pool(data).close()


# 8. The network, past the Python guard


@pytest.fixture
def host_server():
    """A TCP server on the runner's machine (its loopback) that counts connections."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.2)
    hits = []
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
                hits.append(1)
                conn.close()
            except OSError:
                continue

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], hits
    stop.set()
    thread.join(2)
    server.close()


@START
def test_no_network_past_the_guard(tmp_path, host_server, cold):
    port, hits = host_server
    result = run(
        tmp_path,
        "01_bypass_guard",
        f"""
        import _socket, socket, subprocess, sys, importlib
        reached = []
        try:
            raw = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)
            raw.settimeout(2)
            raw.connect(("127.0.0.1", {port}))
            reached.append("_socket")
        except OSError:
            pass
        code = "import socket; socket.create_connection(('127.0.0.1', {port}), timeout=2)"
        if subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0:
            reached.append("subprocess")
        importlib.reload(socket)
        try:
            socket.getaddrinfo(host="localhost", port={port})
            socket.create_connection(("127.0.0.1", {port}), timeout=2).close()
            reached.append("reload")
        except OSError:
            pass
        interfaces = sorted(name for _, name in socket.if_nameindex())
        """,
        cold=cold,
    )
    assert result.ok, result.describe_error()
    assert hits == [], f"the listing reached the runner's machine: {result.values['reached']}"
    assert result.values["interfaces"] == ["lo"]


# 9. Signals to the runner


@START
def test_a_listing_cannot_stop_the_runner(tmp_path, cold):
    me = os.getpid()
    # A watchdog outside the runner, for the runner that could be stopped (the old one).
    watchdog = subprocess.Popen(
        [sys.executable, "-c", f"import os,time\nfor _ in range(300):\n"
         f"    time.sleep(0.1)\n    try: os.kill({me}, 18)\n    except OSError: break"]
    )  # fmt: skip
    try:
        result = run(
            tmp_path,
            "01_stop_runner",
            """
            import os, signal, time
            # Its ancestors up to the test's process (the runner), never beyond: without a PID
            # namespace, stopping every visible process would stop the whole machine.
            stopped = []
            pid = os.getppid()
            while pid > 1:
                try:
                    os.kill(pid, signal.SIGSTOP)
                    stopped.append(pid)
                except OSError:
                    break
                if pid == RUNNER:
                    break
                stat = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
                pid = int(stat[1])
            print("stopped", stopped, flush=True)
            time.sleep(30)
            """.replace("RUNNER", str(me)),
            header="\nTimeout: 2\n",
            cold=cold,
        )
        # The run's own time (a warm parent's one-off imports are not part of it).
        assert result.wall_seconds < 25, result.wall_seconds
        assert result.error["type"] == "Timeout", result.describe_error()
        assert "stopped []" in result.stdout, result.stdout  # it found nothing to stop
        state = Path(f"/proc/{me}/stat").read_text().rsplit(")", 1)[-1].split()[0]
        assert state != "T"
    finally:
        watchdog.kill()
        watchdog.wait()


# 10. Records the runner trusts


FORGE = """
import glob, os
real_exit = os._exit
def exit_after_forging(code):
    for path in glob.glob("/tmp/courserun-out-*/child.json"):
        with open(path, "w") as handle:
            handle.write(FORGED)
    real_exit(0)
os._exit = exit_after_forging
"""


@START
@pytest.mark.parametrize(
    "forged",
    [
        {"figures": [{"light": "fig-1.svg/../../../../../../../etc/passwd", "dark": "x"}]},
        {"figures": [{"light": "/etc/passwd", "dark": "/etc/passwd"}]},
        {"values": "not a dict"},
        "[",
    ],
    ids=["traversal", "absolute", "wrong-type", "not-json"],
)
def test_a_forged_record_fails_that_listing_only(tmp_path, cold, forged):
    text = forged if isinstance(forged, str) else json.dumps(forged)
    bad = run(tmp_path, "01_forge_record", FORGE.replace("FORGED", repr(text)), cold=cold)
    assert bad.status == "error"
    assert bad.error["type"] == "MalformedRecord", bad.describe_error()
    assert "root:" not in json.dumps(bad.values)


@START
def test_an_svg_that_scripts_is_refused(tmp_path, cold):
    result = run(
        tmp_path,
        "01_script_svg",
        """
        import matplotlib.pyplot as plt
        from matplotlib.figure import Figure
        real = Figure.savefig
        def savefig(self, path, *args, **kwargs):
            real(self, path, *args, **kwargs)
            text = open(path).read().replace("</svg>", '<script>alert(1)</script></svg>')
            open(path, "w").write(text)
        Figure.savefig = savefig
        plt.plot([0, 1])
        plt.show()
        """,
        header="\nFigure: a line.\n",
        cold=cold,
    )
    assert result.error and result.error["type"] == "UnsafeFigure", result.describe_error()
    assert "<script>" in result.error["message"]


# 11. Publishing that no output can script (no process needed)


@pytest.mark.parametrize(
    ("svg", "why"),
    [
        ('<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>', "<script>"),
        ('<svg xmlns="http://www.w3.org/2000/svg"><g onload="x()"/></svg>', "onload"),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
            '<use xlink:href="javascript:alert(1)"/></svg>',
            "javascript",
        ),
        ('<svg xmlns="http://www.w3.org/2000/svg"><foreignObject/></svg>', "foreignObject"),
        (
            '<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(http://x/y.css);</style>'
            "</svg>",
            "@import",
        ),
    ],
    ids=["script", "handler", "javascript-link", "foreignObject", "import"],
)
def test_svg_problems_are_named(svg, why):
    assert why in (publish.svg_problem(svg) or "")


def test_a_matplotlib_svg_passes():
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure = plt.figure()
    plt.plot([0, 1], [1, 0], label="a <b> & c")
    plt.title("--8<-- x")
    plt.legend()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg")
    plt.close(figure)
    assert publish.svg_problem(buffer.getvalue()) is None


def _page(tmp_path: Path, value, prose: str) -> Project:
    tmp_path.joinpath("docs", "includes").mkdir(parents=True, exist_ok=True)
    probe(tmp_path, "01_name_value", f"value = {value!r}\n")
    (tmp_path / "docs" / "index.md").write_text(f"# Page\n\n{prose}\n")
    return Project(tmp_path)


@pytest.mark.parametrize(
    "value",
    ["two\nlines", '--8<-- "secret.txt"', "{{ demo/01_name_value:value }}"],
    ids=["multi-line", "include", "value-syntax"],
)
def test_a_value_prose_cannot_quote_is_refused_with_page_and_line(tmp_path, monkeypatch, value):
    monkeypatch.setenv("COURSERUN_CACHE", str(tmp_path / "cache"))
    project = _page(tmp_path, value, "It says {{ demo/01_name_value:value }}.")
    with pytest.raises(BuildError, match=r"docs/index.md:3: .*cannot be quoted in prose"):
        prepare(project)


def test_a_value_quoted_in_prose_is_escaped(tmp_path):
    generated = tmp_path / "generated" / "demo"
    generated.mkdir(parents=True)
    payload = '<img src=x onerror="alert(1)"> [link](javascript:alert(1)) *b*'
    (generated / "01_name_value.json").write_text(json.dumps({"values": {"value": payload}}))
    html = markdown.markdown(
        "It says {{ demo/01_name_value:value }}.",
        extensions=[ValuesExtension(generated_dir=str(tmp_path / "generated"))],
    )
    assert "<img" not in html and "<a " not in html and "<em>" not in html
    assert "onerror" in html  # shown as text
    assert publish.value_for_prose("0.93") == "0.93"


def test_output_cannot_include_a_file_or_close_its_block(tmp_path):
    base = tmp_path / "base"
    base.mkdir()
    (base / "secret.txt").write_text("SECRET CONTENT")
    printed = '--8<-- "secret.txt"\n-8<- "secret.txt"\n--8<--\nsecret.txt\n--8<--\n```\n</div>\n'
    snippet = load_snippet(probe(tmp_path, "01_print_include", "print(1)\n"))
    page = fragments.output_block(Result(snippet, "ok", stdout=printed)) + "\nafter\n"
    html = markdown.markdown(
        page,
        extensions=["pymdownx.snippets", "pymdownx.superfences", "attr_list", "md_in_html"],
        extension_configs={"pymdownx.snippets": {"base_path": [str(base)]}},
    )
    assert "SECRET CONTENT" not in html
    assert "--8&lt;-- &quot;secret.txt&quot;" in html or '--8&lt;-- "secret.txt"' in html
    assert html.rstrip().endswith("<p>after</p>")


@START
def test_bidi_and_c1_controls_are_removed_and_glued_tokens_caught(tmp_path, cold):
    shown = run(
        tmp_path,
        "01_print_bidi",
        r"""
        print("a\u202eb\u2066c\x85d\x9be")
        label = "x\u202ey"
        """,
        cold=cold,
    )
    assert shown.ok, shown.describe_error()
    assert shown.stdout == "abcde\n"
    assert shown.values["label"] == "xy"
    glued = run(tmp_path, "02_print_glued", f'print("token=abc{FAKE_TOKEN}")\n', cold=cold)
    assert glued.error["type"] == "SecretInOutput"
    raised = run(tmp_path, "03_raise_token", f'raise ValueError("abc{FAKE_TOKEN}")\n', cold=cold)
    assert raised.error["type"] == "ValueError"
    assert FAKE_TOKEN not in raised.describe_error()
    assert "[redacted]" in raised.describe_error()


def test_named_results_and_figures_are_capped(tmp_path):
    big = run(tmp_path, "01_keep_much", "rows = [['x' * 9000] * 100 for _ in range(5)]\n")
    assert big.error["type"] == "ValuesTooLarge", big.describe_error()
    many = run(
        tmp_path,
        "02_draw_many",
        """
        import matplotlib.pyplot as plt
        import numpy as np
        points = np.random.default_rng(0).normal(size=(9000, 2))
        for _ in range(8):
            plt.figure()
            plt.scatter(points[:, 0], points[:, 1])
        plt.show()
        """,
        header="\nFigure: many.\n",
    )
    assert many.error["type"] == "FigureTooLarge", many.describe_error()
    assert "together" in many.error["message"]


def test_isolation_required_fails_a_listing_that_cannot_have_it(tmp_path, monkeypatch):
    """A wall the kernel refuses (simulated: a tmpfs size it cannot parse) fails the listing."""
    from courserun.isolation import policy

    monkeypatch.setattr(policy, "TMP_MB", "not a size")
    result = run(tmp_path, "01_print_one", "print(1)\n")
    assert result.error and result.error["type"] == "IsolationUnavailable", result.describe_error()


def test_without_required_the_runner_says_once_what_it_cannot_enforce(
    tmp_path, monkeypatch, capsys
):
    from courserun.isolation import policy

    monkeypatch.setenv("COURSERUN_ISOLATION", "")
    monkeypatch.setattr(policy, "NOTICE", policy._Notice())
    gaps = {"pid": "unshare: Operation not permitted"}
    policy.NOTICE.say(gaps)
    policy.NOTICE.say(gaps)
    err = capsys.readouterr().err
    assert err.count("cannot isolate") == 1
    assert "its own PID namespace" in err and "COURSERUN_ISOLATION=required" in err


def test_the_environment_allowlist_names_names_not_prefixes(monkeypatch):
    monkeypatch.setenv("TF_API_TOKEN", FAKE_TOKEN)
    monkeypatch.setenv("CUDA_SECRET", FAKE_TOKEN)
    monkeypatch.setenv("KERAS_BACKEND", "tensorflow")
    env = sandbox.snippet_environment(Path("/nonexistent"), None)
    assert "TF_API_TOKEN" not in env and "CUDA_SECRET" not in env
    assert env["KERAS_BACKEND"] == "tensorflow"
