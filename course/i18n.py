"""The language of every message a student reads: English (``"en"``) or Japanese (``"ja"``).

Each message is written once, with both texts side by side, where it is raised::

    from course.i18n import tr
    raise CheckError(tr(f"{name} has shape {got}, expected {want}.",
                        f"{name} の形状は {got} ですが、{want} であるべきです。"))

so a translation can never drift away from its English text unseen. The Japanese edition of a
notebook selects Japanese in its first cell (``course.i18n.set_language("ja")``); the grader
selects it for a Japanese submission with :func:`language` (a context manager, per thread).

The grader's choice is a :class:`contextvars.ContextVar`: each grading thread has its own, so
one Japanese submission never turns a classmate's feedback Japanese. A notebook's choice is
process-wide (the kernel is the student's alone).

**Texts made before they are shown.** ``tr()`` returns a :class:`Text`: a ``str`` whose value
is the text in the language current when it was made (so a message raised at once is exactly
the plain string it always was), which also keeps both texts and gives the language current
*when it is shown* under ``str()`` and in f-strings. That matters for a text made at import
time — a concept question's explanation in a probe module, a week's table of hints — which
the grader shows later, to students of either edition. Write such a text as::

    bilingual("English ...", "日本語 ...")     # or tr("English ...", "日本語 ...")
    bilingual("English ... / 日本語 ...")      # the older one-string form, split at " / "

and show it with ``str(text)`` or ``f"... {text}"`` (never ``"..." + text``: concatenation,
``in`` and slicing use the value fixed when it was made; :func:`bilingual` fixes the English).
``ProbeSet.answer(..., explanation=...)`` and the ``hints=[(predicate, message)]`` of
:mod:`course.checks` and :mod:`course.optim` accept such texts. Inside a function, where the
message is made when it is raised, ``tr(f"...", f"...")`` is all there is to it.

In a Japanese message a hint or cause is a sentence of its own (``"…です。"``, ``"…か？"``),
not the English " — did you …" clause: ``course.checks`` joins the pieces accordingly.
"""
from __future__ import annotations

import contextvars
import os
import re
from contextlib import contextmanager

__all__ = ["LANGUAGES", "LANGUAGE_ENV", "current", "set_language", "language", "tr", "Text",
           "bilingual"]

LANGUAGES = ("en", "ja")
LANGUAGE_ENV = "DLCOURSE_LANG"  # the default for a process (e.g. a Japanese student's kernel)


def _default() -> str:
    value = os.environ.get(LANGUAGE_ENV, "en").strip().lower()[:2]
    return value if value in LANGUAGES else "en"


_language: contextvars.ContextVar[str] = contextvars.ContextVar("dlcourse_language")


_process_language: str | None = None  # set_language's choice (a notebook kernel)


def current() -> str:
    """The language of messages in this thread: ``"en"`` or ``"ja"``."""
    return _language.get(None) or _process_language or _default()


def set_language(lang: str, fonts: bool = True) -> None:
    """Choose the language of the course's messages from here on (the notebook's first cell).

    ``fonts=False`` leaves matplotlib's fonts alone (a process that draws no plot for anyone:
    the re-check sandbox, which runs one submission's job)."""
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, got {lang!r}")
    global _process_language
    # a process-wide choice: IPython may run each cell in its own context, where a
    # context variable set by one cell would be gone in the next
    _process_language = lang
    if lang == "ja" and fonts:
        from . import plots
        plots.use_japanese_font()


@contextmanager
def language(lang: str):
    """Messages in ``lang`` inside the block (the grader, judging one submission)."""
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, got {lang!r}")
    token = _language.set(lang)
    try:
        yield
    finally:
        _language.reset(token)


class Text(str):
    """A text in both languages (see the module docstring).

    As a ``str`` it is the text of ``value`` (default: the current language's); ``str(text)``
    and formatting (``f"{text}"``) give the text of the language current at that moment. The
    two texts are ``text.en`` and ``text.ja``."""

    def __new__(cls, en: str, ja: str, value: str | None = None):
        self = super().__new__(cls, (ja if current() == "ja" else en) if value is None else value)
        self.en, self.ja = str.__str__(en), str.__str__(ja)
        return self

    def __str__(self) -> str:
        return self.ja if current() == "ja" else self.en

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __reduce__(self):
        return _text, (self.en, self.ja, str.__str__(self))


def _text(en: str, ja: str, value: str) -> Text:
    return Text(en, ja, value)


_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")
SEPARATOR = " / "  # the one-string form of bilingual(): "English / 日本語"


def bilingual(en: "str | Text", ja: str | None = None) -> Text:
    """A :class:`Text` made now and shown later (its ``str`` value is the English).

    ``bilingual(en, ja)`` pairs two texts; ``bilingual("English / 日本語")`` splits one string
    at the last " / " before its first Japanese character (a string with no
    such split is English only, shown in both languages); a :class:`Text` (a ``tr()`` result
    made at import time) keeps both its texts. Surrounding white space is removed."""
    if ja is None:
        if isinstance(en, Text):
            en, ja = en.en, en.ja
        else:
            en = str.__str__(en)
            first = _JAPANESE.search(en)
            at = en.rfind(SEPARATOR, 0, first.start()) if first else -1
            en, ja = (en[:at], en[at + len(SEPARATOR):]) if at >= 0 else (en, en)
    en, ja = str.__str__(en).strip(), str.__str__(ja).strip()
    return Text(en, ja, value=en)


def tr(en: str, ja: str) -> Text:
    """``en`` or ``ja``, whichever the current language is (a :class:`Text`: a ``str``)."""
    return Text(en, ja)
