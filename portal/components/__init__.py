"""Small pure UI functions."""
