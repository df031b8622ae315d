"""A read-only Wagtail API v2 router for pages, images and documents; hosts mount `api_router.urls`.

Guides and case studies list their structured fields in `api_fields`, so
`pages/?type=resources.CaseStudyPage&fields=*` returns them. What those fields read (themes,
partners, related pages, tags) is fetched with the listing, so a page of 20 costs no more queries
than a page of 2. Images in a collection with a view restriction (photos of stories waiting for a
moderator) are never listed or shown.
"""

from django.db.models import Exists, OuterRef
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import TagsField
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.api.v2.views import PagesAPIViewSet as WagtailPagesAPIViewSet
from wagtail.documents.api.v2.serializers import DocumentSerializer as WagtailDocumentSerializer
from wagtail.documents.api.v2.views import DocumentsAPIViewSet as WagtailDocumentsAPIViewSet
from wagtail.images.api.v2.serializers import ImageSerializer as WagtailImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet as WagtailImagesAPIViewSet
from wagtail.models import Collection, CollectionViewRestriction

from .models import CaseStudyPage, GuidePage

# What each page type's api_fields read, fetched up front: (select_related, prefetch_related).
API_RELATED = {
    CaseStudyPage: (["hero_image"], ["themes", "partners", "outcomes"]),
    GuidePage: (
        [],
        [
            "themes",
            "related_guide_links__guide__locale",
            "related_case_study_links__case_study__locale",
        ],
    ),
}


class PagesAPIViewSet(WagtailPagesAPIViewSet):
    def get_queryset(self):
        queryset = super().get_queryset().select_related("locale")
        select, prefetch = API_RELATED.get(queryset.model, ([], []))
        return queryset.select_related(*select).prefetch_related(*prefetch)


class PrefetchedTagsField(TagsField):
    """Tag names from the tags fetched with the listing (Wagtail's own field asks the database per item)."""

    def to_representation(self, value):
        return sorted(tag.name for tag in value.all())


class PrefetchedTagsMixin:
    def build_property_field(self, field_name, model_class):
        field_class, kwargs = super().build_property_field(field_name, model_class)
        return (PrefetchedTagsField if field_class is TagsField else field_class), kwargs


class ImageSerializer(PrefetchedTagsMixin, WagtailImageSerializer):
    pass


class DocumentSerializer(PrefetchedTagsMixin, WagtailDocumentSerializer):
    pass


def restricted_collection_ids():
    """Collections with a view restriction and every collection under them, in one query."""
    collections = list(
        Collection.objects.annotate(
            restricted=Exists(CollectionViewRestriction.objects.filter(collection=OuterRef("pk")))
        ).values_list("pk", "path", "restricted")
    )
    paths = tuple(path for _pk, path, restricted in collections if restricted)
    return {pk for pk, path, _restricted in collections if paths and path.startswith(paths)}


class ImagesAPIViewSet(WagtailImagesAPIViewSet):
    """Images in collections without a view restriction, whoever asks.

    Wagtail's own view hides a restricted collection only from people the restriction refuses, so
    any signed-in person would see a "logged-in users" collection. Photos of stories waiting for a
    moderator are in such a collection; the API is public, so it leaves them all out.
    """

    base_serializer_class = ImageSerializer

    def get_queryset(self):
        # BaseAPIViewSet's queryset, not Wagtail's images one: that one checks each restriction
        # against the request, which this stricter rule makes pointless work.
        return (
            BaseAPIViewSet.get_queryset(self)
            .exclude(collection__in=restricted_collection_ids())
            .prefetch_related("tags")
        )


class DocumentsAPIViewSet(WagtailDocumentsAPIViewSet):
    base_serializer_class = DocumentSerializer

    def get_queryset(self):
        return super().get_queryset().prefetch_related("tags")


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
