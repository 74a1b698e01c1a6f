"""Every user gets a profile the moment they are created (sign-up, admin, import, SSO); an
account switched off (in the admin, or by any code that saves it) loses its sessions and API
tokens; each sign-in notes its moment in the session (`people.middleware`)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save

from people import services
from people.middleware import note_sign_in


def create_profile(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        services.create_profile(user=instance)


def end_access_of_inactive_account(sender, instance, created, raw=False, **kwargs):
    if not raw and not instance.is_active:
        services.end_access(user_ids=[instance.pk])


def signed_in(sender, request, user, **kwargs):
    note_sign_in(request)


def connect() -> None:
    user = get_user_model()
    post_save.connect(create_profile, sender=user, dispatch_uid="people-profile")
    post_save.connect(end_access_of_inactive_account, sender=user, dispatch_uid="people-access")
    user_logged_in.connect(signed_in, dispatch_uid="people-signed-in")
