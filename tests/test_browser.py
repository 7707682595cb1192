"""The student's workflow in a real browser: JupyterLab 4, the week-1 notebook, nbgrader's Validate.

A private JupyterLab server (its own HOME and JUPYTER_* directories under a tmp folder, nothing
global changes) serves a copy of ``release/w01_numpy_basics/``; Debian's chromium, driven by
Playwright, opens the blank notebook, runs the set-up cells, types a wrong sigmoid (a sign
mistake) and checks that the visible test names the sign flip, types a right one and checks
``✓ sigmoid``, then presses nbgrader's **Validate** toolbar button and checks its dialog: the
other exercises are unanswered, so validation fails on exactly their test cells.

nbgrader 0.9.6 ships both halves of Validate: the server extension
``nbgrader.server_extensions.validate_assignment`` (``/assignments/validate``) and the lab
plugin ``@jupyter/nbgrader:validate-assignment`` (the toolbar button). The test's own config
dir enables the first and only the first of nbgrader's server extensions, and disables the
instructor plugins (formgrader, create assignment...), as in a student's set-up.

Screenshots of every step go to ``$DLCOURSE_ARTIFACTS`` (if set) or to the test's tmp_path;
their paths are printed (``-s`` shows them).

Needs: ``apt-get install chromium`` (Playwright's own browser download is not used) and the
``playwright`` Python package (the ``dev`` extra). Skipped, with the reason, without them.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WEEK = "w01_numpy_basics"
NOTEBOOK = f"{WEEK}/{WEEK}.ipynb"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.slow

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is missing: pip install -e '.[dev]'")
if not os.access(CHROMIUM, os.X_OK):
    pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium", allow_module_level=True)

expect = sync_api.expect

KERNEL_TIMEOUT = 90_000    # ms: the first kernel start, the first matplotlib import
CELL_TIMEOUT = 60_000      # ms: one cell's run
VALIDATE_TIMEOUT = 120_000  # ms: nbgrader runs the whole notebook in a fresh kernel

WRONG_SIGMOID = "import numpy as np\ndef sigmoid(x):\n    return 1 / (1 + np.exp(x))\n"
RIGHT_SIGMOID = (
    "import numpy as np\n"
    "def sigmoid(x):\n"
    "    x = np.asarray(x, dtype=float)\n"
    "    e = np.exp(-np.abs(x))  # never the exp of a large positive number\n"
    "    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))\n"
    "\n"
    "def sigmoid_derivative(x):\n"
    "    s = sigmoid(x)\n"
    "    return s * (1 - s)\n"
)
# What course/checks.py's diagnose() says when every value is 1 - the expected one.
SIGN_FLIP = "is a sign flipped (e.g. exp(x) instead of exp(\u2212x))"


# --------------------------------------------------------------------------- the notebook
def _source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def _nbgrader(cell: dict) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


@pytest.fixture(scope="module")
def notebook() -> dict:
    """Where the cells the test uses are, read from the student's notebook itself."""
    nb = json.loads((ROOT / "release" / NOTEBOOK).read_text(encoding="utf-8"))
    cells = nb["cells"]
    (solution,) = [i for i, c in enumerate(cells) if c["cell_type"] == "code"
                   and "def sigmoid(" in _source(c) and "raise NotImplementedError" in _source(c)]
    test = solution + 1
    assert _nbgrader(cells[test]).get("grade_id") == "test_sigmoid_and_derivative", "the sigmoid's test cell moved"
    setup = [i for i, c in enumerate(cells[:solution]) if c["cell_type"] == "code"
             and not _nbgrader(c).get("solution") and not _nbgrader(c).get("grade")]
    assert setup and "from course.checks import" in _source(cells[setup[0]])
    graded = [i for i, c in enumerate(cells) if _nbgrader(c).get("grade") and c["cell_type"] == "code"]
    return {"n_cells": len(cells), "solution": solution, "test": test, "setup": setup,
            "test_source": _source(cells[test]).strip(),
            "other_tests": [_source(cells[i]).strip() for i in graded if i != test]}


# --------------------------------------------------------------------------- the server
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")


