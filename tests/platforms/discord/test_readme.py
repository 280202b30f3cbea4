"""The README's Discord section says what the code needs."""

from __future__ import annotations

from tests.conftest import REPO


def test_the_readme_invite_url_asks_for_exactly_the_documented_permissions():
    """README: View Channels, Send Messages, Embed Links, Attach Files — and the integer must say the same."""
    import re

    import discord

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    wanted = discord.Permissions(view_channel=True, send_messages=True, embed_links=True, attach_files=True)
    assert set(re.findall(r"permissions=(\d+)", readme)) == {str(wanted.value)}
