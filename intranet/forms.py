"""Form fields shared by the apps."""

from typing import Any

from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

TAG_MAX_LENGTH = Tag._meta.get_field("name").max_length


class TagListField(forms.CharField):
    """Names separated by commas (or semicolons), cleaned into a list of distinct names.

    Each name must fit in a tag (100 characters): a longer one is refused with a message
    naming it, instead of failing when the tag is stored.
    """

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]  # a list, not text
        text = super().to_python(value)
        assert text is not None  # empty_value is ""
        names: list[str] = []
        for item in text.replace(";", ",").split(","):
            name = item.strip()
            if name and name not in names:
                names.append(name)
        return names

    def validate(self, value: list[str]) -> None:
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        for name in value:
            if len(name) > TAG_MAX_LENGTH:
                raise forms.ValidationError(
                    _("“%(name)s” is too long: %(limit)s characters at most per item."),
                    code="tag_too_long",
                    params={"name": Truncator(name).chars(30), "limit": TAG_MAX_LENGTH},
                )

    def run_validators(self, value: list[str]) -> None:
        super().run_validators(", ".join(value))

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list) else value
