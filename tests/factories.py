from datetime import date, timedelta

import factory
from django.utils import timezone

from agenda.enums import StatutInscription, StatutSession
from agenda.models import Inscription, Session
from envois.listes import liste_par_code
from envois.models import Abonnement
from programme.enums import DomaineActivite, Public, RoleMembre
from programme.models import Format, Membre, Organisation, Partenaire, Utilisateur
from webinaires.models import Cycle, Webinaire


class UtilisateurFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Utilisateur
        django_get_or_create = ["email"]

    email = factory.Sequence(lambda n: f"personne{n}@exemple.org")
    nom = factory.Faker("name", locale="fr_FR")
    password = factory.django.Password("mot-de-passe-solide-42")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    nom = factory.Sequence(lambda n: f"Association n°{n}")
    type_acteur = Public.ASSOCIATION
    domaine_activite = DomaineActivite.QUARTIER
    departement = "75"


class MembreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membre

    organisation = factory.SubFactory(OrganisationFactory)
    utilisateur = factory.SubFactory(UtilisateurFactory)
    role = RoleMembre.MEMBRE


class PartenaireFactory(factory.django.DjangoModelFactory):
    """Un partenaire relais (``?relais=<code>``), intégrant les pages depuis ses origines."""

    class Meta:
        model = Partenaire
        django_get_or_create = ["code"]

    code = "reseau"
    nom = "Réseau partenaire"
    origines_integration = "https://www.reseau.example"


class AbonnementFactory(factory.django.DjangoModelFactory):
    """Un abonnement à une liste d'``envois`` (la lettre du programme par défaut), en attente
    de confirmation comme à sa création : ``statut="confirme"`` pour un abonné."""

    class Meta:
        model = Abonnement

    liste = factory.LazyFunction(lambda: liste_par_code("lettre-du-programme"))
    email = factory.Sequence(lambda n: f"abonne{n}@exemple.org")


class SessionFactory(factory.django.DjangoModelFactory):
    """Une session publiée d'un format du contenu de référence, ``dans`` un délai donné."""

    class Meta:
        model = Session

    class Params:
        slug_format = "ateliers"
        dans = timedelta(days=7)

    format = factory.LazyAttribute(lambda o: Format.objects.get(slug=o.slug_format))
    titre = factory.Sequence(lambda n: f"Session n°{n}")
    debut = factory.LazyAttribute(
        lambda o: (timezone.now() + o.dans).replace(second=0, microsecond=0)
    )
    fin = factory.LazyAttribute(lambda o: o.debut + timedelta(hours=3))
    lieu = "Paris — Le RAMEAU"


class InscriptionFactory(factory.django.DjangoModelFactory):
    """Une inscription confirmée (écrite directement : pas de verrou ni d'e-mail)."""

    class Meta:
        model = Inscription

    session = factory.SubFactory(SessionFactory)
    nom = factory.Sequence(lambda n: f"Personne {n}")
    email = factory.Sequence(lambda n: f"inscrit{n}@exemple.org")
    statut = StatutInscription.CONFIRMEE
    confirmee_le = factory.LazyFunction(timezone.now)


class CycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cycle
        django_get_or_create = ["slug"]

    titre = "Cycle de test"
    slug = "cycle-test"
    debut = date(2026, 10, 1)
    fin = date(2027, 10, 1)


class WebinaireFactory(factory.django.DjangoModelFactory):
    """Un webinaire publié avec sa session d'agenda et ses « 4 temps », ``dans`` un délai."""

    class Meta:
        model = Webinaire

    # Champs de la session d'agenda, passés au service qui la crée avec le webinaire.
    dans = timedelta(days=10)
    titre = factory.Sequence(lambda n: f"Webinaire n°{n}")
    capacite = 300
    statut = StatutSession.PUBLIE
    lien_visio = "https://visio.exemple.org/salle"
    cycle = factory.SubFactory(CycleFactory)
    mois = factory.Sequence(lambda n: date(2030 + n // 12, n % 12 + 1, 1))
    slug = factory.Sequence(lambda n: f"webinaire-{n}")

    @classmethod
    def _create(cls, model_class, *args, dans, titre, capacite, statut, lien_visio, **champs):
        from webinaires import services

        debut = (timezone.now() + dans).replace(microsecond=0)
        webinaire = services.webinaire_creer(
            titre=titre,
            debut=debut,
            fin=debut + timedelta(minutes=90),
            statut=statut,
            capacite=capacite,
            lien_visio=lien_visio,
            **champs,
        )
        services.sequences_creer(webinaire=webinaire)
        return webinaire


# --- formations ---
class ModuleFactory(factory.django.DjangoModelFactory):
    """Un module de formation AFF (niveau 3) publié, pour les fundraisers."""

    class Meta:
        model = "formations.Module"

    titre = factory.Sequence(lambda n: f"Module de formation n°{n}")
    slug = factory.Sequence(lambda n: f"module-{n}")
    niveau = 3
    public = "fundraisers"
    accroche = "Pour les responsables des ressources."
    objectifs = "Diagnostiquer son modèle\nDiversifier ses ressources"
    programme = "Les sept modèles\nCas pratiques"
    duree_heures = 7
    prix = 1200


class SessionModuleFactory(factory.django.DjangoModelFactory):
    """Une session d'agenda (format « formations-aff ») rattachée à un module."""

    class Meta:
        model = "formations.SessionModule"

    module = factory.SubFactory(ModuleFactory)
    session = factory.SubFactory(
        SessionFactory, slug_format="formations-aff", capacite=12, lieu="Paris — AFF"
    )


# --- relais ---


class NumeroFactory(factory.django.DjangoModelFactory):
    """Un numéro de la lettre du programme (brouillon par défaut)."""

    class Meta:
        model = "relais.Numero"

    titre = factory.Sequence(lambda n: f"Lettre n°{n}")
    slug = factory.Sequence(lambda n: f"lettre-{n}")
    chapo = "Les nouvelles du programme."
    corps = "## Au sommaire\n\nLe prochain webinaire et **l'autodiagnostic**."
    liste = factory.LazyFunction(lambda: _liste_lettre())


def _liste_lettre():
    from envois.listes import liste_par_code

    return liste_par_code("lettre-du-programme")
