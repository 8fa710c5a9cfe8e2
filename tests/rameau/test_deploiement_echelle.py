"""Le profil « echelle » de docker-compose.yml et la configuration nginx qu'il monte.

Docker compose n'est pas toujours disponible (ni un registre d'images) : la structure est
vérifiée ici sur le texte, et la configuration nginx par ``nginx -t`` (paquet Debian) avec
des adresses locales ; ``tests/bench/bench_charge.py`` lance la topologie pour de vrai.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[2]
COMPOSE = (RACINE / "docker-compose.yml").read_text()
NGINX = (RACINE / "deploy" / "nginx" / "echelle.conf").read_text()


def _service(nom: str) -> str:
    bloc = re.search(rf"(?ms)^  {re.escape(nom)}:[^\n]*\n(.*?)(?=^  \S|^\S)", COMPOSE)
    assert bloc, nom
    return bloc.group(1)


def test_profil_echelle_deux_repliques_et_un_worker_par_file():
    for nom in ("web1", "proxy", "worker-mail", "worker-pdf", "worker-defaut", "migrer"):
        assert 'profiles: ["echelle"]' in _service(nom), nom
    assert "<<: *web-echelle" in _service("web2")
    assert "-Q mail" in _service("worker-mail")
    assert "-Q pdf" in _service("worker-pdf") and "--max-tasks-per-child" in _service("worker-pdf")
    assert "-Q celery" in _service("worker-defaut")
    assert "DB_POOL_MAX_SIZE" in _service("web1")
    assert 'ALLAUTH_TRUSTED_PROXY_COUNT: "1"' in _service("web1")
    assert "migrate" not in _service("web1")  # les migrations une fois, pas par réplique
    # Un seul beat, commun aux deux topologies.
    assert len(re.findall(r"celery -A rameau beat", COMPOSE)) == 1
    assert "./deploy/nginx/echelle.conf:/etc/nginx/conf.d/default.conf:ro" in _service("proxy")


def test_configuration_nginx_valide(tmp_path):
    nginx = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if nginx is None:
        pytest.fail("nginx absent : .ci/run installe nginx-light (apt-get install nginx-light)")
    assert re.findall(r"server (web\d):8000", NGINX) == ["web1", "web2"]
    serveur = NGINX.replace("web1:8000", "127.0.0.1:9").replace("web2:8000", "127.0.0.1:10")
    serveur = serveur.replace("listen 80;", "listen 127.0.0.1:1;")
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n{serveur}\n}}\n"
    )
    resultat = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True
    )
    assert resultat.returncode == 0, resultat.stderr


def _requete(base: str, methode: str, chemin: str, cookies: dict, corps: str | None = None):
    """Une requête HTTP brute : les cookies (marqués Secure hors développement) sont
    renvoyés à la main, comme un navigateur derrière le TLS du mandataire."""
    import http.client

    hote, port = base.removeprefix("http://").split(":")
    connexion = http.client.HTTPConnection(hote, int(port), timeout=20)
    entetes = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    if corps is not None:
        entetes["Content-Type"] = "application/x-www-form-urlencoded"
    connexion.request(methode, chemin, body=corps, headers=entetes)
    reponse = connexion.getresponse()
    texte = reponse.read().decode()
    for valeur in reponse.headers.get_all("Set-Cookie") or []:
        nom, _, reste = valeur.partition("=")
        cookies[nom] = reste.split(";", 1)[0]
    connexion.close()
    return reponse.status, reponse.headers, texte


@pytest.mark.django_db(transaction=True)
def test_deux_repliques_derriere_nginx_sans_affinite_de_session():
    """Formulaire servi par une réplique, connexion postée sur l'autre, « Mon espace » lu
    par les deux et par nginx : sessions, jeton CSRF et cache sont partagés (PostgreSQL,
    Redis), aucune affinité n'est nécessaire."""
    from urllib.parse import urlencode

    from allauth.account.models import EmailAddress

    from tests.bench import outils
    from tests.factories import UtilisateurFactory

    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        pytest.fail("nginx absent : .ci/run installe nginx-light (apt-get install nginx-light)")
    email = "replique@exemple.org"
    utilisateur = UtilisateurFactory(email=email)
    EmailAddress.objects.create(user=utilisateur, email=email, verified=True, primary=True)
    module = "tests.bench.bench_charge"  # réglages de production, statiques sans manifeste
    env = {"BENCH_SERVEUR": "1"}
    with (
        outils.gunicorn(module, workers=1, sonde="/sante/", env=env) as web1,
        outils.gunicorn(module, workers=1, sonde="/sante/", env=env) as web2,
        outils.nginx([web1.removeprefix("http://"), web2.removeprefix("http://")]) as proxy,
    ):
        cookies: dict = {}
        statut, _, page = _requete(web1, "GET", "/comptes/login/", cookies)
        assert statut == 200
        jeton = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        statut, entetes, _ = _requete(
            web2,
            "POST",
            "/comptes/login/",
            cookies,
            urlencode(
                {"csrfmiddlewaretoken": jeton, "login": email, "password": "mot-de-passe-solide-42"}
            ),
        )
        assert statut == 302 and entetes["Location"] == "/espace/", statut
        for base in (web1, proxy, proxy, proxy, web2):
            statut, _, page = _requete(base, "GET", "/espace/", cookies)
            assert statut == 200 and f"Connecté avec l'adresse {email}" in page, base
