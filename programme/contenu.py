"""Contenu de référence du programme, repris des documents sources (programme d'octobre 2020
et référentiel de formation 2019). Chargé par la migration ``0002_contenu_programme`` ;
ensuite, l'équipe le modifie dans l'administration.
"""

OBJECTIFS = [
    "Partager une culture commune de la diversité des modèles socio-économiques.",
    "Permettre à chacun de se repérer et se positionner dans son écosystème afin de pouvoir "
    "valoriser ses spécificités et accélérer le « jouer collectif ».",
    "Apprendre collectivement à piloter la complexité des transformations de son modèle "
    "socio-économique afin de pérenniser les actions à fort impact sociétal.",
]

ROLES = [
    ("programme", "Partenaire du programme"),
    ("relais", "Relais d'information"),
    ("formation", "Formation"),
    ("accompagnement", "Accompagnement et transfert de savoir-faire"),
    ("recherche", "Recherche"),
    ("editeur", "Édition"),
]

# (code, nom, rôles, site web)
PARTENAIRES = [
    ("men", "Ministère de l'Éducation nationale", ["programme"], "https://www.education.gouv.fr"),
    (
        "banque-des-territoires",
        "Banque des Territoires",
        ["programme"],
        "https://www.banquedesterritoires.fr",
    ),
    ("croix-rouge", "Croix-Rouge française", ["programme"], "https://www.croix-rouge.fr"),
    ("fondation-total", "Fondation Total", ["programme"], ""),
    ("le-rameau", "Le RAMEAU", ["programme"], "https://www.lerameau.fr"),
    ("association-gouv", "association.gouv.fr", ["relais"], "https://www.associations.gouv.fr"),
    ("isbl", "ISBL", ["relais"], "https://www.isbl-consultants.fr"),
    ("ideas", "IDEAS", ["relais"], "https://ideas.asso.fr"),
    (
        "trajectoire",
        "Trajectoire socio-économique / CR-DLA Environnement",
        ["relais"],
        "http://trajectoire-socioeco.crdlae.org/",
    ),
    ("aff", "AFF", ["formation"], ""),
    ("essec", "ESSEC", ["formation"], "https://www.essec.edu"),
    ("adasi", "ADASI", ["accompagnement"], ""),
    ("terre-d-avance", "Terre d'avance (ex-Opus 3)", ["accompagnement"], ""),
    (
        "pionniers-territoire",
        "Réseau des pionniers des alliances en Territoire",
        ["accompagnement"],
        "",
    ),
    ("rnma", "RNMA", ["accompagnement"], ""),
    ("syntec-conseil", "Syntec Conseil", ["accompagnement"], ""),
    ("fonjep", "FONJEP", ["recherche"], ""),
    ("institut-monde-associatif", "Institut du monde associatif", ["recherche"], ""),
    ("institut-cdc", "Institut CDC pour la Recherche", ["recherche"], ""),
    (
        "observatoire-partenariats",
        "Observatoire des partenariats (programme IMPACT)",
        ["recherche"],
        "",
    ),
    ("dalloz", "Dalloz", ["editeur"], ""),
    ("juris-associations", "Juris Associations", ["editeur"], ""),
]

