from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from core.ratelimits import SignInAttempt, too_many_requests
from intranet.demo import tour
from intranet.forms import SignInForm


@login_not_required
@never_cache
@require_GET
def health(request):
    """Liveness for load balancers and the container healthcheck: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@require_POST
def dismiss_demo_tour(request):
    """A signed-in demo account hides its "what to try" panel for good; anyone else changes
    nothing. Back to the home page either way."""
    tour.dismiss(request.user)
    return redirect("/")


class SignInView(auth_views.LoginView):
    """Django's sign-in form, limited by `SignInAttempt`: a client that keeps failing is
    answered 429 before its password is checked, and a right password never counts."""

    template_name = "frontend/sign_in.html"
    form_class = SignInForm

    def post(self, request, *args, **kwargs):
        attempt = SignInAttempt.start(request)
        if attempt.refused:
            return too_many_requests(request)
        response = super().post(request, *args, **kwargs)
        if request.user.is_authenticated and response.status_code == 302:
            attempt.succeeded()
        return response


# --- Error pages: Ruche's look on the site, `{"error": ...}` for the API ------------------
API_ERRORS = {
    400: "Bad request.",
    403: "Forbidden.",
    404: "Not found.",
    500: "Server error.",
}


def _for_api(request) -> bool:
    return request.path_info.startswith("/api/")


def _api_error(status: int) -> JsonResponse:
    return JsonResponse({"error": API_ERRORS[status]}, status=status)


def bad_request(request, exception):
    if _for_api(request):
        return _api_error(400)
    return defaults.bad_request(request, exception)


def permission_denied(request, exception):
    if _for_api(request):
        return _api_error(403)
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    if _for_api(request):
        return _api_error(404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    """500.html is rendered on its own: no context processor, no query may fail again."""
    if _for_api(request):
        return _api_error(500)
    return defaults.server_error(request)
