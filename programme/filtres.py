"""Filtre d'administration sur un :class:`~programme.fields.ChampPublics` (sessions,
ressources) : « pour ce public » garde aussi ce qui s'adresse à tous."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .enums import Public
from .fields import pour_public


class FiltrePublics(admin.SimpleListFilter):
    title = _("public visé")
    parameter_name = "public"

    def lookups(self, request, model_admin):
        return Public.choices

    def queryset(self, request, queryset):
        if self.value() in Public.values:
            return queryset.filter(pour_public("publics", self.value()))
        return queryset
