"""Every message a student reads exists in Japanese (issue 15).

* an AST test: every message literal raised by the check helpers, the engine and the probes'
  generic code is written with ``tr(...)`` (a short list of documented exceptions);
* the classic mistakes, built inline, give their Japanese diagnosis under ``language("ja")``
  and the same English as before without it;
* two threads judging in different languages at once each get their own;
* texts made at import time (a concept question's explanation) are shown in the language
  current when they are shown;
* the mistake bank runs on a Japanese edition (on a stand-in translation of one week, and on
  every week whose real Japanese edition is complete).
"""
from __future__ import annotations

import ast
import math
import pickle
import re
import shutil
import threading
from pathlib import Path

import numpy as np
import pytest

from autograder import engine
from autograder.probes import Case, Probe, ProbeSet
from course import glossary
from course.checks import (CheckError, check_close, check_no_warnings, check_shape, check_type,
                           explain_errors, passed)
from course.i18n import Text, bilingual, current, language, tr
from course.optim import check_mini_batches

from conftest import ROOT, WEEKS

# ----------------------------------------------------------------------------- no English-only message
MESSAGE_FILES = ["course/checks.py", "course/optim.py", "course/gradcheck.py", "autograder/engine.py",
                 "autograder/probes/__init__.py", "autograder/grader/recheck.py"]
MESSAGE_CALLS = {"CheckError", "_fail", "Verdict"}
# Hint functions whose returned strings are messages.
MESSAGE_RETURNS = {"_shape_hint", "diagnose", "describe", "describe_error", "foreign_origin",
                   "judge_case", "error_cause", "_no_return_hint", "_malformed"}
# (file, the message's first words): why that raised string is not for students.
EXCEPTIONS = {
    ("autograder/probes/__init__.py", ": a concept question needs an explanation"):
        "ValueError for the week's author (a concept question without an explanation), at import",
    ("autograder/grader/recheck.py", "the answer is a link, not a file"):
        "a re-check box tampered with (the reason's Japanese prefix says the answer is unreadable)",
}


