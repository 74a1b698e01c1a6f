import pytest


@pytest.fixture(autouse=True)
def _english(english):
    """Messages are asserted in English (the source language) unless a test chooses."""
