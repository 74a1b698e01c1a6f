from .demo_guide import DemoGuide
from .pages import HomePage, StandardPage, StandardPageTag
from .reviews import ReviewReminder

__all__ = ["DemoGuide", "HomePage", "ReviewReminder", "StandardPage", "StandardPageTag"]
