"""Socle de connaissance de départ, repris du document de programme (octobre 2020).

Chargé par la migration ``0002_ressources_initiales`` ; ensuite, l'équipe le modifie dans
l'administration.
"""

# (catégorie, ordre, titre, éditeur, adresse, description, type, publics, modèles, formats)
# publics : codes de programme.enums.Public ; liste vide = tous les publics.
TOUS_LES_MODELES = ["M1", "M2", "M3", "M4", "M5", "M6", "M7"]
RESSOURCES = [
    (
        "s_informer",
        1,
        "Référentiel « Modèles socio-économiques d'intérêt général »",
        "Dalloz",
        "https://fr.calameo.com/editions-dalloz/read/004648343de680f60ffd0?authid=8IodY4wdmH7G",
        "Le référentiel qui décrit la diversité des modèles socio-économiques d'intérêt général, "
        "leurs ressources, leurs leviers et leurs risques.",
        "referentiel",
        [],
        TOUS_LES_MODELES,
        ["contenus-academiques"],
    ),
    (
        "se_former",
        1,
        "Plateforme pédagogique « Trajectoire socio-économique »",
        "CR-DLA Environnement",
        "http://trajectoire-socioeco.crdlae.org/",
        "Premier niveau de formation, en accès libre : les repères pour situer son modèle.",
        "plateforme",
        ["association", "tete_de_reseau"],
        [],
        [],
    ),
    (
        "se_former",
        2,
        "MOOC « Les nouveaux modèles économiques associatifs »",
        "ESSEC — Coursera",
        "https://fr.coursera.org/learn/nouveaux-modeles-economiques-associations",
        "Second niveau de formation, en ligne et à son rythme.",
        "mooc",
        [],
        [],
        ["mooc"],
    ),
    (
        "se_former",
        3,
        "Plateforme « l'innovation territoriale en actions ! »",
        "Le RAMEAU",
        "http://innovationterritoriale.plateformecapitalisation.org/",
        "Les méthodologies testées et capitalisées depuis une décennie, mises à disposition "
        "des innovations territoriales : premier niveau de formation en accès libre, structuré "
        "autour de sept thèmes.",
        "plateforme",
        ["territoire"],
        [],
        [],
    ),
    (
        "agir",
        1,
        "Dossiers annuels Juris Associations (depuis 2013)",
        "Juris Associations",
        "http://trajectoire-socioeco.crdlae.org/les-partenaires/",
        "La capitalisation annuelle des travaux sur les modèles socio-économiques.",
        "dossier",
        ["accompagnateur", "financeur"],
        [],
        [],
    ),
    (
        "agir",
        2,
        "Centre de ressources en ligne des « pionniers »",
        "Le RAMEAU",
        "https://modeles-socio-economiques.plateformecapitalisation.org/",
        "Les pratiques des pionniers capitalisées, pour les experts et les accompagnateurs.",
        "centre",
        ["accompagnateur", "financeur"],
        [],
        ["ateliers", "co-developpement"],
    ),
    (
        "agir",
        3,
        "Fiche repère « modèles socio-économiques d'intérêt général »",
        "Le RAMEAU",
        "https://modeles-socio-economiques.plateformecapitalisation.org/actualites",
        "Pour passer à l'action dès maintenant : la fiche repère à télécharger sur le centre "
        "de ressources dédié.",
        "fiche",
        [],
        TOUS_LES_MODELES,
        [],
    ),
]


def charger(apps):
    """Crée ou met à jour les ressources de départ (idempotent).

    Appelée par les migrations ``0002`` (avant que les ressources n'aient type, publics,
    modèles et formats) et ``0005`` : seuls les champs du modèle historique sont remplis.
    """
    Ressource = apps.get_model("ressources", "Ressource")
    champs = {f.name for f in Ressource._meta.get_fields()}
    Modele = apps.get_model("programme", "ModeleSocioEconomique")
    Format = apps.get_model("programme", "Format")
    for ligne in RESSOURCES:
        categorie, ordre, titre, editeur, url, description, type_, publics, modeles, formats = ligne
        valeurs = {
            "ordre": ordre,
            "titre": titre,
            "editeur": editeur,
            "description": description,
            "type_ressource": type_,
            "publics": publics,
        }
        ressource, _cree = Ressource.objects.update_or_create(
            categorie=categorie,
            url=url,
            defaults={k: v for k, v in valeurs.items() if k in champs},
        )
        if "modeles" in champs:
            ressource.modeles.set(Modele.objects.filter(code__in=modeles))
            ressource.formats.set(Format.objects.filter(slug__in=formats))
