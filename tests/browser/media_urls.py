"""The site's URLs plus its media files, for browser tests that show images (the site serves
media only with DEBUG; in production a proxy does, `/media/documents/` excepted)."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from intranet.urls import handler400, handler403, handler404, handler500  # noqa: F401
from intranet.urls import urlpatterns as site

urlpatterns = [
    re_path(r"^media/(?!documents/)(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *site,
]
