"""Acknowledging a must-read; editors' rates by team and CSV export."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.exports import csv_response
from news import services
from news.models import NewsPage
from news.selectors import acknowledgement_rates, acknowledgement_rows, must_reads_overview

from .common import back, viewable_page


@require_POST
def acknowledge(request, page_id: int):
    """Any employee who may open the must-read acknowledges it (idempotent)."""
    page = viewable_page(request, page_id, NewsPage)
    try:
        services.acknowledge_must_read(user=request.user, page=page)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Thank you for reading this."))
    return back(request, page.url, "#must-read")


@require_GET
@permission_required("news.view_acknowledgement_stats", raise_exception=True)
def must_reads(request):
    """Editors: every live must-read with its number of acknowledgements."""
    return render(request, "news/must_reads.html", {"pages": must_reads_overview()[:200]})


def _must_read(page_id: int) -> NewsPage:
    page = get_object_or_404(NewsPage, pk=page_id)
    if not page.must_read:
        raise Http404
    return page


@require_GET
@permission_required("news.view_acknowledgement_stats", raise_exception=True)
def acknowledgement_stats(request, page_id: int):
    """Editors (news.view_acknowledgement_stats): acknowledgement rates by team."""
    page = _must_read(page_id)
    rates = acknowledgement_rates(page)
    total = sum(rate.total for rate in rates)
    done = sum(rate.acknowledged for rate in rates)
    return render(
        request,
        "news/acknowledgements.html",
        {
            "news": page,
            "rates": rates,
            "total": total,
            "done": done,
            "percent": round(100 * done / total) if total else 0,
        },
    )


@require_GET
@permission_required("news.view_acknowledgement_stats", raise_exception=True)
def acknowledgement_export(request, page_id: int):
    """Editors: who acknowledged a must-read, as CSV (core.exports cells)."""
    page = _must_read(page_id)
    return csv_response(
        filename=f"acknowledgements-{page.pk}.csv",
        header=[_("Name"), _("Email"), _("Team"), _("Acknowledged at")],
        rows=(
            [name, email, team, at.isoformat() if at else ""]
            for name, email, team, at in acknowledgement_rows(page)
        ),
    )
