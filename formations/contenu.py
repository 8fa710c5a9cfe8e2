"""Le format d'agenda des modules de formation AFF (``programme.Format`` « formations-aff »).

Créé par la migration de données de l'application (et rechargé par la démonstration et les
tests qui vident la base) ; idempotent. Son rang est le premier libre après les six formats
du programme, pour ne heurter aucun autre format ajouté ailleurs.
"""

from django.db.models import Max

from .enums import FORMAT

NOM = "Modules de formation AFF"
DESCRIPTION = (
    "Des modules de formation construits avec l'AFF (Association Française des Fundraisers) "
    "pour les responsables des ressources : fundraisers des organisations bénéficiaires et "
    "grantmakers des organisations partenaires. Ils prolongent la plateforme « l'innovation "
    "territoriale en actions ! » et le MOOC, et mènent au certificat d'aptitude."
)
POUR_QUI = "Pour les personnes en charge des ressources qui veulent se former en profondeur."


def charger(apps) -> None:
    Format = apps.get_model("programme", "Format")
    if Format.objects.filter(slug=FORMAT).exists():
        return
    ordre = (Format.objects.aggregate(m=Max("ordre"))["m"] or 0) + 1
    Format.objects.create(
        slug=FORMAT, nom=NOM, ordre=max(ordre, 7), description=DESCRIPTION, pour_qui=POUR_QUI
    )
