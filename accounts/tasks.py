"""Background tasks of the accounts app: sending email outside the request.

The email `send_account_email` sends goes through the site's EMAIL_BACKEND (config.mail), which
queues it once more for the delivery task that retries a failing mail server and logs what it
cannot deliver; this app needs to know nothing about delivery.
"""

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def send_account_email(*, subject, body, to):
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
