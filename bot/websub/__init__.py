"""WebSub (W3C): publishers that run a hub push new content to newsbot instead of waiting for a poll."""
