"""Customer self-service portal for managed device service."""
