"""Who may use Ruche at all: an active account that every registered sign-in rule accepts.

The kernel's API frame checks this for API tokens; the rules come from the apps above it
(`people` refuses someone HR marked as having left), registered from their AppConfig.ready.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SignInRule = Callable[[Any], bool]

_sign_in_rules: list[SignInRule] = []


def register_sign_in_rule(rule: SignInRule) -> SignInRule:
    """Add a rule every signed-in user must pass (on every request that checks `may_sign_in`)."""
    if rule not in _sign_in_rules:
        _sign_in_rules.append(rule)
    return rule


def may_sign_in(user: Any) -> bool:
    """Whether this user may be signed in now: active, and accepted by every registered rule."""
    return bool(
        user is not None
        and getattr(user, "is_active", False)
        and all(rule(user) for rule in _sign_in_rules)
    )
