"""Members: the custom user (email sign-in), profile, roles, data export."""
