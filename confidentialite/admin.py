from django.contrib import admin

from .models import DemandeDonnees


@admin.register(DemandeDonnees)
class DemandeDonneesAdmin(admin.ModelAdmin):
    list_display = ["email", "objet", "statut", "cree_le", "traitee_le"]
    list_filter = ["objet", "statut"]
    search_fields = ["email"]
    readonly_fields = [f.name for f in DemandeDonnees._meta.fields]

    def has_add_permission(self, request):
        return False
