"""Probes: how the grader exercises each graded function, independent of the reference code.

A probe says, for one graded exercise of one week,

* which **cases** to try — made from a random generator, so every run can draw fresh
  inputs (several shapes, non-square matrices, a single example, large values);
* how to **call** the exercise on a namespace (the student's notebook globals, or the
  reference module's globals) and reduce the answer to plain data (arrays, numbers,
  strings, tuples/lists/dicts of those);
* how to **judge** the student's plain answer against the reference's plain answer —
  by default :func:`course.checks.compare`; functions that draw random numbers judge
  properties (shapes, scale, rates, partitions) instead.

Probes hold no reference code: the hidden tests pair them with ``dlcourse_solutions``
(see ``autograder.engine.verify``), and the out-of-kernel re-check runs the *call*
half in an isolated process and the *judge* half in the trusted grader.

A week module ``autograder/probes/<week>.py`` declares its probes like this::

    probes = ProbeSet("w01_numpy_basics")

    @probes.cases("sigmoid", strict_fp=True)
    def _(rng):
        yield Case("a 3×4 array", rng.normal(size=(3, 4)))
        yield Case("large |x|", np.array([-1000.0, 0.0, 1000.0]))
"""
from __future__ import annotations

import copy
import importlib
import math
import numbers
import zlib
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

import numpy as np

from course.checks import CheckError, check_scalar, compare
from course.i18n import Text, bilingual, language, tr

__all__ = ["Case", "Probe", "ProbeSet", "load_probes", "to_plain", "stable_seed", "Opaque", "part", "foreign_origin", "FOREIGN_PACKAGES",
           "normal_draw_tolerances"]


class Case:
    """One input to a graded function: a label for messages, positional and keyword args."""

    def __init__(self, label: str, *args: Any, **kwargs: Any):
        self.label = label
        self.args = args
        self.kwargs = kwargs

    def copied(self) -> tuple[tuple, dict]:
        """Fresh deep copies, so a function that mutates its input cannot affect the other run.

        The last copies handed out are kept, to tell afterwards whether they were modified.
        """
        self.handed_out = copy.deepcopy((self.args, self.kwargs))
        return self.handed_out

    def __repr__(self) -> str:
        return f"Case({self.label!r})"


@dataclass(frozen=True)
class Opaque:
    """Stands for a returned object that is not plain data (it never equals a real answer)."""
    type_name: str


def to_plain(value: Any) -> Any:
    """Reduce an answer to plain data: ndarrays, Python scalars, str, None, and containers."""
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "biufc":
            return value
        return Opaque(f"ndarray of dtype {value.dtype}")
    if isinstance(value, np.generic):
        return value.item()
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, tuple):
        return tuple(to_plain(v) for v in value)
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return frozenset(to_plain(v) for v in value)
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    return Opaque(type(value).__name__)


def stable_seed(*parts: str) -> int:
    """A seed that depends only on the given names (the same on every machine and run)."""
    return zlib.crc32("/".join(parts).encode())


# The packages whose objects are never a student's answer (the course's own, and the reference).
FOREIGN_PACKAGES = ("course", "dlcourse_solutions", "autograder", "given")


def foreign_origin(module: str) -> str:
    """Why an exercise imported from the course's own packages is not the student's answer ('' if it
    is); ``{name}`` in it stands for the exercise."""
    if str(module or "").split(".")[0] in FOREIGN_PACKAGES:
        return tr(f"`{{name}}` comes from {module}, not from the notebook: the exercise must be your own code",
                  f"`{{name}}` はノートブックではなく {module} から来ています。課題はあなた自身のコードで"
                  "解いてください")
    return ""


def part(ns: dict, name: str, cell: str = ""):
    """``ns[name]``, one function or class a merged exercise's cell defines (``Probe.parts``):
    defined, and not imported from the course's packages (the reference's own namespace may
    use its own functions). ``cell`` names the cell in the message (default: "it")."""
    if name not in ns:
        where = cell or tr("it", "それ")
        raise CheckError(tr(f"`{name}` is not defined: run the cell that defines {where} "
                            f"(and keep the name `{name}` exactly).",
                            f"`{name}` が定義されていません。{where} を定義するセルを実行してください"
                            f"(名前は `{name}` のままにします)。"))
    module = str(getattr(ns[name], "__module__", "") or "")
    why = foreign_origin(module)
    if why and module != ns.get("__name__"):
        raise CheckError(tr(why.en.format(name=name) + ".", why.ja.format(name=name) + "。"))
    return ns[name]


