"""The demo's clock and dice: every date is relative to the day `load_demo` runs, and every
random choice comes from one seeded generator, so two loads on the same day tell the same story."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

DEFAULT_SEED = 2026
WEEKS_OF_LIFE = 12


@dataclass
class DemoCalendar:
    """Today, the demo's twelve weeks of history, and a seeded random generator."""

    today: date = field(default_factory=timezone.localdate)
    seed: int = DEFAULT_SEED
    rng: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)  # noqa: S311 - a story, not a secret

    def for_part(self, name: str) -> DemoCalendar:
        """A calendar with its own generator for one part of the demo, so adding people to one
        part never changes the random choices of another."""
        return DemoCalendar(today=self.today, seed=hash_seed(self.seed, name))

    def days_ago(self, days: float, *, hour: int = 10) -> datetime:
        """An aware datetime `days` before today, at `hour` o'clock local time."""
        day = self.today - timedelta(days=int(days))
        return timezone.make_aware(datetime.combine(day, time(hour=hour)))

    def days_ahead(self, days: float, *, hour: int = 10) -> datetime:
        return self.days_ago(-days, hour=hour)

    def random_moment(
        self, *, newest_days_ago: float = 0, oldest_days_ago: float = 7 * WEEKS_OF_LIFE
    ) -> datetime:
        """A working-hours moment between the two bounds, drawn from this part's generator."""
        days = self.rng.uniform(newest_days_ago, oldest_days_ago)
        hour = self.rng.randint(8, 18)
        minute = self.rng.randint(0, 59)
        return self.days_ago(days, hour=hour) + timedelta(minutes=minute)


def hash_seed(seed: int, name: str) -> int:
    """A stable seed for one named part (Python's `hash` of a str changes between runs)."""
    value = seed
    for character in name:
        value = (value * 131 + ord(character)) % (2**31)
    return value
