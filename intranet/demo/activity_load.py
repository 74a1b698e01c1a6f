"""The demo's participation and listening story, added by `load_demo` once the people, the
news and the communities exist: the ideas hub's twelve weeks, the searches, and the
listening loop that reads them. Each part runs once (a second load adds nothing)."""

from __future__ import annotations

from insights.privacy import remembered
from intranet.demo.activity_cast import demo_cast
from intranet.demo.calendar import DemoCalendar
from intranet.demo.ideas import add_demo_ideas
from intranet.demo.listening import add_demo_listening
from intranet.demo.search_logs import add_demo_search_logs


def add_demo_activity(calendar: DemoCalendar | None = None) -> list[str]:
    """Generate the activity on whoever works here now; returns what it added, a line each.

    `load_demo` runs it with the background tasks held (`intranet.demo.held_tasks`). The
    listening part comes last: its KPI snapshots and signals are computed over the
    ideas and searches written before it.
    """
    calendar = calendar or DemoCalendar()
    cast = demo_cast()
    lines: list[str] = []
    # The works-council switches are read once for the whole load, not once per figure.
    with remembered():
        lines += add_demo_ideas(calendar, cast)
        lines += add_demo_search_logs(calendar, cast)
        lines += add_demo_listening(calendar, cast)
    return lines
