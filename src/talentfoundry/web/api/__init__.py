"""JSON API, version 1, mounted under /api/v1."""
