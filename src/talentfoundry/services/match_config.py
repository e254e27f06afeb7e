"""Which settings each database's match index follows: dense embeddings and where it is saved.

The app (``web/app.create_app``) and the CLI commands that build an index (``foundry index``) say
so once, where they open the engine (:func:`configure`); nothing in the matching services reads
the environment. A database nobody configured (a test's service-level checks) gets dense
embeddings off and an index that is not saved.

Dense embeddings are off in the platform unless ``Settings.dense`` says otherwise: on a few CPU
cores they cost minutes for little gain on our development set (docs/benchmarks/matching.md).
"""

from __future__ import annotations

import threading

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from talentfoundry.config import Settings
from talentfoundry.matching.dense import DENSE_ENV, Encoder, NullEncoder, get_encoder

__all__ = ["configure", "encoder_for", "product_encoder", "settings_for"]

_PRODUCT_DEFAULT_OFF = NullEncoder(
    f"off by default in the platform: too slow on a few CPU cores; set {DENSE_ENV}=auto to use it",
    advice="",
)

_CONFIGURED: dict[str, Settings] = {}
_LOCK = threading.Lock()


def configure(engine: Engine, settings: Settings) -> None:
    """The settings the index of ``engine``'s database follows (``dense``, ``index_dir``). Keyed
    by the database's URL, as the indexes are: sessions may be bound to copies of the engine
    (``execution_options``) that are other objects."""
    with _LOCK:
        _CONFIGURED[str(engine.url)] = settings


def settings_for(url_key: str) -> Settings | None:
    """The settings configured for the database whose URL renders as ``url_key``, if any."""
    with _LOCK:
        return _CONFIGURED.get(url_key)


def product_encoder(settings: Settings | None = None) -> Encoder:
    """The dense encoder the product uses: ``settings.dense`` if set, else off (see above)."""
    setting = settings.dense if settings is not None else None
    return get_encoder(setting) if setting else _PRODUCT_DEFAULT_OFF


def encoder_for(db: Session) -> Encoder:
    """The dense encoder configured for ``db``'s database (:func:`configure`)."""
    return product_encoder(settings_for(str(db.get_bind().url)))
