"""Grading policy in one place: every limit and option a traitlet with one default and one help.

Set them where an nbgrader instructor sets everything else, in the course's
``nbgrader_config.py``::

    c.Limits.timeout = 900          # seconds for nbgrader on one submission
    c.GradingOptions.workers = 4

or for one run on the command line (``dlcourse grade --timeout 900 --workers 4``); the
command line wins. ``dlcourse grade --help`` prints these help strings and defaults.
"""
from __future__ import annotations

import resource
from pathlib import Path

from traitlets import Bool, Float, Integer, Unicode
from traitlets.config import Config, Configurable


class Limits(Configurable):
    """What one submission may use. Every process that runs its code gets these."""

    timeout = Float(600.0, help="Wall-clock seconds for nbgrader on one submission.").tag(
        config=True, cli="--timeout")
    cell_timeout = Integer(60, help="Seconds for one cell in nbgrader's kernel, and for one step "
                                    "(a cell or an exercise) of the out-of-kernel re-check.").tag(
        config=True, cli="--cell-timeout")
    recheck_timeout = Float(120.0, help="Wall-clock seconds for the out-of-kernel re-check of one "
                                        "submission.").tag(config=True, cli="--recheck-timeout")
    memory_mb = Integer(4096, help="Megabytes of address space for each process that runs a "
                                   "submission's code.").tag(config=True, cli="--memory")
    max_output_mb = Integer(64, help="Largest file, in megabytes, that a submission's processes may "
                                     "write (100 MB of printed output, say).").tag(config=True, cli="--max-output")

    def rlimits(self) -> list[tuple[int, int]]:
        mem = self.memory_mb * 2**20
        out = self.max_output_mb * 2**20
        return [(resource.RLIMIT_AS, mem), (resource.RLIMIT_FSIZE, out), (resource.RLIMIT_CORE, 0)]

    def values(self) -> dict:
        """``{name: value}`` of every limit (floats, so that 180 and 180.0 are one limit)."""
        return {name: float(getattr(self, name)) for name in sorted(self.class_trait_names(config=True))}

    def __repr__(self) -> str:
        return f"Limits({', '.join(f'{k}={getattr(self, k)!r}' for k in sorted(self.class_trait_names(config=True)))})"


class GradingOptions(Configurable):
    """How a class is graded."""

    workers = Integer(0, help="Submissions graded at once (0: one per core).").tag(config=True, cli="--workers")
    sandbox = Bool(True, help="Run every process that executes a submission's code in the bubblewrap "
                              "sandbox. Where none can be built, grading refuses; False (--no-sandbox) "
                              "grades without isolation and every row records it.").tag(config=True)
    warm_kernels = Bool(True, help="Fork each notebook kernel from a warm process per worker slot (in the "
                                   "sandbox, having imported IPython, NumPy and matplotlib once) instead of "
                                   "starting a new Python for every submission. False starts every kernel "
                                   "cold, in a bubblewrap sandbox of its own.").tag(config=True)
    secret_file = Unicode("", help="File holding the grading secret the hidden inputs are drawn from "
                                   "(empty: ~/.config/dlcourse/grading-secret, made on first use).").tag(
        config=True, cli="--secret")


CONFIGURABLES = (Limits, GradingOptions)


def course_config(root: Path) -> Config:
    """The course's ``nbgrader_config.py`` as a traitlets config (its Limits and GradingOptions)."""
    from traitlets.config.loader import PyFileConfigLoader
    path = Path(root) / "nbgrader_config.py"
    if not path.is_file():
        return Config()
    return PyFileConfigLoader(path.name, path=str(path.parent)).load_config()


def add_arguments(parser) -> None:
    """One command-line option per traitlet that has one, with its help and default."""
    for cls in CONFIGURABLES:
        for name, trait in sorted(cls.class_traits(config=True).items()):
            flag = trait.metadata.get("cli")
            if flag:
                kind = {Float: float, Integer: int}.get(type(trait), str)
                parser.add_argument(flag, dest=f"{cls.__name__}.{name}", type=kind, default=None,
                                    metavar=name.upper().removesuffix("_FILE"),
                                    help=f"{trait.help} (default: {trait.default_value!r}; "
                                         f"nbgrader_config.py: c.{cls.__name__}.{name})")


def from_arguments(args, root: Path) -> tuple[Limits, GradingOptions]:
    """The policy of one run: defaults, then ``nbgrader_config.py``, then the command line."""
    config = course_config(root)
    for key, value in vars(args).items():
        if "." in key and value is not None:
            section, name = key.split(".", 1)
            config[section][name] = value
    return Limits(config=config), GradingOptions(config=config)
