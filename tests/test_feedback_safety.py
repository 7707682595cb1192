"""Feedback pages are safe to open: a submission full of HTML/JS attacks goes through the real
nbgrader (generate_assignment, autograde, generate_feedback, in process as the grading worker
runs them) and the page nbgrader writes with FEEDBACK_CONFIG holds no active content, while
images, tables, headings and formulas stay."""
from __future__ import annotations

import base64
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from autograder import pipeline
from autograder.grader.feedback_safety import (FEEDBACK_CONFIG, SafeFeedbackExporter, UnsafeFeedbackError,
                                        clean_html, sanitize_notebook, unsafe_html_findings)

# nbgrader's gradebook warns about its own SQLAlchemy session use while autograding in process.
pytestmark = pytest.mark.filterwarnings("ignore:Object of type <Submitted")

WEEK, STUDENT = "w99_attacks", "mallory"
PNG = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")

# Each output attack carries a "pwned" marker where it would run (script text, handler, URL).
HTML_ATTACKS = [
    "<script>window.pwned_script=1</script><b>kept-bold</b>",
    '<img src=x onerror="window.pwned_onerror=1">',
    '<iframe src="https://example.org/pwned_iframe"></iframe>',
    '<iframe srcdoc="&lt;script&gt;window.pwned_srcdoc=1&lt;/script&gt;"></iframe>',
    '<a href="javascript:window.pwned_link=1">a link</a>',
    '<a href="jav&#x09;ascript:window.pwned_link2=1">another link</a>',
    "<style>.panel{display:none} /* pwned_style */</style>",
    '<div class="navbar-fixed-top pwned_class" style="position:fixed;top:0;z-index:99">fake score</div>',
    '<object data="https://example.org/pwned_object.swf"></object><embed src="https://example.org/pwned_embed">',
    '<svg onload="window.pwned_svg_onload=1"><script>window.pwned_svg_script=1</script></svg>',
    '<form action="https://example.org/pwned_form"><input name="password"></form>',
    '<meta http-equiv="refresh" content="0;url=https://example.org/pwned_meta">',
    '<base href="https://example.org/pwned_base/">',
    '<math><a xlink:href="javascript:window.pwned_mathml=1">m</a></math>',
    "<table><tr><th>column-kept</th></tr><tr><td>cell-kept</td></tr></table>",
]
SVG_ATTACK = ('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8" onload="window.pwned_svg=1">'
              '<script>window.pwned_svg=2</script><rect width="8" height="8"/></svg>')
MARKDOWN_OUTPUT = "<script>window.pwned_md_output=1</script>\n\n**md-output-kept**"
MARKDOWN_ANSWER = r"""## Student heading

| name | value |
|------|-------|
| alpha | 1 |

Formula: $\alpha^2 + \beta^2 = \gamma$

<img src=x onerror="window.pwned_md_onerror=1">

<script>window.pwned_md_script=1</script>

[click me](javascript:window.pwned_md_link=1)

<iframe src="https://example.org/pwned_md_iframe"></iframe>

<style>.score{display:none} /* pwned_md_style */</style>

<details><summary>Hint</summary>hint text</details>
"""


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def _attack_code() -> str:
    """The student's solution cell. Payloads travel base64-encoded, so the code input shown on
    the page never contains them: whatever "pwned" marker is on the page came from an output."""
    lines = [
        "x = 1",
        "import base64",
        "from IPython.display import HTML, SVG, Image, Javascript, Markdown, display, publish_display_data",
        "def _d(s): return base64.b64decode(s).decode()",
    ]
    lines += [f"display(HTML(_d('{_b64(a)}')))" for a in HTML_ATTACKS]
    lines += [
        f"display(Javascript(_d('{_b64('window.pwned_js=1')}')))",
        f"display(SVG(_d('{_b64(SVG_ATTACK)}')))",
        f"publish_display_data({{'text/html': _d('{_b64('<script>window.pwned_isolated=1</script><i>isolated-kept</i>')}')}},"
        " metadata={'text/html': {'isolated': True}})",
        f"display(Markdown(_d('{_b64(MARKDOWN_OUTPUT)}')))",
        f"publish_display_data({{'application/vnd.jupyter.widget-view+json': {{'model_id': _d('{_b64('pwned_widget')}'),"
        " 'version_major': 2, 'version_minor': 0}, 'text/plain': 'a widget'})",
        f"publish_display_data({{'image/png': '{PNG}'}}, metadata={{'filenames': {{'image/png': "
        f"_d('{_b64('javascript:window.pwned_filenames=1')}')}}}})",
        f"display(Image(data=base64.b64decode('{PNG}'), format='png'))",
    ]
    return "\n".join(lines)


