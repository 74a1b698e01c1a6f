from django.contrib.auth.middleware import LoginRequiredMiddleware


class SignInRequiredMiddleware(LoginRequiredMiddleware):
    """Every page needs a signed-in user, except views marked `login_not_required`.

    The API is left to django-ninja, which answers 401 with a JSON error instead of
    redirecting a machine client to the sign-in page.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
