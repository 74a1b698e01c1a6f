"""My notifications and my notification preferences; every view is for the signed-in person
and touches only their own rows (the middleware sends anonymous visitors to sign in)."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from notifications import selectors, services
from notifications.forms import PreferenceForm

PAGE_SIZE = 20


@require_GET
def notification_list(request):
    page = Paginator(selectors.notices_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    notices = selectors.with_availability(request.user, page.object_list)
    return render(request, "notifications/list.html", {"page_obj": page, "notices": notices})


def _back(request):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect("notifications:list")


@require_POST
def mark_read(request, notification_id: int):
    if not services.mark_read(user=request.user, notification_id=notification_id):
        raise Http404
    return _back(request)


@require_POST
def mark_all_read(request):
    services.mark_all_read(user=request.user)
    messages.success(request, _("All your notifications are marked as read."))
    return _back(request)


@require_http_methods(["GET", "POST"])
def preferences(request):
    current = selectors.preference_for(request.user)
    form = PreferenceForm(
        request.POST or None,
        initial={"cadence": current.cadence, "language": current.language, "push": current.push},
    )
    if request.method == "POST" and form.is_valid():
        services.save_preference(
            user=request.user,
            cadence=form.cleaned_data["cadence"],
            language=form.cleaned_data["language"],
            # Offered only when the site pushes: otherwise the choice is left as it was.
            push=form.cleaned_data["push"] if selectors.push_enabled() else None,
        )
        messages.success(request, _("Your notification preferences are saved."))
        return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {
            "form": form,
            "push_available": selectors.push_enabled(),
            "vapid_public_key": settings.WEBPUSH_VAPID_PUBLIC_KEY,
            "push_browsers": selectors.push_subscriptions_of(request.user).count(),
        },
    )
