"""The Hub's editorial groups: Editors write and submit pages, only Moderators publish and approve case studies.

This is the project's own setup, not the plugin's: the `resources` migrations make the "Case study
review" workflow and change no group. A host site can copy this migration into one of its own
apps (docs/plugins.md, "Editorial groups and the case study review"). Safe to run again: every
grant is made only when missing, so a Hub database that 0.1.0's resources migration already set
up ends up the same.
"""

from django.db import migrations

WORKFLOW_NAME = "Case study review"

PAGE_PERMISSIONS = {
    "Editors": ["add_page", "change_page", "lock_page"],
    "Moderators": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = {
    ("wagtailimages", "image"): ["add_image", "change_image", "choose_image"],
    ("wagtaildocs", "document"): ["add_document", "change_document", "choose_document"],
}
# The group whose members approve "Case study review".
APPROVERS = "Moderators"


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    # Content types and permissions are made after migrate finishes; a fresh database has none yet.
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ").capitalize()}
    )
    return permission


def set_up_editorial_groups(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    access_admin = _permission(apps, "wagtailadmin", "admin", "access_admin")
    groups = {}
    for name, codenames in PAGE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.add(access_admin)
        if root_page is not None:
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=_permission(apps, "wagtailcore", "page", codename)
                )
        if root_collection is not None:
            for (app_label, model), collection_codenames in COLLECTION_PERMISSIONS.items():
                for codename in collection_codenames:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group,
                        collection=root_collection,
                        permission=_permission(apps, app_label, model, codename),
                    )
    # Editors must not publish, so an editor's case study waits for a moderator.
    GroupPagePermission.objects.filter(group=groups["Editors"], permission__codename="publish_page").delete()

    task_ids = WorkflowTask.objects.filter(workflow__name=WORKFLOW_NAME).values_list("task_id", flat=True)
    for task in GroupApprovalTask.objects.filter(pk__in=list(task_ids)):
        task.groups.add(groups[APPROVERS])


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("resources", "0002_editorial_groups_and_case_study_review"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(set_up_editorial_groups, migrations.RunPython.noop)]
