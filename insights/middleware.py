from django.core.cache import cache
from django.utils import timezone

from core.guests import is_guest
from insights.services import record_activity


class ActivityMiddleware:
    """Records that a signed-in employee used Ruche today (for weekly active users; guests,
    outside experts, are not counted).

    The local cache remembers who was noted today, so Redis sees one note per person, day and
    process; the database none during the request (see `record_activity`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and response.status_code < 400
            and not is_guest(user)
        ):
            day = timezone.localdate()
            if cache.add(f"insights:active:{user.pk}:{day.isoformat()}", 1, timeout=86400):
                record_activity(user=user, day=day)
        return response
