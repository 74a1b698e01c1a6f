"""Form fields shared by the apps."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

TAG_MAX_LENGTH = Tag._meta.get_field("name").max_length


class TagListField(forms.CharField):
    """Names separated by commas (or semicolons), cleaned into a list of distinct names.

    Each name must fit in a tag (100 characters): a longer one is refused with a message
    naming it, instead of failing when the tag is stored.
    """

    # A list where CharField gives a string: the stubs' signature cannot say so.
    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value)
        assert text is not None  # empty_value is "": never None
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


COVER_MAX_BYTES = 5 * 1024 * 1024


class CoverImageField(forms.ImageField):
    """An uploaded cover: a real JPEG, PNG or WebP image (Pillow opens it), 5 MB at most, of
    sane pixels; each refusal said plainly beside the field."""

    default_error_messages = {
        "invalid_image": _("This file is not an image: choose a JPEG, PNG or WebP file."),
    }
    formats = ("JPEG", "PNG", "WEBP")

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Cover image"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("A JPEG, PNG or WebP image, 5 MB at most."))
        kwargs.setdefault("widget", forms.FileInput)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", "image/jpeg,image/png,image/webp")

    def to_python(self, data: Any) -> Any:
        if data and getattr(data, "size", 0) > COVER_MAX_BYTES:
            raise forms.ValidationError(_("The image is larger than 5 MB."), code="too_large")
        upload: Any = super().to_python(data)
        if upload is None:
            return upload
        image = upload.image  # set by ImageField.to_python (Pillow opened it)
        if image.format not in self.formats:
            raise forms.ValidationError(
                _("The image must be a JPEG, PNG or WebP image."), code="format"
            )
        if image.width * image.height > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
            raise forms.ValidationError(_("The image has too many pixels."), code="pixels")
        return upload
