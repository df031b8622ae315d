"""The "Case study review" workflow, assigned to every case study index that already exists.

A plugin's migrations create only the plugin's own objects: this one makes the workflow and its
one approval task, with no approving group, and changes no group of the host site. Wagtail lets
a superuser approve any group approval task, so until the host names its approvers (docs/plugins.md,
"Editorial groups and the case study review") a case study still waits for a superuser.

Up to 0.1.0 this migration also gave the host's Editors and Moderators groups page, image and
document rights and took Editors' publish right away. It no longer does (a deliberate exception
to "released migrations are never rewritten", recorded in CHANGELOG.md); sites that ran it keep
what it gave them. The Hub sets its own groups in `home/migrations/0002_hub_editorial_groups.py`.
New case study indexes get the workflow when they are created (see apps.py).
"""

from django.db import migrations

WORKFLOW_NAME = "Case study review"
TASK_NAME = "Moderator approval for case studies"


def create_case_study_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    CaseStudyIndexPage = apps.get_model("resources.CaseStudyIndexPage")

    task_type, _created = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for index in CaseStudyIndexPage.objects.all():
        WorkflowPage.objects.update_or_create(page_id=index.pk, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    # The dependencies are those 0.1.0 shipped, kept so that the migration graph of a site that
    # ran it stays the same.
    dependencies = [
        ("resources", "0001_initial"),
        ("wagtailcore", "0090_remove_grouppagepermission_permission_type"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    # Reverse is a noop because the workflow may by then hold the review history of case studies
    # (who approved what); unmigrating leaves it for the site's editors to delete if they wish.
    operations = [migrations.RunPython(create_case_study_workflow, migrations.RunPython.noop)]
