"""One module per screen; each talks to the Station only through thread workers and messages."""
