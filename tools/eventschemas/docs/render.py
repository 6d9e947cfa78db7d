"""The jinja2 environment: templates from the package, autoescaping everywhere.

Schema text is untrusted: every template, HTML and Markdown alike, escapes it.
Markdown output is escaped as HTML too (Markdown passes raw HTML through), and
the `md` filters then escape Markdown's own punctuation; no template puts
schema text in a code span, where entities would show literally.
"""

from __future__ import annotations

import html
import re
from functools import cache
from typing import Any, Literal

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from eventschemas.docs.model import Site, TitlePage

Format = Literal["html", "markdown"]
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|#~])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])(?=\s|$)", re.MULTILINE)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@cache
def environment() -> Environment:
    """The one environment; compiled templates are cached inside it."""
    env = Environment(
        loader=PackageLoader("eventschemas.docs", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        paragraphs=paragraphs,
        md=md,
        mdcell=mdcell,
        mdpre=mdpre,
    )
    return env


def render_index(site: Site, fmt: Format) -> str:
    template = environment().get_template(f"index.{_ext(fmt)}.j2")
    return template.render(site=site, root="", page_path="")


def render_title(site: Site, page: TitlePage, fmt: Format) -> str:
    template = environment().get_template(f"title.{_ext(fmt)}.j2")
    root = "../" * page.depth
    context: dict[str, Any] = {"site": site, "page": page, "root": root}
    return template.render(context, page_path=page.url_path)


def _ext(fmt: Format) -> str:
    return "html" if fmt == "html" else "md"


def paragraphs(text: str) -> list[str]:
    """`text` split at blank lines, each paragraph's whitespace collapsed."""
    parts = (" ".join(p.split()) for p in _PARAGRAPH_BREAK.split(text))
    return [p for p in parts if p]


def md(text: object) -> Markup:
    """Escape text for a Markdown paragraph: Markdown syntax, then HTML.

    Quotes need no escaping outside attributes, and Markdown output keeps them
    readable; `&`, `<` and `>` become entities, which Markdown decodes.
    """
    escaped = _MD_SPECIAL.sub(r"\\\1", str(text))
    escaped = _MD_LINE_START.sub(r"\1\\\2", escaped)
    return Markup(html.escape(escaped, quote=False))


def mdpre(text: object) -> Markup:
    """Escape text for a `<pre>` block in Markdown (entities are decoded there)."""
    return Markup(html.escape(str(text), quote=False))


def mdcell(text: object) -> Markup:
    """Escape text for one cell of a Markdown table (a single line)."""
    return md(" ".join(str(text).split()))
