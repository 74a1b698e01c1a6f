from .keys import ExternalKey
from .outbox import OutboxTask
from .pages import HomePage, StandardPage, StandardPageTag

__all__ = ["ExternalKey", "HomePage", "OutboxTask", "StandardPage", "StandardPageTag"]
