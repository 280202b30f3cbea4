"""Sentences the use cases say, with the user's and the feeds' words kept apart from ours.

A `Message` is a template plus values. A `Name` (a topic, a feed name, a URL: text someone else
chose) is escaped and quoted by each platform; a `Place` (a destination such as "discord:123") is
shown the way the platform shows a channel. So one sentence reads the same on Discord, Slack and the
terminal, and no value can ping, link or format anything.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Name:
    text: str


@dataclass(frozen=True)
class Place:
    destination: str


Value = str | int | Name | Place


@dataclass(frozen=True)
class Message:
    template: str
    values: Mapping[str, Value] = field(default_factory=dict)

    def render(self, escape: Callable[[str], str], place: Callable[[str], str]) -> str:
        """The sentence for one platform: every value escaped, names quoted, places as channels."""
        shown: dict[str, str] = {}
        for key, value in self.values.items():
            if isinstance(value, Name):
                shown[key] = f"“{escape(value.text)}”"
            elif isinstance(value, Place):
                shown[key] = place(value.destination)
            else:
                shown[key] = escape(str(value))
        return self.template.format(**shown)

    def plain(self) -> str:
        """For the terminal and logs: nothing to escape, destinations as written in the config."""
        return self.render(lambda text: text, lambda destination: destination)

    def __str__(self) -> str:
        return self.plain()


def say(template: str, **values: Value) -> Message:
    return Message(template, values)
