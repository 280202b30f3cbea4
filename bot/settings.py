"""Configuration: a TOML file, overridden by NEWSBOT_* environment variables; secrets only from env.

A bad config must stop the start with the key path and the reason (``topics[2].query: unbalanced
parenthesis at column 14``), never a traceback: `load_settings` turns every problem into ConfigError.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from dotenv import dotenv_values
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict, SettingsError

from bot import config_errors
from bot.cluster.roles import RunSettings
from bot.durations import parse_duration
from bot.models import MAX_BACKFILL
from bot.analysis.topics.query import QueryError, compile_query
from bot.platforms import registry

DEFAULT_CONFIG_NAMES = ("newsbot.toml",)
SQLITE_PREFIX = "sqlite+aiosqlite:///"


class ConfigError(Exception):
    """A configuration problem a user can fix; str() is the whole message."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DatabaseSettings(_Section):
    url: str = "sqlite+aiosqlite:///newsbot.db"
    schema_: str | None = Field(None, alias="schema", pattern=r"^[a-z_][a-z0-9_]{0,62}$")   # PostgreSQL only

    @field_validator("url")
    @classmethod
    def _known_driver(cls, v: str) -> str:
        if not (v.startswith("sqlite+aiosqlite://") or v.startswith("postgresql+asyncpg://")):
            raise ValueError("use sqlite+aiosqlite:///FILE or postgresql+asyncpg://USER@HOST/DB")
        return v

    @model_validator(mode="after")
    def _schema_needs_postgresql(self) -> "DatabaseSettings":
        if self.schema_ and not self.url.startswith("postgresql"):
            raise ValueError("schema: only PostgreSQL has schemas; remove it for SQLite")
        return self


class FetchSettings(_Section):
    allow_private_addresses: bool = False
    timeout_s: float = Field(20.0, gt=0)
    max_bytes: int = Field(12 * 1024 * 1024, gt=1024)
    per_host_concurrency: int = Field(2, ge=1)
    concurrency: int = Field(64, ge=1)
    parse_timeout_s: float = Field(5.0, gt=0)
    max_entry_chars: int = Field(200_000, ge=1_000)   # an entry's text is cut here at parse time
    user_agent: str = "newsbot/0.1 (RSS alert bot)"


class SchedulerSettings(_Section):
    tick: float = 5.0          # how often due feeds are looked up
    outbox_tick: float = 2.0   # how often the outbox is drained
    batch: int = Field(500, ge=1)
    # Adaptive polling: a feed's interval follows how often it publishes (one week / entries per
    # week), never below its own `interval` or what the server asks, never above adaptive_max.
    adaptive: bool = False
    adaptive_max: float = 24 * 3600

    _d = field_validator("tick", "outbox_tick", "adaptive_max", mode="before")(
        classmethod(lambda cls, v: parse_duration(v)))


class FeedSettings(_Section):
    url: str
    name: str = ""
    interval: float = 300
    backfill: int = 0
    fulltext: bool = False
    adaptive: bool | None = None    # overrides [scheduler] adaptive for this feed

    _d = field_validator("interval", mode="before")(classmethod(lambda cls, v: parse_duration(v)))

    @field_validator("backfill")
    @classmethod
    def _bounded_backfill(cls, v: int) -> int:
        if not 0 <= v <= MAX_BACKFILL:
            raise ValueError(f"must be 0 to {MAX_BACKFILL}: the newest N items alert on the feed's first poll, "
                             f"and more than {MAX_BACKFILL} would flood a channel")
        return v

    @field_validator("url")
    @classmethod
    def _http_only(cls, v: str) -> str:
        if not re.match(r"^https?://[^\s/]+", v, re.IGNORECASE):
            raise ValueError("only http:// and https:// feed URLs are allowed")
        return v

    @property
    def interval_s(self) -> int:
        return max(1, int(self.interval))

    @property
    def display_name(self) -> str:
        return self.name or re.sub(r"^https?://", "", self.url).split("/")[0]


class TopicSettings(_Section):
    name: str = Field(min_length=1, max_length=100)
    query: str
    channels: list[str] = Field(default_factory=lambda: ["console"])
    mention_role: str | None = None
    change_alerts: bool = True      # an alert says when a source moved a figure of this topic

    @field_validator("query")
    @classmethod
    def _compiles(cls, v: str) -> str:
        try:
            compile_query(v)
        except QueryError as e:
            raise ValueError(str(e)) from None
        return v

    @field_validator("channels")
    @classmethod
    def _destinations(cls, v: list[str]) -> list[str]:
        for d in v:
            if registry.parse(d) is None:
                raise ValueError(f"{d!r} is not a destination (use {registry.spellings()})")
        return v


