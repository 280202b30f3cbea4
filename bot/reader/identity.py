"""Stable identity for feed items: GUID, else the canonical link, else a hash of title and date."""

from __future__ import annotations

import hashlib
from datetime import datetime

from yarl import URL

# Query parameters that only say where a click came from; they must not make a "new" article.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "twclid", "igshid", "mc_cid", "mc_eid",
    "mkt_tok", "_hsenc", "_hsmi", "ocid", "cmpid", "ncid", "ref_src", "ref_url", "spm", "sr_share",
    "s_cid", "cid_source", "rss", "feature", "smid", "smtyp", "xtor", "wt.mc_id", "at_medium",
    "at_campaign", "at_custom1", "at_custom2", "at_custom3", "at_custom4", "oly_enc_id", "vero_id",
})
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "__hs", "hsa_", "at_")

MAX_GUID_CHARS = 512


def _is_tracking(name: str) -> bool:
    n = name.lower()
    return n in TRACKING_PARAMS or n.startswith(TRACKING_PREFIXES)


def canonical_link(url: str) -> str:
    """The link without fragment and tracking parameters, host lower-cased, query sorted.

    Anything that is not an absolute http(s) URL comes back stripped but otherwise unchanged.
    """
    url = url.strip()
    try:
        u = URL(url)
    except (ValueError, TypeError):
        return url
    if u.scheme.lower() not in ("http", "https") or not u.host:
        return url
    query = sorted((k, v) for k, v in u.query.items() if not _is_tracking(k))
    clean = u.with_fragment(None).with_query(None)
    clean = clean.with_scheme(u.scheme.lower()).with_host(u.host.lower())
    if u.is_default_port():
        clean = clean.with_port(None)
    clean = clean.with_path(clean.raw_path or "/", encoded=True)   # "http://x.org" == "http://x.org/"
    return str(clean.with_query(query) if query else clean)


def hash_uid(title: str | None, published: datetime | None) -> str:
    key = f"{(title or '').strip()}\n{published.isoformat() if published else ''}"
    return "sha1:" + hashlib.sha1(key.encode("utf-8", "replace")).hexdigest()


def entry_uid(guid: str | None, link: str | None, title: str | None, published: datetime | None) -> str:
    """GUID when the feed gives one, else the canonical link, else sha1 of title + date."""
    guid = (guid or "").strip()
    if guid:
        if len(guid) > MAX_GUID_CHARS:   # hostile or broken: keep it bounded but stable
            return "sha1:" + hashlib.sha1(guid.encode("utf-8", "replace")).hexdigest()
        return guid
    if link and link.strip():
        return canonical_link(link)
    return hash_uid(title, published)


def content_hash(title: str, text: str) -> str:
    """Changes when the title or the text changes: lets the store notice an edit under one uid."""
    return hashlib.sha1(f"{title}\n{text}".encode("utf-8", "replace")).hexdigest()
