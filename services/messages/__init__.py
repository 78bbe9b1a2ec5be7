"""What the bot can say and how it says it: actions, keyboards, button payloads, texts."""
