"""The languages content is written in (a page's `language`)."""

from django.utils.translation import gettext_lazy as _

CONTENT_LANGUAGES = [("fr", _("French")), ("en", _("English"))]
