"""Contenu de référence des relais (repris par la migration de données et la démonstration)."""

LISTES = [
    (
        "lettre-du-programme",
        "Lettre du programme",
        "Chaque mois, les nouvelles du programme, les prochaines sessions et les ressources.",
    ),
]

# (code, nom, partenaire, type, audience, fréquence, jour de bouclage)
CANAUX = [
    ("isbl", "Newsletter ISBL", "isbl", "newsletter", 50000, "Mensuelle", 20),
    ("ideas", "Petits déjeuners IDEAS", "ideas", "event", None, "Réguliers", 10),
    (
        "trajectoire",
        "Plateforme Trajectoire socio-économique (CR-DLA Environnement)",
        "trajectoire",
        "platform",
        None,
        "Continue",
        None,
    ),
    ("association-gouv", "association.gouv.fr", "association-gouv", "site", None, "Continue", None),
]
