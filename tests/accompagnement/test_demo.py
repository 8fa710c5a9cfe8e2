import pytest
from django.core.management import call_command
from django.utils import timezone

from agenda.models import Session


@pytest.mark.django_db
def test_demo_un_atelier_par_public_et_le_parcours_21_reservable(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("charger_demo", "--force")
    call_command("charger_demo", "--force")  # idempotent
    ateliers = Session.objects.filter(format__slug="ateliers", titre__startswith="[Démo] Atelier ")
    assert sorted(p for a in ateliers for p in a.publics) >= [
        "accompagnateur",
        "territoire",
        "tete_de_reseau",
    ]
    parcours = Session.objects.get(titre__contains="AIS 21", parent__isnull=True)
    etapes = list(parcours.etapes.order_by("ordre"))
    assert len(etapes) == 3
    dates = [timezone.localtime(e.debut) for e in etapes]
    assert [(d.day, d.month) for d in dates[1:]] == [(7, 6), (9, 7)]
    assert all(d > timezone.now() for d in dates)
    assert "Méthode et application" in etapes[1].titre and "CRF" in etapes[1].description
    page = client.get("/accompagnement/?public=tete_de_reseau").content.decode()
    assert "AIS 21" in page and "Têtes de réseau « Accompagner" in page
    assert "Atelier Territoires" not in page
    page = client.get(f"/accompagnement/parcours/{parcours.pk}/").content.decode()
    assert "Bilan et appropriation" in page and "juin" in page and "juillet" in page
