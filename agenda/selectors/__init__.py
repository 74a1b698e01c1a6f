"""Reads of the events app: `access` (who reads, plans, runs) and `events` (lists)."""
