"""Feed bytes whose encoding nobody states correctly: detect it, and hand the parser UTF-8.

feedparser trusts the HTTP charset, the XML declaration and a BOM, then falls back to UTF-8 and
windows-1252. A KOI8-R (or Shift_JIS, or windows-1251) feed that declares nothing therefore
becomes mojibake ("ëÁË ÐÅÒÅÖÉÔØ" for "Как пережить"). When the stated (or assumed) encoding
cannot decode the bytes, charset-normalizer guesses from the bytes themselves, and the body is
re-encoded as UTF-8 with its declaration saying so. Bytes that decode as stated are left alone.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*?\bencoding\s*=\s*([\"'])([A-Za-z0-9._:-]+)\1", re.IGNORECASE)
_HTTP_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.IGNORECASE)
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
_TAGS = re.compile(rb"<[^>]{0,2000}>")
_WESTERN = {"cp1252", "latin_1", "iso8859_15"}
DETECT_BYTES = 256 * 1024        # enough to tell an encoding; detection cost stays flat on big feeds


def stated_encoding(body: bytes, content_type: str | None) -> str | None:
    """The charset the HTTP header or the XML declaration states (header first, as feedparser does)."""
    if content_type and (m := _HTTP_CHARSET.search(content_type)):
        return m.group(1)
    if m := _XML_DECL.match(body[:1024]):
        return m.group(2).decode("ascii")
    return None


def decodes(body: bytes, encoding: str) -> bool:
    try:
        body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def detect(body: bytes) -> str | None:
    """The encoding the bytes read best in, or None to leave them to feedparser's windows-1252.

    Detection looks at the text between the tags (markup is ASCII and says nothing about the
    encoding). Western text reads equally well in several single-byte code pages; when
    windows-1252 is among the best readings, feedparser's own fallback is kept.
    """
    results = list(from_bytes(_TAGS.sub(b" ", body[:DETECT_BYTES])))
    if not results:
        return None
    least = min(m.chaos for m in results)
    best_readings = [m for m in results if m.chaos <= least + 0.01]
    if any(set(m.could_be_from_charset) & _WESTERN for m in best_readings):
        return None
    return best_readings[0].encoding


def as_utf8(body: bytes, content_type: str | None) -> tuple[bytes, str | None]:
    """(body, content type) for the parser: unchanged when the stated encoding, or UTF-8 when none is
    stated, reads the bytes; otherwise re-encoded as UTF-8 from the detected encoding."""
    if body.startswith(_BOMS):
        return body, content_type
    stated = stated_encoding(body, content_type)
    if decodes(body, stated or "utf-8"):
        return body, content_type
    guess = detect(body)
    if guess is None:
        return body, content_type
    utf8 = body.decode(guess, errors="replace").encode("utf-8")
    utf8 = _XML_DECL.sub(lambda m: m.group(0).replace(m.group(2), b"utf-8"), utf8, count=1)
    media = (content_type or "application/xml").split(";")[0].strip()
    return utf8, f"{media}; charset=utf-8"
