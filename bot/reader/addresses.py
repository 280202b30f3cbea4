"""Address guard: only http(s), and only public IP addresses (TESTING.md cases 1-5).

`ipaddress` alone is not enough: it calls `::127.0.0.1` global, and `0.0.0.0` or `::ffff:127.0.0.1`
reach a listener on 127.0.0.1. So IPv4-in-IPv6 forms are unwrapped and checked as IPv4, and the
legacy IPv4 spellings (`2130706433`, `0x7f.1`, `127.1`, `0`) are decoded the way the C resolver
would decode them before anything is connected.
"""

from __future__ import annotations

import ipaddress
import re
import socket

from yarl import URL

from bot.reader.errors import FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

ALLOWED_SCHEMES = frozenset({"http", "https"})

# Ranges `is_global` misses or that must never be fetched even if "global".
_EXTRA_BLOCKED = tuple(
    ipaddress.ip_network(n)
    for n in (
        "0.0.0.0/8",        # "this network"; 0.0.0.0 reaches local listeners
        "100.64.0.0/10",    # CGNAT (shared address space)
        "192.0.0.0/24",     # IETF protocol assignments
        "198.18.0.0/15",    # benchmarking
        "::/128",
        "::1/128",
        "64:ff9b:1::/48",   # local-use NAT64
        "fc00::/7",         # unique local
        "fe80::/10",        # link local
        "fec0::/10",        # deprecated site local
        "ff00::/8",         # multicast
    )
)

# Hosts made only of numbers (decimal, octal, hex) and dots: inet_aton decodes them as IPv4.
_LEGACY_IPV4 = re.compile(r"^(0x[0-9a-f]*|[0-9]+)(\.(0x[0-9a-f]*|[0-9]+)){0,3}\.?$", re.IGNORECASE)


def _unwrap(ip: IPAddress) -> IPAddress:
    """IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), 6to4 and Teredo -> the IPv4 inside."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return ip.ipv4_mapped
        if ip.sixtofour is not None:
            return ip.sixtofour
        if ip.teredo is not None:
            return ip.teredo[1]
        packed = ip.packed
        if packed[:12] == bytes(12) and packed[12:] not in (bytes(4), b"\0\0\0\1"):
            return ipaddress.IPv4Address(packed[12:])  # ::a.b.c.d (deprecated compatible form)
        # NAT64 well-known prefix 64:ff9b::/96 carries an IPv4 address in the last 32 bits
        if packed[:12] == bytes.fromhex("0064ff9b0000000000000000"):
            return ipaddress.IPv4Address(packed[12:])
    return ip


def is_public_address(ip: str | IPAddress) -> bool:
    """True only for globally routable unicast addresses, after unwrapping IPv4-in-IPv6."""
    try:
        addr = ipaddress.ip_address(ip.split("%", 1)[0] if isinstance(ip, str) else ip)
    except ValueError:
        return False
    inner = _unwrap(addr)
    # an IPv4-mapped address is exactly its IPv4 address; other wrappings must pass both checks
    mapped = isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None
    for candidate in {inner} if mapped else {addr, inner}:
        if (
            not candidate.is_global
            or candidate.is_multicast
            or candidate.is_loopback
            or candidate.is_link_local
            or candidate.is_private
            or candidate.is_reserved
            or candidate.is_unspecified
            or any(candidate.version == n.version and candidate in n for n in _EXTRA_BLOCKED)
        ):
            return False
    return True


def literal_address(host: str) -> IPAddress | None:
    """The IP address a host name spells, if it is an IP literal in any form the resolver accepts."""
    host = host.strip("[]")
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        pass
    if _LEGACY_IPV4.match(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host.rstrip(".")))
        except OSError:
            return None
    return None


def check_url(url: str) -> None:
    """Refuse anything but an absolute http(s) URL with a host; raises FetchError with the reason."""
    try:
        parsed = URL(url)
    except (ValueError, TypeError) as exc:
        raise FetchError(f"refused: not a valid URL ({exc})") from None
    scheme = (parsed.scheme or "").lower()
    if scheme not in ALLOWED_SCHEMES:
        shown = scheme or "no scheme"
        raise FetchError(f"refused: only http and https URLs can be fetched, not {shown}")
    if not parsed.host:
        raise FetchError("refused: the URL has no host")


CONFIG_FEEDS_SETTING = "[fetch] allow_private_addresses"


def private_refusal(what: str, setting: str) -> str:
    """The refusal, naming the setting that allows it (a user serving feeds locally needs to know)."""
    return f"refused: {what}; `{setting} = true` allows feeds on private and loopback addresses"


def check_host(host: str, *, allow_private: bool, setting: str = CONFIG_FEEDS_SETTING) -> None:
    """Refuse an IP-literal host that is not public (names are checked by the resolver)."""
    if allow_private:
        return
    ip = literal_address(host)
    if ip is not None and not is_public_address(ip):
        inner = _unwrap(ip)
        shown = host.strip("[]") if inner == ip and str(ip) == host.strip("[]") else f"{host} ({inner})"
        raise FetchError(private_refusal(f"{shown} is not a public address", setting))
