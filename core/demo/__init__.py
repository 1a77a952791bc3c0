"""Demo data: what `cashier demo` and `cashier hq serve --seed-demo` start from."""
