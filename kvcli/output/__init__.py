"""Formatters: turn model objects into text for people and machines. No I/O here."""
