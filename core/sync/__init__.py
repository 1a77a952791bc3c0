"""Sync with HQ: the HTTP client, the connectivity watcher, the outbox uploader and the data pull,
owned by one SyncService that reports only through events."""
