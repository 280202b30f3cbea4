"""`newsbot poll --once` loads what a poll needs: no language model unless a topic matched, no chat
SDK, chart or article library unless a destination or a feed setting needs one. Checked in a real
process, since that is where start-up time is spent."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from tests.fakes.feed_server import FeedServer

REPO = Path(__file__).resolve().parents[1]
HEAVY = ("spacy", "thinc", "matplotlib", "trafilatura", "discord", "slack_bolt", "slack_sdk", "apprise")
RUN = """
import atexit, json, sys
atexit.register(lambda: print("MODULES " + json.dumps(sorted(m for m in sys.modules if "." not in m)), file=sys.stderr))
if __name__ == "__main__":
    sys.argv = ["newsbot", "poll", "--once", "--config", sys.argv[1]]
    from bot.cli import main
    main()
"""


async def _loaded(tmp_path: Path, query: str) -> set[str]:
    body = (REPO / "seeds" / "round1" / "atlantic-wire.xml").read_bytes()
    async with FeedServer() as server:
        server.serve("/aw.xml", body)
        config = tmp_path / "newsbot.toml"
        config.write_text(f'[database]\nurl = "sqlite+aiosqlite:///{tmp_path / "db.sqlite"}"\n'
                          "[fetch]\nallow_private_addresses = true\n"
                          f'[[feeds]]\nurl = "{server.url("/aw.xml")}"\nname = "AW"\nbackfill = 5\n'
                          f'[[topics]]\nname = "t"\nquery = "{query}"\nchannels = ["console"]\n')
        script = tmp_path / "run_poll.py"
        script.write_text(RUN)
        proc = await asyncio.create_subprocess_exec(sys.executable, str(script), str(config), cwd=REPO,
                                                    stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        out, err = await asyncio.wait_for(proc.communicate(), 120)
    assert proc.returncode == 0, err.decode()[-2000:]
    line = [ln for ln in err.decode().splitlines() if ln.startswith("MODULES ")][-1]
    return set(json.loads(line[len("MODULES "):]))


async def test_a_poll_where_nothing_matches_loads_no_heavy_library(tmp_path):
    loaded = await _loaded(tmp_path, "zzzqqq")
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


async def test_a_match_brings_in_the_language_model_and_still_no_chat_sdk(tmp_path):
    loaded = await _loaded(tmp_path, "nato OR storm")
    assert "spacy" in loaded      # extraction ran: the test would pass vacuously otherwise
    assert not loaded & {"discord", "slack_bolt", "slack_sdk", "matplotlib", "apprise"}
