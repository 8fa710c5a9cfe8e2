from datetime import timedelta

import pytest

from agenda.models import Inscription
from tests.factories import WebinaireFactory
from webinaires.models import Cycle


def inscrit(webinaire, email, *, confirmee_le, statut="confirmee"):
    """Une inscription (confirmée par défaut) à la date de confirmation donnée."""
    return Inscription.objects.create(
        session=webinaire.session, nom=email, email=email, statut=statut, confirmee_le=confirmee_le
    )


@pytest.fixture
def cycle(db):
    return Cycle.objects.create(
        titre="Cycle de test", slug="cycle-test", debut="2026-10-01", fin="2027-10-01"
    )


@pytest.fixture
def fabrique_webinaire(cycle):
    compteur = {"n": 0}

    def fabriquer(*, dans=timedelta(days=10), capacite=300, **champs):
        compteur["n"] += 1
        n = compteur["n"]
        champs.setdefault("titre", f"Webinaire n°{n}")
        return WebinaireFactory(
            cycle=cycle,
            mois=f"20{30 + n}-01-01",
            slug=f"webinaire-{n}",
            dans=dans,
            capacite=capacite,
            **champs,
        )

    return fabriquer


@pytest.fixture
def webinaire(fabrique_webinaire):
    return fabrique_webinaire()


@pytest.fixture
def equipe(client):
    """Un client connecté en tant que membre de l'équipe (superutilisateur)."""
    from tests.factories import UtilisateurFactory

    client.force_login(UtilisateurFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def modifier_en_admin(equipe):
    """Enregistre la fiche d'un webinaire dans l'administration, comme l'équipe le fait,
    avec les champs donnés modifiés (``debut``/``fin`` : des datetimes). ``valide=False`` :
    le formulaire doit être refusé, la page d'erreurs est renvoyée."""

    def modifier(webinaire, *, valide=True, **modifications):
        url = f"/admin/webinaires/webinaire/{webinaire.pk}/change/"
        formulaire = equipe.get(url).context["adminform"].form
        donnees = {
            k: (v if v is not None else "")
            for k, v in formulaire.initial.items()
            if k not in ("partenaires", "programmes_recherche", "modeles", "formats")
        }
        debut = modifications.pop("debut", webinaire.debut).astimezone()
        fin = modifications.pop("fin", webinaire.fin).astimezone()
        donnees.update(
            cycle=webinaire.cycle_id,
            debut_0=debut.strftime("%d/%m/%Y"),
            debut_1=debut.strftime("%H:%M:%S"),
            fin_0=fin.strftime("%d/%m/%Y"),
            fin_1=fin.strftime("%H:%M:%S"),
            **{
                "sequences-TOTAL_FORMS": "0",
                "sequences-INITIAL_FORMS": "0",
            },
            **modifications,
        )
        reponse = equipe.post(url, donnees, follow=True)
        if valide:
            assert reponse.redirect_chain, reponse.context["adminform"].form.errors
        webinaire.refresh_from_db()
        return reponse

    return modifier
