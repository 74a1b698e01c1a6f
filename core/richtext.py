"""Turning text from outside (imports, employees) into safe rich text."""

import html
import re

import nh3
from django.utils.html import strip_tags

ALLOWED_TAGS = {"p", "br", "h2", "h3", "b", "strong", "i", "em", "ul", "ol", "li", "a", "hr"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
_LOOKS_LIKE_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")


def sanitise_html(markup: str) -> str:
    """Keep a small set of text tags and http(s)/mailto links; drop scripts, styles, events."""
    return nh3.clean(
        markup,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def text_to_html(text: str) -> str:
    """HTML stays HTML (sanitised); plain text becomes escaped paragraphs."""
    if _LOOKS_LIKE_HTML.search(text):
        return sanitise_html(text)
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
    return "".join(
        "<p>{}</p>".format(html.escape(part).replace("\n", "<br/>")) for part in paragraphs
    )


def plain_text(markup: str | None) -> str:
    """The words of rich text (or of text that may hold entities), as documents and exports
    hold them: tags dropped with a space between elements, paragraphs and line breaks turned
    into spaces, entities decoded (`d&#x27;une` reads `d'une`), spaces collapsed. Whoever shows
    it escapes it exactly once."""
    if not markup:
        return ""
    spaced = (
        markup.replace("><", "> <")
        .replace("<br", " <br")
        .replace("</p>", "</p> ")
        .replace("</li>", "</li> ")
    )
    return " ".join(html.unescape(strip_tags(spaced)).split())
