"""Tests of bot/platforms: each chat platform against its local fake, and the other destinations."""
