"""Lance tous les bancs d'essai ``tests/bench/bench_*.py`` et résume leurs résultats.

Chaque banc d'essai est un script autonome qui imprime ses ratios (mesurés contre une base
de référence dans la même exécution) et sort en erreur si un objectif n'est pas atteint.
"""

import subprocess
import sys
from pathlib import Path

ICI = Path(__file__).resolve().parent


def main() -> int:
    bancs = sorted(ICI.glob("bench_*.py"))
    if not bancs:
        print("Aucun banc d'essai trouvé.")
        return 1
    echecs = []
    for banc in bancs:
        print(f"\n=== {banc.name} ===", flush=True)
        code = subprocess.call([sys.executable, str(banc)], cwd=ICI.parents[1])
        if code != 0:
            echecs.append(banc.name)
    print("\n=== Bilan ===")
    for banc in bancs:
        print(f"{'ÉCHEC' if banc.name in echecs else 'OK   '}  {banc.name}")
    return 1 if echecs else 0


if __name__ == "__main__":
    sys.exit(main())
