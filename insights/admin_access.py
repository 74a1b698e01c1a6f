"""Who reaches the listening loop's admin: communicators (the group), on top of model rights.

Shared by insights' and its sub-apps' `wagtail_hooks`, so the rule is written once.
"""

from wagtail.admin.menu import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy

from insights.selectors import is_communicator


class CommunicatorsPolicy(ModelPermissionPolicy):
    """Communicators have every right on the model, on top of its model permissions."""

    def user_has_permission(self, user, action):
        return is_communicator(user) or super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return is_communicator(user) or super().user_has_any_permission(user, actions)


class CommunicatorsMenuItem(MenuItem):
    """A Reports menu entry shown to communicators only."""

    def is_shown(self, request):
        return is_communicator(request.user)
