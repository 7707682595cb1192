"""Grade a class that lives on a file system of its own (run by tests/test_redteam.py).

Started as ``unshare --mount --propagation private sh -c 'mount -t tmpfs tmpfs DIR && exec
python grade_in_tmpfs.py SPEC RESULT'``: DIR (the class: submitted/ and out/) is a fresh tmpfs
visible to this process tree only, so everything the run needs to report is written to RESULT,
outside DIR, before the mount disappears with the process.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from pathlib import Path


def _hashes(folder: Path) -> dict:
    out = {}
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(dirpath) / name
            if path.is_file() and not path.is_symlink():
                out[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def main(spec_path: str, result_path: str) -> None:
    spec = json.loads(Path(spec_path).read_text())
    base = Path(spec["base"])
    week, root = spec["week"], Path(spec["root"])
    submitted, out = base / "submitted", base / "out"
    for student, text in spec["notebooks"].items():
        folder = submitted / student / week
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{week}.ipynb").write_text(text)
    before = _hashes(submitted)
    result = {"dev_class": os.stat(base).st_dev, "dev_outside": os.stat(Path(result_path).parent).st_dev,
              # /proc/self/mounts writes a space in a path as \040
              "mounted": any(line.split()[1].replace("\\040", " ") == str(base) for line in open("/proc/self/mounts"))}
    from autograder.grader.policy import Limits
    from autograder.grader.run import grade_submissions
    t0 = time.perf_counter()
    grades = grade_submissions(submitted, out, [week], root, workers=2, limits=Limits(**spec["limits"]),
                               secret_file=Path(spec["secret"]))
    result["seconds"] = time.perf_counter() - t0
    result["grades"] = {g.student: g.to_json() for g in grades}
    result["before"], result["after"] = before, _hashes(submitted)
    result["feedback"] = {}
    for g in grades:
        page = out / "feedback" / g.student / week / f"{week}.html"
        result["feedback"][g.student] = page.read_text(errors="replace") if page.is_file() else None
    Path(result_path).write_text(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