def _private_env(base: Path) -> dict[str, str]:
    """HOME and every Jupyter / IPython / matplotlib directory under ``base``."""
    dirs = {name: base / name for name in ("home", "config", "data", "runtime", "ipython", "mpl")}
    for d in dirs.values():
        d.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("JUPYTER", "JPY_", "IPYTHON")) and k != "MPLBACKEND"}
    env.update(
        HOME=str(dirs["home"]),
        JUPYTER_CONFIG_DIR=str(dirs["config"]),
        JUPYTER_DATA_DIR=str(dirs["data"]),
        JUPYTER_RUNTIME_DIR=str(dirs["runtime"]),
        JUPYTERLAB_SETTINGS_DIR=str(dirs["config"] / "lab" / "user-settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(dirs["config"] / "lab" / "workspaces"),
        # The test's config dir before the venv's etc/jupyter: its settings win.
        JUPYTER_PREFER_ENV_PATH="0",
        IPYTHONDIR=str(dirs["ipython"]),
        MPLCONFIGDIR=str(dirs["mpl"]),
        XDG_CACHE_HOME=str(dirs["home"] / ".cache"),
        XDG_CONFIG_HOME=str(dirs["home"] / ".config"),
        XDG_DATA_HOME=str(dirs["home"] / ".local" / "share"),
        # The venv's python first: the lab's python3 kernel is .venv's ipykernel.
        PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
    )
    return env


def _configure(config: Path) -> None:
    """A student's set-up, in the test's own JUPYTER_CONFIG_DIR."""
    _write_json(config / "jupyter_server_config.json", {"ServerApp": {"jpserver_extensions": {
        "nbgrader.server_extensions.validate_assignment": True,   # POST /assignments/validate
        "nbgrader.server_extensions.formgrader": False,
        "nbgrader.server_extensions.assignment_list": False,
        "nbgrader.server_extensions.course_list": False,
    }}})
    # The lab plugin @jupyter/nbgrader:validate-assignment adds the toolbar button; the
    # instructor's plugins and the menu (which needs them) stay off.
    _write_json(config / "labconfig" / "page_config.json", {"disabledExtensions": {
        f"@jupyter/nbgrader:{name}": True
        for name in ("formgrader", "create-assignment", "course-list", "assignment-list", "menu")}})
    settings = config / "lab" / "user-settings" / "@jupyterlab"
    # Every cell in the DOM (no virtual scrolling), so the n-th .jp-Cell is the n-th cell.
    _write_json(settings / "notebook-extension" / "tracker.jupyterlab-settings", {"windowingMode": "none"})
    # No news / update pop-ups (and no requests for them).
    _write_json(settings / "apputils-extension" / "notification.jupyterlab-settings",
                {"fetchNews": "false", "checkForUpdates": False})


def _get(url: str, timeout: float = 5) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab 4 server on a free localhost port, with a token; shut down at the end."""
    base = tmp_path_factory.mktemp("lab")
    root = base / "root"
    shutil.copytree(ROOT / "release" / WEEK, root / WEEK)
    env = _private_env(base)
    _configure(Path(env["JUPYTER_CONFIG_DIR"]))
    token = secrets.token_hex(16)
    port = _free_port()
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser",
           "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
           f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
           "--LabApp.extension_manager=readonly"]   # no PyPI look-ups from the extension manager
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    log_path = base / "jupyterlab.log"
    log = log_path.open("wb")
    proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"

    def tail() -> str:
        return log_path.read_text(errors="replace")[-4000:]

    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"JupyterLab exited with {proc.returncode}:\n{tail()}")
            try:
                status, _ = _get(f"{url}api/status?token={token}", timeout=2)
                if status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not answer on {url} within 60 s:\n{tail()}")
            time.sleep(0.2)
        # nbgrader's validate server extension answers (the Validate button asks this first).
        status, body = _get(f"{url}nbgrader_version?version=0.9.6&token={token}")
        assert status == 200 and json.loads(body)["success"], (status, body, tail())
        yield {"url": url, "token": token, "root": root, "log": log_path}
    finally:
        try:  # shuts the kernels down too
            urllib.request.urlopen(urllib.request.Request(
                f"{url}api/shutdown", method="POST", headers={"Authorization": f"token {token}"}),
                timeout=10).close()
        except OSError:
            pass
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)   # our own process group (start_new_session)
            proc.wait(timeout=10)
        log.close()


@pytest.fixture
def page(tmp_path):
    """Debian's chromium, headless, with a fresh profile."""
    with sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"), executable_path=CHROMIUM, headless=True,
            args=CHROMIUM_ARGS, viewport={"width": 1280, "height": 900})
        try:
            yield context.pages[0] if context.pages else context.new_page()
        finally:
            context.close()


@pytest.fixture
def shots(tmp_path):
    """``shots(page, name)`` saves a numbered screenshot and prints its path."""
    folder = Path(os.environ["DLCOURSE_ARTIFACTS"]) if os.environ.get("DLCOURSE_ARTIFACTS") else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    count = [0]

    def shot(page, name: str) -> Path:
        count[0] += 1
        path = folder / f"browser-{count[0]:02d}-{name}.png"
        page.screenshot(path=str(path))
        print(f"screenshot: {path}")
        return path

    return shot


# --------------------------------------------------------------------------- the student
def _run(page, cell) -> None:
    """Select ``cell`` (command mode), Shift+Enter, wait for its new execution count."""
    prompt = cell.locator(".jp-InputArea-prompt")
    before = prompt.inner_text()
    prompt.click()
    page.keyboard.press("Shift+Enter")
    expect(prompt).not_to_have_text(before, timeout=CELL_TIMEOUT)
    expect(prompt).to_have_text(re.compile(r"^\[\d+\]:$"), timeout=CELL_TIMEOUT)


def _type_into(page, cell, code: str) -> None:
    """Replace the cell's source, as a student pasting their answer."""
    cell.locator(".cm-content").click()
    expect(cell).to_have_class(re.compile(r"\bjp-mod-active\b"))
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(code)   # one input event: no auto-indent of the pasted lines
    # Line by line, indentation included (a pattern is matched without whitespace folding).
    expect(cell.locator(".cm-content .cm-line")).to_have_text(
        [re.compile(f"^{re.escape(line)}$") for line in code.split("\n")])


