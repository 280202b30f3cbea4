"""Fixtures for the reader tests: the local feed server and the fake DNS / connection spy."""

from tests.fakes.dns import connect_spy  # noqa: F401
from tests.fakes.feed_server import feed_server  # noqa: F401
