"""Feedback pages that are safe to open: no student script runs in them.

nbgrader's ``generate_feedback`` renders the autograded notebook with nbconvert's ``HTMLExporter``
and nbgrader's ``feedback`` template (which extends nbconvert's ``classic``). What the installed
versions (nbconvert 7.17, nbgrader 0.9.6) do with student content:

* ``HTMLExporter.sanitize_html = True`` makes the classic template pass ``text/html`` and
  ``text/markdown`` outputs and raw cells through the ``clean_html`` filter, and leave
  ``application/javascript`` and widget outputs out. That covers outputs, but not enough:
* nbgrader's template overrides the ``markdowncell`` block with ``cell.source | markdown2html``
  and has no ``should_sanitize_html`` branch, so **markdown cells stay raw** with the option on
  (``<img onerror>``, ``<script>``, ``[x](javascript:…)`` all survive);
* nbconvert's ``clean_html`` allows 19 tags and *escapes* the rest: headings, ``<p>``, ``<th>``,
  ``<img>`` and ``<details>`` turn into visible tag text;
* a ``text/html`` output whose metadata says ``isolated`` becomes an ``<iframe>`` with the page
  as a ``data:`` URL (cleaned, but still a frame).

So the grader uses :class:`SafeFeedbackExporter` (through :data:`FEEDBACK_CONFIG`): the same
exporter and template, with the ``markdown2html`` and ``clean_html`` filters replaced by a bleach
allowlist that keeps headings, tables, lists, code, ``<details>``, links and images, every output
first passed through :func:`sanitize_notebook`, and :func:`unsafe_html_findings` checking the
finished page (the exporter refuses to return a page that still holds active content).

Kept from nbgrader's page: its CSS (bootstrap + pygments ``<style>`` in ``<head>``), and MathJax
2.7.7, which the template loads from cdnjs with the ``Safe`` extension (it typesets ``$…$`` left as
text by the renderer; ``Safe`` drops ``javascript:`` links and unsafe styles from student TeX). The
page needs the network for MathJax, as before. SVG outputs stay: the template embeds them as
``<img src="data:image/svg+xml…">``, where browsers run no script; remote ``http(s)`` images in
markdown stay too (a page view can be seen by that server, nothing runs).
"""
from __future__ import annotations

import copy
import functools
import html as _html
import re

import bleach
import tinycss2
from bleach.css_sanitizer import CSSSanitizer
from bs4 import BeautifulSoup
from jinja2 import pass_context
from nbconvert.exporters import HTMLExporter
from traitlets import Bool

__all__ = ["FEEDBACK_CONFIG", "SafeFeedbackExporter", "UnsafeFeedbackError", "clean_html",
           "sanitize_notebook", "unsafe_html_findings"]

#: Merge into nbgrader's config before ``NbGraderAPI.generate_feedback`` /
#: ``nbgrader generate_feedback``: ``config.merge(Config(FEEDBACK_CONFIG))``. Plain strings and
#: bools, so it can travel as JSON. ``HTMLExporter`` settings apply to the subclass too.
FEEDBACK_CONFIG: dict = {
    "GenerateFeedback": {"exporter_class": "autograder.grader.feedback_safety.SafeFeedbackExporter"},
    "HTMLExporter": {"sanitize_html": True, "skip_svg_encoding": False},
}

# ----------------------------------------------------------------------------- cleaning HTML
_TAGS = frozenset({
    "a", "abbr", "acronym", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp",
    "small", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "tt", "u", "ul", "var",
})
# Elements whose *content* is code or styling, not text: removed whole before bleach (which,
# stripping a tag, would keep its content as visible text).
_DROP_WITH_CONTENT = ("script", "style", "template", "noscript", "iframe", "object", "embed",
                      "applet", "frameset", "noframes", "textarea", "title", "xmp", "svg", "math")
_ATTRS_ANY = frozenset({"id", "title", "lang", "dir", "style", "class"})
_ATTRS = {
    "a": {"href", "name"}, "img": {"src", "alt", "width", "height"}, "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"}, "col": {"span"}, "colgroup": {"span"},
    "table": {"border"}, "ol": {"start", "type"}, "li": {"value"}, "details": {"open"},
}


class _CSSSanitizer(CSSSanitizer):
    """bleach's property allowlist, and values that cannot fetch or run anything: no ``url()``,
    no functions but colours (``expression()`` and the like are gone)."""

    def sanitize_css(self, style):
        inert = [d for d in tinycss2.parse_declaration_list(style)
                 if d.type != "declaration" or all(_inert_css(token) for token in d.value)]
        return super().sanitize_css(tinycss2.serialize(inert))


