"""Courses: filled by its own issue; no models yet."""
