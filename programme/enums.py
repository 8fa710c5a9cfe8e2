from django.db import models
from django.utils.translation import gettext_lazy as _


class Public(models.TextChoices):
    """Les publics du programme, un seul vocabulaire : type d'acteur d'une organisation,
    profil d'une personne inscrite, public visé par une session."""

    ASSOCIATION = "association", _("Association")
    TETE_DE_RESEAU = "tete_de_reseau", _("Tête de réseau")
    TERRITOIRE = "territoire", _("Territoire / collectivité")
    FINANCEUR = "financeur", _("Financeur (fondation, entreprise, investisseur sociétal)")
    ACCOMPAGNATEUR = "accompagnateur", _("Accompagnateur")
    CHERCHEUR = "chercheur", _("Chercheur / enseignant")


class DomaineActivite(models.TextChoices):
    """Domaines d'activité, repris des domaines des sept modèles (annexe 1 du référentiel)."""

    MEMBRES = "membres", _("Association au service de ses membres")
    QUARTIER = "quartier", _("Quartiers, vie locale")
    FORMATION_INSERTION = "formation_insertion", _("Formation, insertion (SIAE, ESAT)")
    CULTURE = "culture", _("Culture")
    SPORT = "sport", _("Sport")
    TOURISME_SOCIAL = "tourisme_social", _("Tourisme social")
    SERVICES_PERSONNE = "services_personne", _("Services à la personne")
    SANITAIRE_SOCIAL = "sanitaire_social", _("Sanitaire et social")
    HANDICAP = "handicap", _("Handicap")
    ENFANCE_JEUNESSE = "enfance_jeunesse", _("Enfance, jeunesse")
    EDUCATION_POPULAIRE = "education_populaire", _("Éducation populaire")
    JUSTICE = "justice", _("Justice, accès au droit")
    EMPLOI = "emploi", _("Emploi")
    DEVELOPPEMENT_RURAL = "developpement_rural", _("Développement rural")
    DEFENSE_DROITS = "defense_droits", _("Défense des droits")
    SOLIDARITE_INTERNATIONALE = "solidarite_internationale", _("Solidarité internationale")
    ENVIRONNEMENT = "environnement", _("Environnement")
    PRECARITE = "precarite", _("Lutte contre la précarité")
    SANTE_PATIENTS = "sante_patients", _("Santé, associations de malades")
    MEDIATION_SOCIALE = "mediation_sociale", _("Médiation sociale")
    RECHERCHE = "recherche", _("Recherche, enseignement")
    AUTRE = "autre", _("Autre")


class TrancheBudget(models.TextChoices):
    MOINS_10K = "moins_10k", _("Moins de 10 000 €")
    DE_10K_A_50K = "10k_50k", _("De 10 000 € à 50 000 €")
    DE_50K_A_200K = "50k_200k", _("De 50 000 € à 200 000 €")
    DE_200K_A_1M = "200k_1m", _("De 200 000 € à 1 M€")
    DE_1M_A_5M = "1m_5m", _("De 1 M€ à 5 M€")
    PLUS_5M = "plus_5m", _("Plus de 5 M€")


class RoleMembre(models.TextChoices):
    ADMINISTRATEUR = "administrateur", _("Administrateur")
    MEMBRE = "membre", _("Membre")


# Genre de l'e-mail d'invitation dans la boîte d'envoi (``envois``).
GENRE_INVITATION = "programme.invitation"