def _meta(**kw) -> dict:
    return {"nbgrader": {"grade": False, "solution": False, "locked": False, "schema_version": 3, **kw}}


def _api(course: Path, extra: dict | None = None):
    """NbGraderAPI configured as nbgrader_worker._run_job configures it (+ ``extra``)."""
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    config.merge(Config({"CourseDirectory": {"root": str(course), "db_url": f"sqlite:///{course}/gradebook.db"}}))
    if extra:
        config.merge(Config(extra))
    return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


@pytest.fixture(scope="module")
def pages(root, tmp_path_factory):
    """(page without FEEDBACK_CONFIG, page with it) for one autograded attack submission."""
    course = pipeline.make_course(tmp_path_factory.mktemp("feedback-course"), [])
    src = course / "source" / WEEK
    src.mkdir(parents=True)
    nb = new_notebook(cells=[
        new_markdown_cell("# Week heading\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nEnergy: $E = mc^2$",
                          metadata=_meta(locked=True, grade_id="intro")),
        new_code_cell("### BEGIN SOLUTION\nx = 1\n### END SOLUTION", metadata=_meta(solution=True, grade_id="answer")),
        new_code_cell("assert x == 1", metadata=_meta(grade=True, locked=True, grade_id="test_x", points=1)),
        new_markdown_cell("YOUR ANSWER HERE", metadata=_meta(grade=True, solution=True, grade_id="written", points=1)),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, src / f"{WEEK}.ipynb")
    html = course / "feedback" / STUDENT / WEEK / f"{WEEK}.html"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PATH", pipeline.tool_env()["PATH"])  # nbgrader runs ``alembic`` by name
        mp.chdir(course)
        api = _api(course)
        assert api.generate_assignment(WEEK)["success"]
        sub = nbformat.read(course / "release" / WEEK / f"{WEEK}.ipynb", as_version=4)
        sub.cells[1].source = _attack_code()
        sub.cells[3].source = MARKDOWN_ANSWER
        (course / "submitted" / STUDENT / WEEK).mkdir(parents=True)
        nbformat.write(sub, course / "submitted" / STUDENT / WEEK / f"{WEEK}.ipynb")
        result = api.autograde(WEEK, STUDENT)
        assert result["success"], result.get("log")
        assert api.generate_feedback(WEEK, STUDENT)["success"]
        plain = html.read_text(encoding="utf-8")
        result = _api(course, FEEDBACK_CONFIG).generate_feedback(WEEK, STUDENT)
        assert result["success"], result.get("log")
        safe = html.read_text(encoding="utf-8")
    autograded = nbformat.read(course / "autograded" / STUDENT / WEEK / f"{WEEK}.ipynb", as_version=4)
    return plain, safe, autograded


def _body(page: str) -> str:
    return str(BeautifulSoup(page, "html.parser").body)


MARKERS = ["pwned_script", "pwned_onerror", "pwned_iframe", "pwned_srcdoc", "pwned_link", "pwned_link2",
           "pwned_style", "pwned_class", "pwned_object", "pwned_embed", "pwned_svg_onload", "pwned_svg_script",
           "pwned_form", "pwned_meta", "pwned_base", "pwned_mathml", "pwned_js", "pwned_md_output", "pwned_widget",
           "pwned_filenames", "pwned_md_onerror", "pwned_md_script", "pwned_md_link", "pwned_md_iframe",
           "pwned_md_style"]


@pytest.mark.slow
def test_attacks_are_real_without_the_config(pages):
    """nbgrader's own page runs them: the test is not passing by attacking nothing."""
    plain, _, autograded = pages
    assert "pwned_" not in autograded.cells[1].source  # the code input cannot leak a marker
    body = _body(plain)
    for marker in MARKERS:
        if marker != "pwned_widget":  # nbconvert shows a widget only with its state in the notebook
            assert marker in body, marker
    assert 'class="isolated-iframe"' in body
    findings = " ".join(unsafe_html_findings(plain))
    for kind in ("<script>", "onerror=", "<iframe>", "href='javascript:", "<style> outside", "<object>",
                 "<embed>", "<form>", "<meta>", "<base>", "onload="):
        assert kind in findings, kind


@pytest.mark.slow
def test_feedback_page_has_no_active_content(pages):
    _, safe, _ = pages
    assert unsafe_html_findings(safe) == []
    body = _body(safe).lower()
    for marker in MARKERS + ["pwned_isolated", "pwned_svg"]:
        assert marker not in body, marker
    for needle in ("<script", "onerror", "onload", "javascript:", "<iframe", "<object", "<embed", "<style",
                   "<form", "<base", "<meta", "http-equiv", "srcdoc", "position:fixed", "z-index", "<svg",
                   "<math", "navbar-fixed-top", "display:none"):
        assert needle not in body, needle


@pytest.mark.slow
def test_feedback_page_keeps_content_and_nbgrader_page(pages):
    _, safe, _ = pages
    soup = BeautifulSoup(safe, "html.parser")
    body = str(soup.body)
    # images: the PNG output (twice: once with its hostile filenames metadata dropped) and the
    # SVG output, embedded as an <img> (where browsers run no script)
    assert body.count(f'src="data:image/png;base64,{PNG}"') == 2
    assert 'src="data:image/svg+xml;base64,' in body
    # HTML and markdown outputs, cleaned, not emptied
    for kept in ("<b>kept-bold</b>", "<th>column-kept</th>", "<td>cell-kept</td>", "<i>isolated-kept</i>",
                 "<strong>md-output-kept</strong>", "a link", "fake score"):
        assert kept in body, kept
    # the instructor's markdown and the student's markdown answer: headings, tables, formulas
    assert [h.get_text() for h in soup.body.find_all("h1")] == ["Week heading¶"]
    assert [h.get_text() for h in soup.body.find_all("h2")] == ["Student heading¶"]
    assert "<td>1</td>" in body and "<td>alpha</td>" in body
    assert "$E = mc^2$" in body and r"$\alpha^2 + \beta^2 = \gamma$" in body
    assert "<summary>Hint</summary>" in body
    # the dropped JavaScript output leaves IPython's text fallback, the widget its text
    assert "a widget" in body
    # nbgrader's own page: scores, panels, its CSS and MathJax
    assert "(Score: 1.0 / 2.0)" in body and "Student's answer" in body
    head = str(soup.head)
    assert "Bootstrap" in head and head.count("<style") >= 2
    assert 'src="https://cdnjs.cloudflare.com/ajax/libs/mathjax/' in head and "text/x-mathjax-config" in head


# ----------------------------------------------------------------------------- the parts
@pytest.mark.parametrize("attack", HTML_ATTACKS[:-1] + [SVG_ATTACK])
def test_clean_html_leaves_nothing_active(attack):
    cleaned = clean_html(attack)
    assert unsafe_html_findings(f"<html><head></head><body>{cleaned}</body></html>") == []
    assert "pwned" not in cleaned and "<script" not in cleaned


def test_clean_html_keeps_formatting():
    fragment = ('<h3 id="t">T<a class="anchor-link" href="#t">¶</a></h3><p>a &lt; b</p>'
                '<table class="dataframe" border="1"><thead><tr><th style="text-align:right">h</th></tr></thead>'
                '<tbody><tr><td>1</td></tr></tbody></table><img src="data:image/png;base64,AAAA" alt="plot">'
                '<a href="https://example.org/x?a=1&amp;b=2">web</a><details open><summary>s</summary>d</details>'
                '<div class="highlight hl-python"><pre><span class="k">def</span></pre></div>')
    cleaned = clean_html(fragment)
    for kept in ('<h3 id="t">', 'class="anchor-link" href="#t"', "<p>a &lt; b</p>", 'class="dataframe"',
                 "text-align:right", "<th", "<tbody>", 'src="data:image/png;base64,AAAA"',
                 'href="https://example.org/x?a=1&amp;b=2"', "<summary>s</summary>", 'class="highlight hl-python"',
                 '<span class="k">def</span>'):
        assert kept in cleaned, kept
    # CSS: formatting properties with inert values only
    styled = clean_html('<span style="color: rgb(1,2,3); width: expression(alert(1)); position: fixed; '
                        'background-color: url(javascript:x); font-weight: bold">t</span>')
    assert "rgb(1,2,3)" in styled and "bold" in styled
    assert not any(s in styled for s in ("expression", "position", "url(", "javascript"))
    # data: URLs only as images; not as links
    assert "href" not in clean_html('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>')
    assert "src" not in clean_html('<img src="data:text/html;base64,PHNjcmlwdD4=">')


def test_sanitize_notebook_outputs():
    nb = new_notebook(cells=[new_code_cell("", outputs=[
        nbformat.v4.new_output("display_data", data={"application/javascript": "alert(1)"}),
        nbformat.v4.new_output("display_data", data={"text/html": "<script>x</script><b>b</b>", "text/plain": "t"},
                               metadata={"text/html": {"isolated": True}}),
        nbformat.v4.new_output("display_data", data={"text/markdown": "# H\n<img src=x onerror=y>"}),
        nbformat.v4.new_output("display_data", data={"image/png": PNG}, metadata={"filenames": {"image/png": "x"}}),
        nbformat.v4.new_output("stream", text="<b>escaped by the template</b>"),
    ]), nbformat.v4.new_raw_cell("<script>x</script><i>raw</i>")])
    out = sanitize_notebook(nb).cells[0].outputs
    assert out[0].data == {"text/plain": "[output not shown in feedback: application/javascript]"}
    assert out[1].data == {"text/html": "<b>b</b>", "text/plain": "t"} and out[1].metadata == {"text/html": {}}
    assert set(out[2].data) == {"text/html"} and "onerror" not in out[2].data["text/html"]
    assert "<h1" in out[2].data["text/html"]
    assert out[3].data == {"image/png": PNG} and "filenames" not in out[3].metadata
    assert out[4].text == "<b>escaped by the template</b>"
    assert nb.cells[1].source == "<i>raw</i>"


def test_findings_accept_the_template_and_flag_leaks():
    """The checker passes nbgrader's own head scripts and styles, and nothing like them in <body>."""
    from nbconvert.exporters import HTMLExporter
    mathjax = str(HTMLExporter(template_name="classic").environment.get_template("mathjax.html.j2").module.mathjax())
    def page(body: str, head: str = mathjax) -> str:
        return f"<html><head><meta charset='utf-8'>{head}<style>p{{}}</style></head><body>{body}</body></html>"
    assert unsafe_html_findings(page('<a href="#top">t</a><img src="data:image/svg+xml;base64,AA">')) == []
    assert unsafe_html_findings(page(mathjax))  # the same scripts, in the body
    assert unsafe_html_findings(page("", head=mathjax.replace("init_mathjax();", "init_mathjax(); window.pwned=1;")))
    assert unsafe_html_findings(page('<div style="width:expression(alert(1))">x</div>'))
    assert unsafe_html_findings(page('<a href="  JAVASCRIPT:alert(1)">x</a>'))
    assert unsafe_html_findings(page('<img src="data:text/html;base64,PHNjcmlwdD4=">'))


def test_exporter_refuses_a_page_with_active_content(monkeypatch):
    """The last guard: if something still slipped through, no page rather than an unsafe one."""
    import autograder.grader.feedback_safety as fs
    monkeypatch.setattr(fs, "clean_html", lambda fragment: str(fragment))  # a broken cleaner
    nb = new_notebook(cells=[new_markdown_cell("<img src=x onerror=alert(1)>")])
    exporter = SafeFeedbackExporter(template_name="classic")
    with pytest.raises(UnsafeFeedbackError, match="onerror"):
        exporter.from_notebook_node(nb)


def test_course_notebook_renders_unchanged(root):
    """The course's own markdown and outputs lose nothing: a week's source notebook shows the same
    text through the safe exporter as through nbgrader's, and its page passes the checker."""
    from nbgrader.converters import GenerateFeedback
    nb = nbformat.read(root / "source" / "w01_numpy_basics" / "w01_numpy_basics.ipynb", as_version=4)
    for cell in nb.cells:
        for key, value in (("score", 0), ("points", 0), ("comment", "")):
            cell.metadata.get("nbgrader", {}).setdefault(key, value)
    resources = {"nbgrader": {"notebook": "w01", "score": 0, "max_score": 1, "late_penalty": 0}}
    texts = []
    for extra in ({}, FEEDBACK_CONFIG):
        converter = GenerateFeedback(config=Config(extra))
        converter.update_config(Config({"HTMLExporter": {"template_name": "feedback"}}))  # as the API does
        exporter = converter.exporter_class(parent=converter, config=converter.config)
        page, _ = exporter.from_notebook_node(nb, resources=dict(resources))
        texts.append(" ".join(BeautifulSoup(page, "html.parser").body.get_text().split()))
    assert type(exporter) is SafeFeedbackExporter
    assert unsafe_html_findings(page) == []
    assert texts[0] == texts[1]
    assert page.count("data:image/png;base64,") >= 1
