"""Signing out stops the pushes to the browser that signs out: on a shared computer, the next
person must not read the previous one's notices. The subscribe API notes in the session the
endpoints subscribed from it (`SESSION_ENDPOINTS`); signing in again and opening the
preferences page subscribes the browser again (frontend/static/frontend/js/push.js)."""

from __future__ import annotations

from typing import Any

from notifications import services

SESSION_ENDPOINTS = "ruche_push_endpoints"


def forget_browser_on_sign_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """`user_logged_out` receiver: unsubscribe the browsers this session subscribed."""
    session = getattr(request, "session", None)
    endpoints = session.get(SESSION_ENDPOINTS) if session is not None else None
    if user is not None and endpoints:
        services.unsubscribe_push(user=user, endpoint=endpoints)