class WebhookSettings(_Section):
    name: str
    url: str = Field(repr=False)
    url_env: str | None = None      # env var holding the URL instead (webhook URLs are credentials)
    kind: Literal["json", "slack", "discord"] = "json"
    secret_env: str | None = None   # env var holding the HMAC secret for kind = "json"

    @model_validator(mode="before")
    @classmethod
    def _url_from_env(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("url_env") and not data.get("url"):
            value = _secret(str(data["url_env"]))
            if not value:
                raise ValueError(f"url_env: environment variable {data['url_env']} is not set")
            data = {**data, "url": value}
        return data

    @field_validator("url")
    @classmethod
    def _http_url(cls, v: str) -> str:
        if not re.match(r"^https?://[^\s/]+", v, re.IGNORECASE):
            raise ValueError("must be an http:// or https:// URL")
        return v

    def secret(self) -> str | None:
        """The HMAC secret from the environment variable `secret_env` (None when unset)."""
        return _secret(self.secret_env) if self.secret_env else None


class DiscordSettings(_Section):
    enabled: bool = False
    api_base: str = "https://discord.com/api/v10"
    gateway_url: str | None = None
    max_feeds_per_guild: int = Field(50, ge=0)
    max_topics_per_guild: int = Field(25, ge=0)


class SlackSettings(_Section):
    enabled: bool = False
    mode: Literal["http", "socket"] = "http"
    api_url: str = "https://slack.com/api/"
    http_host: str = "127.0.0.1"
    http_port: int = Field(3000, ge=1, le=65535)
    http_path: str = "/slack/events"
    admins: list[str] = Field(default_factory=list)
    max_feeds: int = Field(50, ge=0)     # feeds one workspace may add from chat
    max_topics: int = Field(25, ge=0)    # topics one workspace may add from chat


class MetricsSettings(_Section):
    """`newsbot run` serves /metrics, /livez and /readyz here when enabled (port 0: any free port)."""

    enabled: bool = False
    host: str = "127.0.0.1"
    port: int = Field(9464, ge=0, le=65535)


class HealthSettings(_Section):
    """A topic's channels get one warning when a feed it depends on has failed this long, one notice on recovery."""

    feed_warnings: bool = True
    warn_after: float = 6 * 3600

    _d = field_validator("warn_after", mode="before")(classmethod(lambda cls, v: parse_duration(v)))


class WebSubSettings(_Section):
    """Push instead of poll where the publisher has a WebSub hub; the callback must be reachable by hubs."""

    enabled: bool = False
    callback_url: str | None = None      # public base URL hubs POST to, e.g. https://bot.example.org/websub
    listen_host: str = "127.0.0.1"       # where newsbot serves it (behind your HTTPS proxy)
    listen_port: int = Field(8090, ge=0, le=65535)
    lease: float = 7 * 86400             # lease asked of the hub; renewed before it ends
    poll_interval: float = 3600          # while pushed to, a feed is still polled this often (safety net)
    verify_timeout: float = 300          # a hub that has not verified by then has failed
    retry_after: float = 6 * 3600        # a failed subscription is tried again after this

    _d = field_validator("lease", "poll_interval", "verify_timeout", "retry_after", mode="before")(
        classmethod(lambda cls, v: parse_duration(v)))

    @model_validator(mode="after")
    def _callback_needed(self) -> "WebSubSettings":
        if self.enabled and not (self.callback_url and re.match(r"^https?://[^\s/]+", self.callback_url)):
            raise ValueError("callback_url: set the public http(s) URL hubs can reach when enabled = true")
        return self


class LoggingSettings(_Section):
    format: Literal["text", "json"] = "text"   # json: one object per line, for log collectors


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="NEWSBOT_", env_nested_delimiter="__", extra="forbid", frozen=True
    )

    database: DatabaseSettings = DatabaseSettings()
    run: RunSettings = RunSettings()
    fetch: FetchSettings = FetchSettings()
    scheduler: SchedulerSettings = SchedulerSettings()
    feeds: list[FeedSettings] = Field(default_factory=list)
    topics: list[TopicSettings] = Field(default_factory=list)
    webhooks: list[WebhookSettings] = Field(default_factory=list)
    discord: DiscordSettings = DiscordSettings()
    slack: SlackSettings = SlackSettings()
    metrics: MetricsSettings = MetricsSettings()
    health: HealthSettings = HealthSettings()
    websub: WebSubSettings = WebSubSettings()
    logging: LoggingSettings = LoggingSettings()

    @classmethod
    def settings_customise_sources(
        cls, settings_cls, init_settings, env_settings, dotenv_settings, file_secret_settings
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # The environment wins over the file (init kwargs carry the parsed TOML).
        return (env_settings, init_settings)

    @model_validator(mode="after")
    def _cross_checks(self) -> "Settings":
        names = [t.name for t in self.topics]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"topic names must be unique; repeated: {', '.join(dupes)}")
        urls = [f.url for f in self.feeds]
        dupes = sorted({u for u in urls if urls.count(u) > 1})
        if dupes:
            raise ValueError(f"feed urls must be unique; repeated: {', '.join(dupes)}")
        hooks = {w.name for w in self.webhooks}
        for i, t in enumerate(self.topics):
            for d in t.channels:
                if d.startswith("webhook:") and d.split(":", 1)[1] not in hooks:
                    raise ValueError(f"topics[{i}] ({t.name!r}).channels: no [[webhooks]] entry named "
                                     f"{d.split(':', 1)[1]!r}")
        return self