# (numéro, slug, titre, accroche, description, points clés, codes des partenaires)
PILIERS = [
    (
        1,
        "cycle-pedagogique",
        "Un cycle pédagogique sur les modèles socio-économiques",
        "Un webinaire chaque 3e jeudi du mois, de 13 h à 14 h 30 (heure de Paris).",
        "Le contenu pédagogique est partagé autour d'un cycle annuel de webinaires mensuels pour "
        "apporter des repères au cheminement collectif et individuel, autour d'éclairages ouverts "
        "à tous. Le cycle est co-construit avec de nombreux acteurs de référence, relayé par les "
        "relais numériques des partenaires et corrélé avec trois autres programmes de recherche "
        "empirique : Co-construction territoriale, Alliances stratégiques et Innovation sociétale.",
        "Éclairage sur les connaissances de base à acquérir\n"
        "Témoignage d'un acteur de terrain\n"
        "Questions / réponses\n"
        "Ressources pour s'informer, se former et agir",
        ["association-gouv", "isbl", "trajectoire"],
    ),
    (
        2,
        "information-reguliere",
        "Une information régulière, impliquant une diversité de partenaires",
        "Tous les réseaux sont invités à relayer cette dynamique utile à tous.",
        "Au-delà des moyens mobilisés par Le RAMEAU, la newsletter ISBL (50 000 destinataires "
        "mensuels), les petits déjeuners IDEAS (ouverts au-delà de la centaine d'associations "
        "labellisées) et la plateforme pédagogique Trajectoire socio-économique du CR-DLA "
        "Environnement sont des leviers pour co-construire une politique d'information régulière "
        "sur les modèles socio-économiques.",
        "Newsletter ISBL : 50 000 destinataires mensuels\n"
        "Petits déjeuners IDEAS\n"
        "Plateforme Trajectoire socio-économique (CR-DLA Environnement)",
        ["isbl", "ideas", "trajectoire"],
    ),
    (
        3,
        "formation",
        "Un programme de formation, développé avec l'AFF",
        "Des modules pour les « fundraisers » et les « grantmakers ».",
        "À partir des deux premiers niveaux de formation accessibles librement en ligne (la page "
        "dédiée de la plateforme « l'innovation territoriale en actions ! » et le MOOC « Les "
        "nouveaux modèles économiques associatifs » développé avec l'ESSEC), l'AFF et Le RAMEAU "
        "créent un programme de formation à destination des personnes en charge des ressources, "
        "tant au sein des organisations bénéficiaires (« fundraisers ») qu'au sein des "
        "organisations partenaires (« grantmakers »).",
        "Un webinaire d'information en février 2020\n"
        "Un outil d'autodiagnostic réalisé à l'été\n"
        "Une conférence en septembre\n"
        "Un atelier en octobre\n"
        "Des modules au programme de formation AFF 2021, puis un certificat d'aptitude",
        ["aff", "essec"],
    ),
    (
        4,
        "accompagnement",
        "L'accompagnement au transfert de savoir-faire",
        "Des ateliers et des sessions de transfert de savoir-faire (TSF) issus de la pratique des "
        "organisations « pionnières ».",
        "Depuis 2014, l'ADASI, Terre d'avance (anciennement Opus 3) et Le RAMEAU ont testé "
        "différents modes d'accompagnement. Ces expérimentations ont été capitalisées, évaluées "
        "et modélisées. Un programme d'accompagnement et de transfert de savoir-faire (TSF) est "
        "intensifié autour d'ateliers et de sessions de TSF.",
        "Les territoires, avec le Réseau des pionniers des alliances en Territoire et le RNMA\n"
        "Les têtes de réseau associatives, avec l'ADASI\n"
        "Les accompagnateurs / conseils volontaires, avec Syntec Conseil",
        ["adasi", "terre-d-avance", "pionniers-territoire", "rnma", "syntec-conseil"],
    ),
    (
        5,
        "travaux-academiques",
        "Des travaux académiques renforcés",
        "Mobiliser la recherche et développer des enseignements étayés par la pratique.",
        "Les travaux de recherche menés par le FONJEP depuis 2016 montrent que les acteurs "
        "académiques se sont encore très peu saisis des spécificités des modèles "
        "socio-économiques d'intérêt général. En partenariat avec l'Institut du monde associatif, "
        "Le RAMEAU renforce le programme de partage de connaissances et d'expériences avec les "
        "acteurs académiques qu'il conduit avec l'Institut CDC pour la Recherche, en lien avec le "
        "programme IMPACT de l'Observatoire des partenariats.",
        "Mobiliser la recherche\n"
        "Développer les enseignements autour de contenus académiques étayés par la pratique",
        ["fonjep", "institut-monde-associatif", "institut-cdc", "observatoire-partenariats"],
    ),
]

