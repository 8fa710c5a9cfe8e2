from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from programme.demo import STAFF_EMAIL, STAFF_MOT_DE_PASSE


def _compter():
    return {m._meta.label: m.objects.count() for m in apps.get_models()}


@pytest.mark.django_db
def test_charger_demo_deux_fois_ne_duplique_rien(settings, tmp_path, capsys):
    settings.MEDIA_ROOT = tmp_path
    call_command("charger_demo", "--force")
    sortie = capsys.readouterr().out
    assert STAFF_EMAIL in sortie and STAFF_MOT_DE_PASSE in sortie
    apres_un = _compter()
    assert apres_un["programme.Organisation"] >= 1
    call_command("charger_demo", "--force")
    assert _compter() == apres_un


@pytest.mark.django_db
def test_compte_equipe_de_demo_ouvre_l_administration(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    sortie = StringIO()
    call_command("charger_demo", "--force", stdout=sortie)
    # Ce que ``make run`` affiche suffit pour entrer : mot de passe puis code de secours
    # (ou le code de l'application configurée avec le secret TOTP affiché).
    affiche = sortie.getvalue()
    assert STAFF_MOT_DE_PASSE in affiche and "secret TOTP" in affiche
    secours = affiche.split("code de secours : ")[1].split()[0]
    reponse = client.post("/comptes/login/", {"login": STAFF_EMAIL, "password": STAFF_MOT_DE_PASSE})
    assert reponse["Location"] == "/comptes/2fa/authenticate/"
    reponse = client.post("/comptes/2fa/authenticate/", {"code": secours})
    client.post(reponse["Location"], {"action": "skip"})  # « faire confiance » : non
    assert client.get("/admin/").status_code == 200
    # Relancer ``make run`` affiche un autre code de secours : celui-ci a servi.
    sortie = StringIO()
    call_command("charger_demo", "--force", stdout=sortie)
    assert secours not in sortie.getvalue()


@pytest.mark.django_db
def test_charger_demo_refuse_en_production_sans_force():
    with pytest.raises(CommandError, match="DEBUG est désactivé"):
        call_command("charger_demo")
