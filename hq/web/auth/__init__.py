"""Back-office sign-in: passwords, users (with lockout) and browser sessions."""
