"""Directory, profiles, teams, org chart and kudos: thin views over services and selectors."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.images import with_renditions
from core.ratelimits import rate_limited
from people import selectors, services
from people.forms import DirectoryFilterForm, HRProfileForm, KudosForm, ProfileForm
from people.models import Profile, Team

PAGE_SIZE = 24
# Colleagues shown beside a person in the org chart; the manager's chart shows them all.
ORG_CHART_PEERS = 12


def _profile(request, username: str) -> Profile:
    """A person's profile; people who left are visible to HR only."""
    profile = get_object_or_404(
        with_renditions(
            Profile.objects.select_related("user", "team", "manager__user"), "photo", "portrait"
        ),
        user__username=username,
    )
    if not profile.is_active and not selectors.is_hr(request.user):
        raise Http404
    return profile


@require_GET
def directory(request):
    """Everyone: the people directory with filters, sorting and pagination."""
    form = DirectoryFilterForm(request.GET or None, choices=selectors.directory_choices())
    filters = form.filters()
    people = selectors.directory(**filters)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "people/directory.html",
        {
            "form": form,
            "page_obj": page,
            "filters": filters,
            "active_filters": form.active_count(),
            "query": query.urlencode(),
            "is_hr": selectors.is_hr(request.user),
        },
    )


@require_GET
def me(request):
    """Any signed-in user: their own profile."""
    profile = selectors.profile_for_user(request.user)
    return redirect("people:profile", username=profile.user.username)


@require_GET
def profile_detail(request, username: str):
    """Everyone sees an active profile; HR also sees the profiles of people who left."""
    profile = _profile(request, username)
    return render(
        request,
        "people/profile.html",
        {
            "profile": profile,
            "skills": sorted(t.name for t in profile.skills.all()),
            "languages": sorted(t.name for t in profile.languages.all()),
            "kudos": selectors.recent_kudos(recipient=profile),
            "kudos_form": KudosForm(),
            "can_edit": selectors.can_edit_profile(request.user, profile),
            "is_hr": selectors.is_hr(request.user),
            "is_me": profile.user_id == request.user.pk,
        },
    )


@require_http_methods(["GET", "POST"])
def profile_edit(request, username: str):
    """The person themselves, or HR (who may also change team and manager)."""
    profile = _profile(request, username)
    if not selectors.can_edit_profile(request.user, profile):
        raise PermissionDenied
    hr = selectors.is_hr(request.user)
    form_class = HRProfileForm if hr else ProfileForm
    form = form_class(
        request.POST or None, request.FILES or None, initial=ProfileForm.initial_for(profile)
    )
    own_profile = profile.user_id == request.user.pk
    if not own_profile:
        form.drop_consents()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_profile(
                profile=profile,
                job_title=data["job_title"],
                location=data["location"],
                phone=data["phone"],
                bio=data["bio"],
                skills=data["skills"],
                languages=data["languages"],
                team=data.get("team"),
                manager=data.get("manager"),
                set_organisation=hr,
            )
            if own_profile:
                services.set_consents(
                    profile=profile,
                    consents_to_be_highlighted=data["consents_to_be_highlighted"],
                    is_ambassador=data["is_ambassador"],
                )
            if data.get("photo"):
                services.set_profile_photo(profile=profile, image_file=data["photo"])
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Profile saved."))
            return redirect("people:profile", username=username)
    return render(request, "people/profile_edit.html", {"profile": profile, "form": form})


@require_POST
def profile_confirm(request, username: str):
    """The person themselves, or HR: the profile is still right."""
    profile = _profile(request, username)
    if not selectors.can_edit_profile(request.user, profile):
        raise PermissionDenied
    services.confirm_profile(profile=profile)
    messages.success(request, _("Thank you: your profile is confirmed as up to date."))
    return redirect("people:profile", username=username)


@require_POST
def profile_deactivate(request, username: str):
    """HR only: someone left (or came back)."""
    if not selectors.is_hr(request.user):
        raise PermissionDenied
    profile = _profile(request, username)
    if request.POST.get("action") == "reactivate":
        services.reactivate_profile(profile=profile)
        messages.success(request, _("Profile reactivated."))
    else:
        services.deactivate_profile(profile=profile)
        messages.success(request, _("Profile deactivated: it no longer appears in lists."))
    return redirect("people:profile", username=username)


@require_GET
def org_chart(request, username: str):
    """Everyone: a tree around a person (their managers, their peers, their direct reports)
    that one walks by following any node."""
    profile = _profile(request, username)
    chain = selectors.manager_chain(profile)
    peers, more_peers = selectors.peers(profile, limit=ORG_CHART_PEERS)
    return render(
        request,
        "people/org_chart.html",
        {
            "profile": profile,
            "chain": chain,
            "manager": chain[-1] if chain else None,
            "peers": peers,
            "more_peers": more_peers,
            "reports": list(selectors.direct_reports(profile)),
        },
    )


@require_POST
@rate_limited("kudos")
def kudos_create(request, username: str):
    """Any signed-in colleague thanks an active person (not themselves)."""
    profile = _profile(request, username)
    form = KudosForm(request.POST)
    if form.is_valid():
        try:
            services.give_kudos(
                sender=request.user,
                recipient=profile,
                value=form.cleaned_data["value"],
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Your thanks were sent."))
            return redirect("people:profile", username=username)
    return render(
        request, "people/kudos_form.html", {"profile": profile, "kudos_form": form}, status=400
    )


@require_GET
def team_list(request):
    """Everyone: the tree of teams."""
    teams = list(selectors.teams_with_counts().order_by("name"))
    children: dict[int | None, list[Team]] = {}
    for team in teams:
        children.setdefault(team.parent_id, []).append(team)
    for team in teams:
        team.sub_teams = children.get(team.pk, [])
    return render(request, "people/team_list.html", {"teams": children.get(None, [])})


@require_GET
def team_detail(request, slug: str):
    """Everyone: a team's members, leaders, sub-teams, parent chain and kudos."""
    team = get_object_or_404(Team, slug=slug)
    leaders, members = selectors.team_members(team)
    return render(
        request,
        "people/team.html",
        {
            "team": team,
            "chain": selectors.team_chain(team),
            "leaders": leaders,
            "members": members,
            "sub_teams": list(selectors.teams_with_counts().filter(parent=team).order_by("name")),
            "kudos": selectors.recent_kudos(team=team),
        },
    )
