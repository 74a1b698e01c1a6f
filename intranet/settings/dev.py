"""The embedded default used by `make run`: debug on, everything else from base."""

from notifications.vapid import local_pair

from .base import *

DEBUG = env_bool("DEBUG", True)
DEMO_GUIDE = env_bool("DEMO_GUIDE", True)

# Web Push works out of the box: a VAPID pair generated once and kept in a local file
# (git-ignored) unless the environment gives one.
if not (env("WEBPUSH_VAPID_PRIVATE_KEY") and env("WEBPUSH_VAPID_PUBLIC_KEY")):
    WEBPUSH_VAPID_PRIVATE_KEY, WEBPUSH_VAPID_PUBLIC_KEY = local_pair(
        Path(env("WEBPUSH_VAPID_KEY_FILE", str(BASE_DIR / ".webpush-vapid.json")))
    )
