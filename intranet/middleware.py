from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.permission_cache import remember_permissions


class SignInRequiredMiddleware(LoginRequiredMiddleware):
    """Every page needs a signed-in user, except views marked `login_not_required`.

    The API is left to django-ninja, which answers 401 with a JSON error instead of
    redirecting a machine client to the sign-in page.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class RejectNullCharactersMiddleware:
    """A NUL character is never valid text, and PostgreSQL refuses to store one: answer 400
    with a clear message instead of letting the write fail as a server error. A form body
    over DATA_UPLOAD_MAX_MEMORY_SIZE (files apart) gets the 413 page instead of Django's 400.

    The API has the same rules in its parser (core/api.py), which answers in JSON.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/api/"):
            return self.get_response(request)
        try:
            has_nul = self._has_nul(request)
        except RequestDataTooBig:
            return self._too_large(request)
        if has_nul:
            message = _("Text may not contain NUL (\\0) characters.")
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    @staticmethod
    def _too_large(request):
        message = _("The form is larger than %(size)s MB, files apart.") % {
            "size": round(settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024, 1)
        }
        return render(request, "413.html", {"message": message}, status=413)

    @staticmethod
    def _has_nul(request) -> bool:
        if "\x00" in request.path_info:
            return True
        if "%00" in request.META.get("QUERY_STRING", ""):
            return True
        if request.method not in ("POST", "PUT", "PATCH"):
            return False
        if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            return any("\x00" in key or "\x00" in value for key, value in request.POST.items())
        return False


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's header: the site's strict policy, and under /admin/ only the looser one
    Wagtail's admin needs (`ADMIN_CONTENT_SECURITY_POLICY`). A view's own decorator wins."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and request.path_info.startswith("/admin/"):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


class PermissionsPolicyMiddleware:
    """The `Permissions-Policy` header of `PERMISSIONS_POLICY` on every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class CachedPermissionsMiddleware:
    """The signed-in person's permissions and groups from the cache, before any view or
    template asks (core/permission_cache.py): no permission query on a page once known."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        remember_permissions(getattr(request, "user", None))
        return self.get_response(request)
