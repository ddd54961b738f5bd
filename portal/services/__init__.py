"""Business rules of the portal: plain functions, no Reflex import."""
