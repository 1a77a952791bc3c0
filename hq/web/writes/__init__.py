"""Back-office changes to reference data (staff, members): checked whole, then written in one transaction."""