# (ordre, slug, nom, description, pour qui, lien)
FORMATS = [
    (
        1,
        "webinaires",
        "Webinaires",
        "Un webinaire mensuel d'1 h 30, chaque 3e jeudi du mois, en quatre temps : éclairage, "
        "témoignage d'un acteur de terrain, questions / réponses et ressources.",
        "Pour découvrir les modèles socio-économiques et leurs repères de base.",
        "",
    ),
    (
        2,
        "mooc",
        "MOOC",
        "Le MOOC « Les nouveaux modèles économiques associatifs », développé avec l'ESSEC, en "
        "accès libre.",
        "Pour comprendre en profondeur, à son rythme.",
        "https://fr.coursera.org/learn/nouveaux-modeles-economiques-associations",
    ),
    (
        3,
        "ateliers",
        "Ateliers",
        "Des ateliers pratiques issus du transfert de savoir-faire, pour expérimenter les méthodes "
        "sur son propre modèle.",
        "Pour les organisations prêtes à expérimenter.",
        "",
    ),
    (
        4,
        "co-developpement",
        "Sessions de co-développement",
        "Des sessions entre pairs pour travailler une situation concrète avec d'autres acteurs.",
        "Pour échanger entre pairs sur une situation concrète.",
        "",
    ),
    (
        5,
        "parcours",
        "Parcours",
        "Des parcours en plusieurs sessions datées (cadrage, méthode et application, bilan et "
        "appropriation) pour piloter la transformation de son modèle.",
        "Pour les organisations engagées dans la transformation de leur modèle.",
        "",
    ),
    (
        6,
        "contenus-academiques",
        "Contenus académiques",
        "Des travaux de recherche et des enseignements étayés par la pratique.",
        "Pour les chercheurs, les enseignants et les étudiants.",
        "",
    ),
]

LEVIERS = [
    (
        1,
        "richesses-humaines",
        "Richesses humaines",
        "Bénévoles, salariés et compétences mobilisés pour servir le projet.",
    ),
    (
        2,
        "ressources-financieres",
        "Ressources financières",
        "Les différentes natures de financement du projet.",
    ),
    (
        3,
        "alliances-partenariats",
        "Alliances et partenariats",
        "Les relations construites avec les acteurs de son écosystème.",
    ),
]

# (code, nom, sous-titre, ressources, domaines, avantages, inconvénients, logique)
MODELES = [
    (
        "M1",
        "Autonomie des membres",
        "Modèle autonome par la mobilisation de ses membres",
        "Contribution des membres au travers de leur engagement et/ou de leur contribution "
        "financière (cotisation).",
        "Associations au service de leurs membres\nAssociations de quartier",
        "Grande liberté d'action",
        "Limitation du développement",
        "interet_general",
    ),
    (
        "M2",
        "Prestations et valorisation de savoir-faire",
        "Modèle principalement autofinancé par le revenu de ses activités",
        "Revenus d'activité : ventes de produits / services, événementiel, valorisation de son "
        "savoir-faire, mise à disposition d'équipement…",
        "Formation\nSIAE\nESAT\nTourisme social\nCulture\nSport\n"
        "Enfance et jeunesse (pour partie)\nServices à la personne",
        "Capacité de projection",
        "Éloignement des publics non solvables\n"
        "Risque d'affaiblissement de l'engagement bénévole et d'impacts sur l'utilité sociale",
        "operateur",
    ),
    (
        "M3",
        "Opérateur de politique publique",
        "Modèle autofinancé par la mission confiée par les pouvoirs publics",
        "Rôle d'opérateur de politiques publiques (ex. délégation de service public).",
        "Sanitaire et social\nJustice\nEnfance – jeunesse (pour partie)\nHandicap (hors ESAT)\n"
        "Emplois",
        "Sécurité financière pluriannuelle\nReconnaissance des pouvoirs publics",
        "Forte pression pour le regroupement / fusion\nFaible possibilité d'innovation\n"
        "Cadre rigide et contraignant",
        "operateur",
    ),
    (
        "M4",
        "Subventions publiques",
        "Modèle historique du soutien à l'initiative innovante associative",
        "Financement majoritaire des pouvoirs publics en raison des initiatives innovantes "
        "d'intérêt général.",
        "Développement rural\nÉducation populaire\nQuartiers\nRecherche\nDéfense des droits",
        "Respect de la capacité d'initiative dans la mise en œuvre des activités\nSouplesse",
        "Besoin d'une trésorerie importante pour faire face aux délais de paiement\n"
        "Attribution annuelle qui ne permet pas de se projeter en sécurité\n"
        "Instabilité à moyen et long terme",
        "interet_general",
    ),
    (
        "M5",
        "Abondement",
        "Modèle privilégié de l'action en lien avec les institutions internationales",
        "Mobilisation des fonds suffisants (10 à 50 % de fonds propres ou via des partenaires) "
        "pour initier un abondement (souvent d'une institution internationale).",
        "Solidarité internationale (ONG)",
        "Initiative laissée à l'association, ce qui favorise la capacité d'innovation",
        "Modalités de sélection et d'évaluation rigides qui requièrent des compétences spécifiques",
        "interet_general",
    ),
    (
        "M6",
        "Mobilisation privée",
        "Modèle fondé sur la mobilisation des énergies privées",
        "Financement par la mobilisation privée, des particuliers et/ou des entreprises (dons, "
        "mécénat).",
        "Environnement\nPrécarité\nAssociations de malades",
        "Indépendance de parole\nMarge d'autonomie plus grande",
        "Risque d'instrumentalisation (green / social washing)\nCoût de la collecte",
        "interet_general",
    ),
    (
        "M7",
        "Modèle mutualisé",
        "Modèle de mutualisation de moyens entre co-fondateurs",
        "Financement résultant d'organisations privées fondatrices investissant pour la "
        "réalisation d'une mission collective (le financement pouvant être complété par les "
        "pouvoirs publics).",
        "Médiation sociale",
        "Effet de levier nécessaire pouvant permettre l'abondement",
        "Poids significatif des fondateurs dans le modèle économique et la gouvernance",
        "interet_general",
    ),
]

