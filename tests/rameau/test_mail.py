"""Les sujets d'e-mail tiennent sur une ligne, quoi que contiennent les noms et les titres."""

from datetime import timedelta
from html import unescape

import pytest
from django.core import mail
from django.utils import timezone

from agenda import services as agenda
from programme.enums import RoleMembre
from programme.models import Invitation
from tests.factories import MembreFactory, WebinaireFactory
from webinaires.models import Cycle

pytestmark = pytest.mark.django_db


def test_nom_d_organisation_sur_deux_lignes_l_invitation_part_quand_meme(
    client, django_capture_on_commit_callbacks
):
    admin = MembreFactory(
        role=RoleMembre.ADMINISTRATEUR, organisation__nom="Les Amis\r\ndu Jardin\nBcc: x@y.org"
    )
    client.force_login(admin.utilisateur)
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(
            admin.organisation.get_absolute_url(),
            {"email": "invitee@exemple.org", "role": "membre"},
            follow=True,
        )
    html = unescape(reponse.content.decode())
    # La page ne prétend pas que l'e-mail est parti : elle dit qu'il va partir…
    assert "Invitation enregistrée : l'e-mail part vers invitee@exemple.org" in html
    # … et il est bien parti, avec un sujet d'une seule ligne.
    assert len(mail.outbox) == 1
    mail.outbox[0].message()  # l'en-tête se construit (plus de BadHeaderError)
    assert mail.outbox[0].subject == "Invitation à rejoindre Les Amis du Jardin Bcc: x@y.org"
    assert mail.outbox[0].bcc == []
    assert Invitation.objects.exists()
    assert "envoyée le" in unescape(
        client.get(admin.organisation.get_absolute_url()).content.decode()
    )


def test_titre_de_webinaire_sur_deux_lignes_la_confirmation_part(
    django_capture_on_commit_callbacks,
):
    maintenant = timezone.now()
    cycle = Cycle.objects.create(
        titre="Cycle", slug="cycle", debut=maintenant.date(), fin=maintenant.date()
    )
    webinaire = WebinaireFactory(
        cycle=cycle,
        mois=maintenant.date().replace(day=1),
        slug="titre-sur-deux-lignes",
        titre="Les modèles\nsocio-économiques",
        dans=timedelta(days=3),
    )
    with django_capture_on_commit_callbacks(execute=True):
        agenda.inscription_creer(
            session=webinaire.session, nom="Camille", email="camille@exemple.org"
        )
    assert len(mail.outbox) == 1
    mail.outbox[0].message()
    assert mail.outbox[0].subject == "Inscription confirmée : Les modèles socio-économiques"
