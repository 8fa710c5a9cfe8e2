from datetime import date, timedelta

import factory
from django.utils import timezone

from agenda.enums import StatutInscription, StatutSession
from agenda.models import Inscription, Session
from programme.enums import DomaineActivite, Public, RoleMembre
from programme.models import Format, Membre, Organisation, Utilisateur
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
        services.creer_sequences(webinaire=webinaire)
        return webinaire


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
