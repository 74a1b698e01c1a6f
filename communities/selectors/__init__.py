"""Reads: who may see what (access), and the lists pages and the API show."""
