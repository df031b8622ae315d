"""Template helpers for learning pages."""

from django import template
from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from resources.content_version import kept_per_content_version
from resources.sanitise import plain_text_to_html

from .. import conf, milestones, notices, permissions
from ..group_fragments import NOT_SHARED, rendered_for_group
from ..models import StepStatus

register = template.Library()


@register.filter
def person(user):
    """The name to show for someone; "a former member" once their account is gone or erased."""
    if user is None:
        return _("A former member")
    name = getattr(user, "get_display_name", None)
    return name() if callable(name) else str(user)


@register.filter(is_safe=False)
def plain_text(text):
    """Text a person typed, shown as they typed it: escaped, line breaks kept, web links clickable."""
    # Safe because plain_text_to_html escapes every character before it adds links and line breaks.
    return mark_safe(plain_text_to_html(text))  # noqa: S308


@register.simple_tag
def sign_in_url():
    """The host site's sign-in page (LOGIN_URL)."""
    return conf.login_url()


@register.simple_tag
def sign_up_url():
    """The host site's sign-up page (LEARNING_SIGNUP_URL), or "" when it has none."""
    return conf.signup_url() or ""


@register.simple_tag
def group_fragment(template_name, group, *parts, **values):
    """`{% group_fragment "learning/includes/step_status.html" group step.pk status=status %}`: the template rendered
    with only the group and the values named, kept as HTML under the group's records version and `parts`
    (learning.group_fragments). Name in `parts` whatever else the HTML depends on, a role above all."""
    return rendered_for_group(template_name, group, *parts, values=values)


class KeptForContentNode(template.Node):
    def __init__(self, name, parts, nodelist):
        self.name, self.parts, self.nodelist = name, parts, nodelist

    def render(self, context):
        request = context.get("request")
        if conf.content_cache_seconds() <= 0 or request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        parts = [str(part.resolve(context)) for part in self.parts]
        html = _kept_content_html(self.name, request.get_host(), parts, lambda: self.nodelist.render(context))
        # Safe: the template escaped what it showed when it was rendered.
        return mark_safe(html)  # noqa: S308


def _render_shared(name, host, parts, render):
    html = render()
    for marker in NOT_SHARED:
        if marker in html:
            raise template.TemplateSyntaxError(f"kept_for_content {name!r} renders {marker!r}: it is shared")
    return html


# The HTML kept under the content version and the language (resources.content_version), and the name,
# the host (a page's address depends on the site) and the values the template names.
_kept_content_html = kept_per_content_version(
    "learning-fragment",
    seconds=conf.content_cache_seconds,
    key=lambda name, host, parts, render: ":".join([name, host, *parts]),
)(_render_shared)


@register.tag
def kept_for_content(parser, token):
    """`{% kept_for_content "step-head" page.pk %}...{% endkept_for_content %}`: what is between rendered once
    and kept as HTML under the content version, the language, the host and the values named, so a publish
    anywhere shows at once. Only for what every reader sees alike and editors alone change: no form, no
    person, no group beyond what the values name. Never kept in previews."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("kept_for_content needs a name")
    nodelist = parser.parse(("endkept_for_content",))
    parser.delete_first_token()
    return KeptForContentNode(bits[1].strip("\"'"), [parser.compile_filter(bit) for bit in bits[2:]], nodelist)


@register.inclusion_tag("learning/includes/milestones.html", takes_context=True)
def milestone_timeline(context, group):
    """The group's newest milestones for its dashboard, with a link to them all when there are more (those the
    dashboard kept for the person, `dashboard.dashboard_for_person`, when it has them)."""
    if "milestones_total" in context:
        newest, total = context["milestones"], context["milestones_total"]
    else:
        found = milestones.milestones_for(context["request"].user, group)
        newest, total = found[: milestones.DASHBOARD_LIMIT], len(found)
    return {"group": group, "milestones": newest, "total": total, "more": total > milestones.DASHBOARD_LIMIT}


@register.filter
def grouped(number):
    """A count with its thousands grouped as the language writes them ("2,000 groups" in English)."""
    return number_format(number, force_grouping=True)


@register.filter
def status_class(status):
    return f"step-status--{status}"


@register.filter
def get_status(statuses, step_id):
    return statuses.get(step_id) if statuses else None


@register.filter
def status_label(status):
    try:
        return StepStatus(status).label
    except ValueError:
        return ""


@register.simple_tag(takes_context=True)
def page_crumbs(context, page):
    """(url, title) for the page's ancestors from the site's home page down, then the page itself."""
    request = context.get("request")
    host = request.get_host() if request is not None else ""
    return [*_ancestor_crumbs(page, request, host), (page.get_url(request), page.title)]


@kept_per_content_version(
    "learning-crumbs", seconds=conf.content_cache_seconds, key=lambda page, request, host: f"{page.pk}:{host}"
)
def _ancestor_crumbs(page, request, host):
    """The ancestors' crumbs, kept under the content version for each page and host (a page's address
    depends on the site). Read from the page tree, never from a draft, so a preview shares them."""
    crumbs = []
    # Plain Page rows carry the title and URL; `.specific(defer=True)` with `.only()` reloaded every
    # other column of every ancestor one query at a time (about 100 queries on a step page).
    for ancestor in page.get_ancestors().filter(depth__gte=2).only("title", "url_path", "path", "depth"):
        url = ancestor.get_url(request)
        if url:
            crumbs.append((url, ancestor.title))
    return crumbs


@register.simple_tag
def unread_notice_count(user):
    """How many notices the person has not opened (kept per person; no query on most pages)."""
    return notices.unread_count(user)


@register.simple_tag
def is_facilitating(user):
    """Whether to offer the caseload link: the person supports a group now (kept per person; no query on most
    pages)."""
    return permissions.is_facilitating(user)
