"""Talent Foundry: hybrid tech career fairs and academia-to-industry talent pipelines.

Layers, in import order (nothing imports upward):
``domain`` -> ``matching | scheduling | placement`` (pure engines) -> ``store`` -> ``services``
-> ``web | cli``.
"""

__version__ = "0.1.0"
