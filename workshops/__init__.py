"""Workshops: filled by its own issue; no models yet."""
