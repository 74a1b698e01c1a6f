"""Mentions of people and teams in what employees write: `@camille`, `@équipe:support`.

The format works without JavaScript (people type the token; the editor's autocomplete only
inserts it) and is stored as typed, in the body's plain text or sanitised HTML:

- a person: `@` then their username (`@camille.martin`), any case;
- a team: `@équipe:` then its slug (`@équipe:support`); `@equipe:` and `@team:` work too.

A token counts only where it starts a word: `jean@example.com`, `https://x.org/@camille` and
text inside an existing link are not mentions. Unknown names, people who left and tokens
beyond the first `MAX_MENTIONS` are ignored.

Reads for the apps that notify (communities): `find_mentions` (who a text mentions),
`mention_recipients` (who to tell, within an audience), `link_mentions` (the HTML with each
mention linked; template filter `link_mentions` in `people_mentions`; in the comments of every
conversation through `link_mentions_in_bodies`, the kernel's body renderer), `suggest_mentions`
(what the autocomplete offers, `GET /api/people/mentions/`). Every one of them runs a constant
number of queries, whatever the number of mentions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Concat, Lower
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from core.richtext import sanitise_html, text_to_html
from people.models import Profile, Team
from people.selectors import team_descendant_ids

if TYPE_CHECKING:
    from collections.abc import Iterator

MAX_MENTIONS = 50  # distinct tokens read in one text: a post cannot page the whole company
SUGGESTIONS = 8  # people and teams the autocomplete offers at most
TEAM_PREFIX = "équipe"  # what `team_token` writes; TEAM_PREFIXES are all read
TEAM_PREFIXES = ("équipe", "equipe", "team")

# `@` at the start of a word (not after a letter, a dot, `/`…: emails and addresses are not
# mentions), then a team prefix and a slug, or a username (Django's characters but `@`).
_TOKEN = re.compile(
    r"(?<![\w.+\-@/])@(?:(?P<prefix>" + "|".join(TEAM_PREFIXES) + r"):(?P<slug>[\w-]+)"
    r"|(?P<name>[\w.+\-]+))",
    re.IGNORECASE,
)
# A tag of sanitised HTML (nh3 quotes every attribute value); comments are already gone.
_TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")
_LINK_OPEN = re.compile(r"<a[\s>]", re.IGNORECASE)
_LINK_CLOSE = re.compile(r"</a\s*>", re.IGNORECASE)

PERSON, TEAM = "person", "team"


def person_token(username: str) -> str:
    return f"@{username}"


def team_token(slug: str) -> str:
    return f"@{TEAM_PREFIX}:{slug}"


@dataclass(frozen=True)
class Mentions:
    """Who a text mentions: active people's user ids and team ids, in order of first mention."""

    user_ids: tuple[int, ...] = ()
    team_ids: tuple[int, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.user_ids or self.team_ids)


@dataclass(frozen=True)
class Target:
    id: int
    url: str
    kind: str


@dataclass
class KnownMentions:
    """The tokens of some texts that name someone: `(kind, lowercased name)` → target."""

    targets: dict[tuple[str, str], Target] = field(default_factory=dict)

    def get(self, kind: str, name: str) -> Target | None:
        return self.targets.get((kind, name.lower()))


# --- Reading tokens ---------------------------------------------------------------------------


def _text_outside_links(markup: str) -> Iterator[tuple[bool, str]]:
    """The pieces of sanitised HTML in order: (True, text outside any link) or (False, the
    rest: tags, and the text of links)."""
    depth = 0
    position = 0
    for tag in _TAG.finditer(markup):
        if tag.start() > position:
            yield depth == 0, markup[position : tag.start()]
        if _LINK_OPEN.match(tag.group()):
            depth += 1
        elif _LINK_CLOSE.match(tag.group()):
            depth = max(depth - 1, 0)
        yield False, tag.group()
        position = tag.end()
    if position < len(markup):
        yield depth == 0, markup[position:]


def _token_of(match: re.Match[str], text: str) -> tuple[str, str, int] | None:
    """(kind, name as written, end) of a token, or None when it is no mention."""
    if match.group("slug"):
        slug = match.group("slug").rstrip("-_")
        return (TEAM, slug, match.start("slug") + len(slug)) if slug else None
    name = match.group("name")
    if text[match.end() : match.end() + 1] == "@":  # camille@example.org: an address
        return None
    name = name.rstrip(".+-")
    return (PERSON, name, match.start("name") + len(name)) if name else None


def _tokens(markup: str) -> dict[tuple[str, str], str]:
    """The distinct tokens of sanitised HTML, `(kind, lowercased)` → as first written, in order,
    at most MAX_MENTIONS."""
    found: dict[tuple[str, str], str] = {}
    for is_text, piece in _text_outside_links(markup):
        if not is_text or "@" not in piece:
            continue
        for match in _TOKEN.finditer(piece):
            token = _token_of(match, piece)
            if token is None:
                continue
            kind, name, _end = token
            found.setdefault((kind, name.lower()), name)
            if len(found) >= MAX_MENTIONS:
                return found
    return found


