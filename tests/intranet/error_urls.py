"""Ruche's URLs plus views that fail, to see the error pages the real handlers give."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from intranet.urls import handler400, handler403, handler404, handler500, urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def fails(request):
    raise RuntimeError("a bug")


def forbidden(request):
    raise PermissionDenied


urlpatterns = [
    path("boom/", fails),
    path("api/boom/", fails),
    path("forbidden/", forbidden),
    *urlpatterns,
]