def normal_draw_tolerances(n: int, z: float = 5.0) -> tuple[float, float]:
    """How far n independent draws from N(0, σ²) may stray and still count as correct.

    Returns ``(mean_tol, std_tol)``: a correct answer has ``|mean| ≤ mean_tol · σ`` and
    ``|std / σ − 1| ≤ std_tol`` except about once in 1.7 million checks (z = 5 standard
    errors of the sample mean and of the sample standard deviation). Bounds that ignore n
    fail correct answers: 120 draws have a mean beyond 0.2 σ about 3 % of the time.
    """
    return z / math.sqrt(n), z / math.sqrt(2 * n)


def _default_call(name: str):
    def call(ns: dict, case: Case) -> Any:
        args, kwargs = case.copied()
        return ns[name](*args, **kwargs)
    return call


def _default_judge(name: str, rtol: float, atol: float):
    def judge(got: Any, expected: Any, case: Case) -> None:
        compare(got, expected, f"{name}({case.label})", rtol=rtol, atol=atol)
    return judge


@dataclass
class Probe:
    """How to test one graded exercise (see the module docstring)."""
    week: str
    name: str
    make_cases: Callable[[np.random.Generator], Iterable[Case]]
    call: Callable[[dict, Case], Any] | None = None
    judge: Callable[[Any, Any, Case], None] | None = None
    strict_fp: bool = False        # NumPy overflow / invalid / divide warnings count as failures
    check_inputs: bool = False     # fail if the function modifies its input arrays in place
    rtol: float = 1e-5
    atol: float = 1e-7
    doc: str = ""
    variable: str = ""             # a concept question: the notebook variable holding the answer
    explanation: str = ""          # a concept question: why the right answer is right (feedback;
                                   # a course.i18n.Text: str() gives the current language's text)
    parts: tuple = ()              # a merged exercise: the functions/classes its one cell defines

    def cases(self, rng: np.random.Generator) -> list[Case]:
        return list(self.make_cases(rng))

    def run(self, ns: dict, case: Case) -> Any:
        """Call the exercise in ``ns`` on ``case``; return plain data."""
        if self.name not in ns and self.call is None:
            raise CheckError(tr(f"`{self.name}` is not defined: run the cell that defines it "
                                f"(and check its name is spelled exactly `{self.name}`).",
                                f"`{self.name}` が定義されていません。定義しているセルを実行してください "
                                f"(名前のつづりがちょうど `{self.name}` であることも確認してください)。"))
        call = self.call or _default_call(self.name)
        case.handed_out = None
        fp = {"over": "raise", "invalid": "raise", "divide": "raise"} if self.strict_fp else {}
        with np.errstate(**fp):
            out = to_plain(call(ns, case))
        if self.check_inputs and case.handed_out is not None:
            try:
                compare(case.handed_out, (case.args, case.kwargs), "inputs", rtol=0, atol=0)
            except CheckError:
                raise CheckError(tr(
                    f"{self.name}({case.label}) modified its input arrays in place: work on "
                    "copies (e.g. W = W - lr * dW rather than W -= lr * dW, or copy.deepcopy "
                    "the dict first).",
                    f"{self.name}({case.label}) が入力の配列をその場で書き換えました。コピーに対して"
                    "計算してください (例: W -= lr * dW ではなく W = W - lr * dW とする、"
                    "または先に dict を copy.deepcopy する)。")) from None
        return out

    def check(self, got: Any, expected: Any, case: Case) -> None:
        (self.judge or _default_judge(self.name, self.rtol, self.atol))(got, expected, case)


