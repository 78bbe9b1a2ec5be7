"""The studio application (Art. 5 and 6): `/apply`, the deep link `/start apply`, and the menu."""

from handlers.application.flow import ApplicationFlow

__all__ = ["ApplicationFlow"]
