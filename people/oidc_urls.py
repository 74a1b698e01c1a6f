"""Single sign-on URLs (mounted at /accounts/oidc/); they answer 404 until OIDC is set up."""

from django.urls import path

from people import oidc

urlpatterns = [
    path("authenticate/", oidc.authenticate_view(), name="oidc_authentication_init"),
    path("callback/", oidc.callback_view(), name="oidc_authentication_callback"),
]
