"""Feed HTML becomes plain readable text."""

import pytest

from bot.reader.text import html_to_text, plain_or_html


@pytest.mark.parametrize(("markup", "text"), [
    ("<p>One</p><p>Two</p>", "One Two"),
    ("Hello&nbsp;<b>bold</b>&amp;<i>it</i>", "Hello bold&it"),
    ("<script>alert(1)</script><style>p{}</style>Kept", "Kept"),
    ("line<br>break", "line break"),
    ("  lots \n\n of \t space  ", "lots of space"),
    ("&lt;p&gt;double &amp;amp; escaped&lt;/p&gt;", "double & escaped"),
    ("5 &lt; 6 and 7 &gt; 3", "5 < 6 and 7 > 3"),
    ("<p>unclosed <b>tags", "unclosed tags"),
    ("ctrl\x00\x08chars", "ctrl chars"),
    ("", ""),
    (None, ""),
])
def test_html_to_text(markup, text):
    assert html_to_text(markup) == text


def test_plain_text_keeps_angle_brackets():
    assert plain_or_html("if a <b> c", "text/plain") == "if a <b> c"
    assert plain_or_html("<b>x</b>", "text/html") == "x"
