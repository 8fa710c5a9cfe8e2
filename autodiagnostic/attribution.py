"""Diagnostics comptés par relais d'origine (registre de ``programme.attribution``)."""

from django.utils.translation import gettext_lazy as _

from programme import attribution

from .models import Diagnostic


def _compter(origines, depuis):
    return attribution.compter_par_mois(
        Diagnostic.objects.all(), champ_date="cree_le", origines=origines, depuis=depuis
    )


attribution.compteur(code="diagnostics", libelle=_("Diagnostics"), compter=_compter, ordre=30)
