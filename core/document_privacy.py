"""Documents are as private as the pages that use them.

Wagtail serves a document (`/documents/<id>/<filename>`) to anyone its *collection* lets in, so
a file attached to a page for the HR group would be readable by every employee. Ruche's rule:

- A document that at least one page references (in any field, StreamField block or rich-text
  link: Wagtail's `ReferenceIndex` knows them all) may be downloaded only by someone who may
  view at least one of those pages: a live page whose privacy they pass (login, groups, or a
  password they have entered, on the page or an ancestor, aliases following their source) and
  whose audience rule, if its page type has one (an audience-restricted challenge), lets them in.
- A document that no page references keeps Wagtail's collection rules, unchanged.
- Whoever manages the document in the admin (the `change` permission on its collection, or
  its uploader with `add`) keeps access, since they see it there anyway.
- Collection privacy still applies on top: Wagtail's own check runs after this one.

A signed-in person who may not download the file gets 404, as for a page they may not see:
403 would confirm that a confidential file of that name exists. Nobody signed in is sent to
the sign-in page (which the site does anyway).

One query answers the common case, whatever the number of referencing pages: the pages'
privacy is checked inside it. Page types with an audience rule cost that rule's queries, and
only when no other referencing page already opens the document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, IntegerField, OuterRef, Q, QuerySet
from django.db.models.expressions import Combinable
from django.db.models.functions import Cast, Length, Substr
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.permissions import policy_registry

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest
    from wagtail.documents.models import AbstractDocument

# Of the given page ids (all of the rule's page type), those this user may see.
AudienceRule = Callable[[Any, list[int]], Iterable[int]]
_audience_rules: dict[type[Page], AudienceRule] = {}


class Access(Enum):
    ALLOWED = "allowed"
    DENIED = "denied"
    COLLECTION = "collection"  # no page references it: Wagtail's collection rules decide


def register_audience_rule(model: type[Page], rule: AudienceRule) -> None:
    """Make `model`'s pages (and its subclasses') also follow `rule`, beside page privacy.

    Apps whose page types restrict readers beyond Wagtail's privacy register here from their
    `AppConfig.ready()`, so that this module needs to know none of them.
    """
    _audience_rules[model] = rule


def _rule_for(content_type_id: int) -> AudienceRule | None:
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    for registered, rule in _audience_rules.items():
        if model is not None and issubclass(model, registered):
            return rule
    return None


def _failing_restrictions(request: HttpRequest) -> QuerySet[PageViewRestriction]:
    """The page restrictions this visitor does not pass, as Wagtail's `accept_request` says."""
    user = request.user
    session = getattr(request, "session", {})
    passed = session.get(PageViewRestriction.passed_view_restrictions_session_key, [])
    # `Q & Exists` is a Q at run time; the stubs call it a Combinable.
    failing: Q | Combinable = Q(restriction_type=PageViewRestriction.PASSWORD) & ~Q(pk__in=passed)
    if not user.is_authenticated:
        failing |= Q(restriction_type__in=[PageViewRestriction.LOGIN, PageViewRestriction.GROUPS])
    elif not user.is_superuser:
        my_groups = get_user_model().groups.through.objects.filter(user_id=user.pk)
        allowed = PageViewRestriction.groups.through.objects.filter(
            pageviewrestriction_id=OuterRef("pk"), group_id__in=my_groups.values("group_id")
        )
        failing |= Q(restriction_type=PageViewRestriction.GROUPS) & ~Exists(allowed)
    restrictions: QuerySet[PageViewRestriction] = PageViewRestriction.objects.filter(failing)
    return restrictions


def _viewable_pages(request: HttpRequest) -> QuerySet[Page]:
    """Live pages whose privacy this visitor passes, for use inside a subquery.

    A restriction applies to a page when it sits on the page or an ancestor, or on the source
    of an alias among them (Wagtail checks an alias's source instead of the alias).
    """
    ancestor_alias = Page.objects.filter(
        alias_of_id=OuterRef("page_id"),
        path=Substr(OuterRef(OuterRef("path")), 1, Length("path")),
    )
    blocking = _failing_restrictions(request).filter(
        Q(page__path=Substr(OuterRef("path"), 1, Length("page__path"))) | Exists(ancestor_alias)
    )
    pages: QuerySet[Page] = Page.objects.filter(live=True, expired=False).exclude(Exists(blocking))
    return pages


def page_references(document: AbstractDocument) -> QuerySet[ReferenceIndex]:
    """Where pages use this document, one row per field or block that names it."""
    references: QuerySet[ReferenceIndex] = ReferenceIndex.get_references_to(document).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    return references


def document_access(request: HttpRequest, document: AbstractDocument) -> Access:
    """Whether this request may download the document under the rule above."""
    viewable = _viewable_pages(request).filter(pk=Cast(OuterRef("object_id"), IntegerField()))
    rows = set(
        page_references(document)
        .annotate(viewable=Exists(viewable))
        .values_list("object_id", "content_type_id", "viewable")
        .distinct()
    )
    if not rows:
        return Access.COLLECTION
    by_rule: dict[AudienceRule, list[int]] = {}
    for object_id, content_type_id, viewable in rows:
        if not viewable:
            continue
        rule = _rule_for(content_type_id)
        if rule is None:
            return Access.ALLOWED
        by_rule.setdefault(rule, []).append(int(object_id))
    if any(any(True for _ in rule(request.user, ids)) for rule, ids in by_rule.items()):
        return Access.ALLOWED
    if manages(request.user, document):
        return Access.ALLOWED
    return Access.DENIED


def manages(user: AbstractBaseUser | AnonymousUser, document: AbstractDocument) -> bool:
    """Editors who may change the document in the admin (its uploader included)."""
    if not user.is_authenticated or not user.is_active:
        return False
    policy = policy_registry.get_by_type(type(document))
    allowed: bool = policy.user_has_permission_for_instance(user, "change", document)
    return allowed


def index_references_on_publish(sender: type[Page], instance: Page, **kwargs: Any) -> None:
    """Record a page's references as it goes live, in its own transaction.

    Wagtail updates the reference index in a background task; until that task runs, a file
    just published on a private page would still look unreferenced, hence open to everyone
    its collection lets in. The task still runs later and finds nothing left to change.
    """
    if not ReferenceIndex.is_indexed(type(instance)):
        return
    with transaction.atomic():
        ReferenceIndex.create_or_update_for_object(instance)
