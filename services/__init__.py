"""The use cases, once: chat, CLI, scheduler and web pages all call these."""
