"""The bot's one HTTP server and what it serves: the Mini App's page, its API and sign-in.

Everything here is shell: requests are checked (bot.web.auth), turned into calls of
bot.web.backend, and answered as JSON; no rule of the programme is decided here.
"""
