"""The permission matrix: every URL of the site and the API, and every admin view Ruche adds,
tried by each role, with the status each must get. A URL pattern that no row tries fails the
suite: a new view cannot ship without its rule.

The guest (an outside expert, people/guests.py) gets 404 on everything no guest rule opens
(core/guests.py): the admin always, and, until communities open theirs, all but signing in
and out, languages, notifications, `/api/me/` and the guests' own pages; `/` sends them to
their landing page.

Statuses: `auth` is a redirect to the sign-in page; `302` any other redirect (a form sent back
to its page, or Wagtail's admin turning away a user without the permission); the API answers
401 to nobody. Every request runs in a transaction rolled back after it, so rows never depend
on one another. The roles and objects are described in tests/security/world.py.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.db import transaction
from django.urls import reverse

from tests.security.endpoints import endpoint, ruche_endpoints
from tests.security.world import ROLES, build_world

# fmt: off
MATRIX = """
method path                                               anon empl edit ownr mngr hr   admn gst
GET    /healthz/                                          200  200  200  200  200  200  200  200
POST   /demo/tour/dismiss/                                auth 302  302  302  302  302  302  404
GET    /manifest.webmanifest                              200  200  200  200  200  200  200  200
GET    /sw.js                                             200  200  200  200  200  200  200  200
GET    /offline/                                          200  200  200  200  200  200  200  200
GET    /accounts/login/                                   200  200  200  200  200  200  200  200
POST   /accounts/login/                                   200  200  200  200  200  200  200  200
GET    /admin/login/                                      200  200  200  200  200  200  200  404
POST   /admin/login/                                      200  200  200  200  200  200  200  404
GET    /accounts/logout/                                  auth 405  405  405  405  405  405  405
POST   /accounts/logout/                                  auth auth auth auth auth auth auth auth
GET    /accounts/oidc/authenticate/                       404  404  404  404  404  404  404  404
GET    /accounts/oidc/callback/                           404  404  404  404  404  404  404  404
POST   /i18n/setlang/                                     auth 302  302  302  302  302  302  302
GET    /jsi18n/                                           auth 200  200  200  200  200  200  200
GET    /admin/                                            auth auth 200  auth auth auth 200  404
GET    /admin/search-analytics/                           auth auth 302  auth auth auth 200  404
GET    /admin/relevance-desk/?q=cantine                   auth auth 200  auth auth auth 200  404
POST   /admin/relevance-desk/synonym/                     auth auth 302  auth auth auth 302  404
POST   /admin/relevance-desk/acronym/                     auth auth 302  auth auth auth 302  404
POST   /admin/relevance-desk/promote/                     auth auth 302  auth auth auth 302  404
GET    /admin/background-tasks/                           auth auth 302  auth auth auth 200  404
GET    /admin/desk/                                       auth auth 200  auth auth auth 200  404
GET    /admin/news/audience-reach/?team={team_a.pk}       auth auth 200  auth auth auth 200  404
GET    {document.url}                                     auth 200  200  200  200  200  200  404
POST   {document.url}                                     auth 200  200  200  200  200  200  404
GET    {private_document.url}                             auth 404  200  404  404  200  200  404
GET    {audience_document.url}                            auth 404  200  200  404  404  200  404
GET    /admin/api/main/documents/                         auth auth 200  auth auth auth 200  404
GET    /admin/api/main/documents/{document.pk}/           auth auth 200  auth auth auth 200  404
GET    /admin/api/main/documents/find/?id={document.pk}   auth auth 302  auth auth auth 302  404
POST   /documents/authenticate_with_password/0/           auth 404  404  404  404  404  404  404
GET    /api/                                              404  404  404  404  404  404  404  404
GET    /api/openapi.json                                  401  200  200  200  200  200  200  404
GET    /api/docs                                          401  200  200  200  200  200  200  404
GET    /api/me/                                           401  200  200  200  200  200  200  200
GET    /api/search/?q=cantine                             401  200  200  200  200  200  200  200
GET    /api/search/suggest/?q=can                         401  200  200  200  200  200  200  200
GET    /api/news/questions/                               401  200  200  200  200  200  200  404
GET    /api/ideas/challenges/                             401  200  200  200  200  200  200  404
GET    /api/ideas/challenges/{challenge.pk}/ideas/        401  200  200  200  200  200  200  404
GET    /api/ideas/challenges/{restricted.pk}/ideas/       401  404  404  200  404  404  200  404
POST   /api/ideas/challenges/{challenge.pk}/ideas/        401  201  201  201  201  201  201  404
POST   /api/ideas/challenges/{restricted.pk}/ideas/       401  404  404  201  404  404  201  404
GET    /api/ideas/{idea.pk}/                              401  200  200  200  200  200  200  404
GET    /api/ideas/{restricted_idea.pk}/                   401  404  404  200  404  404  200  404
POST   /api/ideas/{idea.pk}/vote/                         401  200  200  200  200  200  200  404
POST   /api/ideas/{restricted_idea.pk}/vote/              401  404  404  200  404  404  200  404
DELETE /api/ideas/{idea.pk}/vote/                         401  409  409  409  409  409  409  404
GET    /search/?q=cantine                                 auth 200  200  200  200  200  200  200
GET    /search/click/{log.pk}/?to=/                       auth 302  302  302  302  302  302  302
GET    /news/feed/                                        auth 200  200  200  200  200  200  404
POST   /news/pages/{news.pk}/react/                       auth 302  302  302  302  302  302  404
POST   /news/pages/{private_news.pk}/react/               auth 404  404  404  404  302  302  404
POST   /news/pages/{news.pk}/comments/                    auth 302  302  302  302  302  302  404
POST   /news/pages/{private_news.pk}/comments/            auth 404  404  404  404  302  302  404
GET    /news/comments/{news_comment.pk}/edit/             auth 403  403  403  403  403  403  404
POST   /news/comments/{news_comment.pk}/edit/             auth 403  403  403  403  403  403  404
POST   /news/comments/{news_comment.pk}/delete/           auth 403  403  403  403  403  403  404
POST   /news/comments/{news_comment.pk}/report/           auth 302  302  302  302  302  302  404
POST   /news/comments/{private_comment.pk}/report/        auth 404  404  404  404  302  302  404
POST   /news/comments/{news_comment.pk}/hide/             auth 403  302  403  403  403  302  404
POST   /news/comments/{news_comment.pk}/restore/          auth 403  302  403  403  403  302  404
GET    /news/moderation/                                  auth 403  200  403  403  403  200  404
GET    /news/must-reads/                                  auth 403  200  403  403  403  200  404
POST   /news/pages/{must_read.pk}/acknowledge/            auth 302  302  302  302  302  302  404
POST   /news/pages/{private_news.pk}/acknowledge/         auth 404  404  404  404  302  302  404
GET    /news/pages/{must_read.pk}/acknowledgements/       auth 403  200  403  403  403  200  404
GET    /news/pages/{private_news.pk}/acknowledgements/    auth 403  200  403  403  403  200  404
GET    /news/pages/{must_read.pk}/acknowledgements.csv    auth 403  200  403  403  403  200  404
POST   /news/questions/ask/                               auth 302  302  302  302  302  302  404
POST   /news/questions/{question.pk}/vote/                auth 302  302  302  302  302  302  404
GET    /news/questions/{question.pk}/answer/              auth 403  403  403  200  403  200  404
POST   /news/questions/{question.pk}/answer/              auth 403  403  403  302  403  302  404
POST   /news/questions/{question.pk}/status/              auth 403  302  403  302  403  302  404
GET    /news/answered/                                    auth 200  200  200  200  200  200  404
GET    /people/                                           auth 200  200  200  200  200  200  404
GET    /people/guests/                                    auth 200  200  200  200  200  200  200
GET    /people/guests/accept/{invitation_token}/          200  200  200  200  200  200  200  200
POST   /people/guests/accept/{invitation_token}/          200  200  200  200  200  200  200  200
GET    /people/guests/accept/not-a-token/                 404  404  404  404  404  404  404  404
GET    /people/guests/list/                               auth 403  403  403  403  200  200  404
GET    /admin/guests/                                     auth auth 302  auth auth auth 200  404
POST   /admin/guests/{guest.pk}/end/                      auth auth 302  auth auth auth 302  404
GET    /people/me/                                        auth 302  302  302  302  302  302  404
GET    /people/teams/                                     auth 200  200  200  200  200  200  404
GET    /people/teams/{team_b.slug}/                       auth 200  200  200  200  200  200  404
GET    /people/{author.username}/                         auth 200  200  200  200  200  200  404
GET    /people/{author.username}/edit/                    auth 403  403  403  403  200  200  404
POST   /people/{author.username}/edit/                    auth 403  403  403  403  302  302  404
POST   /people/{author.username}/confirm/                 auth 403  403  403  403  302  302  404
POST   /people/{author.username}/deactivate/              auth 403  403  403  403  302  302  404
GET    /people/{author.username}/org-chart/               auth 200  200  200  200  200  200  404
POST   /people/{author.username}/kudos/                   auth 302  302  302  302  302  302  404
GET    /ideas/{idea.pk}/                                  auth 200  200  200  200  200  200  404
GET    /ideas/{restricted_idea.pk}/                       auth 404  404  200  404  404  200  404
POST   /ideas/{idea.pk}/vote/                             auth 302  302  302  302  302  302  404
POST   /ideas/{restricted_idea.pk}/vote/                  auth 404  404  302  404  404  302  404
POST   /ideas/{idea.pk}/unvote/                           auth 302  302  302  302  302  302  404
POST   /ideas/{idea.pk}/comments/                         auth 302  302  302  302  302  302  404
POST   /ideas/{restricted_idea.pk}/comments/              auth 404  404  302  404  404  302  404
POST   /ideas/{idea.pk}/follow/                           auth 302  302  302  302  302  302  404
POST   /ideas/{idea.pk}/answer/                           auth 403  403  302  403  403  302  404
POST   /ideas/{restricted_idea.pk}/answer/                auth 404  404  302  404  404  302  404
POST   /ideas/{idea.pk}/co-authorship/accept/             auth 302  404  404  404  404  404  404
POST   /ideas/{idea.pk}/co-authorship/decline/            auth 302  404  404  404  404  404  404
POST   /ideas/{restricted_idea.pk}/co-authorship/accept/  auth 404  404  404  404  404  404  404
GET    /ideas/{idea.pk}/merge/                            auth 404  404  200  404  404  200  404
POST   /ideas/{idea.pk}/merge/                            auth 404  404  200  404  404  200  404
POST   /ideas/{idea.pk}/report/                           auth 302  302  302  302  302  302  404
POST   /ideas/{restricted_idea.pk}/report/                auth 404  404  302  404  404  302  404
POST   /ideas/comments/{idea_comment.pk}/report/          auth 302  302  302  302  302  302  404
POST   /ideas/comments/{restricted_comment.pk}/report/    auth 404  404  302  404  404  302  404
GET    /ideas/challenges/{challenge.pk}/submit/           auth 200  200  200  200  200  200  404
GET    /ideas/challenges/{restricted.pk}/submit/          auth 404  404  200  404  404  200  404
POST   /ideas/challenges/{challenge.pk}/submit/           auth 302  302  302  302  302  302  404
GET    /ideas/challenges/{challenge.pk}/similar/?title=x  auth 200  200  200  200  200  200  404
GET    /ideas/challenges/{restricted.pk}/similar/?title=x auth 404  404  200  404  404  200  404
POST   /ideas/challenges/{challenge.pk}/follow/           auth 302  302  302  302  302  302  404
POST   /ideas/challenges/{restricted.pk}/follow/          auth 404  404  302  404  404  302  404
GET    /ideas/challenges/{challenge.pk}/stats/            auth 404  404  200  404  404  200  404
GET    /ideas/challenges/{challenge.pk}/export.csv        auth 404  404  200  404  404  200  404
GET    /ideas/challenges/{restricted.pk}/export.xlsx      auth 404  404  200  404  404  200  404
GET    /ideas/challenges/{challenge.pk}/leaderboard/      auth 200  200  200  200  200  200  404
GET    /ideas/challenges/{restricted.pk}/leaderboard/     auth 404  404  200  404  404  200  404
GET    /ideas/challenges/{challenge.pk}/events/new/       auth 404  404  200  404  404  200  404
POST   /ideas/challenges/{challenge.pk}/events/new/       auth 404  404  302  404  404  302  404
GET    /ideas/challenges/{restricted.pk}/events/new/      auth 404  404  200  404  404  200  404
GET    /ideas/challenges/{challenge.pk}/workshops/        auth 301  301  301  301  301  301  404
GET    /ideas/challenges/{restricted.pk}/workshops/       auth 404  404  301  404  404  301  404
POST   /ideas/workshops/9001/sign-up/                     auth 308  308  308  308  308  308  404
POST   /ideas/workshops/9002/sign-up/                     auth 404  404  308  404  404  308  404
GET    /events/{challenge_event.pk}/                      auth 200  200  200  200  200  200  404
GET    /events/{restricted_event.pk}/                     auth 404  404  200  404  404  200  404
POST   /events/{restricted_event.pk}/rsvp/                auth 404  404  302  404  404  302  404
GET    /api/events/{restricted_event.pk}/                 401  404  404  200  404  404  200  404
GET    /ideas/leaderboard/                                auth 200  200  200  200  200  200  404
GET    /ideas/notifications/                              auth 301  301  301  301  301  301  404
POST   /ideas/notifications/                              auth 405  405  405  405  405  405  404
GET    /notifications/                                    auth 200  200  200  200  200  200  200
POST   /notifications/{notice.pk}/read/                   auth 302  404  404  404  404  404  404
POST   /notifications/read-all/                           auth 302  302  302  302  302  302  302
GET    /notifications/preferences/                        auth 200  200  200  200  200  200  200
GET    /styleguide/                                       auth 200  200  200  200  200  200  404
POST   /notifications/preferences/                        auth 302  302  302  302  302  302  302
POST   /api/notifications/push/subscribe/                 401  201  201  201  201  201  201  201
POST   /api/notifications/push/unsubscribe/               401  200  200  200  200  200  200  200
GET    /insights/teams/                                   auth 403  403  403  200  403  200  404
GET    /insights/teams/{team_b.slug}/                     auth 403  403  403  200  403  200  404
GET    /insights/teams/{team_a.slug}/                     auth 403  403  403  403  403  200  404
GET    /insights/ambassadors/                             auth 403  403  403  403  403  200  404
GET    /admin/insights/kpis/                              auth auth 302  auth auth auth 200  404
GET    /admin/insights/signals/                           auth auth 302  auth auth auth 200  404
GET    /insights/actions/                                 auth 403  403  403  200  403  200  404
GET    /insights/actions/new/                             auth 403  403  403  200  403  200  404
POST   /insights/actions/new/                             auth 403  403  403  400  403  400  404
GET    /insights/actions/you-said-we-did/                 auth 200  200  200  200  200  200  404
GET    /insights/actions/{action.pk}/                     auth 200  200  200  200  200  200  404
GET    /insights/actions/{private_action.pk}/             auth 404  404  404  200  404  200  404
GET    /insights/actions/{action.pk}/edit/                auth 403  403  403  403  403  200  404
POST   /insights/actions/{action.pk}/edit/                auth 403  403  403  403  403  302  404
GET    /insights/actions/{private_action.pk}/edit/        auth 404  404  404  403  404  200  404
POST   /insights/actions/{action.pk}/progress/            auth 403  403  403  403  403  302  404
POST   /insights/actions/{private_action.pk}/progress/    auth 404  404  404  403  404  302  404
POST   /insights/actions/{action.pk}/follow/              auth 302  302  302  302  302  302  404
POST   /insights/actions/{private_action.pk}/follow/      auth 404  404  404  302  404  302  404
POST   /insights/actions/{action.pk}/unfollow/            auth 302  302  302  302  302  302  404
GET    /admin/insights/objectives/templates/              auth auth 302  auth auth auth 200  404
POST   /admin/insights/objectives/templates/culture/turn-on/ auth auth 302  auth auth auth 302  404
GET    /insights/what-we-analyse/                         auth 200  200  200  200  200  200  404
GET    /admin/settings/insights/listeningsettings/        auth auth 302  auth auth auth 302  404
POST   /admin/settings/insights/listeningsettings/        auth auth 302  auth auth auth 302  404
GET    /insights/pulse/                                   auth 200  200  200  200  200  200  404
GET    /insights/pulse/rounds/{pulse_round.pk}/           auth 200  200  200  200  200  200  404
POST   /insights/pulse/rounds/{pulse_round.pk}/           auth 302  302  302  302  302  302  404
GET    /insights/pulse/results/                           auth 403  403  403  200  403  200  404
GET    /insights/pulse/results/{pulse_survey.pk}/         auth 403  403  403  200  403  200  404
GET    /admin/insights/pulse/                             auth auth 302  auth auth auth 200  404
GET    /admin/insights/pulse/{pulse_survey.pk}/           auth auth 302  auth auth auth 200  404
POST   /admin/insights/pulse/templates/enps/              auth auth 302  auth auth auth 302  404
GET    /ideas/moderation/                                 auth 404  404  404  404  404  200  404
POST   /ideas/moderation/idea/{idea.pk}/                  auth 404  404  404  404  404  302  404
GET    /moderation/                                       auth 404  200  200  200  404  200  404
POST   /moderation/comments/{news_comment.pk}/hide/       auth 404  302  404  404  404  302  404
POST   /moderation/comments/{idea_comment.pk}/dismiss/    auth 404  404  302  404  404  302  404
POST   /moderation/targets/{idea_conversation.pk}/hide/   auth 404  404  302  404  404  302  404
POST   /_util/authenticate_with_password/0/{home.pk}/     auth 404  404  404  404  404  404  404
GET    /_util/login/                                      200  200  200  200  200  200  200  404
POST   /_util/login/                                      200  200  200  200  200  200  200  404
GET    {home.url}                                         auth 200  200  200  200  200  200  302
POST   {home.url}                                         auth 200  200  200  200  200  200  302
GET    {public_page.url}                                  auth 200  200  200  200  200  200  404
GET    {private_page.url}                                 auth auth auth auth auth 200  200  404
GET    {news_index.url}                                   auth 200  200  200  200  200  200  404
GET    {news.url}                                         auth 200  200  200  200  200  200  404
GET    {private_news.url}                                 auth auth auth auth auth 200  200  404
GET    {leadership_index.url}                             auth 200  200  200  200  200  200  404
GET    {update.url}                                       auth 200  200  200  200  200  200  404
GET    {hub.url}                                          auth 200  200  200  200  200  200  404
GET    {challenge.url}                                    auth 200  200  200  200  200  200  404
GET    {restricted.url}                                   auth 404  404  200  404  404  200  404
GET    /api/people/mentions/?q=ro                         401  200  200  200  200  200  200  404
GET    /api/people/mentions/?q=                           401  400  400  400  400  400  400  404
GET    /events/                                           auth 200  200  200  200  200  200  404
GET    /events/new/                                       auth 404  404  404  404  404  200  404
POST   /events/new/                                       auth 404  404  404  404  404  302  404
GET    /events/{events_open.pk}/                          auth 200  200  200  200  200  200  404
GET    /events/{events_secret.pk}/                        auth 404  404  200  404  404  200  404
GET    /covers/event/{events_secret.pk}/{ev_secret_cover} auth 404  404  200  404  404  200  404
GET    /covers/challenge/{restricted.pk}/{r_cover}        auth 404  404  200  404  404  200  404
GET    /events/{events_open.pk}/event.ics                 auth 200  200  200  200  200  200  404
GET    /events/{events_secret.pk}/event.ics               auth 404  404  200  404  404  200  404
POST   /events/{events_open.pk}/rsvp/                     auth 302  302  302  302  302  302  404
POST   /events/{events_secret.pk}/rsvp/                   auth 404  404  302  404  404  302  404
GET    /events/{events_open.pk}/edit/                     auth 404  404  200  404  404  200  404
POST   /events/{events_open.pk}/edit/                     auth 404  404  302  404  404  302  404
POST   /events/{events_secret.pk}/edit/                   auth 404  404  302  404  404  302  404
POST   /events/{events_open.pk}/cancel/                   auth 404  404  302  404  404  302  404
GET    /events/{events_past.pk}/report/                   auth 404  404  200  404  404  200  404
POST   /events/{events_past.pk}/report/                   auth 404  404  302  404  404  302  404
GET    /communities/events/                               auth 301  301  301  301  301  301  404
GET    /communities/events/new/                           auth 301  301  301  301  301  301  404
POST   /communities/events/new/                           auth 308  308  308  308  308  308  404
GET    /communities/events/{events_secret.pk}/            auth 301  301  301  301  301  301  404
GET    /communities/events/{events_secret.pk}/event.ics   auth 301  301  301  301  301  301  404
POST   /communities/events/{events_secret.pk}/rsvp/       auth 308  308  308  308  308  308  404
GET    /communities/events/{events_open.pk}/edit/         auth 301  301  301  301  301  301  404
POST   /communities/events/{events_open.pk}/edit/         auth 308  308  308  308  308  308  404
POST   /communities/events/{events_open.pk}/cancel/       auth 308  308  308  308  308  308  404
GET    /communities/events/{events_past.pk}/report/       auth 301  301  301  301  301  301  404
POST   /communities/events/{events_past.pk}/report/       auth 308  308  308  308  308  308  404
GET    /communities/{ev_community.slug}/events/new/       auth 404  404  200  404  404  200  404
GET    /communities/{ev_secret_community.slug}/events/new/ auth 404  404  200  404  404  200  404
POST   /communities/{ev_community.slug}/events/new/       auth 404  404  302  404  404  302  404
GET    /api/events/                                       401  200  200  200  200  200  200  404
GET    /api/events/{events_open.pk}/                      401  200  200  200  200  200  200  404
GET    /api/events/{events_secret.pk}/                    401  404  404  200  404  404  200  404
POST   /api/events/{events_open.pk}/rsvp/                 401  200  200  200  200  200  200  404
POST   /api/events/{events_secret.pk}/rsvp/               401  404  404  200  404  404  200  404
DELETE /api/events/{events_open.pk}/rsvp/                 401  200  200  200  200  200  200  404
GET    {c_posts}/                                         auth 200  200  200  200  200  200  404
GET    {s_posts}/                                         auth 404  404  200  200  404  200  404
GET    {c_posts}/new/                                     auth 200  200  200  200  200  200  404
POST   {c_posts}/new/                                     auth 200  200  302  302  200  200  404
GET    {s_posts}/new/                                     auth 404  404  200  200  404  200  404
POST   {s_posts}/new/                                     auth 404  404  302  302  404  200  404
GET    {c_posts}/scheduled/                               auth 403  403  403  200  403  200  404
GET    {s_posts}/scheduled/                               auth 404  404  403  200  404  200  404
GET    {c_p}/                                             auth 200  200  200  200  200  200  404
GET    {s_p}/                                             auth 404  404  200  200  404  200  404
GET    {c_p}/edit/                                        auth 404  404  200  200  404  200  404
POST   {c_p}/edit/                                        auth 404  404  302  302  404  302  404
GET    {s_p}/edit/                                        auth 404  404  200  200  404  200  404
GET    {c_p}/history/                                     auth 200  200  200  200  200  200  404
GET    {s_p}/history/                                     auth 404  404  200  200  404  200  404
POST   {c_p}/delete/                                      auth 302  302  302  302  302  302  404
POST   {s_p}/delete/                                      auth 404  404  302  302  404  302  404
POST   {c_p}/pin/                                         auth 302  302  302  302  302  302  404
POST   {s_p}/pin/                                         auth 404  404  302  302  404  302  404
POST   {c_p}/react/                                       auth 302  302  302  302  302  302  404
POST   {s_p}/react/                                       auth 404  404  302  302  404  302  404
POST   {c_p}/report/                                      auth 302  302  302  302  302  302  404
POST   {s_p}/report/                                      auth 404  404  302  302  404  302  404
POST   {c_p}/vote/                                        auth 302  302  302  302  302  302  404
POST   {s_p}/vote/                                        auth 404  404  302  302  404  302  404
POST   {c_p}/answers/{c_comment.pk}/accept/               auth 302  302  302  302  302  302  404
POST   {s_p}/answers/{s_comment.pk}/accept/               auth 404  404  302  302  404  302  404
POST   {c_p}/answers/unaccept/                            auth 302  302  302  302  302  302  404
POST   {s_p}/answers/unaccept/                            auth 404  404  302  302  404  302  404
POST   /communities/posts/{c_post.pk}/comments/           auth 302  302  302  302  302  302  404
POST   /communities/posts/{s_post.pk}/comments/           auth 404  404  302  302  404  302  404
POST   /communities/posts/comments/{c_comment.pk}/report/ auth 302  302  302  302  302  302  404
POST   /communities/posts/comments/{s_comment.pk}/report/ auth 404  404  302  302  404  302  404
GET    {c_document.url}                                   auth 200  200  200  200  200  200  404
GET    {s_document.url}                                   auth 404  404  200  200  404  200  404
GET    /api/community-posts/?community={p_open.slug}      401  200  200  200  200  200  200  404
GET    /api/community-posts/?community={p_secret.slug}    401  404  404  200  200  404  200  404
GET    /api/community-posts/{s_post.pk}/                  401  404  404  200  200  404  200  404
POST   /api/community-posts/                              401  403  403  201  201  403  403  404
POST   /api/community-posts/{c_post.pk}/comments/         401  201  201  201  201  201  201  404
POST   /api/community-posts/{s_post.pk}/comments/         401  404  404  201  201  404  201  404
POST   /api/community-posts/{c_post.pk}/poll/vote/        401  200  200  200  200  200  200  404
POST   /api/community-posts/{s_post.pk}/poll/vote/        401  404  404  400  400  404  400  404
GET    /api/communities/                                  401  200  200  200  200  200  200  404
GET    /api/communities/{c_closed.slug}/                  401  200  200  200  200  200  200  404
GET    /api/communities/{c_secret.slug}/                  401  200  200  404  404  404  200  404
POST   /api/communities/{c_open.slug}/join/               401  200  200  200  200  200  200  404
POST   /api/communities/{c_secret.slug}/join/             401  200  200  404  404  404  403  404
POST   /api/communities/{c_closed.slug}/leave/            401  200  409  409  409  409  409  404
POST   /api/communities/{c_secret.slug}/leave/            401  200  409  404  404  404  409  404
GET    /communities/                                      auth 200  200  200  200  200  200  404
GET    /communities/new/                                  auth 200  200  200  200  200  200  404
POST   /communities/new/                                  auth 302  302  302  302  302  302  404
GET    /communities/{c_open.slug}/                        auth 200  200  200  200  200  200  404
GET    /communities/{c_closed.slug}/                      auth 200  200  200  200  200  200  404
GET    /communities/{c_secret.slug}/                      auth 200  200  404  404  404  200  404
GET    /communities/{c_closed.slug}/cover/{c_closed_cover} auth 200  200  200  200  200  200  404
GET    /communities/{c_secret.slug}/cover/{c_secret_cover} auth 200  200  404  404  404  200  404
POST   /communities/{c_open.slug}/join/                   auth 302  302  302  302  302  302  404
POST   /communities/{c_closed.slug}/join/                 auth 302  302  302  302  302  302  404
POST   /communities/{c_secret.slug}/join/                 auth 302  302  404  404  404  302  404
POST   /communities/{c_closed.slug}/withdraw/             auth 302  302  302  302  302  302  404
POST   /communities/{c_secret.slug}/withdraw/             auth 302  302  404  404  404  302  404
POST   /communities/{c_open.slug}/leave/                  auth 302  302  302  302  302  302  404
POST   /communities/{c_secret.slug}/leave/                auth 302  302  404  404  404  302  404
GET    /communities/{c_open.slug}/settings/               auth 403  200  403  403  403  200  404
GET    /communities/{c_open.slug}/guests/invite/          auth 404  200  404  404  404  200  404
POST   /communities/{c_open.slug}/guests/invite/          auth 404  200  404  404  404  200  404
POST   /communities/{c_open.slug}/settings/               auth 403  302  403  403  403  302  404
GET    /communities/{c_secret.slug}/settings/             auth 403  200  404  404  404  200  404
GET    /communities/{c_open.slug}/members/                auth 200  200  200  200  200  200  404
GET    /communities/{c_closed.slug}/members/              auth 200  200  404  404  404  200  404
GET    /communities/{c_secret.slug}/members/              auth 200  200  404  404  404  200  404
POST   /communities/{c_open.slug}/members/add/            auth 403  302  403  403  403  302  404
POST   /communities/{c_secret.slug}/members/add/          auth 403  302  404  404  404  302  404
POST   /communities/{c_closed.slug}/members/{c_member.pk}/role/ auth 403 302 404 404 404 302 404
POST   /communities/{c_closed.slug}/members/{c_member.pk}/remove/ auth 403 302 404 404 404 302 404
POST   /communities/{c_closed.slug}/requests/{c_request.pk}/ auth 403  302  404  404  404  302  404
GET    /communities/{c_closed.slug}/health/               auth 403  200  404  404  404  200  404
GET    /communities/{c_secret.slug}/health/               auth 403  200  404  404  404  200  404
POST   /communities/follow/                               auth 404  404  404  404  404  302  404
GET    /communities/following/                            auth 200  200  200  200  200  200  404
GET    /communities/{follow_community.slug}/              auth 200  200  200  200  200  200  404
GET    /communities/{follow_secret.slug}/                 auth 404  404  404  404  404  200  404
GET    /communities/ouverte/posts/{follow_post.pk}/       auth 200  200  200  200  200  200  404
GET    /events/{follow_event.pk}/                         auth 200  200  200  200  200  200  404
"""
# fmt: on

# Ruche's snippets (teams, values…): administrators only, until a group is given them; editors
# (and communicators) manage synonyms.
SNIPPETS = "auth auth 302  auth auth auth 200  404"
SNIPPET_RULES = {
    "search_synonym": "auth auth 200  auth auth auth 200  404",
    "news_newscategory": "auth auth 200  auth auth auth 200  404",  # editors keep the list
}
SNIPPET_OBJECTS = {
    "people_team": "team_a",
    "people_organisationvalue": "value",
    "search_synonym": "synonym",
    "insights_objective": "objective",
    "insights_frustrationexpression": "expression",
    "insights_pulse_pulsesurvey": "pulse_survey",
    "communities_community": "c_open",
    "news_newscategory": "category",
}

IDEA = {"title": "Covoiturage", "description": "Partager les trajets du matin."}
EVENT = {
    "title": "Atelier",
    "mode": "in_person",
    "starts_at": "2031-01-01T10:00",
    "ends_at": "2031-01-01T12:00",
    "place": "Lyon",
}
# What the state-changing requests send, by URL pattern; formatted with the world's objects.
DATA = {
    "login": {"username": "role-employee", "password": "wrong"},
    "wagtailcore_login": {"username": "role-employee", "password": "wrong"},
    "wagtailadmin_login": {"username": "role-employee", "password": "wrong"},
    "set_language": {"language": "en", "next": "/"},
    "wagtaildocs_authenticate_with_password": {"password": "x"},
    "wagtailcore_authenticate_with_password": {"password": "x"},
    "api:submit_idea": IDEA,
    "news:react": {"kind": "like"},
    "news:comment": {"body": "Merci"},
    "news:comment_edit": {"body": "Réécrit"},
    "news:comment_report": {"reason": "hors sujet"},
    "news:ask": {"body": "Pourquoi ?", "update": "{update.pk}"},
    "news:answer": {"answer": "Demain."},
    "news:question_status": {"status": "closed"},
    "people:edit": {"job_title": "Chef"},
    "people:guest_accept": {"new_password1": "un mot de passe", "new_password2": "un autre"},
    "people:kudos": {"value": "{value.pk}", "message": "Merci !"},
    "ideas:comment": {"body": "Oui"},
    "ideas:answer": {"status": "under_review", "message": "On regarde."},
    "ideas:report_idea": {"reason": "doublon"},
    "ideas:report_comment": {"reason": "grossier"},
    "ideas:submit": IDEA,
    "ideas:challenge_event_new": EVENT,
    "ideas:moderate": {"action": "hide"},
    "notifications:preferences": {"cadence": "daily", "language": ""},
    "insights_pulse:answer": {"q1": "8"},
    "api:subscribe_push": {
        "endpoint": "https://fcm.googleapis.com/fcm/send/matrix",
        "keys": {
            "p256dh": "BFB3EVVuYeND1pcFbI5GCDu5QeGXwqW9kyOhClpyXA1HOJg8K2InjntWRXj54YYBCyznC0"
            "ENqmIU_w6DIuZw9PE",
            "auth": "Ye3LT6WvPVjlib1R10_z8w",
        },
    },
    "api:unsubscribe_push": {"endpoint": "https://fcm.googleapis.com/fcm/send/matrix"},
    "search_desk_synonym": {"q": "cantine", "terms": "cantine\nrestaurant d'entreprise"},
    "search_desk_acronym": {"q": "RIE", "acronym": "RIE", "expansion": "restaurant d'entreprise"},
    "search_desk_promote": {"q": "cantine", "page": "{public_page.pk}"},
    "events:event_new": EVENT,
    "communities:community_event_new": EVENT,
    "events:event_edit": EVENT,
    "events:event_report": {"report": "On garde le jeudi.", "links": "Idée | /ideas/1/"},
    "communities:new_post": {"kind": "post", "body": "Bonjour"},
    "communities:edit_post": {"title": "Quel four ?", "body": "Gaz, bois ou électrique ?"},
    "communities:report_post": {"reason": "hors sujet"},
    "communities:react_post": {"kind": "like"},
    "communities:poll_vote": {"choice": "{c_choice.pk}"},
    "communities:comment": {"body": "Merci"},
    "communities:report_comment": {"reason": "grossier"},
    "api:create_community_post": {"community": "{p_open.slug}", "body": "Bonjour"},
    "api:comment_community_post": {"body": "Merci"},
    "api:vote_in_community_poll": {"choices": ["{c_choice.pk}"]},
    "communities:create": {"name": "Matrice", "visibility": "open"},
    "communities:settings": {"name": "Ouverte", "visibility": "open"},
    "communities:add_member": {"username": "role-owner"},
    "communities:set_role": {"role": "animator"},
    "communities:decide": {"accept": "1"},
    "insights_actions:edit": {"title": "Parking", "owner": "role-admin", "due_on": "2031-01-01"},
    "insights_actions:progress": {"status": "in_progress", "note": "On avance."},
    # Following a secret community: not found for whoever may not know it exists.
    "communities:follow": {"community": "{follow_secret.slug}"},
}


@dataclass(frozen=True)
class Rule:
    method: str
    path: str  # a template: "/ideas/{idea.pk}/"
    expected: tuple[str, ...]  # one status per role, in ROLES order

    def url(self, world) -> str:
        return self.path.format(**world.objects)

    def data(self, world, name: str) -> dict:
        def formatted(value):
            if isinstance(value, str):
                return value.format(**world.objects)
            if isinstance(value, list):
                return [formatted(item) for item in value]
            return value

        return {key: formatted(value) for key, value in DATA.get(name, {}).items()}

    def send(self, client, world, **extra):
        url = self.url(world)
        name = endpoint(url, self.method)
        data = self.data(world, name)
        if url.startswith("/api/") and self.method != "GET":
            return client.generic(
                self.method, url, _json(data), content_type="application/json", **extra
            )
        if self.method == "GET":
            return client.get(url, **extra)
        if self.method == "POST":
            return client.post(url, data, **extra)
        return client.generic(self.method, url, **extra)


def _json(data: dict) -> str:
    import json

    return json.dumps(data)


def rules(world=None) -> list[Rule]:
    """The table's rows, and (given a world, whose objects they need) the snippets' rows."""
    parsed = []
    for line in MATRIX.strip().splitlines()[1:]:
        method, path, *expected = line.split()
        assert len(expected) == len(ROLES), line
        parsed.append(Rule(method, path, tuple(expected)))
    if world is not None:
        for name in sorted(ruche_endpoints()):
            if not name.startswith("wagtailsnippets_"):
                continue
            viewset, view = name.split(":")
            snippet = viewset.removeprefix("wagtailsnippets_")
            target = world.objects[SNIPPET_OBJECTS[snippet]]
            args = [target.pk] if view in ("edit", "delete") else []
            expected = SNIPPET_RULES.get(snippet, SNIPPETS)
            parsed.append(Rule("GET", reverse(name, args=args), tuple(expected.split())))
    return parsed


def outcome(response) -> str:
    sign_in_pages = (reverse("login"), reverse("wagtailcore_login"))
    if response.status_code == 302 and response["Location"].startswith(sign_in_pages):
        return "auth"
    return str(response.status_code)


def sign_in_as(client, world, role: str) -> None:
    client.logout()
    if role != "anonymous":
        client.force_login(world.users[role])


@pytest.mark.django_db
def test_every_role_gets_the_status_of_the_matrix_on_every_url(client):
    world = build_world()
    wrong = []
    for rule in rules(world):
        actual = []
        for role in ROLES:
            sign_in_as(client, world, role)
            with transaction.atomic():
                actual.append(outcome(rule.send(client, world)))
                transaction.set_rollback(True)
        if tuple(actual) != rule.expected:
            wrong.append(f"{rule.method} {rule.path}: expected {rule.expected}, got {actual}")

    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
def test_every_url_pattern_has_a_rule(client):
    world = build_world()
    tried = {endpoint(rule.url(world), rule.method) for rule in rules(world)}

    missing = ruche_endpoints() - tried

    assert not missing, f"URL patterns without a row in the permission matrix: {sorted(missing)}"
