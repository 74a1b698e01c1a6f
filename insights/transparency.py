"""What the page every employee can read says about the listening loop (insights:transparency).

The page's text lives in its template; this gives it the figures and switches as they are
now, read from `insights.privacy` (the floor, the quote rule, the works-council switches), so
that what it promises is what the code does.
"""

from __future__ import annotations

from typing import Any

from insights.privacy import (
    agreement,
    frustration_analysis_on,
    min_people,
    quote_min_people,
    team_breakdowns_on,
    turned_off_by_server,
)


def what_we_analyse() -> dict[str, Any]:
    """The page's context: the floors, each switch (on, and whether the server turned it off
    for good), and the works-council agreement the administrators named."""
    server_off = turned_off_by_server()
    return {
        "floor": min_people(),
        "quote_floor": quote_min_people(),
        "team_breakdowns": team_breakdowns_on(),
        "frustration_analysis": frustration_analysis_on(),
        "team_breakdowns_server_off": server_off["team_breakdowns"],
        "frustration_analysis_server_off": server_off["frustration_analysis"],
        "agreement": agreement(),
    }
