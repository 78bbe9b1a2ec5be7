"""Webhook mode: Telegram pushes each update to the bot's one HTTP server."""

from bot.webhook.endpoint import webhook_route
from bot.webhook.health import Health, health_route
from bot.webhook.register import register_webhook

__all__ = ["Health", "health_route", "register_webhook", "webhook_route"]
