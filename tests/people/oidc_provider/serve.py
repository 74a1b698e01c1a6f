"""Run the test identity provider: `python -m tests.people.oidc_provider.serve PORT CONFIG`.

CONFIG is a JSON file: {"db": path, "client_id", "client_secret", "redirect_uri",
"users": [{"username", "email", "password", "first_name", "last_name"}]}. Prints "ready"
once it accepts connections.
"""

import json
import os
import sys
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the signature of the base class
        pass


def main() -> None:
    port, config = int(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text())
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.people.oidc_provider.settings"
    os.environ["OIDC_PROVIDER_DB"] = config["db"]
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    for person in config["users"]:
        User.objects.create_user(**person)
    Application.objects.create(
        name="Ruche",
        client_id=config["client_id"],
        client_secret=config["client_secret"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=config["redirect_uri"],
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    server = make_server("127.0.0.1", port, get_wsgi_application(), handler_class=QuietHandler)
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
