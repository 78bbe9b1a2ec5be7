"""One module per kind of reminder; `scheduler.sweep` runs them all."""
