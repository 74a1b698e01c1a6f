"""The `import_content` frame (DESIGN.md §2); apps plug their kinds into `registry`."""

from .registry import ImportKind, ImportRowError, register, registry

__all__ = ["ImportKind", "ImportRowError", "register", "registry"]
