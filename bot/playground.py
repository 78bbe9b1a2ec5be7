"""A local chat with the bot: emulator + bot + terminal, on the embedded SQLite; nothing leaves
the machine. A person types as a master, a unit contact or agency staff, and switches at will.

Whatever is typed goes to the bot as text (an identity number, a count, a year), except lines
starting with ":" (the playground's own commands, ``:3`` presses button 3) or "#" (``#3``, the
same press). Documents the bot sends are saved under ``data/playground-downloads/``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from bot.app import BotApp
from bot.settings import Settings
from bot.web.links import signed_link
from bot.web.server import parse_listen
from emulator import BotMessage, Emulator, SimUser
from handlers.review.console_link import CONSOLE_QUERY

HELP = """Type a message or a /command and press Enter; everything you type is sent as text.
  :1, :2, … (or #1)  press button number N of the latest message that has buttons
  :as master|unit|staff   switch who you are (each has its own chat)
  :file PATH         send a file (as a document)
  :photo PATH        send a picture
  :help              this text
  :quit              leave (Ctrl-D works too)
Documents the bot sends are saved in data/playground-downloads/."""
DOWNLOADS = Path("data") / "playground-downloads"
_PRESS = re.compile(r"[:#](\d+)")


@dataclass(frozen=True)
class Persona:
    name: str
    user_id: int
    first_name: str


PERSONAS = {
    "master": Persona("master", 10_001, "王师傅"),
    "unit": Persona("unit", 10_002, "李联络员"),
    "staff": Persona("staff", 10_003, "经办人"),
}


def render(who: str, message: BotMessage, saved: Path | None = None) -> str:
    head = f"\n── bot → {who}{' (edited)' if message.edited else ''} ──"
    lines = [head, message.plain]
    if message.document is not None:
        where = f" saved to {saved}" if saved is not None else ""
        lines.append(f"[document: {message.document.file_name}]{where}")
    labels = [b.text for row in message.buttons for b in row]
    lines += [f"  [{i}] {label}" for i, label in enumerate(labels, 1)]
    return "\n".join(lines)


class Playground:
    def __init__(
        self, settings: Settings, out: object = sys.stdout, downloads: Path = DOWNLOADS
    ) -> None:
        self.emu = Emulator()
        self.settings = settings
        self.out = out
        self.downloads = downloads
        self._saved: dict[tuple[int, int], Path] = {}
        self.current = PERSONAS["master"]
        self.users: dict[str, SimUser] = {}
        self._seen: dict[str, int] = {}

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)  # type: ignore[call-overload]

    async def run(self) -> None:
        await self.emu.start()
        staff = frozenset({*self.settings.staff_ids, PERSONAS["staff"].user_id})
        settings = self.settings.model_copy(
            update={
                "bot_token": self.emu.token,
                "telegram_api_url": self.emu.base_url,
                "staff_ids": staff,
                "chat_rate": 1000.0,
                "send_rate": 1000.0,
                **web_settings(self.settings),
            }
        )
        for persona in PERSONAS.values():
            self.users[persona.name] = self.emu.user(persona.user_id, persona.first_name, "zh")
            self._seen[persona.name] = 0
        app, stop = BotApp(settings), asyncio.Event()
        bot_task = asyncio.create_task(app.run(stop))
        watcher = asyncio.create_task(self._watch())
        try:
            await app.ready.wait()
            self.say(
                f"Playground: local Bot API emulator at {self.emu.base_url}, "
                f"database {settings.database_url}\n{HELP}\nYou are: {self.current.name}"
            )
            self.say(self._links(settings))
            await self._send("/start")
            await self._repl()
        finally:
            stop.set()
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher
            await bot_task
            await self.emu.stop()

    def _links(self, settings: Settings) -> str:
        """Per persona, the Mini App signed as them, to open in a browser (valid for a day)."""
        base, token = settings.webapp_base, settings.bot_token
        if base is None or token is None:
            return ""
        lines = ["Mini App (open in a browser, signed as each persona):"]
        for persona in PERSONAS.values():
            link = signed_link(
                base, token, persona.user_id, persona.first_name, "form=application"
            )
            lines.append(f"  {persona.name}: {link}")
        master = PERSONAS["master"]
        link = signed_link(base, token, master.user_id, master.first_name, "form=check")
        lines.append(f"  master, eligibility check: {link}")
        staff = PERSONAS["staff"]
        link = signed_link(base, token, staff.user_id, staff.first_name, CONSOLE_QUERY)
        lines.append(f"  staff, review console: {link}")
        return "\n".join(lines)

    async def _watch(self) -> None:
        """Print what reaches any persona, including notices to the ones not in front."""
        while True:
            for name, user in self.users.items():
                marker = user.mark()
                if marker > self._seen[name]:
                    for message in user.since(self._seen[name]):
                        self.say(render(name, message, self._save(message)))
                    self._seen[name] = marker
            await asyncio.sleep(0.1)

    def _save(self, message: BotMessage) -> Path | None:
        """Write a document the bot sent to the downloads folder, once per message."""
        document = message.document
        if document is None:
            return None
        key = (message.chat_id, message.message_id)
        if key not in self._saved:
            self._saved[key] = _write_new(self.downloads, document.file_name, document.content)
        return self._saved[key]

    async def _repl(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            line = await loop.run_in_executor(None, sys.stdin.readline)
            if not line:
                return
            line = line.strip()
            if line in (":quit", ":q"):
                return
            if line:
                await self._dispatch(line)

    async def _dispatch(self, line: str) -> None:
        user = self.users[self.current.name]
        try:
            if line.startswith(":as "):
                self._switch(line[4:].strip())
            elif line == ":help":
                self.say(HELP)
            elif line.startswith(":file "):
                name, data = await asyncio.to_thread(_read, line[6:])
                await user.exchange(user.send_document(data, file_name=name))
            elif line.startswith(":photo "):
                _, data = await asyncio.to_thread(_read, line[7:])
                await user.exchange(user.send_photo(data))
            elif press := _PRESS.fullmatch(line):
                await self._press(user, int(press.group(1)))
            elif line.startswith(":"):
                self.say(f"(playground) unknown command {line.split()[0]}; :help lists them")
            else:
                await self._send(line)
        except (LookupError, OSError, ValueError) as exc:
            self.say(f"(playground) {exc}")
        await asyncio.sleep(0.15)

    def _switch(self, name: str) -> None:
        if name not in PERSONAS:
            self.say(f"(playground) choose one of: {', '.join(PERSONAS)}")
            return
        self.current = PERSONAS[name]
        self.say(f"(playground) you are now: {name}")

    async def _send(self, text: str) -> None:
        await self.users[self.current.name].ask(text)

    async def _press(self, user: SimUser, number: int) -> None:
        latest = next((m for m in reversed(user.inbox) if m.buttons), None)
        labels = [b for row in latest.buttons for b in row] if latest else []
        if not 1 <= number <= len(labels):
            raise LookupError(f"no button [{number}] on the latest message")
        button = labels[number - 1]
        if button.callback_data is None:
            raise LookupError(f"[{number}] is a link: {button.url}")
        assert latest is not None
        await user.exchange(user.press_data(button.callback_data, latest.message_id))


def web_settings(settings: Settings) -> dict[str, object]:
    """The Mini App on this machine only: at HTTP_LISTEN's port, or a free one if that is taken."""
    port = _free_port(parse_listen(settings.http_listen)[1])
    return {"http_listen": f"127.0.0.1:{port}", "webapp_url": f"http://127.0.0.1:{port}"}


def _free_port(wanted: int) -> int:
    for candidate in (wanted, 0):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", candidate))
            except OSError:
                continue
            return int(probe.getsockname()[1])
    raise OSError("no free port on 127.0.0.1")


def _write_new(directory: Path, name: str, content: bytes) -> Path:
    """``directory/name``, or ``name-2``, ``name-3`` … when taken; never overwrites."""
    directory.mkdir(parents=True, exist_ok=True)
    safe = Path(name).name or "document"
    path, n = directory / safe, 1
    while path.exists():
        n += 1
        path = directory / f"{Path(safe).stem}-{n}{Path(safe).suffix}"
    path.write_bytes(content)
    return path


def _read(text: str) -> tuple[str, bytes]:
    path = Path(text.strip()).expanduser()
    return path.name, path.read_bytes()


def _log_to_file(directory: Path) -> Path:
    """The terminal is the chat; the bot's own log goes to a file beside the database."""
    directory.mkdir(parents=True, exist_ok=True)
    log_file = directory / "playground.log"
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, logging.StreamHandler) and not isinstance(
            handler, logging.FileHandler
        ):
            root.removeHandler(handler)
    file_handler = logging.FileHandler(log_file, encoding="utf-8")
    file_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(file_handler)
    return log_file


def run_playground(settings: Settings) -> int:
    log_file = _log_to_file(Path("data"))
    print(f"(bot log: {log_file})")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(Playground(settings).run())
    return 0
