"""Every user gets a profile the moment they are created (sign-up, admin, import, SSO)."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save


def create_profile(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from people.services import create_profile as create

        create(user=instance)


def connect() -> None:
    post_save.connect(create_profile, sender=get_user_model(), dispatch_uid="people-profile")
