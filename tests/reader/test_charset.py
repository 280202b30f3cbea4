"""Feeds that state no encoding (or a wrong one) are read in the encoding their bytes are in."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bot.reader.charset import as_utf8
from bot.reader.parser import parse_feed
from tests.conftest import shared_path

RU_TITLE = "Городской совет утвердил бюджет на следующий год"
RU_TEXT = ("Депутаты проголосовали за новый план развития городского транспорта. Новые автобусы выйдут "
           "на маршруты весной, а ремонт мостов начнётся летом.")
PT_TITLE = "Eleições: pesquisa mostra empate técnico no segundo turno"
PT_TEXT = "A votação será no domingo; os candidatos farão o último debate na quinta-feira à noite."


def rss(title: str, text: str, encoding: str, declaration: str = "") -> bytes:
    head = f'<?xml version="1.0"{declaration}?>\n' if declaration is not None else ""
    return (f"{head}<rss version=\"2.0\"><channel><title>Wire</title><item><title>{title}</title>"
            f"<link>https://wire.example/1</link><description>{text}</description></item></channel></rss>"
            ).encode(encoding)


@pytest.mark.parametrize("encoding", ["koi8-r", "cp1251"])
def test_cyrillic_without_a_declaration_is_read_as_cyrillic(encoding):
    (entry,) = parse_feed(rss(RU_TITLE, RU_TEXT, encoding), "https://wire.example/rss").entries
    assert entry.title == RU_TITLE and entry.text.startswith("Депутаты проголосовали")


def test_the_real_koi8r_fixture_reads_as_russian():
    body = shared_path("feeds", "SYNTH_koi8r_no_decl.xml").read_bytes()
    (entry,) = parse_feed(body, "https://wire.example/rss").entries
    assert entry.title == "Как пережить новогоднюю ночь"


def test_a_wrong_http_charset_is_overruled_by_the_bytes():
    body = rss(RU_TITLE, RU_TEXT, "koi8-r")
    (entry,) = parse_feed(body, "https://wire.example/rss", "application/rss+xml; charset=utf-8").entries
    assert entry.title == RU_TITLE


def test_western_text_without_a_declaration_keeps_windows_1252():
    for encoding in ("latin-1", "cp1252"):
        (entry,) = parse_feed(rss(PT_TITLE, PT_TEXT, encoding), "https://wire.example/rss").entries
        assert entry.title == PT_TITLE and entry.text == PT_TEXT


def test_bytes_that_read_as_stated_are_passed_on_untouched():
    for body, content_type in [
        (rss(RU_TITLE, RU_TEXT, "utf-8"), None),
        (rss(RU_TITLE, RU_TEXT, "koi8-r", ' encoding="koi8-r"'), None),
        (rss(RU_TITLE, RU_TEXT, "cp1251"), "application/xml; charset=windows-1251"),
        ("\ufeff".encode("utf-16-le") + rss(PT_TITLE, PT_TEXT, "utf-16-le", None), None),
    ]:
        assert as_utf8(body, content_type) == (body, content_type)


def test_a_declaration_that_lies_is_rewritten_with_the_body():
    body = rss(RU_TITLE, RU_TEXT, "koi8-r", ' encoding="utf-8"')
    fixed, content_type = as_utf8(body, None)
    assert fixed.startswith(b'<?xml version="1.0" encoding="utf-8"?>') and content_type.endswith("charset=utf-8")
    assert RU_TITLE in fixed.decode("utf-8")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from([None, "application/xml", "text/xml; charset=koi8-r"]))
def test_any_bytes_come_back_unchanged_or_as_valid_utf8(body, content_type):
    fixed, fixed_type = as_utf8(body, content_type)
    if fixed is not body:
        fixed.decode("utf-8")
        assert fixed_type and fixed_type.endswith("charset=utf-8")
