"""The sign-in form: Django's, with the attributes phones need to type a username."""

from typing import Any

from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class SignInForm(AuthenticationForm):
    """Django's sign-in form (`autocomplete` username and current-password set by Django);
    the username is neither capitalised nor spell-checked by phones' keyboards."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username")
        self.fields["password"].label = _("Password")
        self.fields["username"].widget.attrs.update(
            {"autocapitalize": "none", "spellcheck": "false", "autocorrect": "off"}
        )
