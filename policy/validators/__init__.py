"""Field validators: each returns the normalised value or raises :class:`FieldError`."""
