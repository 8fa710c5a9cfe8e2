from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from agenda.enums import StatutInscription
from agenda.models import Inscription
from webinaires.models import Cycle, Webinaire

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("modele", ["cycle", "webinaire", "intervenant"])
def test_listes_d_administration(equipe, webinaire, modele):
    reponse = equipe.get(f"/admin/webinaires/{modele}/")
    assert reponse.status_code == 200


def test_fiche_webinaire_avec_les_quatre_temps(equipe, webinaire):
    html = equipe.get(f"/admin/webinaires/webinaire/{webinaire.pk}/change/").content.decode()
    assert html.count("sequences-") >= 4 and "Éclairage" in html


def _action_sur_les_cycles(equipe, action, *cycles):
    reponse = equipe.post(
        "/admin/webinaires/cycle/",
        {"action": action, "_selected_action": [cycle.pk for cycle in cycles]},
        follow=True,
    )
    assert reponse.status_code == 200
    return [str(message) for message in reponse.context["messages"]]


def test_action_remplit_le_cycle_choisi_en_brouillon_dates_en_francais(equipe):
    cycle = Cycle.objects.create(titre="Cycle", slug="c", debut="2020-10-01", fin="2021-10-01")
    messages = _action_sur_les_cycles(equipe, "completer_webinaires", cycle)
    assert Cycle.objects.get() == cycle
    assert cycle.webinaires.count() == 13
    assert set(cycle.webinaires.values_list("session__statut", flat=True)) == {"brouillon"}
    texte = " ".join(messages)
    assert "jeudi 15 octobre 2020" in texte and "jeudi 17 décembre 2020" in texte
    assert "2020-10-15T" not in texte
    assert "13 webinaires créés en brouillon" in texte


def test_action_sur_des_mois_deja_couverts_par_un_autre_cycle(equipe):
    ancien = Cycle.objects.create(
        titre="Cycle 2020–2021", slug="c1", debut="2020-10-01", fin="2021-10-01"
    )
    suivant = Cycle.objects.create(
        titre="Cycle 2021–2022", slug="c2", debut="2021-10-01", fin="2022-10-01"
    )
    _action_sur_les_cycles(equipe, "completer_webinaires", ancien)
    messages = _action_sur_les_cycles(equipe, "completer_webinaires", suivant)
    assert ancien.webinaires.count() == 13 and suivant.webinaires.count() == 12
    assert Cycle.objects.count() == 2
    assert any(
        "octobre 2021 : déjà couvert par le cycle « Cycle 2020–2021 »" in m for m in messages
    )
    # Relancer l'action ne crée rien de plus.
    messages = _action_sur_les_cycles(equipe, "completer_webinaires", ancien, suivant)
    assert Webinaire.objects.count() == 25


def test_action_publier_les_brouillons_du_cycle(equipe, client):
    cycle = Cycle.objects.create(titre="Cycle", slug="c", debut="2027-01-01", fin="2027-02-01")
    _action_sur_les_cycles(equipe, "completer_webinaires", cycle)
    assert "Webinaire du 21 janvier 2027" not in client.get("/webinaires/").content.decode()
    messages = _action_sur_les_cycles(equipe, "brouillons_publier", cycle)
    assert "2 webinaires publiés : jeudi 21 janvier 2027, jeudi 18 février 2027." in " ".join(
        messages
    )
    assert set(cycle.webinaires.values_list("session__statut", flat=True)) == {"publie"}
    assert "Webinaire du 21 janvier 2027" in client.get("/webinaires/").content.decode()


def test_ajout_du_replay_en_administration_rend_dus_les_mails(
    modifier_en_admin, fabrique_webinaire
):
    passe = fabrique_webinaire(dans=timedelta(days=-1))
    modifier_en_admin(passe, lien_replay="https://replay.exemple.org/1")
    assert passe.replay_publie_le is not None


def test_webinaire_qui_finit_avant_de_commencer_message_clair(modifier_en_admin, webinaire):
    fin = webinaire.fin
    reponse = modifier_en_admin(
        webinaire, valide=False, fin=webinaire.debut - timedelta(minutes=30)
    )
    assert reponse.status_code == 200 and not reponse.redirect_chain
    assert "La fin doit être postérieure au début." in reponse.content.decode()
    assert webinaire.fin == fin


