"""Fixtures shared across the suite: databases to run the store on, and the path to ../shared."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared; the calling test is skipped when a user's clone has no ../shared."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (only developer machines and CI have ../shared)")
    return path


@pytest.fixture
async def sqlite_store(tmp_path):
    """A migrated store on a fresh SQLite file in the test's directory."""
    from bot.store import Store

    store = await Store.open(f"sqlite+aiosqlite:///{tmp_path / 'newsbot.db'}")
    await store.migrate()
    try:
        yield store
    finally:
        await store.close()


def database_urls(tmp_path: Path) -> list[str]:
    urls = [f"sqlite+aiosqlite:///{tmp_path / 'newsbot.db'}"]
    if os.environ.get("TEST_DATABASE_URL"):
        urls.append(os.environ["TEST_DATABASE_URL"])
    return urls
