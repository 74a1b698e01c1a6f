"""Built-in filters (see TEMPLATES in the settings) marking guests wherever a name shows:
`{{ author.get_full_name }}{{ author|guest_badge }}` adds a visible "Guest" badge after a
guest's name, `{{ author|display_name }}` is the name and the badge in one (for `blocktranslate`'s
variables), `{% if user|is_guest %}` trims what a guest is shown (`core.guests`).

`guest_badge` never queries: a list of names loads its users with `guest_related(...)`
(`select_related`), or the badge is not shown."""

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from core.guests import is_guest as user_is_guest
from core.guests import shows_as_guest

register = template.Library()


@register.filter
def guest_badge(user: Any) -> SafeString | str:
    """` <span class="badge-guest">Guest</span>` after a guest's name; nothing for others."""
    if not shows_as_guest(user):
        return ""
    return format_html(' <span class="badge-guest">{}</span>', _("Guest"))


@register.filter
def display_name(user: Any) -> SafeString | str:
    """A user's full name (else username), then the guest badge if they are one."""
    if user is None:
        return ""
    name = user.get_full_name() or user.get_username()
    return format_html("{}{}", name, guest_badge(user))


@register.filter
def is_guest(user: Any) -> bool:
    """Whether this (signed-in) user is a guest; free for the session's user."""
    return user_is_guest(user)
