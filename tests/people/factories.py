import factory
from django.contrib.auth.models import Group

from people.models import OrganisationValue, Profile, Team
from tests.factories import UserFactory


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Équipe {n}")
    slug = factory.Sequence(lambda n: f"equipe-{n}")


def person(*, team=None, manager=None, skills=(), languages=(), **profile_fields) -> Profile:
    """A user with their profile filled in (the profile itself comes with the user)."""
    user_fields = {
        name: profile_fields.pop(name)
        for name in ("username", "first_name", "last_name", "email")
        if name in profile_fields
    }
    user = UserFactory(**user_fields)
    profile = user.profile
    for name, value in profile_fields.items():
        setattr(profile, name, value)
    profile.team, profile.manager = team, manager
    profile.save()
    if skills:
        profile.skills.set(list(skills))
    if languages:
        profile.languages.set(list(languages))
    return profile


def hr_user(**fields):
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get_or_create(name="HR")[0])
    return user


def value(name="Coopération") -> OrganisationValue:
    return OrganisationValue.objects.get_or_create(name=name)[0]
