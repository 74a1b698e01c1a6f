"""Forms of the communities' own pages: create, settings, ask to join, manage members."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from communities.models import Role, Visibility
from communities.services.communities import NAME_MAX_LENGTH
from communities.services.membership import REQUEST_MESSAGE_MAX_LENGTH
from core.forms import TagListField
from core.text import DESCRIPTION_MAX_LENGTH, reject_bidi_controls

COVER_MAX_BYTES = 5 * 1024 * 1024


class CommunityForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=NAME_MAX_LENGTH, validators=[reject_bidi_controls]
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    visibility = forms.ChoiceField(
        label=_("Who may see and read it"),
        choices=Visibility.choices,
        initial=Visibility.OPEN,
        widget=forms.RadioSelect,
    )
    tags = TagListField(
        label=_("Tags"), required=False, help_text=_("Separated by commas, e.g. Python, RSE")
    )
    cover = forms.ImageField(
        label=_("Cover image"), required=False, help_text=_("A JPEG or PNG image, 5 MB at most")
    )

    def clean_cover(self):
        """Django's ImageField has opened it with Pillow; JPEG and PNG only, of sane size."""
        cover = self.cleaned_data.get("cover")
        if not cover:
            return cover
        if cover.size > COVER_MAX_BYTES:
            raise forms.ValidationError(_("The image is larger than 5 MB."))
        image = cover.image
        if image.format not in ("JPEG", "PNG"):
            raise forms.ValidationError(_("The image must be a JPEG or PNG image."))
        if image.width * image.height > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
            raise forms.ValidationError(_("The image has too many pixels."))
        return cover


class SettingsForm(CommunityForm):
    welcome_message = forms.CharField(
        label=_("Welcome message"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown once to each new member when they join."),
    )


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("A word for the animators (optional)"),
        required=False,
        max_length=REQUEST_MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
