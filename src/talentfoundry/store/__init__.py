"""Persistence: SQLAlchemy 2 models, the database engine, Alembic migrations.

Only ``services`` import this package; the web layer and the engines never do.
"""
