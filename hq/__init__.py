"""The reference headquarters server (FastAPI + SQLModel) the stations sync with."""
