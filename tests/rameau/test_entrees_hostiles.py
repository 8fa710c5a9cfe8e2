"""Entrées hostiles : jamais d'erreur serveur, jamais de donnée valide perdue.

Octet nul dans une URL, un paramètre ou un champ, adresse e-mail de plus de 254 caractères,
corps de formulaire dans un autre jeu de caractères qu'UTF-8 : la personne reçoit une page 400
ou 404 en français, ou un message en français sur le champ. Tout tourne sur PostgreSQL : c'est
lui qui refuse l'octet nul et les valeurs trop longues.

Les clients de ces tests vérifient le jeton CSRF comme un vrai navigateur (cookie et champ),
pour que le corps du formulaire soit lu par la protection CSRF, comme en production.
"""

import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from html import unescape
from urllib.parse import quote, urlencode

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import BadRequest
from django.test import Client, RequestFactory
from django.urls import get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agenda import services as services_agenda
from agenda.models import Inscription
from autodiagnostic import scoring
from autodiagnostic import selectors as selectors_diagnostic
from autodiagnostic import services as services_diagnostic
from autodiagnostic.models import Diagnostic, Reponse
from envois.models import Abonnement
from programme import services as services_programme
from programme.enums import RoleMembre
from programme.models import Invitation, Organisation, Partenaire, Utilisateur
from tests.factories import MembreFactory, UtilisateurFactory, WebinaireFactory
from webinaires import services as services_webinaires
from webinaires.models import Cycle, Webinaire

pytestmark = pytest.mark.django_db

SECRET_CSRF = "hostile0123456789abcdefghijklmno"  # 32 caractères : le secret du cookie
PAGE_400 = "Votre demande n'a pas pu être traitée"
EMAIL_TROP_LONG = "Une adresse e-mail compte au plus 254 caractères"


def navigateur(utilisateur=None) -> Client:
    """Un client qui, comme un navigateur, renvoie le cookie CSRF et le jeton du formulaire."""
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = SECRET_CSRF
    if utilisateur is not None:
        client.force_login(utilisateur)
    return client


def poster(client, url, donnees, **options):
    return client.post(url, {**donnees, "csrfmiddlewaretoken": SECRET_CSRF}, **options)


def email_de_longueur(n: int) -> str:
    """Une adresse bien formée (acceptée par le validateur de Django) de ``n`` caractères."""
    domaine = "@exemple.org"
    return "a" * (n - len(domaine)) + domaine


@dataclass
class Monde:
    """Des données valides déjà enregistrées, que les entrées hostiles ne doivent pas toucher."""

    webinaire: Webinaire
    inscription: Inscription
    abonnement: Abonnement
    diagnostic: Diagnostic
    organisation: Organisation
    administrateur: Utilisateur
    invitation: Invitation
    specs: dict = field(default_factory=dict)

    def etat(self) -> dict:
        """Ce qu'une personne retrouverait en revenant : inscription, abonnement, réponses…"""
        inscription = Inscription.objects.get(pk=self.inscription.pk)
        abonnement = Abonnement.objects.get(pk=self.abonnement.pk)
        invitation = Invitation.objects.get(pk=self.invitation.pk)
        return {
            "inscription": (
                inscription.nom,
                inscription.email,
                inscription.organisation,
                inscription.statut,
            ),
            "abonnement": (abonnement.email, abonnement.nom, abonnement.statut),
            "invitation": (invitation.email, invitation.role, invitation.acceptee_le),
            "organisation": Organisation.objects.get(pk=self.organisation.pk).nom,
            "administrateur": Utilisateur.objects.get(pk=self.administrateur.pk).email,
            "reponses": dict(
                Reponse.objects.filter(diagnostic=self.diagnostic).values_list(
                    "question__code", "valeur"
                )
            ),
        }