def test_student_fixes_sigmoid_and_validates(lab, page, shots, notebook):
    t0 = time.monotonic()
    try:
        _student_workflow(lab, page, shots, notebook)
    except BaseException:
        try:
            shots(page, "failure")
        finally:
            print(f"JupyterLab's log ({lab['log']}):\n{lab['log'].read_text(errors='replace')[-6000:]}")
        raise
    print(f"browser workflow: {time.monotonic() - t0:.1f} s")


def _student_workflow(lab, page, shots, notebook):
    page.set_default_timeout(30_000)
    expect.set_options(timeout=20_000)
    page.goto(f"{lab['url']}lab/tree/{NOTEBOOK}?token={lab['token']}")
    panel = page.locator(".jp-NotebookPanel").filter(has=page.locator(".jp-Notebook"))
    cells = panel.locator(".jp-Notebook .jp-Cell")
    expect(cells).to_have_count(notebook["n_cells"], timeout=KERNEL_TIMEOUT)
    # The notebook's own kernel (python3: .venv's ipykernel, see _private_env) is up.
    expect(page.locator(".jp-StatusBar-TextItem").filter(has_text="Python 3 (ipykernel) | Idle")
           ).to_have_count(1, timeout=KERNEL_TIMEOUT)
    status, body = _get(f"{lab['url']}api/sessions?token={lab['token']}")
    sessions = [s for s in json.loads(body) if s["path"] == NOTEBOOK]
    assert status == 200 and [s["kernel"]["name"] for s in sessions] == ["python3"], body
    validate = panel.locator(".jp-NotebookPanel-toolbar .validate-button")
    expect(validate).to_be_visible()
    expect(validate).to_contain_text("Validate")
    shots(page, "opened")

    # The set-up cells above the exercise: the import of course.checks, the demos.
    stderr = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
    for i in notebook["setup"]:
        _run(page, cells.nth(i))
        expect(cells.nth(i).locator(stderr)).to_have_count(0)
    shots(page, "setup-run")

    solution, test = cells.nth(notebook["solution"]), cells.nth(notebook["test"])
    expect(solution).to_contain_text("def sigmoid(x):")
    expect(solution).to_contain_text("raise NotImplementedError()")
    output = test.locator(".jp-OutputArea")

    # A sign mistake: the visible test says what is wrong and why.
    _type_into(page, solution, WRONG_SIGMOID)
    _run(page, solution)
    _run(page, test)
    expect(test.locator(stderr)).to_have_count(1)
    expect(output).to_contain_text("CheckError")
    expect(output).to_contain_text("CheckError: sigmoid(x): ")
    expect(output).to_contain_text(SIGN_FLIP)
    expect(output).not_to_contain_text("\u2713 sigmoid")
    test.scroll_into_view_if_needed()
    shots(page, "wrong-sigmoid")

    # A right (and numerically stable) sigmoid passes.
    _type_into(page, solution, RIGHT_SIGMOID)
    _run(page, solution)
    _run(page, test)
    expect(output).to_contain_text("\u2713 sigmoid and sigmoid_derivative: all tests passed")
    expect(test.locator(stderr)).to_have_count(0)
    test.scroll_into_view_if_needed()
    shots(page, "right-sigmoid")

    # nbgrader's Validate: saves, runs the notebook in a fresh kernel, shows its results.
    validate.click()
    dialog = page.locator(".jp-Dialog")
    expect(dialog).to_be_visible(timeout=VALIDATE_TIMEOUT)
    expect(dialog.locator(".jp-Dialog-header")).to_have_text("Validation Results")
    message = dialog.locator("#validation-message")
    # The other exercises are unanswered: their test cells, and only those, failed.
    expect(message).to_have_class(re.compile(r"\bvalidation-failed\b"))
    expect(dialog).to_have_class(re.compile(r"\bnbgrader-ErrorDialog\b"))
    expect(message.get_by_text("The following cell failed:", exact=True)).to_have_count(
        len(notebook["other_tests"]))
    failed_sources = [s.strip() for s in message.locator(":scope > .jp-RenderedText:nth-child(3n+2) > pre")
                      .all_inner_texts()]
    assert failed_sources == notebook["other_tests"]
    assert notebook["test_source"] not in failed_sources
    # Each with its error: the stubs' NotImplementedError for the unanswered functions.
    errors = message.locator(":scope > .jp-RenderedText:nth-child(3n) > pre").all_inner_texts()
    assert len(errors) == len(failed_sources) and all(re.search(r"\w+(Error|Exception)", e) for e in errors)
    expect(message).to_contain_text("NotImplementedError")
    shots(page, "validate-dialog")
    dialog.get_by_role("button", name="Ok").click()
    expect(dialog).to_have_count(0)
    # Validate saved the notebook first: the file holds the student's right answer.
    saved = json.loads((lab["root"] / NOTEBOOK).read_text(encoding="utf-8"))
    assert "np.where(x >= 0" in _source(saved["cells"][notebook["solution"]])
