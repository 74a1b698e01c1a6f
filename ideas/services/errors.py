"""Why an action was refused; pages show the message, the API answers with the status.

The same classes as core.conversations' (comments and reports refuse with them too), under
the names the ideas hub has always used.
"""

from core.conversations.errors import Conflict, Invalid, NotAllowed, NotFound
from core.conversations.errors import ConversationError as IdeasError

__all__ = ["Conflict", "IdeasError", "Invalid", "NotAllowed", "NotFound"]