def find_config(path: str | os.PathLike[str] | None) -> Path | None:
    """--config, else $NEWSBOT_CONFIG, else ./newsbot.toml if it exists."""
    if path:
        return Path(path)
    env = os.environ.get("NEWSBOT_CONFIG")
    if env:
        return Path(env)
    for name in DEFAULT_CONFIG_NAMES:
        if Path(name).is_file():
            return Path(name)
    return None


def no_config_message() -> str:
    """What a command that needs a config says when there is none: where it looked, how to make one."""
    here = Path.cwd() / DEFAULT_CONFIG_NAMES[0]
    return (f"no config file found. Looked for --config PATH (not given), $NEWSBOT_CONFIG (not set) "
            f"and {here} (absent).\n  Create one with `newsbot init` (writes {DEFAULT_CONFIG_NAMES[0]} "
            "with comments), or pass --config PATH.")


def load_settings(path: str | os.PathLike[str] | None = None, *, require_file: bool = False) -> Settings:
    """Read the TOML file (if any) and the environment; every problem becomes a ConfigError.

    With `require_file`, no file at all is an error too (unless the environment names the database,
    as a container does): a service that silently runs with nothing, writing ./newsbot.db wherever
    it was started, is worse than one that says what it needs.
    """
    cfg = find_config(path)
    env = config_errors.env_settings()
    if cfg is None and require_file and not _database_from_env(env):
        raise ConfigError(no_config_message())
    data: dict[str, Any] = {}
    if cfg is not None:
        try:
            data = tomllib.loads(cfg.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"{cfg}: config file not found") from None
        except IsADirectoryError:
            raise ConfigError(f"{cfg}: is a directory, not a config file") from None
        except OSError as e:
            raise ConfigError(f"{cfg}: cannot read ({e.strerror})") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise ConfigError(f"{cfg}: not valid TOML: {e}") from None
    if misspelt := config_errors.misspelt_env_names(Settings, env):
        raise ConfigError("\n  ".join(misspelt))
    if cfg is not None:
        data = _sqlite_path_beside(data, cfg, env)
    try:
        return Settings(**data)
    except ValidationError as e:
        raise ConfigError(config_errors.explain_validation(e, data, cfg, Settings, env)) from None
    except SettingsError as e:
        raise ConfigError(config_errors.explain_env_parse_error(str(e), env)) from None


def _database_from_env(env: dict[tuple[str, ...], str]) -> bool:
    return ("database",) in env or ("database", "url") in env


def _sqlite_path_beside(data: dict[str, Any], cfg: Path, env: dict[tuple[str, ...], str]) -> dict[str, Any]:
    """A relative SQLite path in the file (or the default) means next to the file, not the current
    directory: `newsbot claims -c ../newsbot.toml` must open the database that file's service uses."""
    if _database_from_env(env):
        return data
    section = data.get("database", {})
    if not isinstance(section, dict):
        return data
    url = section.get("url", DatabaseSettings().url)
    if not isinstance(url, str) or not url.startswith(SQLITE_PREFIX):
        return data
    path, sep, query = url[len(SQLITE_PREFIX):].partition("?")
    if not path or path == ":memory:" or path.startswith(("/", "file:")):
        return data
    absolute = (cfg.expanduser().resolve().parent / Path(path).expanduser())
    return {**data, "database": {**section, "url": f"{SQLITE_PREFIX}{absolute}{sep}{query}"}}


def _secret(name: str) -> str | None:
    """Secrets come only from the environment (or a local .env file), never from the TOML file."""
    value = os.environ.get(name)
    if value is None and Path(".env").is_file():
        value = dotenv_values(".env").get(name)
    return value or None


def discord_token() -> str | None:
    return _secret("DISCORD_TOKEN")


def slack_bot_token() -> str | None:
    return _secret("SLACK_BOT_TOKEN")


def slack_signing_secret() -> str | None:
    return _secret("SLACK_SIGNING_SECRET")


def slack_app_token() -> str | None:
    return _secret("SLACK_APP_TOKEN")


def missing_webhook_secrets(settings: Settings) -> list[str]:
    """Env variables named by `[[webhooks]] secret_env` that are not set (for a refusal at start)."""
    return [w.secret_env for w in settings.webhooks if w.secret_env and not w.secret()]