@pytest.fixture
def monde(settings) -> Monde:
    # Un hachage de mot de passe rapide : la connexion hache même pour une adresse inconnue.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cycle = Cycle.objects.create(
        titre="Cycle hostile", slug="cycle-hostile", debut="2026-10-01", fin="2027-10-01"
    )
    webinaire = WebinaireFactory(
        cycle=cycle,
        mois=date(2031, 1, 1),
        slug="webinaire-hostile",
        titre="Webinaire de référence",
        dans=timedelta(days=10),
    )
    inscription = services_agenda.inscription_creer(
        session=webinaire.session,
        nom="Alice Martin",
        email="alice@exemple.org",
        organisation="Asso",
    ).inscription
    abonnement = services_webinaires.abonnement_demander(email="bob@exemple.org", nom="Bob")
    diagnostic = services_diagnostic.diagnostic_creer(profil="association")
    section_1 = selectors_diagnostic.sections(diagnostic.questionnaire)[0]
    questions = list(
        selectors_diagnostic.questions_avec_choix(diagnostic.questionnaire).filter(
            section=section_1
        )
    )
    erreurs = services_diagnostic.reponses_enregistrer(
        diagnostic=diagnostic,
        questions=questions,
        donnees={"ressources.cotisations": 8000, "ressources.benevolat": 20000},
    )
    assert "ressources.cotisations" not in erreurs
    administrateur = UtilisateurFactory(email="admin@exemple.org")
    membre = MembreFactory(utilisateur=administrateur, role=RoleMembre.ADMINISTRATEUR)
    invitation = services_programme.invitation_envoyer(
        organisation=membre.organisation,
        par=administrateur,
        email="invitee@exemple.org",
        role=RoleMembre.MEMBRE,
    )
    Partenaire.objects.get_or_create(code="relais-hostile", defaults={"nom": "Relais"})
    return Monde(
        webinaire=webinaire,
        inscription=inscription,
        abonnement=abonnement,
        diagnostic=diagnostic,
        organisation=membre.organisation,
        administrateur=administrateur,
        invitation=invitation,
        specs={
            q.code: selectors_diagnostic.spec_question(q)
            for q in selectors_diagnostic.questions_avec_choix(diagnostic.questionnaire)
        },
    )


def assert_page_400_en_francais(reponse):
    assert reponse.status_code == 400, reponse.content[:500]
    page = unescape(reponse.content.decode())
    assert PAGE_400 in page
    assert '<html lang="fr">' in page


# --- Octet nul dans une URL, un paramètre, un champ ----------------------------------------


LIENS_AVEC_OCTET_NUL = [
    "/autodiagnostic/%00/",
    "/autodiagnostic/%00/section/1/",
    "/autodiagnostic/%00/resultat/",
    "/autodiagnostic/%00/resultat.json",
    "/autodiagnostic/%00/fiche.pdf",
    "/webinaires/inscription/%00/",
    "/webinaires/abonnement/confirmer/%00/",
    "/webinaires/abonnement/desabonner/%00/",
    "/invitations/%00/",
    "/modeles/%00/",
    "/webinaires/integrer/?partenaire=%00",
    "/webinaires/webinaire-hostile/?relais=%00",
    "/embed/webinaires/?partenaire=a%00b",
]


@pytest.mark.parametrize("url", LIENS_AVEC_OCTET_NUL)
def test_octet_nul_dans_un_lien_ou_un_parametre_donne_une_page_400_en_francais(monde, url):
    assert_page_400_en_francais(navigateur().get(url))


@pytest.mark.parametrize(
    "url",
    [
        "/webinaires/inscription/%00/",
        "/webinaires/abonnement/confirmer/%00/",
        "/webinaires/abonnement/desabonner/%00/",
        "/invitations/%00/",
    ],
)
def test_octet_nul_dans_un_lien_d_annulation_ou_de_confirmation_poste(monde, url):
    avant = monde.etat()
    assert_page_400_en_francais(poster(navigateur(monde.administrateur), url, {}))
    assert monde.etat() == avant