def _pick(rows: Iterable[tuple[int, str]], written: dict[str, str]) -> dict[str, tuple[int, str]]:
    """For each lowercased name, the row written exactly so, else the oldest (lowest id)."""
    chosen: dict[str, tuple[int, str]] = {}
    for pk, name in sorted(rows):
        key = name.lower()
        if key not in chosen or name == written.get(key):
            chosen[key] = (pk, name)
    return chosen


def _resolve(tokens: dict[tuple[str, str], str]) -> KnownMentions:
    """What the tokens name: one query for people, one for teams (none when there are none)."""
    known = KnownMentions()
    names = {name: written for (kind, name), written in tokens.items() if kind == PERSON}
    slugs = {name: written for (kind, name), written in tokens.items() if kind == TEAM}
    if names:
        users = (
            User.objects.annotate(lowered=Lower("username"))
            .filter(lowered__in=list(names), is_active=True, profile__deactivated_at__isnull=True)
            .values_list("pk", "username")
        )
        for key, (pk, username) in _pick(users, names).items():
            url = reverse("people:profile", kwargs={"username": username})
            known.targets[(PERSON, key)] = Target(pk, url, PERSON)
    if slugs:
        teams = (
            Team.objects.annotate(lowered=Lower("slug"))
            .filter(lowered__in=list(slugs))
            .values_list("pk", "slug")
        )
        for key, (pk, slug) in _pick(teams, slugs).items():
            known.targets[(TEAM, key)] = Target(pk, reverse("people:team", args=[slug]), TEAM)
    return known


def find_mentions(text: str) -> Mentions:
    """The active people and the teams that `text` (plain text or HTML) mentions.

    Tokens are read in the text as `core.richtext.text_to_html` would show it, outside links;
    case does not matter, each person or team counts once, unknown tokens and people who left
    are ignored, and only the first MAX_MENTIONS distinct tokens are read. Two queries at most.
    """
    tokens = _tokens(text_to_html(text or ""))
    known = _resolve(tokens)
    users: list[int] = []
    teams: list[int] = []
    for key in tokens:
        target = known.targets.get(key)
        if target is None:
            continue
        ids = users if target.kind == PERSON else teams
        if target.id not in ids:
            ids.append(target.id)
    return Mentions(user_ids=tuple(users), team_ids=tuple(teams))


def known_mentions(*markups: str) -> KnownMentions:
    """The targets of the mentions of several HTML bodies, in two queries for them all: give it
    to `link_mentions(body, known=...)` to render a list of posts without a query per post."""
    tokens: dict[tuple[str, str], str] = {}
    for markup in markups:
        for key, written in _tokens(sanitise_html(markup or "")).items():
            tokens.setdefault(key, written)
    return _resolve(tokens)


def link_mentions(markup: str, *, known: KnownMentions | None = None) -> SafeString:
    """HTML with each valid mention turned into a link to the profile or the team page
    (`<a class="mention mention--person" href="/people/camille/">@camille</a>`).

    `markup` is HTML (plain text goes through `core.richtext.text_to_html` first); it is
    sanitised again here, so whatever it holds the result is safe to show. Only the text
    between tags is changed, never inside a tag or an existing link. Store the body without the
    links (the sanitiser would drop their class) and call this when showing it.
    """
    clean = sanitise_html(markup or "")
    if "@" not in clean:
        return mark_safe(clean)  # noqa: S308 - sanitised just above
    if known is None:
        known = _resolve(_tokens(clean))
    return mark_safe(_linked(clean, known))  # noqa: S308 - sanitised pieces, links by format_html


def link_mentions_in_bodies(markups: list[str]) -> list[str]:
    """The kernel's body renderer (`core.rendering.register_body_renderer`): bodies that are
    already safe HTML (escaped or sanitised by the kernel), each with its mentions linked as
    `link_mentions` does; two queries for them all, none when no body holds an `@`."""
    tokens: dict[tuple[str, str], str] = {}
    for markup in markups:
        if "@" in markup:
            for key, written in _tokens(markup).items():
                tokens.setdefault(key, written)
    if not tokens:
        return markups
    known = _resolve(tokens)
    return [_linked(markup, known) if "@" in markup else markup for markup in markups]


def _linked(clean: str, known: KnownMentions) -> str:
    """Sanitised HTML with the mentions of its text (outside links) linked."""
    pieces = []
    for is_text, piece in _text_outside_links(clean):
        pieces.append(_link_text(piece, known) if is_text and "@" in piece else piece)
    return "".join(pieces)


def _link_text(text: str, known: KnownMentions) -> str:
    """Escaped text with its mentions linked; everything else exactly as it was."""
    out: list[str] = []
    position = 0
    for match in _TOKEN.finditer(text):
        token = _token_of(match, text)
        if token is None:
            continue
        kind, name, end = token
        target = known.get(kind, name)
        if target is None:
            continue
        out.append(text[position : match.start()])
        out.append(
            format_html(
                '<a class="mention mention--{}" href="{}">{}</a>',
                kind,
                target.url,
                text[match.start() : end],  # word characters, `@` and `:` only
            )
        )
        position = end
    out.append(text[position:])
    return "".join(out)


