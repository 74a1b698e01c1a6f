"""The comment form every conversation uses, and the page that gives back a refused comment.

A comment that cannot be published (empty, too long, refused by the service) is never lost:
the view answers with `refused_comment_page`, the form again with what was typed, its error
in the error summary and under the field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from core.text import COMMENT_MAX_LENGTH


class CommentForm(forms.Form):
    """A comment's text, and the comment it replies to (`parent`, hidden); `mentions` adds the
    attribute the @-mention autocomplete listens to."""

    body = forms.CharField(
        label=_("Your comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write a comment.")},
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, mentions: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if mentions:
            self.fields["body"].widget.attrs["data-mentions"] = ""


def refused_comment_page(
    request: HttpRequest,
    *,
    form: forms.Form,
    action: str,
    back_url: str,
    refusal: str = "",
    submit_label: str = "",
) -> HttpResponse:
    """The form again (status 400) with what was typed and why it was refused: the form's
    own errors, the body's replaced by `refusal` (a service's message) when given."""
    form.is_valid()
    if refusal:  # the service's word replaces the form's on the body (they say the same)
        field = "body" if "body" in form.fields else NON_FIELD_ERRORS
        form.errors[field] = form.error_class([refusal])
    return render(
        request,
        "conversations/comment_refused.html",
        {"form": form, "action": action, "back_url": back_url, "submit_label": submit_label},
        status=400,
    )
