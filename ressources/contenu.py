"""Socle de connaissance de départ, repris du document de programme (octobre 2020).

Chargé par la migration ``0002_ressources_initiales`` ; ensuite, l'équipe le modifie dans
l'administration.
"""

# (catégorie, ordre, titre, éditeur, adresse, description)
RESSOURCES = [
    (
        "s_informer",
        1,
        "Référentiel « Modèles socio-économiques d'intérêt général »",
        "Dalloz",
        "https://fr.calameo.com/editions-dalloz/read/004648343de680f60ffd0?authid=8IodY4wdmH7G",
        "Le référentiel qui décrit la diversité des modèles socio-économiques d'intérêt général, "
        "leurs ressources, leurs leviers et leurs risques.",
    ),
    (
        "se_former",
        1,
        "Plateforme pédagogique « Trajectoire socio-économique »",
        "CR-DLA Environnement",
        "http://trajectoire-socioeco.crdlae.org/",
        "Premier niveau de formation, en accès libre : les repères pour situer son modèle.",
    ),
    (
        "se_former",
        2,
        "MOOC « Les nouveaux modèles économiques associatifs »",
        "ESSEC — Coursera",
        "https://fr.coursera.org/learn/nouveaux-modeles-economiques-associations",
        "Second niveau de formation, en ligne et à son rythme.",
    ),
    (
        "agir",
        1,
        "Dossiers annuels Juris Associations (depuis 2013)",
        "Juris Associations",
        "http://trajectoire-socioeco.crdlae.org/les-partenaires/",
        "La capitalisation annuelle des travaux sur les modèles socio-économiques.",
    ),
    (
        "agir",
        2,
        "Centre de ressources en ligne des « pionniers »",
        "Le RAMEAU",
        "https://modeles-socio-economiques.plateformecapitalisation.org/",
        "Les pratiques des pionniers capitalisées, pour les experts et les accompagnateurs.",
    ),
    (
        "agir",
        3,
        "Actualités du centre de ressources",
        "Le RAMEAU",
        "https://modeles-socio-economiques.plateformecapitalisation.org/actualites",
        "Les dernières publications du centre de ressources dédié.",
    ),
]


def charger(apps):
    """Crée ou met à jour les ressources de départ (idempotent)."""
    Ressource = apps.get_model("ressources", "Ressource")
    for categorie, ordre, titre, editeur, url, description in RESSOURCES:
        Ressource.objects.update_or_create(
            categorie=categorie,
            url=url,
            defaults={
                "ordre": ordre,
                "titre": titre,
                "editeur": editeur,
                "description": description,
            },
        )
