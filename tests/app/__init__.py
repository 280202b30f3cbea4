"""Tests of bot/app: the use cases every front end shares."""
