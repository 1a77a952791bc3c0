"""The offline repository: the station's SQLite database and the queries on it."""

from core.store.database import Database

__all__ = ["Database"]
