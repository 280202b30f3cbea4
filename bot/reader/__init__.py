"""Reading feeds: fetch politely and safely, parse, identify entries, fetch full text.

    async with Fetcher(allow_private=False) as fetcher:          # fetcher.py (+ addresses.py)
        result = await fetcher.fetch_feed(url, etag=..., last_modified=...)   # FetchResult / FetchError
    if result.status != 304:
        feed = await parse_feed_isolated(result.body, result.final_url,   # parse_isolated.py: ParsedFeed /
                                         content_type=result.content_type)  # FeedParseError
    due = next_check(now, interval_s=..., max_age_s=result.max_age_s,   # schedule.py
                     ttl_s=feed.ttl_s, error_count=...)
    text = await fetch_fulltext(fetcher, entry.link) if is_teaser(entry) else entry.text   # fulltext.py

Every error carries a `.reason` that is safe to store on the feed and show in chat.
"""