def test_octet_nul_dans_une_reponse_refusee_sans_toucher_la_reponse_enregistree(monde):
    url = f"/autodiagnostic/{monde.diagnostic.jeton}/section/1/"
    reponse = poster(
        navigateur(), url, {"ressources.cotisations": "9000\x00", "ressources.benevolat": "1"}
    )
    assert_page_400_en_francais(reponse)
    reponses = monde.etat()["reponses"]
    assert reponses["ressources.cotisations"] == 8000
    assert reponses["ressources.benevolat"] == 20000


def test_octet_nul_dans_un_texte_libre_enregistre_automatiquement_refuse(monde):
    """La question « précisions » accepte tout texte : l'octet nul, lui, n'est pas stocké."""
    jeton = monde.diagnostic.jeton
    reponse = poster(
        navigateur(),
        f"/autodiagnostic/{jeton}/reponse/besoin.precisions/",
        {"besoin.precisions": "Nous cherchons\x00 un mécène"},
        headers={"HX-Request": "true"},
    )
    assert_page_400_en_francais(reponse)
    assert "besoin.precisions" not in monde.etat()["reponses"]


def test_octet_nul_dans_un_champ_d_inscription_refuse_sans_inscription(monde):
    reponse = poster(
        navigateur(),
        "/webinaires/webinaire-hostile/inscrire/",
        {
            "nom": "Chloé\x00",
            "email": "chloe@exemple.org",
            "profil": "association",
            "consentement": "on",
        },
    )
    assert_page_400_en_francais(reponse)
    assert not Inscription.objects.filter(email="chloe@exemple.org").exists()


def test_octet_nul_dans_le_cookie_de_session_ignore(monde):
    """Un cookie de session forgé vaut une session expirée, pas une erreur serveur."""
    client = navigateur()
    client.cookies["sessionid"] = "\x00abcdefghijkl"
    reponse = client.get("/webinaires/")
    assert reponse.status_code == 200
    assert "Se connecter" in reponse.content.decode()
    assert client.get("/espace/").status_code == 302  # vers la connexion


def test_octet_nul_dans_le_nom_d_un_champ_refuse(monde):
    reponse = poster(navigateur(), "/webinaires/abonnement/", {"email\x00": "x@exemple.org"})
    assert_page_400_en_francais(reponse)


# --- Adresse e-mail de plus de 254 caractères ----------------------------------------------


def _formulaires_avec_email(monde):
    """(client, url, données, modèle où l'adresse serait enregistrée) pour chaque formulaire
    où l'on saisit une adresse."""
    return {
        "inscription": (
            navigateur(),
            "/webinaires/webinaire-hostile/inscrire/",
            {"nom": "Dana", "profil": "association", "consentement": "on"},
            Inscription,
        ),
        "abonnement": (navigateur(), "/webinaires/abonnement/", {"nom": "Dana"}, Abonnement),
        "autodiagnostic": (navigateur(), "/autodiagnostic/", {"profil": "association"}, Diagnostic),
        "invitation": (
            navigateur(monde.administrateur),
            f"/espace/organisations/{monde.organisation.pk}/",
            {"role": RoleMembre.MEMBRE},
            Invitation,
        ),
        "compte": (
            navigateur(),
            "/comptes/signup/",
            {"password1": "Un mot de passe solide 42", "password2": "Un mot de passe solide 42"},
            Utilisateur,
        ),
        "adresse supplémentaire": (
            navigateur(monde.administrateur),
            "/comptes/email/",
            {"action_add": ""},
            EmailAddress,
        ),
    }


@pytest.mark.parametrize(
    "formulaire",
    [
        "inscription",
        "abonnement",
        "autodiagnostic",
        "invitation",
        "compte",
        "adresse supplémentaire",
    ],
)
@pytest.mark.parametrize("longueur", [255, 320])
def test_adresse_e_mail_trop_longue_message_en_francais_sur_le_champ(monde, formulaire, longueur):
    client, url, donnees, modele = _formulaires_avec_email(monde)[formulaire]
    reponse = poster(client, url, {**donnees, "email": email_de_longueur(longueur)})
    assert reponse.status_code == 200
    assert EMAIL_TROP_LONG in reponse.content.decode()
    # Rien d'enregistré, pas même une adresse tronquée à 254 caractères.
    assert not modele.objects.filter(email__startswith="a" * 200).exists()


