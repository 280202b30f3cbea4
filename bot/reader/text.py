"""HTML (or plain text) from a feed -> one line of readable plain text."""

from __future__ import annotations

import html
import re

import lxml.html
from lxml import etree

_WS = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TAG = re.compile(r"<[^>]*>")
_DROP = ("script", "style", "noscript", "template", "iframe", "object", "svg")
_BLOCK = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table td th tr ul".split()
)


def collapse(text: str) -> str:
    return _WS.sub(" ", _CONTROL.sub(" ", text)).strip()


# Markup left after one pass: the publisher escaped its HTML twice (seen in reddit's feeds).
_STILL_HTML = re.compile(r"</(p|div|a|span|em|strong|li|td)>|<br\s*/?>|<!-- ", re.IGNORECASE)


def html_to_text(markup: str | None) -> str:
    """Tags removed (script/style with their content), entities unescaped, whitespace collapsed.

    Block elements become word breaks, so `<p>a</p><p>b</p>` reads "a b", not "ab".
    """
    text = _html_to_text(markup)
    return _html_to_text(text) if _STILL_HTML.search(text) else text


def _html_to_text(markup: str | None) -> str:
    if not markup:
        return ""
    if "<" not in markup:
        return collapse(html.unescape(markup))
    try:
        root = lxml.html.fragment_fromstring(_CONTROL.sub(" ", markup), create_parent="div")
    except (etree.LxmlError, ValueError):
        return collapse(html.unescape(_TAG.sub(" ", markup)))
    etree.strip_elements(root, *_DROP, with_tail=False)
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK:
            el.text = " " + (el.text or "")
            el.tail = " " + (el.tail or "")
    return collapse(root.text_content())


def plain_or_html(value: str | None, mime: str | None) -> str:
    """feedparser says whether a value is text/plain or (x)html; strip tags only from the latter."""
    if mime and mime.startswith("text/plain"):
        return collapse(value or "")
    return html_to_text(value)
