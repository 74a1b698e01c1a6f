"""Run by tests/intranet/test_embedded_scheduler.py in the embedded mode: an editor schedules
a page to go live in two seconds. Prints the page's id."""

from datetime import timedelta

import django

django.setup()

from django.utils import timezone  # noqa: E402
from wagtail.rich_text import RichText  # noqa: E402

from intranet.models import StandardPage  # noqa: E402
from tests.intranet.factories import home_page  # noqa: E402

page = StandardPage(
    title="Fermeture estivale",
    body=[("paragraph", RichText("<p>Le site ferme en août.</p>"))],
    live=False,
    go_live_at=timezone.now() + timedelta(seconds=2),
)
home_page().add_child(instance=page)
page.save_revision().publish()  # a go-live date in the future: scheduled, not published
page.refresh_from_db()
assert not page.live and page.latest_revision.approved_go_live_at is not None
print(page.pk)