def _inert_css(token) -> bool:
    if token.type == "url":
        return False
    return token.type != "function" or token.lower_name in ("rgb", "rgba", "hsl", "hsla")


# Formatting only: no position/display/visibility/opacity/z-index/margin, so student content can
# neither hide nor overlay nbgrader's score panels.
_CSS = _CSSSanitizer(
    allowed_css_properties=frozenset({
        "background-color", "border-collapse", "border-color", "color", "font-family", "font-size",
        "font-style", "font-weight", "height", "letter-spacing", "line-height", "text-align",
        "text-decoration", "text-indent", "vertical-align", "white-space", "width",
    }),
    allowed_svg_properties=frozenset(),
)
# Classes the renderers emit (pygments tokens, mistune anchors, pandas); others are dropped so a
# student cannot borrow bootstrap's ``navbar-fixed-top``/``modal``/``hidden`` to cover the page.
_CLASS_TOKEN = re.compile(r"[a-z][a-z0-9]{0,2}|highlight|hl-[\w+#.-]+|anchor-link|dataframe|rendered_html")
_IMG_DATA = re.compile(r"data:image/(png|jpeg|jpg|gif|webp|svg\+xml)[;,]")


def _normalized_url(value: str) -> str:
    """The URL as a browser resolves its scheme (bleach's normalisation: entities decoded,
    whitespace/control characters dropped, lower case)."""
    return re.sub(r"[`\x00-\x20\x7f-\xa0\s]+", "", _html.unescape(value)).lower()


def _allow_attribute(tag: str, name: str, value: str) -> bool:
    if not (name in _ATTRS_ANY or name in _ATTRS.get(tag, ())):
        return False
    if name == "class":
        return all(_CLASS_TOKEN.fullmatch(token) for token in value.split())
    if name in ("href", "src") and _normalized_url(value).startswith("data:"):
        # bleach only checks the scheme; data: is allowed for inline raster/SVG images only.
        return tag == "img" and bool(_IMG_DATA.match(_normalized_url(value)))
    return True


_CLEANER = bleach.Cleaner(tags=_TAGS, attributes=_allow_attribute,
                          protocols={"http", "https", "mailto", "data"},
                          strip=True, strip_comments=True, css_sanitizer=_CSS)


def clean_html(fragment) -> str:
    """``fragment`` with only inert markup left (bleach allowlist; scripts, styles, frames,
    event handlers and ``javascript:`` URLs gone). Replaces nbconvert's ``clean_html`` filter."""
    text = fragment.decode() if isinstance(fragment, bytes) else str(fragment)
    if "<" not in text:
        return _CLEANER.clean(text)
    soup = BeautifulSoup(text, "html.parser")
    for element in soup.find_all(_DROP_WITH_CONTENT):
        element.decompose()
    return _CLEANER.clean(str(soup))


# ----------------------------------------------------------------------------- the notebook
# What the classic template renders without running anything: images go in <img>, text is escaped.
_KEEP_AS_IS = frozenset({"text/plain", "text/latex", "image/png", "image/jpeg", "image/svg+xml"})


def sanitize_notebook(nb):
    """``nb`` (changed in place and returned) with outputs the feedback page can show safely:
    ``text/html`` cleaned (never in an isolated iframe), ``text/markdown`` rendered and cleaned,
    raw HTML cells cleaned, every other MIME type (JavaScript, widgets, …) dropped.

    Markdown *cells* are cleaned when rendered (:class:`SafeFeedbackExporter`), not here:
    cleaning markdown source escapes ``>`` quotes and ``<`` in code and formulas."""
    from nbconvert.filters import markdown2html
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type == "raw" and cell.metadata.get("raw_mimetype", "").lower() in ("text/html", ""):
            cell.source = clean_html(cell.source)
        for output in cell.get("outputs", ()):
            if "data" not in output:  # stream and error text is escaped by the template
                continue
            data, meta = output.data, output.setdefault("metadata", {})
            if "text/markdown" in data and "text/html" not in data:
                data["text/html"] = markdown2html(data["text/markdown"])
            removed = sorted(k for k in data if k not in _KEEP_AS_IS and k != "text/html")
            for key in removed:
                del data[key]
            if "text/html" in data:
                data["text/html"] = clean_html(data["text/html"])
                if isinstance(meta.get("text/html"), dict):
                    meta["text/html"].pop("isolated", None)
            meta.pop("isolated", None)
            meta.pop("filenames", None)  # only nbconvert's extractor sets it; else an <img src> to anywhere
            if not data and removed:
                data["text/plain"] = f"[output not shown in feedback: {', '.join(removed)}]"
    return nb


class UnsafeFeedbackError(RuntimeError):
    """The rendered page still holds active content: no page is better than that one."""


