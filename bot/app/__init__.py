"""The use cases every front end shares: add a feed, test a topic, subscribe, read the claims...

Discord, Slack and the CLI only parse what the user typed into arguments, build a `Caller`, call one
function here and render what comes back. Each rule (the URL guard, quotas, duplicate checks, who may
see what) is written once, so the same request gets the same answer everywhere. A refusal is a
`Refused` exception whose `message` a user can read; nothing here knows a chat SDK.
"""
