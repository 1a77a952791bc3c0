"""HQ's schema revisions, one module each, applied in order by Alembic (see hq.migrations)."""
