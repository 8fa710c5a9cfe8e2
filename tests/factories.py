from datetime import timedelta

import factory
from django.utils import timezone

from programme.enums import DomaineActivite, RoleMembre, TypeActeur
from programme.models import Format, Membre, Organisation, SessionFormat, Utilisateur


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
    type_acteur = TypeActeur.ASSOCIATION
    domaine_activite = DomaineActivite.QUARTIER
    departement = "75"


class MembreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membre

    organisation = factory.SubFactory(OrganisationFactory)
    utilisateur = factory.SubFactory(UtilisateurFactory)
    role = RoleMembre.MEMBRE


class SessionFormatFactory(factory.django.DjangoModelFactory):
    """Une session publiée d'un format du contenu de référence, ``dans`` un délai donné."""

    class Meta:
        model = SessionFormat

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
