from .delivery import Delivery
from .keys import ExternalKey
from .outbox import OutboxTask
from .pages import HomePage, StandardPage, StandardPageTag

__all__ = ["Delivery", "ExternalKey", "HomePage", "OutboxTask", "StandardPage", "StandardPageTag"]
