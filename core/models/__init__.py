from .covers import CoverImageMixin, cover_panel
from .delivery import Delivery
from .keys import ExternalKey
from .outbox import OutboxTask

__all__ = ["CoverImageMixin", "Delivery", "ExternalKey", "OutboxTask", "cover_panel"]
