"""Discord: the bot client and its slash-command cogs (client.py, cogs/), alerts as embeds (embed.py)
posted by sender.py or through a webhook (webhook.py). Only modules in this folder import discord.py."""
