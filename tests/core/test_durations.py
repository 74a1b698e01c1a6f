"""Durations read as people say them, at the precision that matters, in French and English."""

from datetime import timedelta

import pytest
from django.utils import translation

from core.durations import human_duration

CASES = [
    (timedelta(seconds=41.474851), "41 seconds", "41 secondes"),
    (timedelta(seconds=1), "1 second", "1 seconde"),
    (timedelta(seconds=0.4), "less than a second", "moins d’une seconde"),
    (timedelta(minutes=1, seconds=20), "1 minute", "1 minute"),
    (timedelta(minutes=17, seconds=59), "17 minutes", "17 minutes"),
    (timedelta(hours=2, minutes=5, seconds=30), "2 h 5 min", "2 h 5 min"),
    (timedelta(hours=4), "4 h", "4 h"),
    (timedelta(days=1, hours=3, minutes=20), "1 day 3 h", "1 jour 3 h"),
    (timedelta(days=2), "2 days", "2 jours"),
    (timedelta(days=3, hours=5), "3 days", "3 jours"),
    (timedelta(days=3, hours=13), "4 days", "4 jours"),
    (timedelta(days=45), "45 days", "45 jours"),
]


@pytest.mark.parametrize(("delay", "english", "french"), CASES)
def test_a_duration_reads_naturally_in_both_languages(delay, english, french):
    with translation.override("en"):
        assert human_duration(delay) == english
    with translation.override("fr"):
        assert human_duration(delay) == french


def test_no_duration_is_a_dash():
    assert human_duration(None) == "—"
