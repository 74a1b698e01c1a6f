"""Views of action plans: open, read, change and follow an action; the list for who opens
them; the public “You said, we did” page. They check who may, the forms check input, the
services write."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from insights.actions import selectors, services
from insights.actions.forms import ActionFieldsForm, NewActionForm, ProgressForm
from insights.actions.models import Action, ActionStatus, SourceKind
from people.models import Team

PREFILLED = ("source_kind", "source_key", "source_label", "source_week", "source_people")
PAGE_SIZE = 20


def _visible_action(request: HttpRequest, pk: int) -> Action:
    action = selectors.action_for(request.user, pk)
    if action is None:
        raise Http404
    return action


def _prefill(request: HttpRequest) -> tuple[dict, list[str]]:
    """The form's initial values from the link's GET parameters, and what is wrong with them."""
    initial: dict = {"owner": request.user.get_username()}
    problems: list[str] = []
    params = {name: request.GET[name] for name in PREFILLED if request.GET.get(name)}
    if params:
        check = NewActionForm(
            {**params, "title": "-", "owner": initial["owner"], "due_on": "2000-01-01"},
            teams=None,
        )
        check.is_valid()
        for name in PREFILLED:
            if name in check.errors:
                problems += [f"{check.fields[name].label or name}: {e}" for e in check.errors[name]]
        initial.update(params)
    slug = request.GET.get("team", "")
    if slug:
        team = Team.objects.filter(slug=slug).first()
        if team is None:
            problems.append(_("Unknown team."))
        elif not selectors.may_open_for_team(request.user, team):
            problems.append(_("You may open actions for your own teams only."))
        else:
            initial["team"] = team.slug
    return initial, problems


@require_http_methods(["GET", "POST"])
def new_action(request: HttpRequest) -> HttpResponse:
    """Communicators and managers (for their teams); prefilled from the link that led here."""
    if not selectors.may_open_actions(request.user):
        raise PermissionDenied
    teams = selectors.openable_teams(request.user)
    status = 200
    problems: list[str] = []
    if request.method == "POST":
        form = NewActionForm(request.POST, teams=teams)
        if form.is_valid():
            data = form.cleaned_data
            action = services.action_open(
                opener=request.user,  # type: ignore[arg-type]
                title=data["title"],
                source=form.source(),
                owner=data["owner"],
                due_on=data["due_on"],
                description=data["description"],
                team=data["team"],
                public=data["public"],
            )
            return redirect(action)
        status = 400
    else:
        initial, problems = _prefill(request)
        form = NewActionForm(initial=initial, teams=teams)
        status = 400 if problems else 200
    return render(
        request,
        "insights_actions/action_form.html",
        {"form": form, "problems": problems, "title": _("Open an action")},
        status=status,
    )


@require_GET
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = _visible_action(request, pk)
    may_change = selectors.can_change_action(request.user, action)
    progress = None
    if may_change:
        progress = ProgressForm(
            initial={"status": action.status, "outcome": action.outcome},
            current_status=action.status,
        )
    return _detail(request, action, progress)


def _detail(
    request: HttpRequest, action: Action, progress: ProgressForm | None, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "insights_actions/action_detail.html",
        {
            "action": action,
            "updates": selectors.updates_of(action),
            "following": selectors.is_following(request.user, action),
            "may_change": progress is not None,
            "progress": progress,
        },
        status=status,
    )


@require_POST
def record_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The owner, the opener and communicators; 403 for others who may see the action."""
    action = _visible_action(request, pk)
    if not selectors.can_change_action(request.user, action):
        raise PermissionDenied
    form = ProgressForm(request.POST, current_status=action.status)
    if not form.is_valid():
        return _detail(request, action, form, status=400)
    services.action_record_progress(
        action=action,
        author=request.user,  # type: ignore[arg-type]
        note=form.cleaned_data["note"].strip(),
        status=form.cleaned_data["status"],
        outcome=form.cleaned_data["outcome"].strip(),
    )
    return redirect(action)


@require_http_methods(["GET", "POST"])
def edit_action(request: HttpRequest, pk: int) -> HttpResponse:
    action = _visible_action(request, pk)
    if not selectors.can_change_action(request.user, action):
        raise PermissionDenied
    teams = selectors.openable_teams(request.user)
    if teams and action.team is not None and action.team not in teams:
        teams = [*teams, action.team]  # an owner elsewhere keeps the action's team
    elif teams is not None and not teams:
        teams = [action.team] if action.team else []
    if request.method == "POST":
        form = ActionFieldsForm(request.POST, teams=teams)
        if form.is_valid():
            services.action_edit(action=action, editor=request.user, **form.cleaned_data)  # type: ignore[arg-type]
            return redirect(action)
        status = 400
    else:
        form = ActionFieldsForm(
            initial={
                "title": action.title,
                "description": action.description,
                "owner": action.owner.get_username() if action.owner else "",
                "team": action.team.slug if action.team else "",
                "due_on": action.due_on,
                "public": action.public,
            },
            teams=teams,
        )
        status = 200
    return render(
        request,
        "insights_actions/action_form.html",
        {"form": form, "action": action, "title": _("Change the action")},
        status=status,
    )


@require_POST
def follow(request: HttpRequest, pk: int) -> HttpResponse:
    """Any employee who may see the action; following twice changes nothing."""
    action = _visible_action(request, pk)
    services.action_follow(action=action, user=request.user)  # type: ignore[arg-type]
    return redirect(action)


@require_POST
def unfollow(request: HttpRequest, pk: int) -> HttpResponse:
    action = _visible_action(request, pk)
    services.action_unfollow(action=action, user=request.user)  # type: ignore[arg-type]
    return redirect(action)


@require_GET
def action_list(request: HttpRequest) -> HttpResponse:
    """Who may open actions: theirs (a manager's teams) or all (communicators)."""
    if not selectors.may_open_actions(request.user):
        raise PermissionDenied
    status = request.GET.get("status", "")
    page = Paginator(selectors.actions_listed_for(request.user, status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "insights_actions/action_list.html",
        {"page": page, "statuses": ActionStatus.choices, "status": status},
    )


@require_GET
def you_said_we_did(request: HttpRequest) -> HttpResponse:
    """Every signed-in employee: public actions, what people said and what was done."""
    status = request.GET.get("status", "")
    kind = request.GET.get("kind", "")
    status = status if status in ActionStatus.values else ""
    kind = kind if kind in SourceKind.values else ""
    page = Paginator(selectors.public_actions(status=status, source_kind=kind), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "insights_actions/you_said_we_did.html",
        {
            "page": page,
            "statuses": ActionStatus.choices,
            "kinds": SourceKind.choices,
            "status": status,
            "kind": kind,
        },
    )