def _english_literal(node: ast.AST) -> str:
    """The literal text of a message expression that is not built with tr() ("" if none)."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "tr":
        return ""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, ast.BinOp):
        return _english_literal(node.left) + _english_literal(node.right)
    if isinstance(node, ast.IfExp):
        return _english_literal(node.body) + _english_literal(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _english_literal(node.func.value)
    if isinstance(node, ast.Subscript):  # tr(...)[:300]
        return _english_literal(node.value)
    return ""


def _untranslated(path: str) -> list[str]:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    found = []

    def visit(node, function):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            function = node.name
        messages = []
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name in MESSAGE_CALLS or name.endswith("Error"):
                messages = list(node.args)
            if name == "Verdict" and node.args and isinstance(node.args[0], ast.Constant) \
                    and node.args[0].value is None:
                messages = []  # not checked: nbgrader's score stands, the reason is never shown
        if isinstance(node, ast.Raise) and node.exc is not None and not isinstance(node.exc, ast.Call):
            messages = [node.exc]
        if isinstance(node, ast.Return) and function in MESSAGE_RETURNS and node.value is not None:
            messages = [node.value]
        for message in messages:
            text = _english_literal(message)
            if re.search(r"[A-Za-z]{2,}", text) and not any(
                    file == path and text.startswith(words) for file, words in EXCEPTIONS):
                found.append(f"{path}:{message.lineno} ({function}): {text[:70]!r}")
        for child in ast.iter_child_nodes(node):
            visit(child, function)

    visit(tree, "")
    return found


@pytest.mark.parametrize("path", MESSAGE_FILES)
def test_every_raised_message_is_written_with_tr(path):
    assert _untranslated(path) == []


def test_the_ast_check_can_fail(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f(x):\n    raise CheckError(f'{x} is wrong')\n"
                   "def g(x):\n    raise CheckError(tr(f'{x} is wrong', f'{x} は違います'))\n")
    assert len(_untranslated(str(bad))) == 1  # ROOT / an absolute path is that path


def _japanese_texts(path: str) -> list[str]:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("tr", "bilingual") \
                and len(node.args) == 2:
            out.append(_english_literal(node.args[1]))
    return out


@pytest.mark.parametrize("path", MESSAGE_FILES + ["autograder/grader/recheck.py", "course/optim.py"])
def test_japanese_messages_use_the_glossary(path):
    banned = {v: e["ja"] for e in glossary.terms() for v in e["avoid"]}
    texts = _japanese_texts(path)
    assert texts, f"{path} has no Japanese message"
    for text in texts:
        for variant, term in banned.items():
            assert variant not in text, f"{path}: {variant!r} in {text!r} (the glossary says {term!r})"
        assert "である。" not in text and "だ。" not in text, f"{path}: not です・ます調: {text!r}"


# ----------------------------------------------------------------------------- the classic mistakes
def _message(fn, *args, **kwargs) -> str:
    with pytest.raises(CheckError) as caught:
        fn(*args, **kwargs)
    return str(caught.value)


def _both(fn, *args, **kwargs) -> tuple[str, str]:
    english = _message(fn, *args, **kwargs)
    with language("ja"):
        japanese = _message(fn, *args, **kwargs)
    return english, japanese


def _propagate_without_1_over_m(w, b, X, Y):
    A = 1 / (1 + np.exp(-(np.dot(w.T, X) + b)))
    cost = float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)))
    return {"dw": np.dot(X, (A - Y).T), "db": float(np.sum(A - Y))}, cost


def test_missing_1_over_m_through_the_hidden_test():
    ns = {"propagate": _propagate_without_1_over_m}
    english, japanese = _both(engine.verify, "w02_logistic_regression", "propagate", ns, own_code=False)
    assert "did you forget to divide by m?" in english
    assert "m で割るのを忘れていませんか？" in japanese and "forget" not in japanese


def test_missing_and_doubled_1_over_m():
    expected = np.array([[0.5, -1.0, 2.0]])
    english, japanese = _both(check_close, expected * 4, expected, "dW", m=4)
    assert english == ("dW: 3 of 3 values differ (max abs error 6); first at index (0, 0): got 2, expected 0.5"
                       " — values are m = 4 times too large: did you forget to divide by m?.")
    assert japanese == ("dW: 3 個中 3 個の値が違います (最大絶対誤差 6)。最初はインデックス (0, 0) で、2 ですが "
                        "0.5 であるべきです。値が m = 4 倍の大きさになっています。m で割るのを忘れていませんか？")
    english, japanese = _both(check_close, expected / 4, expected, "dW", m=4)
    assert english.endswith("— values are m = 4 times too small: did you divide by m twice?.")
    assert japanese.endswith("値が 1/m 倍 (m = 4) の大きさになっています。m で 2 回割っていませんか？")


def test_transpose():
    english, japanese = _both(check_shape, np.zeros((1, 3)), (3, 1), "dw")
    assert english == ("dw has shape (1, 3), expected (3, 1) — this is the transposed shape: did you forget "
                       "a transpose (.T) or swap the operands of np.dot?.")
    assert japanese == ("dw の形状が (1, 3) ですが、(3, 1) であるべきです。転置した形状です。転置 (.T) を忘れたか、"
                        "np.dot の引数の順序が逆になっていませんか？")
    square = np.array([[1.0, 2.0], [3.0, 4.0]])
    english, japanese = _both(check_close, square.T, square, "W")
    assert "this is the transpose of the expected matrix" in english
    assert "期待される行列の転置になっています" in japanese


def test_missing_keepdims_rank1_and_broadcast():
    english, japanese = _both(check_shape, np.zeros(3), (3, 1), "db")
    assert english == ("db has shape (3,), expected (3, 1) — this is a rank-1 array: keep it 2-D, e.g. with "
                       "keepdims=True or .reshape(-1, 1) / .reshape(1, -1).")
    assert "ランク1配列になっています" in japanese and "keepdims=True" in japanese

    def normalize_rows(x):
        return x / np.linalg.norm(x, axis=1)  # (3, 4) / (3,): no keepdims

    def run():
        with explain_errors("normalize_rows(x)"):
            normalize_rows(np.ones((3, 4)))
    english, japanese = _both(run)
    assert english.startswith("normalize_rows(x) raised ValueError: operands could not be broadcast")
    assert english.endswith("a sum / max / norm over an axis needs keepdims=True (shape (n, 1), not (n,)) "
                            "to line up with the array it came from — or one operand needs a reshape")
    assert japanese.startswith("normalize_rows(x) で ValueError が発生しました: operands could not be broadcast")
    assert "ブロードキャストできません" in japanese and "keepdims=True が必要です" in japanese


def _naive_softmax(x):
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)


def test_softmax_without_the_max_shift():
    def visible():
        with check_no_warnings("softmax(x)"):
            _naive_softmax(np.array([[1000.0, 0.0]]))
    english, japanese = _both(visible)
    assert english == ("softmax(x) raised a warning: overflow encountered in exp — use a numerically stable "
                       "formula (e.g. subtract the max before np.exp, or split by sign).")
    assert japanese == ("softmax(x) で警告が出ました: overflow encountered in exp — 数値的に安定な式を使って"
                        "ください (例: np.exp の前に最大値を引く、符号で場合分けする)。")
    # the hidden test's strict_fp path: NumPy raises, the engine explains
    probe = Probe("w00", "softmax", lambda rng: [], strict_fp=True)
    with pytest.raises(FloatingPointError) as raised:
        probe.run({"softmax": _naive_softmax}, Case("large values", np.array([[1000.0, 0.0]])))
    args = ("softmax", "large values", "FloatingPointError", str(raised.value))
    assert engine.describe_error(*args) == ("softmax on large values: NumPy overflow encountered in exp — use "
                                            "a numerically stable formula (subtract the max, split by sign).")
    with language("ja"):
        assert engine.describe_error(*args) == ("softmax (large values): NumPy overflow encountered in exp — "
                                                "数値的に安定な式を使ってください (最大値を引く、符号で場合分けする)。")
    # an overflow that reaches the output as inf/NaN
    english, japanese = _both(check_close, np.array([np.nan, 1.0]), np.array([0.5, 0.5]), "softmax(x)")
    assert "subtract the max first" in english
    assert "先に最大値を引く" in japanese and "NaN か inf" in japanese


def test_shuffle_slips_of_a_random_function():
    X = np.arange(24, dtype=float).reshape(2, 12)
    Y = (np.arange(12) % 2).reshape(1, 12).astype(float)
    unshuffled = [(X[:, :8], Y[:, :8]), (X[:, 8:], Y[:, 8:])]
    english, japanese = _both(check_mini_batches, unshuffled, X, Y, 8, "random_mini_batches")
    assert english == ("random_mini_batches: the columns are still in their original order — shuffle them "
                       "(np.random.permutation(m)) before cutting the mini-batches.")
    assert japanese == ("random_mini_batches: 列が元の順序のままです。ミニバッチに切り分ける前にシャッフルして"
                        "ください (np.random.permutation(m))。")
    order, other = np.random.default_rng(0).permutation(12), np.random.default_rng(1).permutation(12)
    apart = [(X[:, order[:8]], Y[:, other[:8]]), (X[:, order[8:]], Y[:, other[8:]])]
    if np.array_equal(Y[:, order], Y[:, other]):  # pragma: no cover — fixed seeds above
        pytest.skip("the two permutations give the same labels")
    english, japanese = _both(check_mini_batches, apart, X, Y, 8, "random_mini_batches")
    assert "X and Y must be shuffled together, with ONE permutation used for both." in english
    assert "同じ 1 つの置換 (permutation) を使って一緒にシャッフルしてください" in japanese


def test_math_exp_on_an_array():
    def sigmoid(x):
        return 1 / (1 + math.exp(-x))

    def run():
        with explain_errors("sigmoid(x)"):
            sigmoid(np.array([1.0, 2.0]))
    english, japanese = _both(run)
    assert english == ("sigmoid(x) raised TypeError: only 0-dimensional arrays can be converted to Python scalars"
                       " — math.exp / math.sqrt / float() take one number: use NumPy's np.exp / np.sqrt, which "
                       "work on whole arrays")
    assert japanese == ("sigmoid(x) で TypeError が発生しました: only 0-dimensional arrays can be converted to "
                        "Python scalars — math.exp / math.sqrt / float() が受け取れるのは 1 つの数だけです。"
                        "配列全体に使える NumPy の np.exp / np.sqrt を使ってください。")
    # the same raw error on a hidden case (the engine's wording)
    message = "only 0-dimensional arrays can be converted to Python scalars"
    with language("ja"):
        said = engine.describe_error("sigmoid", "a 3×4 array", "TypeError", message)
    assert said.startswith("sigmoid (a 3×4 array): TypeError が発生しました:") and "np.exp" in said


def test_layers_numbered_from_zero():
    def loop(parameters):
        with explain_errors("L_model_forward(X, parameters)"):
            for l in range(len(parameters) // 2):
                parameters["W" + str(l)]
    english, japanese = _both(loop, {"W1": 1, "b1": 1})
    assert english == ("L_model_forward(X, parameters) raised KeyError: 'W0' — layers are numbered from 1 "
                       "(W1, b1, …, WL, bL): start your loop at 1, range(1, L + 1)")
    assert japanese == ("L_model_forward(X, parameters) で KeyError が発生しました: 'W0' — 層の番号は 1 から"
                        "始まります (W1, b1, …, WL, bL)。ループは 1 から始めてください: range(1, L + 1)")


def test_generic_probe_messages():
    probe = Probe("w00", "sigmoid", lambda rng: [], check_inputs=True)
    english, japanese = _both(probe.run, {}, Case("x"))
    assert english == ("`sigmoid` is not defined: run the cell that defines it (and check its name is "
                       "spelled exactly `sigmoid`).")
    assert japanese.startswith("`sigmoid` が定義されていません。")

    def in_place(x):
        x *= 2
        return x
    english, japanese = _both(probe.run, {"sigmoid": in_place}, Case("x", np.ones(3)))
    assert english.startswith("sigmoid(x) modified its input arrays in place")
    assert japanese.startswith("sigmoid(x) が入力の配列をその場で書き換えました")
    english, japanese = _both(check_type, None, float, "sigmoid(x)")
    assert english == "sigmoid(x) should be a float, got NoneType None — did you forget the `return` statement?."
    assert japanese == "sigmoid(x) は float であるべきですが、NoneType None でした。`return` 文を書き忘れていませんか？"


def test_engine_messages():
    cases = [{"label": "a case", "args": (), "kwargs": {}, "np_seed": 0}]
    with language("ja"):
        verdict = engine.judge("w02_logistic_regression", "propagate", cases, [None], {"defined": False})
        assert verdict.reason == "提出されたコードで `propagate` が定義されていません"
        verdict = engine.judge("w02_logistic_regression", "propagate", cases, [None], "junk")
        assert verdict.reason == "サンドボックスが不正な形式の答えを返しました"
        foreign = engine.judge("w02_logistic_regression", "propagate", cases, [None],
                               {"defined": True, "origin": "dlcourse_solutions.w02_logistic_regression"})
        assert "`propagate` はノートブックではなく dlcourse_solutions.w02_logistic_regression から来ています" \
            in foreign.reason
    verdict = engine.judge("w02_logistic_regression", "propagate", cases, [None], {"defined": False})
    assert verdict.reason == "`propagate` is not defined by the submission's code"


def test_passed_line(capsys):
    passed("sigmoid")
    with language("ja"):
        passed("sigmoid")
    assert capsys.readouterr().out == "✓ sigmoid: all tests passed\n✓ sigmoid: すべてのテストに合格しました\n"


def test_the_recheck_speaks_the_submission_language(tmp_path):
    """A check raised inside the re-check process (an input modified in place) is in the
    language of the grading thread, which the job passes to the runner."""
    from autograder import notebooks as nbs
    from autograder.grader.policy import Limits
    from autograder.grader.recheck import recheck
    week = "w02_logistic_regression"
    source = ROOT / "source" / week / f"{week}.ipynb"
    nb = nbs.read(source)
    [cell] = [c for c in nb.cells if nbs.grade_id(c) == "propagate"]
    cell.source = ("def propagate(w, b, X, Y):\n"
                   "    X[0, 0] = 0.0  # changes the caller's array\n"
                   "    m = X.shape[1]\n"
                   "    A = sigmoid(np.dot(w.T, X) + b)\n"
                   "    cost = float(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))\n"
                   "    return {'dw': np.dot(X, (A - Y).T) / m, 'db': float(np.mean(A - Y))}, cost\n")
    (tmp_path / "sub").mkdir()
    nbs.write(nb, tmp_path / "sub" / f"{week}.ipynb")
    reasons = {}
    for lang in ("en", "ja"):
        with language(lang):
            cases = {"propagate": engine.draw(week, "propagate", 3)}
            wants = {"propagate": engine.expected(week, "propagate", cases["propagate"])}
            result = recheck(week, source, tmp_path / "sub" / f"{week}.ipynb", Limits(), cases, wants,
                             sandboxed=False)
        reasons[lang] = result.verdicts["propagate"].reason
    assert reasons["en"].startswith("propagate(") and "modified its input arrays in place" in reasons["en"]
    assert "入力の配列をその場で書き換えました" in reasons["ja"], reasons["ja"]


# ----------------------------------------------------------------------------- threads
def test_two_threads_judging_in_two_languages_at_once():
    barrier, said = threading.Barrier(2), {}

    def judge(lang):
        with language(lang):
            barrier.wait()  # both inside their language block before either judges
            try:
                check_shape(np.zeros(3), (3, 1), "db")
            except CheckError as exc:
                barrier.wait()
                said[lang] = (current(), str(exc))

    threads = [threading.Thread(target=judge, args=(lang,)) for lang in ("en", "ja")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert said["en"][0] == "en" and "this is a rank-1 array" in said["en"][1]
    assert said["ja"][0] == "ja" and "ランク1配列になっています" in said["ja"][1]
    assert current() == "en"


# ----------------------------------------------------------------------------- texts shown later
def test_a_text_is_shown_in_the_language_current_when_shown():
    with language("ja"):
        made_in_japanese = tr("English", "日本語")  # e.g. a probe module first imported by a ja grading
    assert made_in_japanese == "日本語"  # the str value: the language when it was made, as before
    assert str(made_in_japanese) == "English" and f"<{made_in_japanese}>" == "<English>"
    with language("ja"):
        assert str(made_in_japanese) == "日本語" and f"{made_in_japanese:>4}" == " 日本語"
        assert str(pickle.loads(pickle.dumps(made_in_japanese))) == "日本語"
    assert isinstance(tr("a", "b"), str) and tr("a", "b") == "a"


def test_bilingual_forms():
    text = bilingual("Use np.squeeze / .item() here. / ここでは np.squeeze か .item() を使います。")
    assert (text.en, text.ja) == ("Use np.squeeze / .item() here.", "ここでは np.squeeze か .item() を使います。")
    assert text == text.en  # its str value is the English, whatever the language at import
    assert bilingual("English only / no Japanese").ja == "English only / no Japanese"
    with language("ja"):
        pair = bilingual(tr("en", "ja"))
    assert (pair.en, pair.ja, str.__str__(pair)) == ("en", "ja", "en")


@pytest.mark.parametrize("form", ["pair", "tr", "slash", "callable"])
def test_a_concept_explanation_follows_the_language(form):
    en, ja = "Broadcasting aligns shapes from the right.", "形は右端からそろえます。"
    with language("ja"):  # made at import time, while a Japanese submission was being graded
        explanation = {"pair": lambda: bilingual(en, ja), "tr": lambda: tr(en, ja),
                       "slash": lambda: f"{en} / {ja}", "callable": lambda: (lambda: tr(en, ja))}[form]()
    probes = ProbeSet("w00")
    probes.answer("concept_x", "answer_x", explanation)
    probe = probes["concept_x"]
    assert isinstance(probe.explanation, Text) and probe.explanation == en
    english = _message(probe.check, 2, 1, Case("your answer"))
    with language("ja"):
        japanese = _message(probe.check, 2, 1, Case("your answer"))
    assert english == f"answer_x = 2 is not right: {en}"
    assert japanese == f"answer_x = 2 は正しくありません: {ja}"


def test_every_concept_explanation_of_the_course_has_both_languages():
    from autograder.probes import load_probes
    for week in WEEKS:
        for probe in load_probes(week):
            if probe.variable:
                assert isinstance(probe.explanation, Text), f"{week}/{probe.name}"
                assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", probe.explanation.ja), \
                    f"{week}/{probe.name}: no Japanese explanation"


# ----------------------------------------------------------------------------- the bank on the ja edition
def test_expect_ja_lines_are_read(tmp_path):
    from autograder.mistakes import CaseResult, discover
    folder = tmp_path / "tests" / "mistakes" / "w02_logistic_regression" / "propagate"
    folder.mkdir(parents=True)
    (folder / "wrong_no_m.py").write_text("# No 1/m.\n# expect: divide by m\n# expect-ja: m で割る\n"
                                          "def propagate(w, b, X, Y):\n    pass\n", encoding="utf-8")
    [case] = discover(tmp_path, ["w02_logistic_regression"])
    assert case.expect == ["divide by m"] and case.expect_ja == ["m で割る"] and case.why == "No 1/m."
    said = CaseResult(case.id, failed_tests={"test_propagate": "値が m = 3 倍… m で割るのを忘れていませんか？"})
    assert said.verdict(case, "ja")[0] and not said.verdict(case, "en")[0]
    ok, why = CaseResult(case.id, failed_tests={"test_propagate": "値が違います"}).verdict(case, "ja")
    assert not ok and "m で割る" in why


def test_a_week_without_a_japanese_edition_is_skipped(tmp_path, capsys):
    from autograder.commands.mistakes import run_mistakes
    week = "w02_logistic_regression"
    (tmp_path / "source" / week).mkdir(parents=True)
    shutil.copy(ROOT / "source" / week / f"{week}.ipynb", tmp_path / "source" / week)
    shutil.copytree(ROOT / "tests" / "mistakes" / week / "propagate",
                    tmp_path / "tests" / "mistakes" / week / "propagate")
    assert run_mistakes([week], tmp_path, "ja") == (0, 0, [])
    assert f"[mistakes] {week} [ja]: skipped — no ja edition yet" in capsys.readouterr().out


def _stand_in_translation(root: Path, week: str) -> None:
    """A complete Japanese edition of ``week`` whose Markdown is the English marked as a stand-in."""
    from autograder import editions, notebooks as nbs
    from autograder.paths import source_notebook
    nb = nbs.read(source_notebook(week, root))
    entries = {nbs.grade_id(c): {"en": editions.text_hash(c.source), "ja": "（仮の訳）\n" + c.source}
               for c in editions.markdown_cells(nb)}
    editions.translation_path(week, root).write_text(editions._dump(entries), encoding="utf-8")


@pytest.mark.slow
def test_the_bank_runs_on_a_japanese_edition(tmp_path):
    """The mechanism, on a stand-in translation of w02: the same verdicts, Japanese messages."""
    from autograder.mistakes import discover, edition_unavailable, run_week
    week = "w02_logistic_regression"
    shutil.copy(ROOT / "nbgrader_config.py", tmp_path)
    shutil.copytree(ROOT / "source" / week, tmp_path / "source" / week,
                    ignore=shutil.ignore_patterns(f"{week}.ja.yaml"))  # the stand-in replaces the real one
    folder = tmp_path / "tests" / "mistakes" / week / "propagate"
    folder.mkdir(parents=True)
    for name in ("wrong_no_divide_by_m.py", "ok_mean.py"):
        shutil.copy(ROOT / "tests" / "mistakes" / week / "propagate" / name, folder)
    assert edition_unavailable(week, "ja", tmp_path).startswith("no ja edition yet")
    _stand_in_translation(tmp_path, week)
    assert edition_unavailable(week, "ja", tmp_path) == ""
    cases = discover(tmp_path, [week])
    wrong = next(c for c in cases if c.kind == "wrong")
    assert wrong.expect_ja, "the case file lost its # expect-ja: line"
    baseline, results = run_week(week, cases, tmp_path, "ja")
    assert baseline == {}
    for case in cases:
        ok, why = results[case.id].verdict(case, "ja")
        assert ok, f"{case.id}: {why}"
    assert "m で割るのを忘れていませんか" in results[wrong.id].failed_tests["test_propagate"]


@pytest.mark.slow
@pytest.mark.parametrize("week", WEEKS)
def test_japanese_edition_bank(week):
    """On each week's real Japanese edition: the cases that pin a Japanese diagnosis, and one
    correct variant, of the week's last exercise that has one (the shortest tail of the
    notebook). The whole bank: ``dlcourse mistakes --edition ja``."""
    from autograder.mistakes import discover, edition_unavailable, run_week
    why = edition_unavailable(week, "ja", ROOT)
    if why:
        pytest.skip(f"{week}: {why}")
    cases = discover(ROOT, [week])
    from autograder import notebooks as nbs
    order = [nbs.grade_id(c) for c in nbs.read(ROOT / "source" / week / f"{week}.ipynb").cells]
    ok = sorted((c for c in cases if c.kind == "ok" and c.exercise in order),
                key=lambda c: order.index(c.exercise))
    chosen = [c for c in cases if c.expect_ja] + ok[-1:]
    if not chosen:
        pytest.skip(f"{week}: no case pins a Japanese message and no correct variant")
    baseline, results = run_week(week, chosen, ROOT, "ja")
    assert baseline == {}, f"the Japanese edition of {week} fails its own tests: {baseline}"
    bad = [f"{c.id}: {results[c.id].verdict(c, 'ja')[1]}" for c in chosen if not results[c.id].verdict(c, "ja")[0]]
    assert not bad, "\n".join(bad)
