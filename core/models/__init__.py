from .delivery import Delivery
from .keys import ExternalKey
from .outbox import OutboxTask

__all__ = ["Delivery", "ExternalKey", "OutboxTask"]
