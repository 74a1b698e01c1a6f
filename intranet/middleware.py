from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _


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
    with a clear message instead of letting the write fail as a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # the API validates its own input against its schema (tests/security/*fuzzing*)
        if not request.path_info.startswith("/api/") and self._has_nul(request):
            message = _("Text may not contain NUL (\\0) characters.")
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

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