def test_adresse_de_254_caracteres_acceptee_de_255_refusee(monde):
    client = navigateur()
    trop_longue = poster(client, "/webinaires/abonnement/", {"email": email_de_longueur(255)})
    assert EMAIL_TROP_LONG in trop_longue.content.decode()
    adresse = email_de_longueur(254)
    reponse = poster(client, "/webinaires/abonnement/", {"email": adresse})
    assert reponse.status_code == 302
    assert Abonnement.objects.filter(email=adresse).exists()


def test_adresse_trop_longue_pour_reprendre_plus_tard_message_sur_le_champ(monde):
    """Le « reprendre plus tard » part de l'adresse saisie au démarrage du diagnostic."""
    reponse = poster(
        navigateur(),
        "/autodiagnostic/",
        {"profil": "association", "email": email_de_longueur(300), "organisation_nom": "A"},
    )
    assert EMAIL_TROP_LONG in reponse.content.decode()
    assert not Diagnostic.objects.filter(organisation_nom="A").exists()


# --- Corps de formulaire dans un autre jeu de caractères -----------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/webinaires/abonnement/",
        "/webinaires/webinaire-hostile/inscrire/",
        "/autodiagnostic/",
        # Sans protection CSRF (désabonnement en un clic) : c'est la vue qui lit le corps.
        "/webinaires/abonnement/desabonner/inconnu/",
        # Adresse inconnue : c'est la page 404 qui lit le corps.
        "/nulle-part/",
    ],
)
@pytest.mark.parametrize("jeu", ["latin-1", "windows-1252", "utf-16"])
def test_corps_dans_un_autre_jeu_de_caracteres_donne_une_page_400(monde, url, jeu):
    corps = urlencode(
        {"email": "hélène@exemple.org", "nom": "Hélène", "csrfmiddlewaretoken": SECRET_CSRF},
        encoding=jeu,
    )
    avant = monde.etat()
    reponse = navigateur().post(
        url, corps, content_type=f"application/x-www-form-urlencoded; charset={jeu}"
    )
    assert_page_400_en_francais(reponse)
    assert monde.etat() == avant


def test_jeton_demesure_dans_un_lien_de_resultat_donne_une_page_404(monde):
    """Un jeton de 300 caractères ne sert ni de clé de cache ni de requête : 404."""
    assert navigateur().get(f"/autodiagnostic/{'a' * 300}/resultat/").status_code == 404


# --- Pages d'erreur -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("statut", "titre"), [(400, "Demande incorrecte"), (403, "Accès refusé"), (500, "Erreur")]
)
def test_pages_d_erreur_en_francais_sans_relire_un_corps_illisible(statut, titre):
    """Appelées après l'échec de la lecture du corps, elles ne le relisent pas."""
    requete = RequestFactory().post(
        "/", "email=h%E9l%E8ne", content_type="application/x-www-form-urlencoded; charset=latin-1"
    )
    gestionnaire = get_resolver().resolve_error_handler(statut)
    if statut == 500:
        reponse = gestionnaire(requete)
    else:
        reponse = gestionnaire(requete, exception=BadRequest())
    assert reponse.status_code == statut
    page = unescape(reponse.content.decode())
    assert titre in page and '<html lang="fr">' in page


def test_page_404_en_francais(monde):
    reponse = navigateur().get("/webinaires/inscription/jeton-inconnu/")
    assert reponse.status_code == 404
    page = unescape(reponse.content.decode())
    assert "Cette page est introuvable" in page
    assert '<html lang="fr">' in page


# --- Exploration : valeurs hostiles générées sur chaque formulaire et paramètre public ------

