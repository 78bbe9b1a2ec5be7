"""Scripted failures, so tests can prove the bot survives a flaky Telegram."""

from __future__ import annotations

from dataclasses import dataclass

STATUS_TEXT: dict[int, str] = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


@dataclass
class Fault:
    """One scripted failure; `times=None` keeps it active until cleared."""

    method: str
    status: int | None = None
    retry_after: int | None = None
    delay: float | None = None
    times: int | None = 1
    chat_id: int | None = None
    description: str | None = None

    def matches(self, method: str, chat_id: int | None) -> bool:
        if self.method.lower() != method.lower():
            return False
        return self.chat_id is None or self.chat_id == chat_id

    def text(self) -> str:
        """Telegram's wording, so client-side error matching is exercised for real."""
        if self.description is not None:
            return self.description
        if self.status == 429:
            return f"Too Many Requests: retry after {self.retry_after or 1}"
        return STATUS_TEXT.get(self.status or 500, "Internal Server Error")


class FaultPlan:
    """Faults are consumed first-added-first, which keeps multi-step scripts readable."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []

    def add(
        self,
        method: str,
        status: int | None = None,
        retry_after: int | None = None,
        delay: float | None = None,
        times: int | None = 1,
        chat_id: int | None = None,
        description: str | None = None,
    ) -> Fault:
        if status is None and delay is None:
            raise ValueError("a fault needs a status or a delay")
        if status == 429 and retry_after is None:
            retry_after = 1
        fault = Fault(method, status, retry_after, delay, times, chat_id, description)
        self._faults.append(fault)
        return fault

    def take(self, method: str, chat_id: int | None) -> Fault | None:
        """Consume one use of the first matching fault."""
        for fault in self._faults:
            if fault.matches(method, chat_id):
                if fault.times is not None:
                    fault.times -= 1
                    if fault.times <= 0:
                        self._faults.remove(fault)
                return fault
        return None

    def clear(self) -> None:
        self._faults.clear()

    def __len__(self) -> int:
        return len(self._faults)
