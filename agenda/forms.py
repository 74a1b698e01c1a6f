"""Forms of the events pages; they only shape input, the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from agenda.models import Event, EventMode
from agenda.services.events import REPORT_LINKS_MAX, EventDetails
from core.forms import CoverImageField
from core.text import DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH, reject_bidi_controls

MOMENT_FORMAT = "%Y-%m-%dT%H:%M"


class MomentInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format=MOMENT_FORMAT)


class EventForm(forms.Form):
    """Times are typed in the site's time zone (Europe/Paris) and stored in UTC."""

    title = forms.CharField(
        label=_("Title"), max_length=TITLE_MAX_LENGTH, validators=[reject_bidi_controls]
    )
    mode = forms.ChoiceField(label=_("Format"), choices=EventMode.choices)
    starts_at = forms.DateTimeField(
        label=_("Starts at"), widget=MomentInput(), input_formats=[MOMENT_FORMAT]
    )
    ends_at = forms.DateTimeField(
        label=_("Ends at"), widget=MomentInput(), input_formats=[MOMENT_FORMAT]
    )
    place = forms.CharField(
        label=_("Place"),
        required=False,
        max_length=300,
        help_text=_("For an event in person or hybrid."),
    )
    online_url = forms.CharField(
        label=_("Online link"),
        required=False,
        max_length=500,
        help_text=_("For an event online or hybrid: https://…"),
        widget=forms.URLInput(),
    )
    capacity = forms.IntegerField(
        label=_("Capacity"),
        required=False,
        min_value=1,
        help_text=_("Empty: no limit. Beyond it, people join the waiting list."),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Plain text; leave an empty line between paragraphs."),
    )

    cover = CoverImageField(
        help_text=_("A JPEG, PNG or WebP image, 5 MB at most; without one, the events' picture.")
    )
    remove_cover = forms.BooleanField(label=_("Remove the cover image"), required=False)

    def __init__(self, *args: Any, has_cover: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not has_cover:  # nothing to remove
            del self.fields["remove_cover"]

    @classmethod
    def for_event(cls, event: Event) -> EventForm:
        return cls(
            has_cover=event.cover_image_id is not None,
            initial={
                "title": event.title,
                "mode": event.mode,
                "starts_at": event.starts_at,
                "ends_at": event.ends_at,
                "place": event.place,
                "online_url": event.online_url,
                "capacity": event.capacity,
                "description": event.description,
            },
        )

    def details(self) -> EventDetails:
        data = self.cleaned_data
        return EventDetails(
            title=data["title"],
            mode=data["mode"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            place=data["place"],
            online_url=data["online_url"],
            capacity=data["capacity"],
            description=data["description"],
            cover=data.get("cover"),
            remove_cover=bool(data.get("remove_cover")),
        )


class ReportForm(forms.Form):
    report = forms.CharField(
        label=_("What was decided"),
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Plain text; leave an empty line between paragraphs."),
    )
    links = forms.CharField(
        label=_("What it produced"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One post or idea a line: its title, a vertical bar, its address "
            "(“Covoiturage | /ideas/12/”)."
        ),
    )

    @classmethod
    def for_event(cls, event: Event) -> ReportForm:
        lines = "\n".join(f"{link['title']} | {link['url']}" for link in event.report_links)
        return cls(initial={"report": event.report, "links": lines})

    def clean_links(self) -> list[dict[str, str]]:
        links = []
        for number, line in enumerate(self.cleaned_data["links"].splitlines(), start=1):
            if not line.strip():
                continue
            title, bar, url = line.rpartition("|")
            if not bar or not title.strip() or not url.strip():
                raise forms.ValidationError(
                    _("Line %(number)s: write the title, a vertical bar, then the address."),
                    params={"number": number},
                )
            links.append({"title": title.strip(), "url": url.strip()})
        if len(links) > REPORT_LINKS_MAX:
            raise forms.ValidationError(_("A report links to 20 posts or ideas at most."))
        return links
