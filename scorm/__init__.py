"""SCORM packages: filled by its own issue; no models yet."""
