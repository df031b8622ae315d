"""Evidence on S3-compatible storage (issue 13, point 3), tried against a real S3 API.

moto's standalone server runs on a loopback port inside the test process; django-storages and boto3
talk to it over HTTP exactly as to a cloud bucket. The private storage is built from the settings
the Hub itself computes (config/settings/base.py run with a bucket in the environment), so these
tests prove those settings, not a copy of them.
"""

import io
import runpy
import uuid
import zipfile
from datetime import timedelta
from pathlib import Path

import boto3
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from moto.server import ThreadedMotoServer

from accounts.models import PersonalDataExport
from learning.models import CommunityGroup, Evidence, GroupExport
from learning.services import closing
from learning.services import evidence as evidence_services
from learning.storage import private_storage
from tests.learning.factories import PDF_BYTES, keep_evidence, make_group

BASE_SETTINGS = Path(__file__).resolve().parents[2] / "config" / "settings" / "base.py"
BUCKET_ENV = (
    "AWS_STORAGE_BUCKET_NAME",
    "PRIVATE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_REGION_NAME",
    "AWS_S3_CUSTOM_DOMAIN",
)
PRIVATE_FILE_FIELDS = [Evidence._meta.get_field("file"), GroupExport._meta.get_field("file")]
PRIVATE_FILE_FIELDS.append(PersonalDataExport._meta.get_field("file"))


def hub_settings(monkeypatch, **environ):
    """The settings config/settings/base.py computes with exactly these storage variables set."""
    for name in BUCKET_ENV:
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(BASE_SETTINGS))


