"""Persistence: feeds and their polling state, seen entries, topics, alerts and the delivery outbox."""

from bot.store.store import Store

__all__ = ["Store"]
