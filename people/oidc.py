"""Single sign-on with OpenID Connect (mozilla-django-oidc), active when OIDC_* settings exist.

Only people Ruche already knows may sign in: the identity provider's verified email must be
the email of one active, not deactivated, account (HR's import creates them). Nobody is
created at sign-in, and local accounts keep working beside it.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from people.auth import load_user


def oidc_enabled() -> bool:
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", None))


class PeopleOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or "").strip()
        if not email or claims.get("email_verified") is False:
            return get_user_model().objects.none()
        return get_user_model().objects.filter(
            email__iexact=email, is_active=True, profile__deactivated_at__isnull=True
        )

    def create_user(self, claims):
        """Unknown people are refused (OIDC_CREATE_USER is off; this is a second lock)."""
        return None

    def get_user(self, user_id):
        """The session's user, loaded as `people.auth.PeopleModelBackend` loads it: None once
        they are deactivated, so a single sign-on session ends on the next request."""
        return load_user(user_id)


def _only_when_enabled(view_class):
    @login_not_required
    def view(request, *args, **kwargs):
        if not oidc_enabled():
            raise Http404("Single sign-on is not configured.")
        return view_class.as_view()(request, *args, **kwargs)

    return view


def authenticate_view():
    return _only_when_enabled(OIDCAuthenticationRequestView)


def callback_view():
    return _only_when_enabled(OIDCAuthenticationCallbackView)
