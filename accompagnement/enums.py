"""Le pilier 4 : ses formats et ses trois publics (transfert de savoir-faire, TSF)."""

from django.utils.translation import gettext_lazy as _

from programme.enums import Public

ATELIERS = "ateliers"
CO_DEVELOPPEMENT = "co-developpement"
PARCOURS = "parcours"
FORMATS: tuple[str, ...] = (ATELIERS, CO_DEVELOPPEMENT, PARCOURS)

# Les trois publics du TSF et les partenaires qui les accompagnent avec Le RAMEAU
# (programme, pilier 4).
PUBLICS: dict[str, dict] = {
    Public.TERRITOIRE: {
        "libelle": _("Territoires"),
        "partenaires": _(
            "avec le Réseau des pionniers des alliances en Territoire et le RNMA "
            "(recherche-action sur 3 ans)"
        ),
    },
    Public.TETE_DE_RESEAU: {
        "libelle": _("Têtes de réseau associatives"),
        "partenaires": _("avec l'ADASI"),
    },
    Public.ACCOMPAGNATEUR: {
        "libelle": _("Accompagnateurs et conseils"),
        "partenaires": _("avec Syntec Conseil (conseils volontaires)"),
    },
}

# Étapes d'un parcours, dans l'ordre (Parcours 21) : proposées par défaut à l'équipe.
ETAPES_PARCOURS: tuple[str, ...] = (
    _("Cadrage"),
    _("Méthode et application"),
    _("Bilan et appropriation"),
)
