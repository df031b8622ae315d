"""Background tasks of the accounts app: sending email outside the request."""

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def send_account_email(*, subject, body, to):
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
