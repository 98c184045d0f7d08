"""Policy text from Markdown to safe HTML: raw HTML is switched off in the parser, unsafe link
schemes are refused by it, and nh3 keeps only an allow-list of tags on what comes out."""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt

_PARSER = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
ALLOWED_TAGS = {
    "a", "blockquote", "br", "code", "em", "h1", "h2", "h3", "h4", "hr", "li", "ol", "p", "pre",
    "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}


def markdown_to_html(text: str, *, shift_headings: int = 1) -> str:
    """Safe HTML for a policy page. Headings move down `shift_headings` levels, so the page keeps one h1."""
    html = _PARSER.render(text or "")
    for level in range(4, 0, -1):
        target = min(level + shift_headings, 4)
        html = html.replace(f"<h{level}>", f"<h{target}>").replace(f"</h{level}>", f"</h{target}>")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer nofollow",
    )
