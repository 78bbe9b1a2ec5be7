"""An in-process Telegram Bot API emulator for tests, the playground and benchmarks.

Bots talk to it over real HTTP exactly as to api.telegram.org, so the production
client code paths (aiogram's or python-telegram-bot's) are what gets exercised.
"""

from emulator.emulator import Emulator
from emulator.faults import Fault, FaultPlan
from emulator.flood import FloodGate, FloodLimits, TokenBucket
from emulator.models import BotMessage, Button, Document, Photo, RecordedCall
from emulator.users import SimUser
from emulator.webhook_delivery import Delivery, WebhookRetry

__all__ = [
    "BotMessage",
    "Button",
    "Delivery",
    "Document",
    "Emulator",
    "Fault",
    "FaultPlan",
    "FloodGate",
    "FloodLimits",
    "Photo",
    "RecordedCall",
    "SimUser",
    "TokenBucket",
    "WebhookRetry",
]