class _Formulaire(HTMLParser):
    """Ce qu'un navigateur enverrait en validant le formulaire principal de la page."""

    def __init__(self):
        super().__init__()
        self.donnees: list[tuple[str, str]] = []
        self._dans_formulaire = False
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id", "").endswith("_form"):
            self._dans_formulaire = True
        if not self._dans_formulaire or "disabled" in attrs:
            return
        nom = attrs.get("name")
        if tag == "input" and nom and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.donnees.append((nom, attrs.get("value") or ""))
        elif tag == "select" and nom:
            self._select = nom
        elif tag == "option" and self._select and "selected" in attrs:
            self.donnees.append((self._select, attrs.get("value") or ""))
        elif tag == "textarea" and nom:
            self._textarea = nom
            self.donnees.append((nom, ""))

    def handle_data(self, data):
        if self._textarea:
            nom, texte = self.donnees[-1]
            self.donnees[-1] = (nom, texte + data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._dans_formulaire = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            if self._textarea:
                nom, texte = self.donnees[-1]
                # Le navigateur retire le saut de ligne qui suit <textarea>.
                self.donnees[-1] = (nom, texte.removeprefix("\n"))
            self._textarea = None


def _champs_du_formulaire(html: str) -> dict[str, list[str]]:
    lecteur = _Formulaire()
    lecteur.feed(html)
    champs: dict[str, list[str]] = {}
    for nom, valeur in lecteur.donnees:
        champs.setdefault(nom, []).append(valeur)
    return champs


def test_webinaire_de_300_inscrits_se_deplace_depuis_sa_fiche(equipe, webinaire):
    Inscription.objects.bulk_create(
        Inscription(
            session=webinaire.session,
            nom=f"Personne {i}",
            email=f"p{i}@exemple.org",
            organisation=f"Association {i}",
            statut=StatutInscription.CONFIRMEE if i < 290 else StatutInscription.ATTENTE,
        )
        for i in range(300)
    )
    url = f"/admin/webinaires/webinaire/{webinaire.pk}/change/"
    page = equipe.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    champs = _champs_du_formulaire(html)
    nouveau_debut = timezone.localtime(webinaire.debut + timedelta(days=7))
    champs["debut_0"] = [nouveau_debut.strftime("%d/%m/%Y")]
    champs["fin_0"] = [(nouveau_debut + timedelta(minutes=90)).strftime("%d/%m/%Y")]
    champs["_save"] = [""]
    reponse = equipe.post(url, champs)
    assert reponse.status_code == 302, reponse.content.decode()[:2000]
    webinaire.refresh_from_db()
    assert webinaire.debut == nouveau_debut
    assert webinaire.dates_modifiees_le is not None
    assert webinaire.session.inscriptions.count() == 300
    # La fiche renvoie à la liste des inscriptions de l'agenda, filtrée sur sa session.
    liste = f"/admin/agenda/inscription/?session__id__exact={webinaire.session_id}"
    assert f'href="{liste}"' in html
    assert "Inscriptions : 290 confirmées, 10 en attente" in html
    assert "Personne 0" in equipe.get(liste).content.decode()


def test_ajout_d_un_second_webinaire_dans_un_mois_pris_message_clair(equipe, webinaire):
    autre = Cycle.objects.create(titre="Autre", slug="autre", debut="2030-01-01", fin="2031-01-01")
    donnees = {
        "cycle": autre.pk,
        "titre": "Doublon",
        "slug": "doublon",
        "statut": "brouillon",
        "debut_0": "10/01/2031",
        "debut_1": "13:00:00",
        "fin_0": "10/01/2031",
        "fin_1": "14:30:00",
        "capacite": "300",
        "sequences-TOTAL_FORMS": "0",
        "sequences-INITIAL_FORMS": "0",
    }
    reponse = equipe.post("/admin/webinaires/webinaire/add/", {**donnees, "mois": "01/01/2031"})
    assert reponse.status_code == 200
    assert "Ce mois a déjà son webinaire" in reponse.content.decode()
    reponse = equipe.post("/admin/webinaires/webinaire/add/", {**donnees, "mois": "17/01/2031"})
    assert "Le mois du cycle s&#x27;indique par son premier jour" in reponse.content.decode()
    assert Webinaire.objects.count() == 1


def test_delais_du_cycle_en_francais_dans_la_liste_et_la_fiche(equipe, cycle):
    Cycle.objects.filter(pk=cycle.pk).update(delai_rappel_veille=timedelta(days=1, hours=12))
    html = equipe.get("/admin/webinaires/cycle/").content.decode()
    assert "7 jours" in html and "1 jour et 12 heures" in html and "1 heure" in html
    assert "days" not in html and "0:00:00" not in html
    url = f"/admin/webinaires/cycle/{cycle.pk}/change/"
    html = equipe.get(url).content.decode()
    assert 'value="7 jours"' in html and 'value="1 heure"' in html
    assert "« 1 jour 12 heures »" in html  # l'aide dit comment écrire une durée
    donnees = {
        "titre": cycle.titre,
        "slug": cycle.slug,
        "debut": "01/10/2026",
        "fin": "01/10/2027",
        "delai_annonce": "10 jours",
        "delai_rappel_veille": "1 jour et 2 heures",
        "delai_rappel_heure": "1 h 30",
    }
    reponse = equipe.post(url, {**donnees, "delai_rappel_heure": "bientôt"})
    assert reponse.status_code == 200
    assert "Durée non reconnue" in reponse.content.decode()
    assert equipe.post(url, donnees).status_code == 302
    cycle.refresh_from_db()
    assert cycle.delai_annonce == timedelta(days=10)
    assert cycle.delai_rappel_veille == timedelta(days=1, hours=2)
    assert cycle.delai_rappel_heure == timedelta(hours=1, minutes=30)


def test_webinaire_supprime_emporte_sa_session_et_ses_inscriptions(equipe, webinaire):
    from agenda.models import Session
    from tests.factories import InscriptionFactory

    InscriptionFactory(session=webinaire.session)
    reponse = equipe.post(
        f"/admin/webinaires/webinaire/{webinaire.pk}/delete/", {"post": "yes"}, follow=True
    )
    assert reponse.status_code == 200
    assert not Webinaire.objects.exists()
    assert not Session.objects.exists() and not Inscription.objects.exists()
