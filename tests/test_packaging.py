"""The student-facing wheel holds neither reference code nor source notebooks."""
import subprocess
import sys
import zipfile

import pytest

pytestmark = pytest.mark.slow


def test_wheel_has_no_solutions(root, tmp_path):
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", str(root), "--no-deps", "--no-build-isolation",
                            "-w", str(tmp_path), "-q"], capture_output=True, text=True)
    assert built.returncode == 0, f"pip wheel failed:\n{built.stdout[-3000:]}\n{built.stderr[-3000:]}"
    wheel = next(tmp_path.glob("dlcourse-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.startswith("course/checks.py") for n in names)
    assert any(n.startswith("autograder/cli.py") for n in names)
    assert not [n for n in names if "dlcourse_solutions" in n or n.endswith(".ipynb")
                or n.startswith(("source/", "release/", "tests/"))], names
    # No reference module was copied into the wheel under another name either.
    wheel_text = "\n".join(zipfile.ZipFile(wheel).read(n).decode() for n in names if n.endswith(".py"))
    wheel_lines = {line.strip() for line in wheel_text.splitlines()}
    for module in sorted((root / "solutions_pkg" / "dlcourse_solutions").glob("w*.py")):
        lines = [l.strip() for l in module.read_text().splitlines()
                 if len(l.strip()) > 30 and not l.strip().startswith(("#", "from ", "import ", '"""'))]
        shared = [l for l in lines if l in wheel_lines]
        assert len(shared) <= len(lines) // 2, f"{module.name}: {len(shared)}/{len(lines)} lines are in the wheel"
