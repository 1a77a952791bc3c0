"""The cashier's terminal: the Textual app and the `cashier` command line."""
