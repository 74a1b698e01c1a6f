from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_control
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents.views import serve as documents

from agenda.urls import legacy_urlpatterns as events_moved
from core import cover_access
from core.api import api
from frontend import styleguide
from frontend import views as frontend
from intranet import views
from news.api import router as news_api
from search.api import router as search_router

api.add_router("/search/", search_router)
api.add_router("/news/", news_api)

api.add_router("/ideas/", "ideas.api.router")
api.add_router("/people/", "people.api.router")
# Events of every host (a community, a challenge) and of none: /api/events/ (agenda/api.py).
api.add_router("/events/", "agenda.api.router")

# Community posts: their own prefix, beside /communities/ (communities/api_posts.py).
api.add_router("/community-posts/", "communities.api_posts.router")
api.add_router("/communities/", "communities.api.router")
# Push subscriptions of the notification centre (notifications/api.py).
api.add_router("/notifications/", "notifications.api.router")

# Wagtail's document URLs, with downloads marked private: a shared cache between the site and
# its readers must never hand one person's confidential file to another.
documents_urls = [
    re_path(
        r"^(\d+)/(.*)$", cache_control(private=True)(documents.serve), name="wagtaildocs_serve"
    ),
    path(
        "authenticate_with_password/<int:restriction_id>/",
        documents.authenticate_with_password,
        name="wagtaildocs_authenticate_with_password",
    ),
]

sign_in = views.SignInView.as_view()

handler400 = views.bad_request
handler403 = views.permission_denied
handler404 = views.page_not_found
handler500 = views.server_error

urlpatterns = [
    path("healthz/", views.health, name="health"),
    path("demo/tour/dismiss/", views.dismiss_demo_tour, name="demo_tour_dismiss"),
    # The installable app (frontend/README.md): at the root, so the worker's scope is the site.
    path("manifest.webmanifest", frontend.manifest, name="manifest"),
    path("sw.js", frontend.service_worker, name="service_worker"),
    path("offline/", frontend.offline, name="offline"),
    path("accounts/login/", sign_in, name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/oidc/", include("people.oidc_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    # Wagtail's own sign-in form would bypass the sign-in limits: the same limited one.
    path("admin/login/", sign_in, name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(documents_urls)),
    path("api/", api.urls),
    path("search/", include("search.urls")),
    path("news/", include("news.urls")),
    path("moderation/", include("core.conversations.urls")),
    # Covers as private as what they cover (core/cover_access.py).
    path("covers/<slug:kind>/<str:key>/<str:name>", cover_access.serve, name="cover"),
    path("people/", include("people.urls")),
    path("ideas/", include("ideas.urls")),
    path("events/", include("agenda.urls")),
    # The events' pages were under /communities/events/: their old addresses lead to /events/.
    path("communities/events/", include((events_moved, "events_moved"))),
    path("communities/", include("communities.urls")),
    path("insights/actions/", include("insights.actions.urls")),
    path("insights/pulse/", include("insights.pulse.urls")),
    path("insights/", include("insights.urls")),
    path("notifications/", include("notifications.urls")),
    path("styleguide/", styleguide.styleguide, name="styleguide"),
]

if settings.DEBUG:
    from django.views.static import serve

    # Images only: documents go through /documents/, which checks who may read them.
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?!documents/)(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += [
    # Wagtail sends visitors of a private page to this sign-in form: the same, rate-limited one.
    path("_util/login/", sign_in, name="wagtailcore_login"),
    path("", include(wagtail_urls)),
]