class SafeFeedbackExporter(HTMLExporter):
    """nbgrader's feedback exporter (``HTMLExporter`` + the ``feedback`` template) with student
    content cleaned: outputs before rendering, markdown and HTML while rendering, the page after."""

    sanitize_html = Bool(True, help="Clean HTML outputs and drop JavaScript ones (nbconvert's option).").tag(config=True)

    @pass_context
    def markdown2html(self, context, source):
        """nbconvert's renderer (math, anchors, attachments), then :func:`clean_html`: nbgrader's
        template renders markdown cells through this filter only."""
        return clean_html(super().markdown2html(context, source))

    def default_filters(self):
        yield from super().default_filters()
        yield ("clean_html", clean_html)

    def from_notebook_node(self, nb, resources=None, **kw):
        page, resources = super().from_notebook_node(sanitize_notebook(copy.deepcopy(nb)), resources, **kw)
        findings = unsafe_html_findings(page)
        if findings:
            raise UnsafeFeedbackError("feedback page not written, it still holds active content: "
                                      + "; ".join(findings[:5]))
        return page, resources


# ----------------------------------------------------------------------------- the finished page
_FRAMES = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base",
                     "form", "link", "set", "animate", "animatemotion", "animatetransform",
                     "foreignobject", "handler", "listener"})
# Attributes a browser follows or loads as a URL (the SVG animation ones can set an href).
_URL_ATTRS = frozenset({"href", "src", "xlink:href", "action", "formaction", "data", "background",
                        "poster", "lowsrc", "dynsrc", "ping", "codebase", "cite", "srcset", "to",
                        "from", "values", "by"})
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "livescript:")


@functools.lru_cache(maxsize=1)
def _template_scripts() -> frozenset:
    """The ``<script>`` elements nbgrader's template itself puts in ``<head>``: the MathJax loader
    and its config, rendered from nbconvert's own ``mathjax.html.j2`` macro."""
    env = HTMLExporter(template_name="classic").environment
    macro_html = str(env.get_template("mathjax.html.j2").module.mathjax())
    return frozenset(_script_key(s) for s in BeautifulSoup(macro_html, "html.parser").find_all("script"))


def _script_key(script) -> tuple:
    return (script.get("src") or "", script.get("type") or "", " ".join(script.get_text().split()))


def _snippet(el) -> str:
    attrs = "".join(f' {k}="{" ".join(v) if isinstance(v, list) else v}"' for k, v in el.attrs.items())
    text = f"<{el.name}{attrs}>" + (el.get_text()[:80] if el.name in ("script", "style") else "")
    return text[:120] + ("…" if len(text) > 120 else "")


def unsafe_html_findings(html: str) -> list[str]:
    """What in a finished feedback page could run or frame content (empty when safe): scripts
    other than the template's MathJax ones in ``<head>``, ``on*`` handlers, ``javascript:`` and
    script-bearing ``data:`` URLs, frames/objects/embeds/forms/``<base>``, ``<style>`` or
    ``<meta http-equiv>`` outside ``<head>``."""
    soup = BeautifulSoup(html, "html.parser")
    in_head = {id(e) for e in soup.head.find_all(True)} if soup.head else set()
    allowed_scripts = _template_scripts()
    findings = []
    for el in soup.find_all(True):
        name, head = el.name.lower(), id(el) in in_head
        if name == "script" and not (head and _script_key(el) in allowed_scripts):
            findings.append(f"<script>: {_snippet(el)}")
        elif name in _FRAMES:
            findings.append(f"<{name}>: {_snippet(el)}")
        elif name == "style" and not head:
            findings.append(f"<style> outside <head>: {_snippet(el)}")
        elif name == "meta" and (el.get("http-equiv") or not head):
            findings.append(f"<meta>: {_snippet(el)}")
        for attr, value in el.attrs.items():
            attr, value = attr.lower(), " ".join(value) if isinstance(value, list) else str(value)
            if attr.startswith("on"):
                findings.append(f"{attr}= handler: {_snippet(el)}")
            elif attr == "srcdoc":
                findings.append(f"srcdoc=: {_snippet(el)}")
            elif attr in _URL_ATTRS:
                url = _normalized_url(value)
                if url.startswith(_SCRIPT_SCHEMES) or (url.startswith("data:") and not (
                        name == "img" and attr == "src" and _IMG_DATA.match(url))):
                    findings.append(f"{attr}={value[:40]!r}: {_snippet(el)}")
            elif attr == "style" and re.search(r"expression\(|url\(['\"]?javascript:|-moz-binding|behavior:",
                                               _normalized_url(value)):
                findings.append(f"active style: {_snippet(el)}")
    return findings