@dataclass
class ProbeSet:
    """All probes of one week, in the order they were declared."""
    week: str
    probes: dict[str, Probe] = field(default_factory=dict)

    def cases(self, name: str, **options: Any):
        """Decorator: register the case generator of exercise ``name`` (options: see :class:`Probe`)."""
        def register(fn: Callable[[np.random.Generator], Iterable[Case]]):
            self.probes[name] = Probe(self.week, name, fn, doc=fn.__doc__ or "", **options)
            return fn
        return register

    def call(self, name: str):
        """Decorator: a custom ``call(ns, case) -> plain data`` for exercise ``name``."""
        def register(fn):
            self.probes[name].call = fn
            return fn
        return register

    def judge(self, name: str):
        """Decorator: a custom ``judge(got, expected, case)`` that raises CheckError on failure."""
        def register(fn):
            self.probes[name].judge = fn
            return fn
        return register

    def answer(self, exercise: str, variable: str, explanation: "str | Text | Callable[[], str]",
               tol: float | None = None) -> None:
        """A concept question: the notebook variable ``variable`` compared with the reference's.

        ``explanation`` says why the right answer is right (1–3 sentences); a wrong answer fails
        with it, so it is what the student reads in the feedback, in the language of their
        edition. Give it in both languages, in any of these forms (see :mod:`course.i18n`):

        * ``bilingual("English ...", "日本語 ...")`` or ``tr("English ...", "日本語 ...")``
          (a :class:`~course.i18n.Text`: both texts are kept, whatever the language at import);
        * ``"English ... / 日本語 ..."`` (one string, split at the " / " before the Japanese);
        * a function of no arguments returning ``tr(...)``, called when the module is loaded.

        It may name the right choices, as a quiz's feedback does; the failure message itself
        never prints the expected value. ``tol`` is the absolute tolerance of a numeric answer
        (default: equal to rtol 1e-5)."""
        if callable(explanation) and not isinstance(explanation, str):
            texts = {}
            for lang in ("en", "ja"):
                with language(lang):
                    texts[lang] = str(explanation())
            explanation = Text(texts["en"], texts["ja"], value=texts["en"])
        if not explanation or not str.strip(explanation):
            raise ValueError(f"{exercise}: a concept question needs an explanation")
        explanation = bilingual(explanation)

        def call(ns: dict, case: Case) -> Any:
            if variable not in ns:
                raise CheckError(tr(f"`{variable}` is not defined: run the answer cell of {exercise} "
                                    f"(and keep the name `{variable}` exactly).",
                                    f"`{variable}` が定義されていません。{exercise} の解答セルを実行してください "
                                    f"(名前はちょうど `{variable}` のままにしてください)。"))
            return ns[variable]

        def judge(got: Any, expected: Any, case: Case) -> None:
            if not _same_answer(got, expected, tol):
                # the explanation in the language current now, when the message is shown
                raise CheckError(tr(f"{variable} = {_show(got)} is not right: {explanation}",
                                    f"{variable} = {_show(got)} は正しくありません: {explanation}"))

        self.probes[exercise] = Probe(self.week, exercise, lambda rng: [Case("your answer")],
                                      call=call, judge=judge, variable=variable,
                                      explanation=explanation)

    def scalar(self, name: str, **options: Any):
        """Decorator like :meth:`cases` for a function that must return a Python float."""
        def register(fn):
            self.cases(name, **options)(fn)

            def judge(got, expected, case):
                check_scalar(got, expected, f"{name}({case.label})")
            self.probes[name].judge = judge
            return fn
        return register

    def __getitem__(self, name: str) -> Probe:
        return self.probes[name]

    def __iter__(self):
        return iter(self.probes.values())


def _is_number(x: Any) -> bool:
    return isinstance(x, numbers.Real) and not isinstance(x, bool)


def _same_answer(got: Any, expected: Any, tol: float | None) -> bool:
    """Is a concept answer (plain data) the expected one? Sets compare as sets, tuples item by
    item, numbers within ``tol`` (absolute) or rtol 1e-5."""
    try:
        if isinstance(expected, (set, frozenset)):
            if isinstance(got, (list, tuple)):
                got = frozenset(got)
            return isinstance(got, (set, frozenset)) and frozenset(got) == frozenset(expected)
        if isinstance(expected, (tuple, list)):
            return (isinstance(got, (tuple, list)) and len(got) == len(expected)
                    and all(_same_answer(g, e, tol) for g, e in zip(got, expected)))
        if _is_number(expected):
            if not _is_number(got) or not math.isfinite(got):
                return False
            if tol is not None:
                return abs(got - expected) <= tol
            return math.isclose(got, expected, rel_tol=1e-5, abs_tol=1e-7)
        return type(got) is type(expected) and got == expected
    except Exception:  # an answer that cannot even be compared is not the answer
        return False


def _show(got: Any) -> str:
    """A student's answer as they wrote it (a set as {1, 3}, not frozenset({1, 3})), shortened."""
    if isinstance(got, (set, frozenset)):
        try:
            items = sorted(got)
        except TypeError:
            items = list(got)
        text = "{" + ", ".join(_show(v) for v in items) + "}" if items else "set()"
    elif isinstance(got, Opaque):
        text = f"<{got.type_name}>"
    elif isinstance(got, np.ndarray):
        text = tr(f"<ndarray of shape {got.shape}>", f"<形状 {got.shape} の ndarray>")
    else:
        text = repr(got)
    return text if len(text) <= 120 else text[:117] + "..."


def load_probes(week: str) -> ProbeSet:
    """The ProbeSet of a week (``autograder.probes.<week>.probes``)."""
    return importlib.import_module(f"autograder.probes.{week}").probes
