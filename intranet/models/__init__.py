from .pages import HomePage, StandardPage, StandardPageTag

__all__ = ["HomePage", "StandardPage", "StandardPageTag"]
