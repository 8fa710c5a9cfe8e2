from django.db import models
from django.utils.translation import gettext_lazy as _


class Profil(models.TextChoices):
    """Variantes du questionnaire, une par profil d'acteur."""

    ASSOCIATION = "association", _("Association")
    TETE_DE_RESEAU = "tete_de_reseau", _("Tête de réseau")
    TERRITOIRE = "territoire", _("Territoire / collectivité")
    ACCOMPAGNATEUR_FINANCEUR = "accompagnateur_financeur", _("Accompagnateur ou financeur")
    CHERCHEUR_ENSEIGNANT = "chercheur_enseignant", _("Chercheur ou enseignant")


class Statut(models.TextChoices):
    BROUILLON = "brouillon", _("Brouillon")
    PUBLIE = "publie", _("Publié")
    ARCHIVE = "archive", _("Archivé")


class TypeQuestion(models.TextChoices):
    MONTANT = "montant", _("Montant (€)")
    POURCENTAGE = "pourcentage", _("Pourcentage")
    CHOIX_UNIQUE = "choix_unique", _("Choix unique")
    CHOIX_MULTIPLE = "choix_multiple", _("Choix multiple")
    ECHELLE = "echelle", _("Échelle de 1 à 4")
    TEXTE = "texte", _("Texte")
    UNITE = "unite", _("Unité des ressources (euros ou pourcentages)")


class Groupe(models.TextChoices):
    """Groupes de maturité : les trois leviers et le pilotage du modèle."""

    RICHESSES_HUMAINES = "richesses_humaines", _("Richesses humaines")
    RESSOURCES_FINANCIERES = "ressources_financieres", _("Ressources financières")
    ALLIANCES_PARTENARIATS = "alliances_partenariats", _("Alliances et partenariats")
    PILOTAGE = "pilotage", _("Pilotage du modèle")


class Modele(models.TextChoices):
    M1 = "M1", "M1"
    M2 = "M2", "M2"
    M3 = "M3", "M3"
    M4 = "M4", "M4"
    M5 = "M5", "M5"
    M6 = "M6", "M6"
    M7 = "M7", "M7"


class Niveau(models.IntegerChoices):
    DECOUVRIR = 1, _("Découvrir")
    COMPRENDRE = 2, _("Comprendre")
    EXPERIMENTER = 3, _("Expérimenter")
    TRANSFORMER = 4, _("Transformer")


# Le public (``programme.enums.Public``) dont relève chaque variante : les sessions proposées
# après un diagnostic sont celles ouvertes à ce public. La variante « accompagnateur ou
# financeur » sert les deux ; ses sessions sont celles des accompagnateurs (le public du
# transfert de savoir-faire), celles ouvertes à tous comprises.
PUBLIC_DU_PROFIL: dict[str, str] = {
    Profil.ASSOCIATION: "association",
    Profil.TETE_DE_RESEAU: "tete_de_reseau",
    Profil.TERRITOIRE: "territoire",
    Profil.ACCOMPAGNATEUR_FINANCEUR: "accompagnateur",
    Profil.CHERCHEUR_ENSEIGNANT: "chercheur",
}
