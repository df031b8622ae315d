"""An Atom feed of the latest case studies, served at the case study index's feed/ address."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .models import CaseStudyPage

FEED_LENGTH = 20


class LatestCaseStudiesFeed(Feed):
    feed_type = Atom1Feed

    def __call__(self, request, *args, index_page=None, **kwargs):
        self.request = request
        self.index_page = index_page
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("Latest case studies: %(title)s") % {"title": self.index_page.title}

    def link(self):
        return self.index_page.get_url(request=self.request)

    def subtitle(self):
        return _("New stories of co-production from community groups and public services.")

    def items(self):
        return (
            CaseStudyPage.objects.child_of(self.index_page)
            .live()
            .public()
            .defer_streamfields()
            .order_by("-first_published_at")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(request=self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at
