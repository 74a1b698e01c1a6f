"""Run in the embedded mode (tests/intranet/test_embedded_demo.py): after `load_demo`, each
demo account reads the main pages; prints {username: {path: status}} as JSON."""

import json

import django

django.setup()

from django.contrib.auth.models import User  # noqa: E402 - after django.setup()
from django.test import Client  # noqa: E402

from intranet.management.commands.load_demo import DEMO_ACCOUNTS  # noqa: E402

PAGES = ["/", "/?page=2", "/people/", "/search/?q=t%C3%A9l%C3%A9travail", "/communities/"]
PAGES += ["/news/must-reads/", "/notifications/", "/insights/teams/", "/insights/pulse/"]

statuses: dict[str, dict[str, int]] = {}
client = Client(HTTP_HOST="127.0.0.1")
for username, *_rest in DEMO_ACCOUNTS:
    client.force_login(User.objects.get(username=username))
    statuses[username] = {path: client.get(path).status_code for path in PAGES}
print(json.dumps(statuses))
