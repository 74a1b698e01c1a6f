"""The `import_content` frame (DESIGN.md §2); apps plug their kinds into `registry`."""

from .registry import ImportKind, ImportRowError, register, registry
from .translations import make_translation, translation_original

__all__ = [
    "ImportKind",
    "ImportRowError",
    "make_translation",
    "register",
    "registry",
    "translation_original",
]
