from typing import cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.forms import TagListField
from core.text import BIO_MAX_LENGTH, TITLE_MAX_LENGTH, reject_bidi_controls
from core.widgets import OneLoopSelect
from people.models import OrganisationValue, Profile, Team
from people.selectors import SORTS


class DirectoryFilterForm(forms.Form):
    knows = forms.CharField(
        label=_("Who knows…"),
        required=False,
        max_length=100,
        help_text=_("A skill, e.g. Python"),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    team = forms.ModelChoiceField(
        label=_("Team (with its sub-teams)"),
        queryset=Team.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label=_("All teams"),
        widget=OneLoopSelect,
    )
    # Rendered in one loop (core/widgets.py): the same HTML as Django's, on every view.
    location = forms.ChoiceField(label=_("Location"), required=False, widget=OneLoopSelect)
    skill = forms.ChoiceField(label=_("Skill"), required=False, widget=OneLoopSelect)
    language = forms.ChoiceField(label=_("Language"), required=False, widget=OneLoopSelect)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        widget=OneLoopSelect,
        choices=[
            ("name", _("Name (A–Z)")),
            ("-name", _("Name (Z–A)")),
            ("team", _("Team")),
            ("location", _("Location")),
            ("recent", _("Recently confirmed")),
        ],
    )

    def __init__(self, *args, choices: dict[str, list[str]], **kwargs):
        super().__init__(*args, **kwargs)
        for name, values in (
            ("location", choices["locations"]),
            ("skill", choices["skills"]),
            ("language", choices["languages"]),
        ):
            field = cast(forms.ChoiceField, self.fields[name])
            field.choices = [("", _("Any"))] + [(v, v) for v in values]

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        sort = data.get("sort") or "name"
        return {
            "team": data.get("team"),
            "location": data.get("location", ""),
            "skill": data.get("skill", ""),
            "language": data.get("language", ""),
            "knows": data.get("knows", ""),
            "sort": sort if sort in SORTS else "name",
        }

    def active_count(self) -> int:
        """How many filters narrow the list (the sort order is not one)."""
        return sum(1 for name, value in self.filters().items() if name != "sort" and value)


class ProfileForm(forms.Form):
    job_title = forms.CharField(
        label=_("Job title"),
        required=False,
        max_length=TITLE_MAX_LENGTH,
        validators=[reject_bidi_controls],
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    location = forms.CharField(
        label=_("Location"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=50,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    skills = TagListField(
        label=_("Skills"),
        required=False,
        help_text=_("Separated by commas, e.g. Python, négociation, RGPD"),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    languages = TagListField(
        label=_("Languages"),
        required=False,
        help_text=_("Separated by commas"),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    bio = forms.CharField(
        label=_("About me"),
        required=False,
        max_length=BIO_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    photo = forms.ImageField(
        label=_("Photo"),
        required=False,
        help_text=_("A JPEG or PNG image, 5 MB at most"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )

    consents_to_be_highlighted = forms.BooleanField(
        label=_("Leadership may thank me by name"),
        required=False,
        help_text=_(
            "Once a month, leadership publishes a thank-you post. If you tick this box, it may "
            "name you when colleagues have thanked you with kudos. You can untick it at any time."
        ),
    )
    is_ambassador = forms.BooleanField(
        label=_("I volunteer as an ambassador"),
        required=False,
        help_text=_(
            "Ambassadors help spread news and ideas across teams. Communicators will see your "
            "name and how many teams react to what you share. Untick it to stop at any time."
        ),
    )

    # The person's own choices: HR, editing someone else's profile, never sees or sets them.
    CONSENT_FIELDS = ("consents_to_be_highlighted", "is_ambassador")

    def drop_consents(self) -> None:
        for name in self.CONSENT_FIELDS:
            del self.fields[name]

    def clean_photo(self):
        """Django's ImageField has opened it with Pillow; JPEG and PNG only, of sane size."""
        photo = self.cleaned_data.get("photo")
        if not photo:
            return photo
        if photo.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The photo is larger than 5 MB."))
        image = photo.image  # set by forms.ImageField once Pillow has read the file
        if image.format not in ("JPEG", "PNG"):
            raise forms.ValidationError(_("The photo must be a JPEG or PNG image."))
        if image.width * image.height > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
            raise forms.ValidationError(_("The photo has too many pixels."))
        return photo

    @classmethod
    def initial_for(cls, profile: Profile) -> dict:
        return {
            "job_title": profile.job_title,
            "location": profile.location,
            "phone": profile.phone,
            "bio": profile.bio,
            "skills": sorted(t.name for t in profile.skills.all()),
            "languages": sorted(t.name for t in profile.languages.all()),
            "team": profile.team,
            "manager": profile.manager,
            "consents_to_be_highlighted": profile.consents_to_be_highlighted,
            "is_ambassador": profile.is_ambassador,
        }


class HRProfileForm(ProfileForm):
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.all(), required=False)
    manager = forms.ModelChoiceField(
        label=_("Manager"),
        queryset=Profile.objects.active().select_related("user"),
        required=False,
    )


class KudosForm(forms.Form):
    value = forms.ModelChoiceField(
        label=_("Value"),
        queryset=OrganisationValue.objects.filter(active=True),
        empty_label=None,
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Your message"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
