"""A challenge's events: its owner plans them with the agenda's form (and picks the ideas
they work on); the old workshop addresses lead to the events."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from agenda.selectors.events import can_create_event, event_for
from agenda.services.events import EventError
from core.models import ExternalKey
from ideas.event_host import OLD_WORKSHOP_KIND
from ideas.forms import ChallengeEventForm
from ideas.services import IdeasError, plan_challenge_event

from .common import visible_challenge


@require_http_methods(["GET", "POST"])
def challenge_event_new(request, challenge_id: int):
    """The owner plans an event of the challenge (404 to everyone else)."""
    challenge = visible_challenge(request, challenge_id)
    if not can_create_event(request.user, challenge):
        raise Http404
    form = ChallengeEventForm(request.POST or None, challenge=challenge)
    if request.method == "POST" and form.is_valid():
        try:
            event = plan_challenge_event(
                user=request.user,
                challenge=challenge,
                details=form.details(),
                idea_ids=[idea.pk for idea in form.cleaned_data["ideas"]],
            )
        except (EventError, IdeasError) as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The event is planned."))
            return redirect(event.get_absolute_url())
    return render(
        request,
        "agenda/event_form.html",
        {
            "form": form,
            "host": challenge,
            "host_caption": _("For the challenge “%(title)s”") % {"title": challenge.title},
            "event": None,
        },
    )


@require_safe
def workshops_moved(request, challenge_id: int):
    """The old workshops page: the challenge's events, on its page (404 as the challenge)."""
    challenge = visible_challenge(request, challenge_id)
    return redirect(f"{challenge.url}#events", permanent=True)


@require_POST
def workshop_sign_up_moved(request, workshop_id: int):
    """The old "sign up" of a workshop: answering its event (308 keeps the POST, and
    `action=cancel` means giving the place back there too); 404 to whoever may not read it."""
    key = ExternalKey.objects.filter(kind=OLD_WORKSHOP_KIND, key=str(workshop_id)).first()
    if key is None or event_for(request.user, int(key.object_id)) is None:
        raise Http404
    target = reverse("events:event_rsvp", args=[int(key.object_id)])
    return redirect(target, permanent=True, preserve_request=True)