# (ordre, slug, nom, leviers, compétences, risques, modèles concernés)
FAMILLES_LEVIERS = [
    (
        1,
        "cotisations",
        "Cotisations et engagement des membres",
        "Développement des adhésions\nGestion de communauté\nEnjeu de légitimer la cotisation",
        "Animation de communauté\nStratégie de communication",
        "Volatilité des revenus selon les années\n"
        "Capacité à fédérer et légitimer son action sur le long terme",
        ["M1", "M7"],
    ),
    (
        2,
        "financements-publics",
        "Financements publics",
        "Reconnaissance de l'impact\nRelations avec les partenaires publics",
        "Veille constante\nDemandes chronophages",
        "Incertitude du financement\nDurée du conventionnement\nEnjeu de trésorerie",
        ["M3", "M4", "M5"],
    ),
    (
        3,
        "revenus-activite",
        "Revenus d'activité",
        "Taux de marge – rentabilité\nPérennité de l'activité – potentiel de développement",
        "Développement commercial\nBonne gestion de la relation client",
        "Qualité de l'offre\nAnalyse de la concurrence\nPositionnement par rapport à la demande",
        ["M2"],
    ),
    (
        4,
        "partenariats-prives",
        "Partenariats privés et mécénat",
        "Stratégie partenariale\nProposition de valeur",
        "Veille constante\nDemandes chronophages\nStratégie de communication",
        "Incertitude du financement\nContreparties",
        ["M6", "M7"],
    ),
]

PROGRAMMES_RECHERCHE = [
    (
        1,
        "co-construction-territoriale",
        "Co-construction territoriale",
        "Programme de recherche empirique sur la co-construction territoriale, évalué avec le "
        "CGET au travers de parcours d'expérience entre pairs.",
    ),
    (
        2,
        "alliances-strategiques",
        "Alliances stratégiques",
        "Programme de recherche empirique sur les alliances stratégiques entre acteurs, évalué "
        "avec la DJEPVA.",
    ),
    (
        3,
        "innovation-societale",
        "Innovation sociétale",
        "Programme de recherche empirique sur l'innovation sociétale : triple innovation "
        "(solution, processus, modèle économique), de la preuve de concept au déploiement.",
    ),
]