@pytest.fixture(scope="module")
def s3_endpoint():
    """A local S3 server on a free loopback port, for this module's tests."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_credentials(monkeypatch):
    # moto accepts any key; boto3 must not look further (an operator's ~/.aws, an instance role).
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")


@pytest.fixture
def bucket(s3_endpoint, s3_credentials):
    """A new, empty bucket and a boto3 client to look inside it."""
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    name = f"hub-private-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=name)
    client.bucket = name
    return client


@pytest.fixture
def private_bucket(bucket, s3_endpoint, settings, monkeypatch, tmp_path):
    """The Hub's private storage pointed at the bucket, as production settings do with PRIVATE_BUCKET_NAME.

    The FileFields resolved their storage when the models loaded (with no bucket), so they are given
    the bucket's storage here, as they would be on a host whose settings name one.
    """
    computed = hub_settings(
        monkeypatch, PRIVATE_BUCKET_NAME=bucket.bucket, AWS_S3_ENDPOINT_URL=s3_endpoint, AWS_S3_REGION_NAME="us-east-1"
    )
    settings.STORAGES = {**settings.STORAGES, "private": computed["STORAGES"]["private"]}
    settings.LEARNING_PRIVATE_STORAGE = computed["LEARNING_PRIVATE_STORAGE"]
    settings.LEARNING_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    storage = private_storage()
    for field in PRIVATE_FILE_FIELDS:
        monkeypatch.setattr(field, "storage", storage)
    bucket.local_root = tmp_path / "private"
    return bucket


def keys_in(bucket):
    return sorted(item["Key"] for item in bucket.list_objects_v2(Bucket=bucket.bucket).get("Contents", []))


def files_under(folder):
    return sorted(str(path) for path in Path(folder).rglob("*") if path.is_file())


def body(response):
    return b"".join(response.streaming_content)


@pytest.fixture
def groups(db):
    group = make_group(members=1, name="Riverside Tenants")
    other = make_group(members=1, name="Hillside Allotments")
    return group, other


def upload(client, group, name, data):
    return client.post(
        reverse("learning:evidence_add", args=[group.slug]),
        {"evidence_type": "insurance", "title": "Insurance", "file": SimpleUploadedFile(name, data)},
    )


# --- the settings ---------------------------------------------------------------------------------


def test_without_a_bucket_private_files_stay_in_the_local_private_folder(monkeypatch):
    computed = hub_settings(monkeypatch)
    assert "private" not in computed["STORAGES"]
    assert "LEARNING_PRIVATE_STORAGE" not in computed


def test_a_private_bucket_is_private_signed_and_never_on_the_media_domain(monkeypatch):
    computed = hub_settings(
        monkeypatch,
        AWS_STORAGE_BUCKET_NAME="hub-media",
        AWS_S3_CUSTOM_DOMAIN="media.example.org",
        PRIVATE_BUCKET_NAME="hub-private",
        AWS_S3_ENDPOINT_URL="https://s3.example.net",
    )
    assert computed["LEARNING_PRIVATE_STORAGE"] == "private"
    private = computed["STORAGES"]["private"]
    assert private["BACKEND"] == "storages.backends.s3.S3Storage"
    options = private["OPTIONS"]
    assert options["bucket_name"] == "hub-private" and options["location"] == ""
    assert options["endpoint_url"] == "https://s3.example.net"
    assert options["default_acl"] == "private"
    assert options["querystring_auth"] is True and options["querystring_expire"] <= 300
    assert options["custom_domain"] is None
    assert 0 < options["max_memory_size"] <= 5 * 1024 * 1024  # a large download spills to disk, not memory
    assert computed["STORAGES"]["default"]["BACKEND"] == "storages.backends.s3.S3Storage"


def test_with_only_the_media_bucket_private_files_go_under_their_own_prefix(monkeypatch):
    computed = hub_settings(monkeypatch, AWS_STORAGE_BUCKET_NAME="hub-media")
    options = computed["STORAGES"]["private"]["OPTIONS"]
    assert options["bucket_name"] == "hub-media" and options["location"] == "private"
    assert computed["LEARNING_PRIVATE_STORAGE"] == "private"


def test_a_publicly_served_media_bucket_is_refused_for_private_files(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="PRIVATE_BUCKET_NAME"):
        hub_settings(monkeypatch, AWS_STORAGE_BUCKET_NAME="hub-media", AWS_S3_CUSTOM_DOMAIN="media.example.org")


# --- uploads and downloads through the bucket -------------------------------------------------------


def test_a_members_upload_is_stored_privately_in_the_bucket_and_not_on_disk(client, groups, private_bucket, settings):
    group, _other = groups
    client.force_login(group.people[0])

    response = upload(client, group, "policy.pdf", PDF_BYTES)

    assert response.status_code == 302
    evidence = Evidence.objects.get(group=group, title="Insurance")
    assert keys_in(private_bucket) == [evidence.file.name]
    assert evidence.file.name.startswith(f"evidence/{group.pk}/") and "policy" not in evidence.file.name
    stored = private_bucket.get_object(Bucket=private_bucket.bucket, Key=evidence.file.name)
    assert stored["Body"].read() == PDF_BYTES
    grants = private_bucket.get_object_acl(Bucket=private_bucket.bucket, Key=evidence.file.name)["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]  # the owner only: no public read
    assert files_under(private_bucket.local_root) == []
    assert not any(evidence.file.name in path for path in files_under(settings.MEDIA_ROOT))


def test_a_member_downloads_the_same_bytes_streamed_through_the_checked_view(client, groups, private_bucket):
    group, _other = groups
    evidence = keep_evidence(group, group.people[0], "Constitution")
    client.force_login(group.coordinator)

    response = client.get(reverse("learning:evidence_file", args=[group.slug, evidence.pk]))

    # Streamed by the Hub, not a redirect to the bucket: the permission check and these headers stay ours.
    assert response.status_code == 200 and "Location" not in response
    assert body(response) == PDF_BYTES
    assert response["Content-Length"] == str(len(PDF_BYTES))
    assert response["Content-Disposition"] == 'attachment; filename="constitution.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_a_file_larger_than_the_memory_limit_streams_whole(client, groups, private_bucket):
    group, _other = groups
    large = PDF_BYTES + bytes(range(256)) * (3 * 1024 * 4)  # 3 MB, past the 2 MB kept in memory
    evidence = evidence_services.add_evidence(
        group=group,
        by=group.coordinator,
        evidence_type="insurance",
        title="Scanned policy",
        file=SimpleUploadedFile("policy.pdf", large),
        content_type="application/pdf",
    )
    client.force_login(group.coordinator)

    response = client.get(reverse("learning:evidence_file", args=[group.slug, evidence.pk]))

    assert body(response) == large


def test_people_outside_the_group_get_nothing_from_the_bucket(client, groups, private_bucket):
    group, other = groups
    evidence = keep_evidence(group, group.people[0], "Constitution")
    url = reverse("learning:evidence_file", args=[group.slug, evidence.pk])

    visitor = client.get(url)
    assert visitor.status_code == 302 and reverse("accounts:login") in visitor["Location"]
    assert private_bucket.bucket not in visitor["Location"]

    client.force_login(other.people[0])
    outsider = client.get(url)
    assert outsider.status_code == 404
    assert PDF_BYTES not in outsider.content


def test_removing_evidence_deletes_its_object_and_keeps_the_record(client, groups, private_bucket):
    group, _other = groups
    evidence = keep_evidence(group, group.people[0], "Constitution")
    assert keys_in(private_bucket) == [evidence.file.name]
    client.force_login(group.coordinator)

    client.post(reverse("learning:evidence_remove", args=[group.slug, evidence.pk]))

    evidence.refresh_from_db()
    assert evidence.removed_at is not None and evidence.file.name == ""
    assert keys_in(private_bucket) == []
    assert client.get(reverse("learning:evidence_file", args=[group.slug, evidence.pk])).status_code == 404


def test_an_object_lost_from_the_bucket_is_a_plain_404(client, groups, private_bucket):
    group, _other = groups
    evidence = keep_evidence(group, group.people[0], "Constitution")
    private_bucket.delete_object(Bucket=private_bucket.bucket, Key=evidence.file.name)
    client.force_login(group.coordinator)

    response = client.get(reverse("learning:evidence_file", args=[group.slug, evidence.pk]))

    assert response.status_code == 404


def test_a_group_download_is_built_from_the_bucket_into_the_bucket(client, groups, private_bucket):
    group, _other = groups
    evidence = keep_evidence(group, group.people[0], "Constitution")
    client.force_login(group.coordinator)

    client.post(reverse("learning:group_export", args=[group.slug]))  # built at once by the immediate backend

    export = GroupExport.objects.get(group=group)
    assert keys_in(private_bucket) == sorted([evidence.file.name, export.file.name])
    assert files_under(private_bucket.local_root) == []
    response = client.get(reverse("learning:group_export_download", args=[group.slug, export.pk]))
    archive = zipfile.ZipFile(io.BytesIO(body(response)))
    kept = [name for name in archive.namelist() if name.endswith(f"{evidence.pk}-constitution.pdf")]
    assert len(kept) == 1 and archive.read(kept[0]) == PDF_BYTES


def test_a_persons_own_data_download_is_kept_in_the_bucket_and_only_theirs(client, groups, private_bucket):
    group, other = groups
    member = group.people[0]
    client.force_login(member)

    client.post(reverse("accounts:personal_data"))  # built at once by the immediate backend

    export = PersonalDataExport.objects.get(user=member)
    assert keys_in(private_bucket) == [export.file.name]
    assert files_under(private_bucket.local_root) == []
    url = reverse("accounts:personal_data_download", args=[export.pk])
    archive = zipfile.ZipFile(io.BytesIO(body(client.get(url))))
    assert member.email in archive.read("account/account.json").decode()  # read back whole from the bucket
    client.force_login(other.people[0])
    assert client.get(url).status_code == 404


def test_purging_a_closed_group_deletes_its_objects_from_the_bucket(
    groups, private_bucket, settings, django_capture_on_commit_callbacks
):
    group, other = groups
    keep_evidence(group, group.people[0], "Constitution")
    kept = keep_evidence(other, other.people[0], "Their constitution")
    closing.close_group(group=group, by=group.coordinator)
    CommunityGroup.objects.filter(pk=group.pk).update(closed_at=timezone.now() - timedelta(days=400))
    settings.LEARNING_CLOSED_GROUP_RETENTION_DAYS = 365

    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_closed_groups", stdout=io.StringIO())

    assert not CommunityGroup.objects.filter(pk=group.pk).exists()
    assert keys_in(private_bucket) == [kept.file.name]
