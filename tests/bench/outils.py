"""Outils communs aux bancs d'essai : gunicorn éphémère, générateur de charge, base dédiée.

Chaque banc compare une page à une vue Django nue (``/bench-nu/``) servie par le même
gunicorn dans la même exécution ; le module du banc sert à la fois de réglages et d'URLconf.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

RACINE = Path(__file__).resolve().parents[2]
DUREE_CHARGE = int(os.environ.get("BENCH_DUREE", "8"))
CONNEXIONS = 8


def vue_nue(request):
    """La référence : une vue Django qui ne fait rien, derrière les mêmes middlewares."""
    from django.http import HttpResponse

    return HttpResponse("ok")


def urlpatterns_avec_vue_nue() -> list:
    from django.urls import path

    from rameau.urls import urlpatterns as principales

    return [path("bench-nu/", vue_nue), *principales]


def port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def url_base_de_donnees() -> str:
    """L'URL de la base courante (la base de test créée par le banc), pour gunicorn."""
    from django.conf import settings

    r = settings.DATABASES["default"]
    return (
        f"postgres://{r['USER']}"
        + (f":{r['PASSWORD']}" if r.get("PASSWORD") else "")
        + f"@{r['HOST'] or '127.0.0.1'}:{r['PORT'] or 5432}/{r['NAME']}"
    )


def creer_base(nom: str) -> str:
    """Crée la base dédiée ``nom`` (PostgreSQL) avec toutes les migrations."""
    from django.conf import settings
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("Ce banc d'essai demande PostgreSQL (DATABASE_URL=postgres://…).")
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = nom
    return connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)


@contextlib.contextmanager
def gunicorn(
    module: str, *, workers: int | None = None, env: dict | None = None, sonde: str = "/bench-nu/"
) -> Iterator[str]:
    """Démarre gunicorn sur un port libre avec les réglages ``module`` ; rend l'URL de base.

    ``workers`` : workers synchrones (par défaut, un par cœur, au moins 2) ; ``env`` :
    variables ajoutées ; ``sonde`` : chemin attendu avant de rendre la main."""
    port = port_libre()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": module,
        "DATABASE_URL": url_base_de_donnees(),
        "PYTHONPATH": str(RACINE),
        **(env or {}),
    }
    processus = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "rameau.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers or max(2, os.cpu_count() or 2)),
            "--log-level",
            "warning",
        ],
        cwd=RACINE,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}{sonde}", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        processus.send_signal(signal.SIGTERM)
        processus.wait(timeout=30)


def outil_de_charge() -> str:
    return "wrk" if shutil.which("wrk") else "boucle Python"


def charge(url: str, entetes: dict | None = None) -> float:
    """Requêtes par seconde sur ``url`` : ``wrk`` s'il est installé, sinon des fils Python."""
    if shutil.which("wrk"):
        return _charge_wrk(url, entetes)
    return _charge_python(url, entetes)


def _charge_wrk(url: str, entetes: dict | None) -> float:
    options = [a for k, v in (entetes or {}).items() for a in ("-H", f"{k}: {v}")]
    sortie = subprocess.run(
        ["wrk", "-t2", f"-c{CONNEXIONS}", f"-d{DUREE_CHARGE}s", *options, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if re.search(r"Non-2xx or 3xx responses: (\d+)", sortie):
        raise SystemExit(f"Réponses en erreur pendant la charge de {url} :\n{sortie}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", sortie).group(1))


def _charge_python(url: str, entetes: dict | None) -> float:
    fin = time.perf_counter() + DUREE_CHARGE
    compteurs = [0] * CONNEXIONS
    erreurs: list[str] = []

    def boucle(i: int) -> None:
        while time.perf_counter() < fin:
            try:
                requete = urllib.request.Request(url, headers=entetes or {})
                with urllib.request.urlopen(requete, timeout=10) as reponse:
                    reponse.read()
                compteurs[i] += 1
            except Exception as exc:  # noqa: BLE001 — on rapporte toute erreur
                erreurs.append(str(exc))
                return

    fils = [threading.Thread(target=boucle, args=(i,)) for i in range(CONNEXIONS)]
    debut = time.perf_counter()
    for f in fils:
        f.start()
    for f in fils:
        f.join()
    if erreurs:
        raise SystemExit(f"Erreurs pendant la charge de {url} : {erreurs[:3]}")
    return sum(compteurs) / (time.perf_counter() - debut)


@contextlib.contextmanager
def nginx(amonts: list[str]) -> Iterator[str]:
    """nginx (paquet Debian) devant ``amonts`` (« 127.0.0.1:port ») avec la configuration du
    profil « echelle » : mêmes directives, adresses locales."""
    if not shutil.which("nginx") and not Path("/usr/sbin/nginx").exists():
        sys.exit("nginx est introuvable : apt-get install nginx-light")
    port = port_libre()
    serveur = (RACINE / "deploy" / "nginx" / "echelle.conf").read_text()
    lignes_amont = "\n".join(f"    server {a} max_fails=3 fail_timeout=10s;" for a in amonts)
    serveur = re.sub(r"(?m)^\s*server web\d:8000[^\n]*\n", "", serveur)
    serveur = serveur.replace("    least_conn;\n", f"    least_conn;\n{lignes_amont}\n")
    serveur = serveur.replace("listen 80;", f"listen 127.0.0.1:{port};")
    with tempfile.TemporaryDirectory(prefix="bench-nginx-") as dossier:
        d = Path(dossier)
        d.chmod(0o755)  # les workers de nginx (nobody) y écrivent leurs fichiers temporaires
        (d / "nginx.conf").write_text(
            f"worker_processes 1;\npid {d}/nginx.pid;\nerror_log {d}/error.log warn;\n"
            "events { worker_connections 4096; }\n"
            "http {\n  access_log off;\n"
            f"  client_body_temp_path {d}/body; proxy_temp_path {d}/proxy;\n"
            f"  fastcgi_temp_path {d}/fastcgi; uwsgi_temp_path {d}/uwsgi;\n"
            f"  scgi_temp_path {d}/scgi;\n{serveur}\n}}\n"
        )
        binaire = shutil.which("nginx") or "/usr/sbin/nginx"
        subprocess.run([binaire, "-t", "-q", "-p", dossier, "-c", f"{d}/nginx.conf"], check=True)
        processus = subprocess.Popen(
            [binaire, "-p", dossier, "-c", f"{d}/nginx.conf", "-g", "daemon off;"]
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"{base}/sante/", timeout=2).read()
                    break
                except OSError:
                    time.sleep(0.1)
            yield base
        finally:
            processus.terminate()
            processus.wait(timeout=15)
