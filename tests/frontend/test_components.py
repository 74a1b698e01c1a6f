"""The component library: avatars (initials, a stable colour, a name for screen readers) and
form fields whose `aria-describedby` names elements that exist."""

import re
import subprocess
import sys

import pytest
from django import forms
from django.template import engines

from frontend.components import avatar_colour, initials
from tests.people.factories import UserFactory, person


def render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


@pytest.mark.parametrize(
    ("name", "username", "expected"),
    [
        ("Camille Martin", "cmartin", "CM"),
        ("Jean-Luc Picard", "", "JP"),  # the first name's first letter, hyphenated or not
        ("Jean-Pierre Dupont", "", "JD"),
        ("Marie Dupont-Durand", "", "MD"),
        ("  élodie   de la Fontaine ", "", "ÉF"),  # a composed last name: its last word
        ("Jean de la Tour", "", "JT"),
        ("E\u0301mile Zola", "", "ÉZ"),  # a decomposed accent is composed first
        ("Zoë O'Neil", "", "ZN"),
        ("camille", "cmartin", "C"),  # a single name: its letter
        ("@bot", "", "B"),
        ("3 x", "", "X"),  # words start with a letter
        ("", "jdupont", "JD"),  # no name: the username's first two letters
        ("", "é.lise", "ÉL"),
        ("", "j", "J"),
        ("", "", "?"),
        ("— !", "42", "?"),
    ],
)
def test_initials_are_the_first_letters_of_the_first_and_last_names(name, username, expected):
    assert initials(name, username) == expected


@pytest.mark.django_db
def test_the_avatar_and_the_photo_tags_draw_the_same_initials():
    user = person(first_name="Jean-Luc", last_name="Picard", username="jlp")
    nameless = person(first_name="", last_name="", username="zorro")

    for who, letters in ((user, "JP"), (nameless, "ZO")):
        avatar_html = render("{% load ui %}{% avatar who %}", who=who)
        photo_html = render("{% load pictures %}{% photo who.profile %}", who=who)
        assert f">{letters}</span>" in avatar_html
        assert f">{letters}</span>" in photo_html


def test_a_name_always_gets_the_same_colour_whatever_the_process():
    names = ["Camille Martin", "Léa Rousseau", "Noé Ba", "Jean-Pierre Dupont"]
    here = [avatar_colour(name) for name in names]
    code = (
        "from frontend.components import avatar_colour;"
        f"print([avatar_colour(n) for n in {names!r}])"
    )
    elsewhere = subprocess.run(  # another interpreter, another hash seed
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONHASHSEED": "12345", "PATH": ""},
    ).stdout.strip()
    assert str(here) == elsewhere
    assert avatar_colour("camille martin ") == avatar_colour("Camille Martin")
    assert all(0 <= colour < 8 for colour in here)


def test_names_spread_over_the_palette():
    colours = {avatar_colour(f"Personne {number}") for number in range(60)}
    assert len(colours) == 8


@pytest.mark.django_db
def test_an_avatar_of_initials_is_an_image_named_after_the_person():
    camille = UserFactory(first_name="Camille", last_name="Martin")

    html = render("{% avatar person %}", person=camille)

    assert 'role="img"' in html and 'aria-label="Camille Martin"' in html
    assert ">CM</span>" in html
    assert re.search(r"avatar--c[0-7]", html)


def test_an_avatar_beside_a_written_name_is_hidden_from_screen_readers():
    html = render('{% avatar "Camille Martin" decorative=True %}')

    assert 'aria-hidden="true"' in html and "aria-label" not in html and 'role="img"' not in html


def test_a_photo_avatar_has_the_name_as_its_text_alternative_or_none_when_decorative():
    named = render('{% avatar "Léa Rousseau" photo="/static/lea.jpg" %}')
    decorative = render('{% avatar "Léa Rousseau" photo="/static/lea.jpg" decorative=True %}')

    assert '<img class="avatar avatar--md" src="/static/lea.jpg" alt="Léa Rousseau"' in named
    assert 'alt=""' in decorative


def test_an_avatar_escapes_the_name():
    html = render("{% avatar name %}", name='<b>"x"</b>')

    assert "<b>" not in html and "&lt;b&gt;" in html


class ArticleForm(forms.Form):
    title = forms.CharField(help_text="Eighty characters at most.", max_length=80)
    summary = forms.CharField(required=False)
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    notify = forms.BooleanField(required=False, help_text="By email.")


def ids_in(html: str) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', html))


def described_by_all(html: str) -> list[str]:
    return [
        ref for value in re.findall(r'aria-describedby="([^"]*)"', html) for ref in value.split()
    ]


@pytest.mark.parametrize(
    "data", [None, {"title": "", "kind": ""}, {"title": "x" * 81, "kind": "a"}]
)
def test_every_id_a_field_is_described_by_exists(data):
    form = ArticleForm(data)
    form.is_valid()

    html = render("{% for field in form %}{% form_field field %}{% endfor %}", form=form)

    references = described_by_all(html)
    assert references, "the help texts at least are referenced"
    assert set(references) <= ids_in(html)
    for field in form:
        control = re.search(rf'<[^>]+id="{field.auto_id}"[^>]*>', html)
        assert control, field.name


def test_a_field_in_error_says_so_and_points_at_its_help_then_its_error():
    form = ArticleForm({"title": "", "kind": "a"})
    form.is_valid()

    html = render("{% form_field form.title %}", form=form)

    control = re.search(r"<input[^>]+>", html).group(0)
    assert 'aria-invalid="true"' in control
    assert 'aria-describedby="id_title-help id_title-error"' in control
    assert 'id="id_title-error"' in html and "Champ requis." in html  # French by default
    assert '<label for="id_title">' in html


def test_a_valid_field_has_no_error_id_nor_aria_invalid():
    form = ArticleForm({"title": "Bonjour", "kind": "a"})
    form.is_valid()

    html = render("{% form_field form.title %}{% form_field form.summary %}", form=form)

    assert "aria-invalid" not in html and "-error" not in html
    assert 'aria-describedby="id_title-help"' in html
    summary = re.search(r'<input[^>]+id="id_summary"[^>]*>', html).group(0)
    assert "aria-describedby" not in summary


def test_the_error_summary_links_each_error_to_its_field():
    form = ArticleForm({"title": "", "kind": ""})
    form.is_valid()

    html = render(
        "{% error_summary form %}{% for f in form %}{% form_field f %}{% endfor %}", form=form
    )

    links = re.findall(r'<a href="#([^"]+)">', html)
    assert links == ["id_title", "id_kind_0"]
    assert set(links) <= ids_in(html)
    assert 'role="alert"' in html


def test_no_error_summary_for_a_form_without_errors():
    assert render("{% error_summary form %}", form=ArticleForm()).strip() == ""
