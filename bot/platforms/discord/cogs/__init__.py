"""One cog per feature: claims and recent alerts, topics, feeds, subscriptions."""
