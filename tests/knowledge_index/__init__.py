"""Tests of the knowledge_index package (no portal tables involved)."""
