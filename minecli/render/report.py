"""A Monitor-layout report (minecli.query.report) as plain text, Markdown or one self-contained
HTML file; in Markdown and HTML each [n] marker links to its footnote."""

from __future__ import annotations

import html
import re

from minecli.query.report import DOCUMENT_TITLE, OVERVIEW_TITLE, Report

FORMATS = ("text", "markdown", "html")
MARK = re.compile(r"\[(\d+)\]")


def text(view: Report) -> str:
    blocks = [f"{view.name}: {DOCUMENT_TITLE}"]
    blocks += [f"Last Updated: {view.updated}"] if view.updated else []
    blocks += [OVERVIEW_TITLE]
    for label, value in view.overview:
        blocks += [label, value]
    for title, paragraphs in view.sections:
        blocks += [title, *paragraphs]
    blocks += [f"[{n}] {note}" for n, note in view.footnotes]
    return "\n\n".join(blocks) + "\n"


def markdown(view: Report) -> str:
    def marked(paragraph: str) -> str:
        return MARK.sub(lambda m: f"[^{m.group(1)}]", _escaped(paragraph))

    blocks = [f"# {view.name}: {DOCUMENT_TITLE}"]
    if view.updated:
        blocks.append(f"Last Updated: {view.updated}")
    blocks.append(f"## {OVERVIEW_TITLE}")
    blocks += [f"**{label}**\n\n{_escaped(value)}" for label, value in view.overview]
    for title, paragraphs in view.sections:
        blocks += [f"## {title}", *(marked(p) for p in paragraphs)]
    blocks += [f"[^{n}]: {_escaped(note)}" for n, note in view.footnotes]
    return "\n\n".join(blocks) + "\n"


def _escaped(value: str) -> str:
    """Text Markdown shows as it is: its own markup characters escaped, [n] markers kept."""
    return re.sub(r"([\\*_`<>#])", r"\\\1", value)


STYLE = """
body { font-family: Georgia, serif; max-width: 42em; margin: 2em auto; padding: 0 1em;
       line-height: 1.5; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
dl.overview dt { font-weight: bold; margin-top: .6em; } dl.overview dd { margin-left: 0; }
sup a { text-decoration: none; } .notes { font-size: .9em; border-top: 1px solid #ccc; }
.notes p { margin: .4em 0; } .updated { color: #555; }
"""


def html_page(view: Report) -> str:
    def marked(paragraph: str) -> str:
        return MARK.sub(
            lambda m: f'<sup><a href="#fn-{m.group(1)}">[{m.group(1)}]</a></sup>',
            html.escape(paragraph, quote=False),
        )

    title = html.escape(f"{view.name}: {DOCUMENT_TITLE}")
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{title}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{title}</h1>",
    ]
    if view.updated:
        out.append(f'<p class="updated">Last Updated: {html.escape(view.updated)}</p>')
    out += [f"<h2>{OVERVIEW_TITLE}</h2>", '<dl class="overview">']
    for label, value in view.overview:
        out.append(f"<dt>{html.escape(label)}</dt><dd>{html.escape(value)}</dd>")
    out.append("</dl>")
    for section, paragraphs in view.sections:
        out.append(f"<h2>{html.escape(section)}</h2>")
        out += [f"<p>{marked(p)}</p>" for p in paragraphs]
    if view.footnotes:
        out.append('<section class="notes">')
        out += [f'<p id="fn-{n}">[{n}] {html.escape(note)}</p>' for n, note in view.footnotes]
        out.append("</section>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def rendered(view: Report, fmt: str) -> str:
    return {"text": text, "markdown": markdown, "html": html_page}[fmt](view)


def print_report(text: str, fmt: str) -> None:
    """A report on stdout; plain text on a terminal is wrapped between words to its width (a
    pipe or a file keeps a paragraph a line, as editors and import-profile read it)."""
    import sys

    from minecli.render.console import stdout_is_terminal

    if fmt == "text" and stdout_is_terminal():
        import shutil

        from minecli.render.plain import wrap

        width = shutil.get_terminal_size().columns
        text = "\n".join("\n".join(wrap(line, width)) for line in text.split("\n"))
    sys.stdout.write(text)
