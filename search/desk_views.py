"""The editors' relevance desk in the Wagtail admin: try a query, see the ranked results as the
search gives them to oneself and why each matched, then fix what is wrong from the same page
(a synonym, an acronym, a page promoted for the query).

Open to whoever may read the search analytics; each form also needs the permission that the
same change needs elsewhere in the admin (adding a synonym snippet, adding a search promotion).
The desk's own searches are not logged: they are no employee's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Media
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from search import desk
from search.engine import SearchUnavailable
from search.forms import AcronymForm, DeskQueryForm, PromoteForm, SynonymForm
from search.labels import KIND_LABELS, tier_label, why_label
from search.services import run_search, within_limits

if TYPE_CHECKING:
    from django import forms
    from django.http import HttpRequest, HttpResponse

    from search.results import SearchOutcome

DESK_PERMISSION = "search.use_relevance_desk"
# Each form of the desk, with the permission its change needs.
FORMS: dict[str, tuple[type[forms.Form], str]] = {
    "synonym": (SynonymForm, "search.add_synonym"),
    "acronym": (AcronymForm, "search.add_synonym"),
    "promote": (PromoteForm, "wagtailsearchpromotions.add_searchpromotion"),
}


def _check_desk(request: HttpRequest, action: str | None = None) -> None:
    if not request.user.has_perm(DESK_PERMISSION):
        raise PermissionDenied
    if action is not None and not request.user.has_perm(FORMS[action][1]):
        raise PermissionDenied


def desk_url(query: str = "") -> str:
    """The desk, with `query` tried if given."""
    url = reverse("search_desk")
    return f"{url}?{urlencode({'q': query})}" if query else url


@require_GET
def relevance_desk(request: HttpRequest) -> HttpResponse:
    """The desk: the query form, its ranked results and why each matched, and the fixes."""
    _check_desk(request)
    query_form = DeskQueryForm(request.GET if "q" in request.GET else None, auto_id="desk_%s")
    query = query_form.cleaned_data["q"] if query_form.is_valid() else ""
    return _render(request, query_form, query)


@require_POST
def desk_add_synonym(request: HttpRequest) -> HttpResponse:
    """Add a group of synonyms, then back to the desk with the same query."""
    _check_desk(request, "synonym")
    form = SynonymForm(request.POST, auto_id="synonym_%s")
    if form.is_valid():
        try:
            synonym = desk.add_synonym(terms=form.term_list())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("Synonyms added: %(terms)s. The next search uses them.") % {"terms": synonym},
            )
            return redirect(desk_url(form.cleaned_data["q"]))
    return _render_with(request, "synonym", form)


@require_POST
def desk_add_acronym(request: HttpRequest) -> HttpResponse:
    """Add an acronym and its expansion, then back to the desk with the same query."""
    _check_desk(request, "acronym")
    form = AcronymForm(request.POST, auto_id="acronym_%s")
    if form.is_valid():
        try:
            synonym = desk.add_acronym(
                acronym=form.cleaned_data["acronym"], expansion=form.cleaned_data["expansion"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            acronym, expansion = synonym.term_list[:2]
            messages.success(
                request,
                _("Acronym added: %(acronym)s = %(expansion)s. The next search uses it.")
                % {"acronym": acronym, "expansion": expansion},
            )
            return redirect(desk_url(form.cleaned_data["q"]))
    return _render_with(request, "acronym", form)


@require_POST
def desk_promote_page(request: HttpRequest) -> HttpResponse:
    """Show a page first for the desk's query, then back to the desk with that query."""
    _check_desk(request, "promote")
    form = PromoteForm(request.POST, auto_id="promote_%s")
    if form.is_valid():
        page = form.cleaned_data["page"].specific
        try:
            desk.promote_page(
                query=form.cleaned_data["q"],
                page=page,
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("“%(title)s” now comes first for “%(query)s”.")
                % {"title": page.title, "query": form.cleaned_data["q"]},
            )
            return redirect(desk_url(form.cleaned_data["q"]))
    return _render_with(request, "promote", form)


def _add_errors(form: forms.Form, error: ValidationError) -> None:
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)


def _render_with(request: HttpRequest, action: str, form: forms.Form) -> HttpResponse:
    """The desk again, the form that was sent kept with its errors and what was typed."""
    query = within_limits(request.POST.get("q", ""))
    query_form = DeskQueryForm({"q": query} if query else None, auto_id="desk_%s")
    query_form.is_valid()
    return _render(request, query_form, query, bound={action: form})


def _render(
    request: HttpRequest,
    query_form: DeskQueryForm,
    query: str,
    bound: dict[str, forms.Form] | None = None,
) -> HttpResponse:
    outcome, unavailable = None, False
    if query:
        try:
            outcome = run_search(user=request.user, text=query, source="desk", log=False)
        except SearchUnavailable:
            unavailable = True
    fix_forms = {
        action: (bound or {}).get(action)
        or form_class(initial={"q": query}, auto_id=f"{action}_%s")
        for action, (form_class, permission) in FORMS.items()
        if request.user.has_perm(permission)
    }
    return render(
        request,
        "search/admin/desk.html",
        {
            "page_title": _("Relevance desk"),
            "header_title": _("Relevance desk"),
            "query_form": query_form,
            "query": query,
            "outcome": outcome,
            "tier": tier_label(outcome.tier) if outcome else "",
            "answer": outcome.answer if outcome else None,
            "rows": _rows(outcome) if outcome else [],
            "unavailable": unavailable,
            "forms": fix_forms,
            "media": sum((form.media for form in fix_forms.values()), start=Media()),
        },
        status=503 if unavailable else 200,
    )


def _rows(outcome: SearchOutcome) -> list[dict[str, Any]]:
    """Each result with its rank, its kind's label and why it was found, in words."""
    rows = []
    for rank, hit in enumerate(outcome.results, start=outcome.first_rank):
        codes = ["promoted", *hit.why] if hit.promoted else hit.why
        rows.append(
            {
                "rank": rank,
                "hit": hit,
                "kind": KIND_LABELS.get(hit.kind, hit.kind),
                "why": list(dict.fromkeys(why_label(code, hit.kind) for code in codes)),
            }
        )
    return rows
