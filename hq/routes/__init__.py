"""HQ's HTTP routes, one module per concept."""
