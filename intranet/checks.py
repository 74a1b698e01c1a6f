"""System checks for settings that would silently undo a protection."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security)
def documents_are_served_through_the_privacy_check(app_configs, **kwargs):
    """`redirect` and `direct` send browsers to the storage's own URL, which no one checks."""
    method = getattr(settings, "WAGTAILDOCS_SERVE_METHOD", None)
    if method == "serve_view":
        return []
    return [
        Error(
            f"WAGTAILDOCS_SERVE_METHOD is {method!r}: documents would bypass the privacy of "
            "the pages that use them.",
            hint='Set WAGTAILDOCS_SERVE_METHOD = "serve_view".',
            id="intranet.E001",
        )
    ]
