from django.utils.translation import gettext_lazy as _

KIND_LABELS = {
    "page": _("Pages"),
    "news": _("News"),
    "leadership_update": _("Leadership updates"),
    "person": _("People"),
    "team": _("Teams"),
    "challenge": _("Challenges"),
    "idea": _("Ideas"),
    "community": _("Communities"),
    "post": _("Posts"),
    "event": _("Events"),
}
PERIOD_LABELS = {"week": _("Past week"), "month": _("Past month"), "year": _("Past year")}
FACET_LABELS = {"kind": _("Type"), "team": _("Team"), "tag": _("Tag"), "period": _("Date")}
