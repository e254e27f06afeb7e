"""FastAPI application: the JSON API under /api/v1 and the HTML pages. Calls services only."""
