from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from core.text import first_bidi_control

if TYPE_CHECKING:
    from .runner import ImportContext


class ImportRowError(Exception):
    """A line that cannot be imported; the message becomes `FILE:LINE: message`."""


class ImportKind:
    """One kind of object that `import_content` understands.

    Subclasses name their `kind`, the `required` fields, and the fields that refer to other
    objects (`references`: field name -> kind; the value may be a key or a list of keys).
    `import_row` creates or updates the object and returns `(object, created)`.
    """

    kind: ClassVar[str]
    required: ClassVar[tuple[str, ...]] = ()
    references: ClassVar[dict[str, str]] = {}

    def import_row(self, row: dict[str, Any], ctx: ImportContext) -> tuple[Any, bool]:
        raise NotImplementedError

    def finish(self, ctx: ImportContext) -> None:
        """Called once after every line of this kind: batched follow-up work (indexing)."""

    # Small validators shared by every kind, so that messages read the same everywhere.
    @staticmethod
    def text(
        row: dict[str, Any],
        field: str,
        *,
        required: bool = False,
        max_length: int | None = None,
        title: bool = False,
    ) -> str:
        """A string field, stripped; at most `max_length` characters; with `title` (titles
        and names), no invisible direction control (core/text.py)."""
        value = row.get(field)
        if value is None or value == "":
            if required:
                raise ImportRowError(f"missing field '{field}'")
            return ""
        if not isinstance(value, str):
            raise ImportRowError(f"field '{field}' must be a string")
        value = value.strip()
        if max_length is not None and len(value) > max_length:
            raise ImportRowError(
                f"field '{field}' is too long: {len(value)} characters, {max_length} at most"
            )
        code = first_bidi_control(value) if title else None
        if code:
            raise ImportRowError(
                f"field '{field}' contains an invisible text direction character ({code})"
            )
        return value

    @staticmethod
    def string_list(row: dict[str, Any], field: str) -> list[str]:
        value = row.get(field) or []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ImportRowError(f"field '{field}' must be a list of strings")
        return [item.strip() for item in value if item.strip()]

    @staticmethod
    def choice(row: dict[str, Any], field: str, choices: list[str], default: str) -> str:
        value = row.get(field) or default
        if value not in choices:
            raise ImportRowError(f"field '{field}' must be one of {', '.join(choices)}")
        return value


registry: dict[str, ImportKind] = {}


def register(kind_class: type[ImportKind]) -> type[ImportKind]:
    """Class decorator: make a kind available to `import_content`."""
    registry[kind_class.kind] = kind_class()
    return kind_class
