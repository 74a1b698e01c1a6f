"""The news Atom feed, per signed-in user: only what they may open."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from news.models import NewsIndexPage
from news.selectors import news_for_feed


class NewsFeed(Feed):
    """Any signed-in employee (the site needs a session): news they may open, newest first."""

    feed_type = Atom1Feed
    title = _("Ruche news")
    subtitle = _("The latest news of the intranet")

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return request.user

    def link(self):
        index = NewsIndexPage.objects.live().first()
        return index.url if index else "/"

    def items(self, user):
        return news_for_feed(user)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.teaser or item.intro

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.author.full_name if item.author else None

    def item_categories(self, item):
        return [item.category.label] if item.category else []
