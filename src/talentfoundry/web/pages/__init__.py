"""Server-rendered HTML pages (Jinja2). Handlers build a context; templates render it."""
