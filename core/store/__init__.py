"""The offline repository: the station's SQLite database and the queries on it.

`Database` (SQLAlchemy, SQLModel) is imported on first use, so the stdlib-only readers here
(core.store.staff_light) stay light: importing this package must not pull the engine in."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from core.store.database import Database

__all__ = ["Database"]


def __getattr__(name: str) -> Any:
    if name == "Database":
        from core.store.database import Database

        return Database
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
