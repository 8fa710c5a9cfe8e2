from django.db import models
from django.utils.translation import gettext_lazy as _


class CategorieRessource(models.TextChoices):
    """Les trois usages du socle de connaissance, dans l'ordre où on les présente."""

    S_INFORMER = "s_informer", _("S'informer")
    SE_FORMER = "se_former", _("Se former")
    AGIR = "agir", _("Agir / accompagner")


class GenreFiche(models.TextChoices):
    GENERIQUE = "generique", _("Fiche repère générique")
    DIAGNOSTIC = "diagnostic", _("Fiche repère personnalisée")


class StatutFiche(models.TextChoices):
    EN_ATTENTE = "en_attente", _("En attente")
    EN_COURS = "en_cours", _("En cours de rendu")
    PRETE = "prete", _("Prête")
    ECHEC = "echec", _("Échec")


class TypeRessource(models.TextChoices):
    REFERENTIEL = "referentiel", _("Référentiel")
    PLATEFORME = "plateforme", _("Plateforme pédagogique")
    MOOC = "mooc", _("MOOC")
    DOSSIER = "dossier", _("Dossiers et publications")
    CENTRE = "centre", _("Centre de ressources")
    FICHE = "fiche", _("Fiche repère")


class TypeTravail(models.TextChoices):
    """Les types de travaux académiques (pilier 5)."""

    ARTICLE = "article", _("Article")
    OUVRAGE = "ouvrage", _("Ouvrage")
    CHAPITRE = "chapitre", _("Chapitre d'ouvrage")
    THESE = "these", _("Thèse")
    RAPPORT = "rapport", _("Rapport")
    COMMUNICATION = "communication", _("Communication")
    MEMOIRE = "memoire", _("Mémoire")
    SUPPORT_COURS = "support_cours", _("Support de cours")
