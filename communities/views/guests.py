"""Animators invite an outside expert into their community."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from communities.selectors.access import can_animate, communities_visible_to
from communities.services.guests import invite_guest_into
from people.guests import GuestError


class GuestInvitationForm(forms.Form):
    # Someone else's name and address: the browser must not offer the animator's own.
    first_name = forms.CharField(
        label=gettext_lazy("First name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    last_name = forms.CharField(
        label=gettext_lazy("Last name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    email = forms.EmailField(
        label=gettext_lazy("Email"),
        widget=forms.EmailInput(
            attrs={"autocomplete": "off", "inputmode": "email", "spellcheck": "false"}
        ),
    )
    access_until = forms.DateField(
        label=gettext_lazy("Access until (included)"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("At most one year from today. You can end it earlier."),
    )


@require_http_methods(["GET", "POST"])
def invite_guest(request, slug: str):
    """Animators only; anyone else gets 404 as for a page that does not exist."""
    community = communities_visible_to(request.user).filter(slug=slug).first()
    if community is None or not can_animate(request.user, community):
        raise Http404
    form = GuestInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            guest = invite_guest_into(community=community, by=request.user, **form.cleaned_data)
        except GuestError as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s: they join “%(community)s” when they accept.")
                % {"email": guest.email, "community": community.name},
            )
            return redirect(community.get_absolute_url())
    return render(request, "communities/invite_guest.html", {"form": form, "community": community})
