"""The sandbox hides the reference even when it is installed normally (a wheel in site-packages,
not an editable install), beside the student package in the same environment."""
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from autograder.sandbox import bwrap as sandbox

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(bool(sandbox.availability()), reason=sandbox.availability() or "")]


def test_normally_installed_solutions_are_neither_importable_nor_readable(root, tmp_path):
    wheels = tmp_path / "wheels"
    for project in (root, root / "solutions_pkg"):
        built = subprocess.run([sys.executable, "-m", "pip", "wheel", str(project), "--no-deps",
                                "--no-build-isolation", "-w", str(wheels), "-q"], capture_output=True, text=True)
        assert built.returncode == 0, built.stderr[-3000:]
    # a fresh environment whose own site-packages holds both wheels, installed the normal way;
    # its dependencies (numpy, ipykernel, ...) come from this environment's site-packages
    env = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    site = next(env.glob("lib/python3*/site-packages"))
    ours = next(p for p in sys.path if p.endswith("site-packages") and Path(p, "numpy").is_dir())
    (site / "zz_dependencies.pth").write_text(ours + "\n")
    python = env / "bin" / "python"
    install = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
                              "--no-index", "-q", *map(str, wheels.glob("*.whl"))], capture_output=True, text=True)
    assert install.returncode == 0, install.stderr[-3000:]
    solutions = site / "dlcourse_solutions"
    assert (solutions / "w01_numpy_basics.py").is_file()
    own = tmp_path / "own"
    own.mkdir()
    probe = textwrap.dedent(f"""
        import json, os
        seen = {{}}
        try:
            import dlcourse_solutions
            seen["import"] = dlcourse_solutions.__file__
        except ImportError as error:
            seen["import"] = "no"
        try:
            seen["read"] = open({str(solutions / 'w01_numpy_basics.py')!r}).read()[:50]
        except OSError:
            seen["read"] = "no"
        seen["site"] = sorted(os.listdir({str(site)!r}))
        import course.checks, autograder.engine, numpy
        open("seen.json", "w").write(json.dumps(seen))
    """)
    driver = (f"from autograder.sandbox.bwrap import Sandbox; import sys, os; "
              f"cmd = Sandbox(chdir={str(own)!r}).bind({str(own)!r}, writable=True).command([sys.executable, '-c', {probe!r}]); "
              f"os.execv(cmd[0], cmd)")
    proc = subprocess.run([str(python), "-I", "-c", driver], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    seen = json.loads((own / "seen.json").read_text())
    assert seen["import"] == "no" and seen["read"] == "no", seen
    assert not [n for n in seen["site"] if "solutions" in n], seen["site"]
    assert "course" in seen["site"] and "autograder" in seen["site"]  # the student package is there
