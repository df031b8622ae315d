"""List the background tasks that failed, and queue them again once the cause is fixed.

`manage.py tasks_failed` lists them (id, when it failed, the task, the error's class): never their
arguments, which hold email text and addresses. `--retry ID` (repeatable) or `--retry-all` queues
each again as a new task with the same arguments and removes the failed record, so a second
`--retry-all` sends nothing twice. The traceback of one task: `--show ID`.
"""

from dataclasses import replace

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_tasks_db.models import DBTaskResult


def queue_again(failed):
    """Queue a failed task again (same task, arguments, queue, priority and backend); returns the new id.

    It runs as soon as a worker is free, whatever delay the failed attempt had been given.
    """
    task = replace(failed.task, run_after=None)
    args = failed.args_kwargs.get("args", [])
    kwargs = failed.args_kwargs.get("kwargs", {})
    with transaction.atomic():
        result = task.enqueue(*args, **kwargs)
        failed.delete()
    return result.id


class Command(BaseCommand):
    help = "List failed background tasks; --retry ID or --retry-all queues them again."

    def add_arguments(self, parser):
        parser.add_argument("--retry", action="append", default=[], metavar="ID", help="queue this failed task again")
        parser.add_argument("--retry-all", action="store_true", help="queue every failed task again")
        parser.add_argument("--show", metavar="ID", help="print the traceback of one failed task")

    def handle(self, *args, retry=(), retry_all=False, show=None, **options):
        failed = DBTaskResult.objects.failed().order_by("finished_at")
        if show:
            self.stdout.write(self._find(failed, show).traceback)
            return
        if retry_all or retry:
            chosen = list(failed) if retry_all else [self._find(failed, task_id) for task_id in retry]
            for task_result in chosen:
                new_id = queue_again(task_result)
                self.stdout.write(f"Queued {task_result.task_path} again as {new_id} (was {task_result.id}).")
            self.stdout.write(f"{len(chosen)} task(s) queued again.")
            return
        rows = list(failed)
        for task_result in rows:
            finished = task_result.finished_at.strftime("%Y-%m-%d %H:%M:%S") if task_result.finished_at else "-"
            error = task_result.exception_class_path.rsplit(".", 1)[-1] or "-"
            self.stdout.write(f"{task_result.id}  {finished}  {task_result.task_path}  {error}")
        self.stdout.write(f"{len(rows)} failed task(s).")

    def _find(self, failed, task_id):
        try:
            return failed.get(pk=task_id)
        except (DBTaskResult.DoesNotExist, ValidationError) as error:  # unknown, or not an id at all
            raise CommandError(f"No failed task with id {task_id}.") from error
