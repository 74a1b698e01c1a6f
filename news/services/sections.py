"""The news and leadership sections: index pages, moderation workflow, editors' rights."""

from __future__ import annotations

from typing import TypeVar

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from core.pages import site_home
from news.models import (
    LEADERSHIP_INDEX_SLUG,
    NEWS_INDEX_SLUG,
    LeadershipIndexPage,
    NewsIndexPage,
)

EDITORS = "Editors"
COMMUNICATORS = "Communicators"
MODERATORS = "Moderators"
MANAGERS = "Managers"
# Stored in English, shown in the reader's language (news/signals.py).
WORKFLOW_NAME = gettext_noop("News moderation")
APPROVAL_TASK_NAME = gettext_noop("Communicators' approval")

# Editors and communicators maintain the list of news categories (a snippet).
CATEGORY_PERMISSIONS = [
    "add_newscategory",
    "change_newscategory",
    "delete_newscategory",
    "view_newscategory",
]
GROUP_PERMISSIONS = {
    EDITORS: ["moderate_engagement", "view_acknowledgement_stats", *CATEGORY_PERMISSIONS],
    COMMUNICATORS: [
        "moderate_engagement",
        "view_acknowledgement_stats",
        "answer_question",
        *CATEGORY_PERMISSIONS,
    ],
    MODERATORS: ["moderate_engagement", "reveal_anonymous_author"],
    MANAGERS: ["answer_question"],
}
# Editors and communicators are the ones who keep search's synonyms and acronyms up to date.
SYNONYM_PERMISSIONS = ["add_synonym", "change_synonym", "delete_synonym", "view_synonym"]
SNIPPET_PERMISSIONS = {EDITORS: SYNONYM_PERMISSIONS, COMMUNICATORS: SYNONYM_PERMISSIONS}
# ...and who tune search from the relevance desk: try a query, promote a page for it.
DESK_PERMISSIONS = [
    ("search", "use_relevance_desk"),
    ("wagtailsearchpromotions", "add_searchpromotion"),
    ("wagtailsearchpromotions", "change_searchpromotion"),
    ("wagtailsearchpromotions", "view_searchpromotion"),
]
# Editors draft and submit; communicators approve and publish (Wagtail's workflow).
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    COMMUNICATORS: ["add_page", "change_page", "publish_page"],
}


def configure_roles() -> None:
    """Give the role groups their news permissions, access to the admin and, for editors and
    communicators, the Synonyms snippet (idempotent). news/migrations/0003 does the same for
    the groups of sites configured before."""
    admin_access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for name, codenames in GROUP_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="news", codename__in=codenames)
        )
        if name in PAGE_PERMISSIONS:
            group.permissions.add(admin_access)
        if name in SNIPPET_PERMISSIONS:
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="search", codename__in=SNIPPET_PERMISSIONS[name]
                )
            )
            for app_label, codename in DESK_PERMISSIONS:
                group.permissions.add(
                    *Permission.objects.filter(
                        content_type__app_label=app_label, codename=codename
                    )
                )


def news_workflow() -> Workflow:
    """Editors submit, a communicator approves: one group-approval task (idempotent)."""
    communicators, _created = Group.objects.get_or_create(name=COMMUNICATORS)
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if created or not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.filter(name=APPROVAL_TASK_NAME).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=APPROVAL_TASK_NAME)
            task.groups.set([communicators])
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def configure_section(index: Page) -> None:
    """Attach the moderation workflow and the editors' page permissions to an index page."""
    configure_roles()
    WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": news_workflow()})
    for name, codenames in PAGE_PERMISSIONS.items():
        group = Group.objects.get(name=name)
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=index,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )


_Index = TypeVar("_Index", bound=Page)


def _ensure_index(model: type[_Index], slug: str, title: str) -> _Index:
    existing: _Index | None = model.objects.first()
    if existing is not None:
        return existing
    home = site_home()
    if home is None:
        raise LookupError("there is no home page yet: run `manage.py migrate`")
    with transaction.atomic():
        index: _Index = model(title=title, slug=slug)
        home.add_child(instance=index)
        index.save_revision().publish()
        configure_section(index)
    return index


def ensure_news_index() -> NewsIndexPage:
    """The news index under the home page, created (published, with its workflow) if missing."""
    return _ensure_index(NewsIndexPage, NEWS_INDEX_SLUG, _("News"))


def ensure_leadership_index() -> LeadershipIndexPage:
    """The leadership index under the home page, created if missing."""
    return _ensure_index(LeadershipIndexPage, LEADERSHIP_INDEX_SLUG, _("Leadership"))
