"""Wagtail hooks of the intranet frame: documents follow the privacy of their pages; the
operators' report of background tasks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.views import redirect_to_login
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.permissions import policy_registry

from core.admin_views import background_tasks, can_view_background_tasks
from core.document_privacy import Access, document_access

if TYPE_CHECKING:
    from wagtail.api.v2.router import WagtailAPIRouter
    from wagtail.documents.models import AbstractDocument


@hooks.register("before_serve_document")
def serve_documents_as_privately_as_their_pages(
    document: AbstractDocument, request: HttpRequest
) -> HttpResponse | None:
    """core/document_privacy.py: 404 for a signed-in person the rule turns away."""
    if document_access(request, document) is not Access.DENIED:
        return None  # allowed, or left to Wagtail's collection rules (which run next)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise Http404


class ChoosableDocumentsAPIViewSet(DocumentsAdminAPIViewSet):
    """The admin API lists only the documents this user may choose or change.

    Wagtail's lists every document of an unrestricted collection, titles and download links
    included, to anyone with admin access.
    """

    def get_queryset(self) -> QuerySet[Any]:
        policy = policy_registry.get_by_type(self.model)
        allowed = policy.instances_user_has_any_permission_for(
            self.request.user, ["change", "choose"]
        )
        documents: QuerySet[Any] = super().get_queryset().filter(pk__in=allowed.values("pk"))
        return documents


# After Wagtail's own registration (order 0), so that this endpoint replaces it.
@hooks.register("construct_admin_api", order=1)
def list_only_choosable_documents(router: WagtailAPIRouter) -> None:
    router.register_endpoint("documents", ChoosableDocumentsAPIViewSet)


@hooks.register("register_admin_urls")
def background_tasks_url() -> list[URLPattern]:
    return [path("background-tasks/", background_tasks, name="background_tasks")]


class BackgroundTasksMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return can_view_background_tasks(request.user)


@hooks.register("register_reports_menu_item")
def background_tasks_menu_item() -> BackgroundTasksMenuItem:
    return BackgroundTasksMenuItem(
        _("Background tasks"),
        reverse("background_tasks"),
        name="background-tasks",
        icon_name="cogs",
        order=910,
    )
