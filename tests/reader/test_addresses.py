"""The address guard's table: what counts as public, and how odd IPv4 spellings are decoded."""

import pytest

from bot.reader.addresses import check_host, check_url, is_public_address, literal_address
from bot.reader.errors import FetchError

NOT_PUBLIC = [
    "127.0.0.1", "127.255.255.254", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
    "100.64.0.1", "100.127.255.254", "0.0.0.0", "0.1.2.3", "224.0.0.1", "239.255.255.250",
    "240.0.0.1", "255.255.255.255", "192.0.2.1", "198.18.0.1", "192.0.0.8",
    "::", "::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:0.0.0.0", "::127.0.0.1",
    "::ffff:169.254.169.254", "fd00:ec2::254", "fc00::1", "fe80::1", "fe80::1%eth0", "ff02::1",
    "2002:7f00:1::1", "2001:db8::1", "64:ff9b::7f00:1", "not an ip", "",
]
PUBLIC = ["8.8.8.8", "1.1.1.1", "93.184.216.34", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e",
          "::ffff:8.8.8.8"]


@pytest.mark.parametrize("ip", NOT_PUBLIC)
def test_not_public(ip):
    assert not is_public_address(ip)


@pytest.mark.parametrize("ip", PUBLIC)
def test_public(ip):
    assert is_public_address(ip)


@pytest.mark.parametrize(("host", "ip"), [
    ("2130706433", "127.0.0.1"), ("0x7f.1", "127.0.0.1"), ("0x7F000001", "127.0.0.1"),
    ("0", "0.0.0.0"), ("127.1", "127.0.0.1"), ("0177.0.0.1", "127.0.0.1"), ("10.1", "10.0.0.1"),
    ("[::ffff:127.0.0.1]", "::ffff:7f00:1"), ("8.8.8.8", "8.8.8.8"),
])
def test_legacy_and_bracketed_literals_are_decoded_like_the_c_resolver(host, ip):
    assert str(literal_address(host)) == ip


@pytest.mark.parametrize("host", ["example.org", "0x", "1.2.3.4.5", "99999999999", "a.0x7f", "xn--bcher-kva.example"])
def test_names_are_not_literals(host):
    assert literal_address(host) is None


@pytest.mark.parametrize("url", ["file:///etc/passwd", "gopher://127.0.0.1:70/_x", "ftp://x.org/",
                                 "javascript:alert(1)", "/relative/feed.xml", "feed://x.org/rss", "http:///nohost"])
def test_only_absolute_http_urls_pass(url):
    with pytest.raises(FetchError, match="refused"):
        check_url(url)


def test_http_and_https_pass():
    check_url("http://example.org/feed")
    check_url("HTTPS://example.org/feed")


def test_literal_hosts_are_checked_unless_private_is_allowed():
    with pytest.raises(FetchError, match=r"refused: 2130706433 \(127.0.0.1\) is not a public address"):
        check_host("2130706433", allow_private=False)
    with pytest.raises(FetchError, match=r"refused: 169.254.169.254 is not a public address"):
        check_host("169.254.169.254", allow_private=False)
    check_host("127.0.0.1", allow_private=True)
    check_host("8.8.8.8", allow_private=False)
    check_host("example.org", allow_private=False)   # names are the resolver's job


def test_a_refusal_names_the_setting_that_allows_it():
    with pytest.raises(FetchError) as config_feed:
        check_host("127.0.0.1", allow_private=False)
    assert "`[fetch] allow_private_addresses = true` allows" in config_feed.value.reason
    with pytest.raises(FetchError) as chat_feed:
        check_host("10.0.0.7", allow_private=False, setting="[chat] allow_private_addresses")
    assert "`[chat] allow_private_addresses = true` allows" in chat_feed.value.reason
