"""The grading secret: where each submission's hidden-test inputs come from.

The hidden tests draw their inputs from a seed that a submission cannot predict: an HMAC of
the week and the student under a secret the grader keeps outside the repository and outside
every sandbox (by default ``~/.config/dlcourse/grading-secret``, made on first use, readable by
its owner only). The same secret gives the same inputs, so a re-grade gives the same grade;
a new secret gives every student new inputs.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

SECRET_ENV = "DLCOURSE_SECRET_FILE"


def default_path() -> Path:
    """``$DLCOURSE_SECRET_FILE``, else ``$XDG_CONFIG_HOME/dlcourse/grading-secret`` (``~/.config``)."""
    if os.environ.get(SECRET_ENV):
        return Path(os.environ[SECRET_ENV]).expanduser()
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return config / "dlcourse" / "grading-secret"


def load(path: Path | None = None, course: Path | None = None) -> bytes:
    """The secret at ``path`` (made there, mode 0600, when missing).

    Refuses a secret inside the course repository: it would be committed, and published
    with the course."""
    path = Path(path or default_path()).expanduser().resolve()
    if course is not None and (path == course.resolve() or course.resolve() in path.parents):
        raise ValueError(f"the grading secret {path} lies inside the course repository; keep it outside "
                         f"(default ~/.config/dlcourse/grading-secret, or set ${SECRET_ENV})")
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_hex(32) + "\n")
        except FileExistsError:  # another grading run made it first
            pass
    value = path.read_bytes().strip()
    if len(value) < 16:
        raise ValueError(f"the grading secret {path} is too short (at least 16 characters)")
    return value


def submission_seed(secret: bytes, week: str, student: str) -> int:
    """The seed of one submission's hidden-test inputs (64 bits of HMAC-SHA256)."""
    return int.from_bytes(hmac.new(secret, f"{week}/{student}".encode(), hashlib.sha256).digest()[:8], "big")


def fingerprint(secret: bytes) -> str:
    """A public name for the secret (in resume keys): changing the secret regrades everything."""
    return hmac.new(secret, b"dlcourse fingerprint", hashlib.sha256).hexdigest()[:16]
