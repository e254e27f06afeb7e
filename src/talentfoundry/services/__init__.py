"""Use cases: the only layer that combines the store with the engines.

Every function takes a SQLAlchemy ``Session`` (the unit of work, committed by the caller) and, where
access matters, the acting ``User``; it raises :mod:`talentfoundry.domain.errors` for anything a
person did wrong. The web layer and the CLI call these and nothing below them.
"""
