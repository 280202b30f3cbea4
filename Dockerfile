# newsbot as a service: `docker run -v newsbot-data:/data -v ./newsbot.toml:/config/newsbot.toml:ro
#   -e DISCORD_TOKEN=... newsbot`
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    NEWSBOT_CONFIG=/config/newsbot.toml \
    NEWSBOT_DATABASE__URL=sqlite+aiosqlite:////data/newsbot.db

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY config ./config
COPY seeds ./seeds
RUN pip install . && useradd --create-home --uid 10001 newsbot && mkdir -p /data /config \
    && chown newsbot:newsbot /data

USER newsbot
VOLUME ["/data"]
EXPOSE 3000
CMD ["newsbot", "run"]
