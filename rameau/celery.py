"""Application Celery : rappels de webinaires et rendu des fiches PDF."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rameau.settings")

app = Celery("rameau")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
