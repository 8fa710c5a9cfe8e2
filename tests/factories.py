import factory

from programme.enums import DomaineActivite, RoleMembre, TypeActeur
from programme.models import Membre, Organisation, Utilisateur


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
