"""One module per page group; each has a `router`."""