CHIFFRES_CLES = [
    (1, "13,2 M", "de bénévoles", "INSEE, ADDES, Mouvement associatif"),
    (2, "1,8 M", "de salariés", "INSEE, ADDES, Mouvement associatif"),
    (3, "113 Md€", "de budget", "« Paysage associatif », laboratoire du CNRS"),
    (4, "1,2 M", "de partenariats associations – entreprises", "Travaux de recherche du RAMEAU"),
]


def charger(apps):
    """Crée ou met à jour le contenu de référence (idempotent)."""
    Objectif = apps.get_model("programme", "Objectif")
    RolePartenaire = apps.get_model("programme", "RolePartenaire")
    Partenaire = apps.get_model("programme", "Partenaire")
    Pilier = apps.get_model("programme", "Pilier")
    Format = apps.get_model("programme", "Format")
    Levier = apps.get_model("programme", "Levier")
    Modele = apps.get_model("programme", "ModeleSocioEconomique")
    Famille = apps.get_model("programme", "FamilleLeviers")
    ProgrammeRecherche = apps.get_model("programme", "ProgrammeRecherche")
    ChiffreCle = apps.get_model("programme", "ChiffreCle")

    for ordre, texte in enumerate(OBJECTIFS, start=1):
        Objectif.objects.update_or_create(ordre=ordre, defaults={"texte": texte})
    roles = {}
    for ordre, (code, nom) in enumerate(ROLES, start=1):
        roles[code], _ = RolePartenaire.objects.update_or_create(
            code=code, defaults={"ordre": ordre, "nom": nom}
        )
    partenaires = {}
    for ordre, (code, nom, codes_roles, site) in enumerate(PARTENAIRES, start=1):
        p, _ = Partenaire.objects.update_or_create(
            code=code, defaults={"nom": nom, "site_web": site, "ordre": ordre}
        )
        p.roles.set([roles[c] for c in codes_roles])
        partenaires[code] = p
    for numero, slug, titre, accroche, description, points, codes in PILIERS:
        pilier, _ = Pilier.objects.update_or_create(
            numero=numero,
            defaults={
                "slug": slug,
                "titre": titre,
                "accroche": accroche,
                "description": description,
                "points_cles": points,
            },
        )
        pilier.partenaires.set([partenaires[c] for c in codes])
    for ordre, slug, nom, description, pour_qui, lien in FORMATS:
        Format.objects.update_or_create(
            slug=slug,
            defaults={
                "ordre": ordre,
                "nom": nom,
                "description": description,
                "pour_qui": pour_qui,
                "lien": lien,
            },
        )
    for ordre, slug, nom, description in LEVIERS:
        Levier.objects.update_or_create(
            slug=slug, defaults={"ordre": ordre, "nom": nom, "description": description}
        )
    modeles = {}
    for ordre, (
        code,
        nom,
        sous_titre,
        ressources,
        domaines,
        avantages,
        inconv,
        logique,
    ) in enumerate(MODELES, start=1):
        modeles[code], _ = Modele.objects.update_or_create(
            code=code,
            defaults={
                "ordre": ordre,
                "nom": nom,
                "sous_titre": sous_titre,
                "ressources": ressources,
                "domaines": domaines,
                "avantages": avantages,
                "inconvenients": inconv,
                "logique": logique,
            },
        )
    for ordre, slug, nom, leviers, competences, risques, codes in FAMILLES_LEVIERS:
        famille, _ = Famille.objects.update_or_create(
            slug=slug,
            defaults={
                "ordre": ordre,
                "nom": nom,
                "leviers": leviers,
                "competences": competences,
                "risques": risques,
            },
        )
        famille.modeles.set([modeles[c] for c in codes])
    for ordre, slug, nom, description in PROGRAMMES_RECHERCHE:
        ProgrammeRecherche.objects.update_or_create(
            slug=slug, defaults={"ordre": ordre, "nom": nom, "description": description}
        )
    for ordre, valeur, libelle, source in CHIFFRES_CLES:
        ChiffreCle.objects.update_or_create(
            ordre=ordre, defaults={"valeur": valeur, "libelle": libelle, "source": source}
        )
