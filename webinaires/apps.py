from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebinairesConfig(AppConfig):
    name = "webinaires"
    verbose_name = _("Webinaires")
