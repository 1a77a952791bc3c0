"""Backups of the station database, to `[backup] dir` (a second disk, a USB stick).

- copy.py: one backup: SQLite's online backup API into a temporary name, marked "restored" for whoever
  puts it back (core/store/resume.py), integrity_check, fsync, then the rename; never a half file
- rotation.py: the backups in a folder, newest first, and pruning to `keep`
- state.py: the last success and the last failure, for the doctor and the devices screen (F7)
- schedule.py: "every few minutes while selling", driven by the injected clock
- restore.py: `cashier restore FILE`, refused while a till sells
"""
