from .pages import HomePage, StandardPage, StandardPageTag
from .reviews import ReviewReminder

__all__ = ["HomePage", "ReviewReminder", "StandardPage", "StandardPageTag"]
