"""Who may see what: Wagtail page privacy and team audiences, as querysets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from wagtail.models import Page, PageViewRestriction

from news.models import NewsPage
from people.selectors import audience_team_ids_for_user

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from django.http import HttpRequest
    from wagtail.query import PageQuerySet


def _user_group_ids(user: User | AnonymousUser) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(user.groups.values_list("id", flat=True))


def blocked_paths_for_user(user: User | AnonymousUser) -> list[str]:
    """Tree paths of the pages whose privacy setting this user does not pass.

    Password restrictions are never passed by a listing (the password is asked on the page).
    Two queries whatever the number of restrictions.
    """
    group_ids = _user_group_ids(user)
    blocked: list[str] = []
    restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
    for restriction in restrictions:
        if restriction.restriction_type == PageViewRestriction.LOGIN:
            allowed = user.is_authenticated
        elif restriction.restriction_type == PageViewRestriction.GROUPS:
            allowed = user.is_authenticated and (
                user.is_superuser or bool(group_ids & {g.pk for g in restriction.groups.all()})
            )
        else:
            allowed = False
        if not allowed:
            blocked.append(restriction.page.path)
    return blocked


def viewable_by(
    queryset: PageQuerySet, user: User | AnonymousUser, *, blocked: list[str] | None = None
) -> PageQuerySet:
    """Live pages of `queryset` that this user may open, following Wagtail's page privacy.

    `blocked` is `blocked_paths_for_user(user)` when the caller already has it.
    """
    queryset = queryset.live()
    if blocked is None:
        blocked = blocked_paths_for_user(user)
    if blocked:
        condition = Q()
        for path in blocked:
            condition |= Q(path__startswith=path)
        queryset = queryset.exclude(condition)
    return queryset


def addressed_to(
    queryset: PageQuerySet, user: User | AnonymousUser, *, team_ids: list[int] | None = None
) -> PageQuerySet:
    """News for everyone plus news addressed to the user's team or a team above it.

    Subqueries rather than a join: a join repeats a page once per audience team and needs a
    DISTINCT over whole rows (bodies included), whose cost grows with the number of news.
    `team_ids` is `audience_team_ids_for_user(user)` when the caller already has it.
    """
    if team_ids is None:
        team_ids = audience_team_ids_for_user(user)
    audience = NewsPage.audience_teams.through.objects.filter(newspage_id=OuterRef("pk"))
    return queryset.filter(~Exists(audience) | Exists(audience.filter(team_id__in=team_ids)))


def with_cover_readable(
    queryset: PageQuerySet, user: User | AnonymousUser, *, team_ids: list[int] | None = None
) -> PageQuerySet:
    """The news with `cover_readable`: whether their cover is for this reader (news for
    everyone, or addressed to them). The cover of news for an audience is served to that
    audience only (news/covers.py): the others are shown the news' default visual instead
    of a picture that would not load."""
    if team_ids is None:
        team_ids = audience_team_ids_for_user(user)
    audience = NewsPage.audience_teams.through.objects.filter(newspage_id=OuterRef("pk"))
    readable = ExpressionWrapper(
        Q(~Exists(audience)) | Q(Exists(audience.filter(team_id__in=team_ids))),
        output_field=BooleanField(),
    )
    return queryset.annotate(cover_readable=readable)


def page_ids_open_to(user: User | AnonymousUser, ids: set[int]) -> set[int]:
    """Of these page ids, the live pages this user may open under page privacy and, for news,
    is addressed to; three queries or so whatever the number of ids (notification targets)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    pages = addressed_to(viewable_by(Page.objects.filter(pk__in=ids), user), user)
    return set(pages.values_list("pk", flat=True))


def can_view_page(request: HttpRequest, page: Page) -> bool:
    """The same answer Wagtail gives when serving the page (passwords entered count)."""
    if not page.live:
        return False
    return all(restriction.accept_request(request) for restriction in page.get_view_restrictions())


def page_group_ids(page: Page) -> list[int] | None | bool:
    """For search documents: None (any signed-in employee), a list of group ids, or False.

    False means the page must not be findable (unpublished or password-protected).
    """
    if not page.live:
        return False
    restrictions = PageViewRestriction.objects.filter(
        page__in=page.get_ancestors(inclusive=True)
    ).prefetch_related("groups")
    allowed: set[int] | None = None
    for restriction in restrictions:
        if restriction.restriction_type == PageViewRestriction.PASSWORD:
            return False
        if restriction.restriction_type == PageViewRestriction.GROUPS:
            groups = {group.pk for group in restriction.groups.all()}
            allowed = groups if allowed is None else allowed & groups
    return sorted(allowed) if allowed is not None else None


def can_moderate(user: User | AnonymousUser) -> bool:
    return user.has_perm("news.moderate_engagement")


def can_answer_questions(user: User | AnonymousUser) -> bool:
    return user.has_perm("news.answer_question")


def can_reveal_anonymous_authors(user: User | AnonymousUser) -> bool:
    return user.has_perm("news.reveal_anonymous_author")


def can_view_acknowledgements(user: User | AnonymousUser) -> bool:
    return user.has_perm("news.view_acknowledgement_stats")
