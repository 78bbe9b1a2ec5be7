"""One thin adapter per framework. aiogram's types are built on first use, not at its import
(lazy_aiogram), so the hook goes in before anything here can import aiogram."""

from bot.runtimes.lazy_aiogram import defer_aiogram_builds

defer_aiogram_builds()
