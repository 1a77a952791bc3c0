"""A station that lost or restored its database never reissues a number.

- registration.py: the fact "this station has taken numbers from HQ", kept in a file outside the database
- gate.py: on every selling open, decide whether the database must wait for HQ before its next number
- the store's half is core/store/resume.py, HQ's answer is applied by core/sync/resume.py
"""
