"""The task worker's own step, run inside a test's transaction, for tests that queue work in the database.

`manage.py db_worker` takes an exclusive SQLite transaction, which cannot open inside the test's
own; this runs what it runs for each task (django-tasks-db's Worker.run_task) on every task whose
time has come, so a test sees exactly what the worker would leave behind.
"""

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_ready_tasks(limit=1000):
    """Run every queued task that is due (Wagtail queues its search index updates too), as `db_worker --batch` would; returns how many ran."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
    )
    ran = 0
    while ran < limit and (task_result := DBTaskResult.objects.ready().filter(backend_name="default").first()):
        task_result.claim(worker.worker_id)
        worker.run_task(task_result)
        ran += 1
    return ran


def queued(task_path):
    """Tasks of one kind still waiting for a worker, oldest first."""
    return list(DBTaskResult.objects.filter(task_path=task_path, status="READY").order_by("enqueued_at"))
