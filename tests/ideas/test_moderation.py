"""Reports hide content at the challenge's threshold; moderators hide, restore, dismiss."""

import pytest

from core.conversations.models import Comment, Report
from ideas.services import Conflict, NotAllowed, add_comment, moderate, report_content
from tests.ideas.concurrency import run_in_threads
from tests.ideas.factories import challenge, idea
from tests.people.factories import person


@pytest.fixture
def moderator(db):
    return person(username="moderator", groups=["Moderators"])


def test_an_idea_is_hidden_after_enough_reports(db):
    target = idea(challenge(phase="open", reports_to_hide=2))

    report_content(user=person(username="r1"), idea=target)
    target.refresh_from_db()
    assert target.hidden_at is None
    with pytest.raises(Conflict):
        report_content(user=person(username="r1"), idea=target)
    report_content(user=person(username="r2"), idea=target, reason="Injurieux")

    target.refresh_from_db()
    assert target.hidden_at is not None and target.report_count == 2


def test_a_hidden_idea_disappears_for_colleagues_but_not_for_moderators(client, moderator):
    campaign = challenge(phase="open", reports_to_hide=1)
    target = idea(campaign, title="Contenu douteux", author=person(username="author"))
    report_content(user=person(username="r1"), idea=target)

    client.force_login(person(username="colleague"))
    assert client.get(f"/ideas/{target.pk}/").status_code == 404
    assert "Contenu douteux" not in client.get(campaign.url).content.decode()
    client.force_login(target.author)
    assert client.get(f"/ideas/{target.pk}/").status_code == 200
    client.force_login(moderator)
    assert "Contenu douteux" in client.get("/ideas/moderation/").content.decode()


def test_moderators_restore_or_dismiss_and_others_cannot(moderator):
    campaign = challenge(phase="open", reports_to_hide=1)
    target = idea(campaign)
    report_content(user=person(username="r1"), idea=target)

    with pytest.raises(NotAllowed):
        moderate(user=person(username="x"), action="restore", idea=target)
    moderate(user=moderator, action="restore", idea=target)

    target.refresh_from_db()
    assert target.hidden_at is None and target.report_count == 0
    assert Report.objects.get().outcome == "restored"


def test_a_hidden_comment_leaves_the_count_and_comes_back_when_restored(moderator):
    campaign = challenge(phase="open", reports_to_hide=1)
    target = idea(campaign)
    comment = add_comment(user=person(username="c"), idea=target, body="Bof")

    report_content(user=person(username="r1"), comment=comment)
    target.refresh_from_db()
    assert target.comment_count == 0
    comment.refresh_from_db()
    assert comment.hidden_at is not None

    moderate(user=moderator, action="dismiss", comment=comment)
    target.refresh_from_db()
    assert target.comment_count == 1
    assert Comment.objects.get().hidden_at is None


def test_report_and_moderation_pages(client, moderator):
    campaign = challenge(phase="open", reports_to_hide=5)
    target = idea(campaign)
    client.force_login(person(username="reporter"))

    client.post(f"/ideas/{target.pk}/report/", {"reason": "spam"})
    assert client.get("/ideas/moderation/").status_code == 404
    assert (
        client.post(f"/ideas/moderation/idea/{target.pk}/", {"action": "hide"}).status_code == 404
    )

    client.force_login(moderator)
    client.post(f"/ideas/moderation/idea/{target.pk}/", {"action": "hide"})
    target.refresh_from_db()
    assert target.hidden_at is not None
    assert Report.objects.get().outcome == "hidden"


@pytest.mark.django_db(transaction=True)
def test_concurrent_reports_are_all_counted_and_hide_once():
    from ideas.models import Idea

    target = idea(challenge(phase="open", reports_to_hide=3))
    reporters = [person(username=f"reporter{n}") for n in range(8)]

    outcomes = run_in_threads(
        8, lambda n: report_content(user=reporters[n], idea=Idea.objects.get(pk=target.pk))
    )

    assert all(isinstance(outcome, Report) for outcome in outcomes), outcomes
    target.refresh_from_db()
    assert target.report_count == 8 and target.hidden_at is not None