# --- Who is told ------------------------------------------------------------------------------


def _user_ids(among: Iterable[int] | QuerySet[Any]) -> Iterable[int] | QuerySet[Any]:
    """`among` for `user_id__in`: profiles become their users; ids stay ids (a subquery when
    a queryset is given, so that it costs no query of its own)."""
    if isinstance(among, QuerySet):
        if among.model is Profile:
            return among.values("user_id")
        return among
    return [int(user_id) for user_id in among]


def mention_recipients(
    mentions: Mentions,
    *,
    among: Iterable[int] | QuerySet[Any] | None,
    author: User | int | None,
) -> set[int]:
    """The user ids to tell about `mentions`: the people mentioned, plus the members of the
    teams mentioned (sub-teams included), active people only, never the author.

    `among` is who may be told, for closed or secret content the readers (a community's
    members): user ids, or a queryset of users, profiles or user ids (`values("user_id")`).
    Everyone is filtered to it, so a mention never reaches outside.

    `among=None` is for open content that every employee may read: the people mentioned are
    told, and team mentions reach nobody (a team is told only within a known audience; pass the
    audience, e.g. a community's members, to reach its members). Two queries at most.
    """
    author_id = author.pk if isinstance(author, User) else author
    who = Q(user_id__in=mentions.user_ids) if mentions.user_ids else Q()
    if mentions.team_ids and among is not None:
        who |= Q(team_id__in=team_descendant_ids(list(mentions.team_ids)))
    if not who:
        return set()
    people = Profile.objects.active().filter(who)
    if among is not None:
        people = people.filter(user_id__in=_user_ids(among))
    if author_id is not None:
        people = people.exclude(user_id=author_id)
    return set(people.values_list("user_id", flat=True))


# --- What the autocomplete offers -------------------------------------------------------------

_ACCENTS = {
    "a": "aàâäáãå",
    "c": "cç",
    "e": "eéèêë",
    "i": "iîïíì",
    "n": "nñ",
    "o": "oôöóòõ",
    "u": "uùûüú",
    "y": "yÿý",
}


def _loose(text: str) -> str:
    """A regular expression matching `text` whatever its accents and case (both PostgreSQL and
    Python read it: letters, escaped characters and bracket classes only)."""
    parts = []
    for char in text.lower():
        base = unicodedata.normalize("NFD", char)[0]
        if base in _ACCENTS:
            letters = _ACCENTS[base]
            parts.append(f"[{letters}{letters.upper()}]")
        elif char.isalnum():
            parts.append(f"[{char}{char.upper()}]" if char.upper() != char else char)
        else:
            parts.append(re.escape(char) if char != " " else "[ ]")
    return "".join(parts)


@dataclass(frozen=True)
class Suggestions:
    people: list[Profile]
    teams: list[Team]


def _split_prefix(text: str) -> tuple[bool, str]:
    """(only teams?, what to look for) of what follows the `@`."""
    text = text.strip().removeprefix("@")
    prefix, colon, rest = text.partition(":")
    if colon and prefix.lower() in TEAM_PREFIXES:
        return True, rest.strip()
    return False, text


def suggest_mentions(
    text: str,
    *,
    limit: int = SUGGESTIONS,
    among: Iterable[int] | QuerySet[Any] | None = None,
) -> Suggestions:
    """People and teams whose name (first, last, full or username; a team's name or slug)
    starts with `text`, accents and case ignored; at most `limit` in all, teams taking up to
    three places when people fill the rest. People who left never appear.

    `among` (user ids, or a queryset of users or profiles) narrows the people to an audience,
    e.g. a community's members; teams are always offered, their members being filtered when
    notified (`mention_recipients`). Two queries.
    """
    teams_only, wanted = _split_prefix(text)
    start = _loose(wanted)
    word = r"(^|[\s'-])" + start
    people: list[Profile] = []
    if not teams_only and wanted:
        matching = (
            Profile.objects.active()
            .annotate(full=Concat("user__first_name", Value(" "), "user__last_name"))
            .filter(Q(full__iregex=word) | Q(user__username__iregex="^" + start))
            .select_related("user")
            .order_by("user__last_name", "user__first_name", "pk")
        )
        if among is not None:
            matching = matching.filter(user_id__in=_user_ids(among))
        people = list(matching[:limit])
    team_room = limit if teams_only else max(limit - len(people), min(3, limit))
    teams_found = Team.objects.order_by("name", "pk")
    if wanted:
        teams_found = teams_found.filter(Q(name__iregex=word) | Q(slug__iregex="^" + start))
    teams = list(teams_found[:team_room])
    return Suggestions(people=people[: limit - len(teams)], teams=teams)
