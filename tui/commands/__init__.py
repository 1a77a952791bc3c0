"""One module per `cashier` sub-command; each exposes `register(subparsers)`.

Commands import their heavy dependencies inside their handlers so `cashier --version` stays instant.
"""
