"""Project discovery, file selection, the runner, notes, plans and formatting; nothing about users."""