# Le premier exemple de Hypothesis est le plus simple de la première branche : chaque champ
# reçoit d'abord un octet nul, chaque champ d'adresse une adresse de 255 caractères.
TEXTE = st.text(max_size=30)
HOSTILES = st.one_of(
    st.builds(lambda a, b: f"{a}\x00{b}", TEXTE, TEXTE),
    st.builds(
        lambda motif, n: (motif * n)[:n], st.text(min_size=1, max_size=8), st.integers(300, 1200)
    ),
    st.integers(255, 400).map(email_de_longueur),
    st.sampled_from(
        [
            '<script>alert("x")</script>',
            '"><img src=x onerror=alert(1)>',
            "{{ request }}{% debug %}",
            "'; DROP TABLE programme_utilisateur; --",
            "x@exemple.org\r\nBcc: victime@exemple.org",
            "%00",
            "../../etc/passwd",
            "9" * 400,
            "-1e999",
            "NaN",
        ]
    ),
    st.builds(lambda a, b: f"{a}\r\n{b}", TEXTE, TEXTE),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=60),
)
ADRESSES_HOSTILES = st.one_of(
    st.integers(255, 400).map(email_de_longueur),
    st.builds(lambda a: f"{a}\x00@exemple.org", TEXTE),
    st.builds(lambda a: f"{a}@exemple.org\r\nBcc: victime@exemple.org", TEXTE),
    st.emails().map(lambda e: e.upper()),
    HOSTILES,
)
EXPLORATION = settings(
    deadline=None,
    max_examples=4,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
COMPTEUR = {"exemples": 0}


@dataclass(frozen=True)
class Formulaire:
    """Un formulaire public et des valeurs valides pour chacun de ses champs."""

    nom: str
    url: str
    valides: dict
    connecte: bool = False
    htmx: bool = False


INSCRIPTION = {
    "nom": "Dana Martin",
    "email": "dana@exemple.org",
    "organisation": "Les Amis du parc",
    "profil": "association",
    "consentement": "on",
    "relais": "relais-hostile",
}
FORMULAIRES = [
    Formulaire("inscription", "/webinaires/webinaire-hostile/inscrire/", INSCRIPTION),
    Formulaire(
        "inscription htmx", "/webinaires/webinaire-hostile/inscrire/", INSCRIPTION, htmx=True
    ),
    Formulaire("abonnement", "/webinaires/abonnement/", {"email": "dana@exemple.org", "nom": "D"}),
    Formulaire(
        "démarrer",
        "/autodiagnostic/",
        {
            "profil": "association",
            "organisation_nom": "Les Amis du parc",
            "domaine_activite": "quartier",
            "email": "dana@exemple.org",
        },
    ),
    Formulaire(
        "démarrer connecté",
        "/autodiagnostic/",
        {"profil": "association", "organisation": "{organisation}", "email": "admin@exemple.org"},
        connecte=True,
    ),
    Formulaire(
        "section",
        "/autodiagnostic/{diagnostic}/section/1/",
        {"ressources.cotisations": "8 000", "ressources.dons": "12,5", "action": "suivant"},
    ),
    Formulaire(
        "reprendre plus tard",
        "/autodiagnostic/{diagnostic}/section/1/",
        {"ressources.cotisations": "8000", "action": "plus_tard"},
    ),
    Formulaire(
        "enregistrement automatique",
        "/autodiagnostic/{diagnostic}/reponse/ressources.cotisations/",
        {"ressources.cotisations": "8000"},
        htmx=True,
    ),
    Formulaire(
        "précisions",
        "/autodiagnostic/{diagnostic}/reponse/besoin.precisions/",
        {"besoin.precisions": "Nous cherchons un mécène."},
        htmx=True,
    ),
    Formulaire(
        "invitation",
        "/espace/organisations/{organisation}/",
        {"email": "nouvelle@exemple.org", "role": "membre"},
        connecte=True,
    ),
    Formulaire(
        "organisation",
        "/espace/organisations/nouvelle/",
        {
            "nom": "Les Amis du Jardin",
            "type_acteur": "association",
            "domaine_activite": "quartier",
            "departement": "94",
            "tranche_budget": "10k_50k",
            "nb_salaries": "1",
            "nb_benevoles": "30",
            "rna": "w941234567",
            "siren": "",
        },
        connecte=True,
    ),
    Formulaire(
        "compte",
        "/comptes/signup/",
        {
            "email": "dana@exemple.org",
            "password1": "Un mot de passe solide 42",
            "password2": "Un mot de passe solide 42",
        },
    ),
    Formulaire("connexion", "/comptes/login/", {"login": "admin@exemple.org", "password": "x"}),
    Formulaire("mot de passe oublié", "/comptes/password/reset/", {"email": "admin@exemple.org"}),
    Formulaire(
        "adresse supplémentaire",
        "/comptes/email/",
        {"email": "autre@exemple.org", "action_add": ""},
        connecte=True,
    ),
    Formulaire("fiche", "/ressources/fiche-repere.pdf", {"etat": "compact"}),
]
# Un champ hostile à la fois (les autres valides, pour atteindre l'enregistrement), puis tous.
CHAMPS = [(f, champ) for f in FORMULAIRES for champ in [*f.valides, None]]


def _url(monde, modele: str, **valeurs) -> str:
    return modele.format(
        diagnostic=monde.diagnostic.jeton, organisation=monde.organisation.pk, **valeurs
    )


@pytest.fixture(scope="module")
def chronometre(django_db_setup):
    """Nombre d'exemples et durée de l'exploration, affichés à la fin (``pytest -s``)."""
    debut = time.monotonic()
    yield
    duree = time.monotonic() - debut
    print(f"\nExploration : {COMPTEUR['exemples']} exemples en {duree:.1f} s")


@dataclass
class Exploration:
    monde: Monde
    avant: dict
    anonyme: Client
    connecte: Client

    def client(self, connecte: bool) -> Client:
        return self.connecte if connecte else self.anonyme

    def verifier(self, reponse):
        COMPTEUR["exemples"] += 1
        assert reponse.status_code < 500, reponse.content[:500]
        apres = self.monde.etat()
        for cle in ("inscription", "abonnement", "invitation", "organisation", "administrateur"):
            assert apres[cle] == self.avant[cle], cle
        # Une réponse au diagnostic peut être remplacée par une autre réponse valide, jamais
        # par une valeur invalide.
        for code, valeur in apres["reponses"].items():
            assert scoring.normaliser_reponse(self.monde.specs[code], valeur) == valeur


@pytest.fixture
def exploration(chronometre, monde) -> Exploration:
    """Deux navigateurs (anonyme, administrateur connecté) gardés d'un exemple à l'autre."""
    return Exploration(monde, monde.etat(), navigateur(), navigateur(monde.administrateur))


@pytest.mark.parametrize(
    ("formulaire", "champ"), CHAMPS, ids=lambda v: getattr(v, "nom", v or "tous")
)
@EXPLORATION
@given(donnees=st.data())
def test_exploration_formulaires_sans_erreur_serveur(exploration, formulaire, champ, donnees):
    valeurs = {nom: _url(exploration.monde, valide) for nom, valide in formulaire.valides.items()}
    for nom in valeurs if champ is None else [champ]:
        hostiles = ADRESSES_HOSTILES if nom in ("email", "login") else HOSTILES
        valeurs[nom] = donnees.draw(hostiles, label=nom)
    reponse = poster(
        exploration.client(formulaire.connecte),
        _url(exploration.monde, formulaire.url),
        valeurs,
        headers={"HX-Request": "true"} if formulaire.htmx else {},
    )
    exploration.verifier(reponse)


@pytest.mark.parametrize("formulaire", FORMULAIRES, ids=lambda f: f.nom)
@settings(EXPLORATION, max_examples=4)
@given(
    donnees=st.data(),
    jeu=st.sampled_from(["latin-1", "windows-1252", "iso-8859-15", "koi8-r", "utf-16", "utf-8"]),
)
def test_exploration_jeux_de_caracteres_sans_erreur_serveur(exploration, formulaire, donnees, jeu):
    alphabet = st.characters(codec="latin-1" if jeu != "koi8-r" else "koi8-r")
    texte = st.text(alphabet=alphabet, max_size=40)
    valeurs = {champ: donnees.draw(texte, label=champ) for champ in formulaire.valides}
    corps = urlencode(
        {**valeurs, "csrfmiddlewaretoken": SECRET_CSRF}, encoding=jeu, errors="replace"
    )
    if jeu == "utf-8":
        # Étiqueté UTF-8 mais d'autres octets : ce qu'envoie un client mal configuré.
        corps = corps.replace("%C3%A9", "%E9").encode() + b"&nom=%FF%FE"
    reponse = exploration.client(formulaire.connecte).post(
        _url(exploration.monde, formulaire.url),
        corps,
        content_type=f"application/x-www-form-urlencoded; charset={jeu}",
    )
    exploration.verifier(reponse)


LIENS = [
    "/autodiagnostic/{}/",
    "/autodiagnostic/{}/section/1/",
    "/autodiagnostic/{}/reponse/ressources.cotisations/",
    "/autodiagnostic/{diagnostic}/reponse/{}/",
    "/autodiagnostic/{diagnostic}/section/{}/",
    "/autodiagnostic/{}/resultat/",
    "/autodiagnostic/{}/resultat.json",
    "/autodiagnostic/{}/fiche.pdf",
    "/webinaires/inscription/{}/",
    "/webinaires/abonnement/confirmer/{}/",
    "/webinaires/abonnement/desabonner/{}/",
    "/abonnements/confirmer/{}/",
    "/abonnements/desabonner/{}/",
    "/abonnements/preferences/{}/",
    "/webinaires/{}/",
    "/webinaires/{}/inscrire/",
    "/webinaires/{}/webinaire.ics",
    "/embed/webinaires/{}/",
    "/invitations/{}/",
    "/modeles/{}/",
    "/piliers/{}/",
    "/formats/{}/",
    "/espace/organisations/{}/",
    "/espace/organisations/{}/modifier/",
    "/comptes/confirm-email/{}/",
    "/comptes/password/reset/key/{}/",
    "/{}",
]


@pytest.mark.parametrize("modele", LIENS)
@settings(EXPLORATION, max_examples=3)
@given(segment=HOSTILES, methode=st.sampled_from(["get", "post"]), connecte=st.booleans())
def test_exploration_liens_sans_erreur_serveur(exploration, modele, segment, methode, connecte):
    url = _url(
        exploration.monde, modele.replace("{}", "{segment}"), segment=quote(segment, safe="")
    )
    client = exploration.client(connecte)
    reponse = client.get(url) if methode == "get" else poster(client, url, {})
    exploration.verifier(reponse)


PARAMETRES = [
    "/webinaires/integrer/?partenaire=",
    "/webinaires/?relais=",
    "/webinaires/webinaire-hostile/?relais=",
    "/embed/webinaires/?partenaire=",
    "/embed/webinaires/webinaire-hostile/?partenaire=",
    "/autodiagnostic/{diagnostic}/?envoye=",
    "/autodiagnostic/{diagnostic}/section/1/?verifier=",
    "/ressources/fiche-repere.pdf?etat=",
    "/comptes/login/?next=",
    "/?",
]


@pytest.mark.parametrize("modele", PARAMETRES)
@settings(EXPLORATION, max_examples=3)
@given(valeur=HOSTILES, connecte=st.booleans())
def test_exploration_parametres_sans_erreur_serveur(exploration, modele, valeur, connecte):
    url = _url(exploration.monde, modele) + quote(valeur, safe="")
    exploration.verifier(exploration.client(connecte).get(url))
