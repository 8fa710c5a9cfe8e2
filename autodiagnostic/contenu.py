"""Contenu par défaut de l'autodiagnostic : les variantes du questionnaire et les règles de
recommandation. La version 1 est chargée par la migration ``0002_contenu_autodiagnostic``, la
version qui fait choisir l'unité des ressources par ``0005_version_unite_des_ressources`` ;
ensuite, l'équipe le fait évoluer dans l'administration (nouvelle version).
"""

# Les neuf sources du mix de ressources (codes stables, voir DOMAIN.md).
# (code, libellé, aide, modèle)
RESSOURCES = [
    (
        "ressources.cotisations",
        "Cotisations des membres",
        "Montant annuel des cotisations et adhésions.",
        "M1",
    ),
    (
        "ressources.benevolat",
        "Valorisation du bénévolat (équivalent en euros)",
        "Heures de bénévolat × un taux horaire de référence (par exemple le SMIC chargé).",
        "M1",
    ),
    (
        "ressources.ventes",
        "Ventes, prestations, événements, valorisation de savoir-faire",
        "Produits et services vendus, billetterie, formations, location de matériel.",
        "M2",
    ),
    (
        "ressources.commande_publique",
        "Commande publique, délégation de service public, prix de journée",
        "Missions confiées par les pouvoirs publics.",
        "M3",
    ),
    (
        "ressources.subventions",
        "Subventions publiques (État, collectivités)",
        "Subventions de fonctionnement ou de projet.",
        "M4",
    ),
    (
        "ressources.cofinancements",
        "Fonds d'institutions européennes ou internationales en abondement",
        "Financements obtenus en apportant 10 à 50 % de fonds propres ou partenaires.",
        "M5",
    ),
    (
        "ressources.dons",
        "Dons des particuliers, générosité du public",
        "Dons, legs, collectes, financement participatif.",
        "M6",
    ),
    (
        "ressources.mecenat",
        "Mécénat d'entreprises et de fondations",
        "Mécénat financier, de compétences ou en nature.",
        "M6",
    ),
    (
        "ressources.apports_fondateurs",
        "Apports des organisations fondatrices (mutualisation)",
        "Moyens mis en commun par les structures fondatrices pour une mission collective.",
        "M7",
    ),
]

# La question qui fait choisir l'unité de toutes les ressources (versions 2 et suivantes) :
# (code, libellé, aide) ; et l'introduction de la section des ressources qui va avec.
UNITE_RESSOURCES = (
    "ressources.unite",
    "Vous indiquez vos ressources",
    "Une seule unité pour toutes les sources : les montants du dernier exercice en euros, ou la "
    "part de chaque source dans le total, en pourcentages (100 % au plus au total).",
)
INTRODUCTION_RESSOURCES_AVEC_UNITE = (
    "Choisissez d'abord l'unité, puis indiquez chaque source dans cette unité. Laissez vide une "
    "source que vous ne mobilisez pas."
)

# Échelle 1–4 commune : (code, libellé du groupe, questions)
ECHELLE_AIDE = "1 : pas du tout · 2 : un peu · 3 : en bonne partie · 4 : tout à fait."

MATURITE_ASSOCIATION = [
    (
        "richesses_humaines",
        "Richesses humaines",
        [
            ("rh.benevoles_roles", "Les rôles et missions des bénévoles sont clairement définis."),
            (
                "rh.motivations",
                "Nous connaissons les motivations de nos bénévoles "
                "(se rendre utile, développer ses compétences, prendre soin, créer des liens).",
            ),
            ("rh.competences", "Nous identifions les compétences dont le projet a besoin."),
            ("rh.salaries_benevoles", "L'articulation entre salariés et bénévoles est organisée."),
            ("rh.gouvernance", "La gouvernance associe les parties prenantes aux décisions."),
        ],
    ),
    (
        "ressources_financieres",
        "Ressources financières",
        [
            (
                "rf.connaissance_mix",
                "Nous connaissons la répartition de nos ressources par nature.",
            ),
            ("rf.cout_complet", "Nous connaissons le coût complet de nos actions."),
            ("rf.tresorerie", "Notre trésorerie nous permet de faire face aux délais de paiement."),
            ("rf.fonds_propres", "Nous constituons des fonds propres."),
            ("rf.risques", "Nous avons identifié les risques propres à chacune de nos ressources."),
        ],
    ),
    (
        "alliances_partenariats",
        "Alliances et partenariats",
        [
            ("ap.cartographie", "Nous avons cartographié les acteurs de notre écosystème."),
            ("ap.strategie", "Nous avons une stratégie partenariale formalisée."),
            (
                "ap.proposition_valeur",
                "Nous savons formuler notre proposition de valeur à un partenaire.",
            ),
            ("ap.contractualisation", "Nos partenariats sont contractualisés, suivis et évalués."),
            ("ap.territoire", "Nous coopérons avec d'autres acteurs de notre territoire."),
        ],
    ),
    (
        "pilotage",
        "Pilotage du modèle",
        [
            ("pilotage.vision", "Nous avons une vision de notre modèle socio-économique à 3 ans."),
            ("pilotage.diversification", "Nous travaillons à diversifier nos ressources."),
            ("pilotage.formalisation", "Notre modèle socio-économique est formalisé et partagé."),
            ("pilotage.indicateurs", "Nous suivons des indicateurs de pilotage du modèle."),
            ("pilotage.impact", "Nous savons rendre compte de notre utilité sociale."),
        ],
    ),
]

# Choix du besoin prioritaire : leurs codes servent aux règles de recommandation.
BESOINS = [
    ("decouvrir", "Découvrir les repères sur les modèles socio-économiques"),
    ("se_former", "Me former à mon rythme"),
    ("experimenter", "Expérimenter des méthodes sur notre propre modèle"),
    ("echange_pairs", "Échanger entre pairs sur une situation concrète"),
    ("transformer", "Être accompagné dans la transformation de notre modèle"),
    ("recherche", "Mobiliser la recherche ou enseigner les modèles socio-économiques"),
]


def _maturite_reduite(codes_par_groupe: dict[str, list[str]]) -> list:
    """Sous-ensemble des questions de maturité de l'association pour une autre variante."""
    groupes = []
    for groupe, titre, questions in MATURITE_ASSOCIATION:
        retenues = [q for q in questions if q[0] in codes_par_groupe.get(groupe, [])]
        groupes.append((groupe, titre, retenues))
    return groupes


# (profil, titre, introduction, intitulé de la section ressources, aide, groupes de maturité,
#  questions de maturité propres au profil)
VARIANTES = [
    (
        "association",
        "Autodiagnostic du modèle socio-économique — associations",
        "Situez votre modèle socio-économique parmi les sept modèles de référence, mesurez "
        "votre maturité sur les leviers et trouvez le format du programme qui vous correspond.",
        "Vos ressources annuelles",
        "Indiquez les montants de votre dernier exercice, en euros (ou des pourcentages). "
        "Laissez vide une source que vous ne mobilisez pas.",
        MATURITE_ASSOCIATION,
    ),
    (
        "tete_de_reseau",
        "Autodiagnostic du modèle socio-économique — têtes de réseau",
        "Pour les fédérations et têtes de réseau associatives : situez le modèle de votre "
        "tête de réseau et votre capacité à accompagner vos membres.",
        "Les ressources annuelles de votre tête de réseau",
        "Montants du dernier exercice, en euros, ou pourcentages.",
        _maturite_reduite(
            {
                "richesses_humaines": ["rh.competences", "rh.gouvernance"],
                "ressources_financieres": ["rf.connaissance_mix", "rf.fonds_propres"],
                "alliances_partenariats": ["ap.strategie", "ap.territoire"],
                "pilotage": ["pilotage.vision", "pilotage.diversification"],
            }
        ),
    ),
    (
        "accompagnateur_financeur",
        "Autodiagnostic du modèle socio-économique — accompagnateurs et financeurs",
        "Pour les accompagnateurs, conseils volontaires, fondations, entreprises et "
        "investisseurs sociétaux : situez le modèle des structures que vous soutenez.",
        "Les ressources des structures que vous accompagnez ou financez",
        "Répartition moyenne de leurs ressources, en pourcentages ou en euros.",
        _maturite_reduite(
            {
                "richesses_humaines": ["rh.competences"],
                "ressources_financieres": ["rf.cout_complet", "rf.risques"],
                "alliances_partenariats": ["ap.proposition_valeur", "ap.contractualisation"],
                "pilotage": ["pilotage.formalisation", "pilotage.impact"],
            }
        ),
    ),
    (
        "chercheur_enseignant",
        "Autodiagnostic du modèle socio-économique — chercheurs et enseignants",
        "Pour les chercheurs, enseignants et étudiants : situez le modèle d'une organisation "
        "que vous étudiez et vos besoins de ressources académiques.",
        "Les ressources de l'organisation étudiée",
        "Répartition de ses ressources, en pourcentages ou en euros.",
        _maturite_reduite(
            {
                "ressources_financieres": ["rf.connaissance_mix"],
                "alliances_partenariats": ["ap.cartographie"],
                "pilotage": ["pilotage.formalisation", "pilotage.impact"],
            }
        ),
    ),
]

VARIANTE_TERRITOIRE = (
    "territoire",
    "Autodiagnostic du modèle socio-économique — territoires et collectivités",
    "Pour les collectivités et les acteurs qui animent un territoire : situez le modèle "
    "socio-économique des projets d'intérêt général que vous portez ou soutenez, et votre "
    "capacité à co-construire avec les acteurs du territoire.",
    "Les ressources du projet de territoire",
    "Répartition des ressources du projet, en euros ou en pourcentages.",
    _maturite_reduite(
        {
            "richesses_humaines": ["rh.competences", "rh.gouvernance"],
            "ressources_financieres": ["rf.connaissance_mix", "rf.risques"],
            "alliances_partenariats": ["ap.cartographie", "ap.territoire", "ap.strategie"],
            "pilotage": ["pilotage.vision", "pilotage.impact"],
        }
    ),
)

# (profil, niveau, besoin, format, priorité, raison)
REGLES = [
    (
        "chercheur_enseignant",
        None,
        "",
        "contenus-academiques",
        10,
        "Votre profil de chercheur ou d'enseignant vous oriente vers les {format} : travaux "
        "de recherche et enseignements étayés par la pratique.",
    ),
    (
        "",
        None,
        "recherche",
        "contenus-academiques",
        10,
        "Vous souhaitez mobiliser la recherche ou enseigner : les {format} du programme "
        "répondent à ce besoin.",
    ),
    (
        "",
        3,
        "echange_pairs",
        "co-developpement",
        20,
        "Au niveau « {niveau} », votre besoin d'échanger entre pairs sur une situation "
        "concrète trouve sa place dans les {format}.",
    ),
    (
        "",
        1,
        "",
        "webinaires",
        50,
        "Au niveau « {niveau} », les {format} mensuels vous donnent les repères de base sur "
        "les modèles socio-économiques.",
    ),
    (
        "",
        2,
        "",
        "mooc",
        50,
        "Au niveau « {niveau} », le {format} vous permet d'approfondir à votre rythme.",
    ),
    (
        "",
        3,
        "",
        "ateliers",
        50,
        "Au niveau « {niveau} », les {format} vous font expérimenter les méthodes sur votre "
        "propre modèle.",
    ),
    (
        "",
        4,
        "",
        "parcours",
        50,
        "Au niveau « {niveau} », un {format} en plusieurs sessions vous accompagne dans la "
        "transformation de votre modèle.",
    ),
]


# Règles révisées le 2026-12-01 : le besoin exprimé choisit la famille de formats, le niveau
# choisit dans la famille (DOMAIN.md, « Format recommendation »). Sans besoin, les règles par
# niveau de :data:`REGLES` (priorité 50) décident. Les modules de formation AFF (« se former »
# aux niveaux 3–4) n'ont pas encore de format : le MOOC les remplace, une règle à changer dans
# l'administration quand le format existera.
# (profil, niveau, besoin, format, priorité, raison)
REGLES_BESOINS = [
    *[
        (
            "",
            niveau,
            "decouvrir",
            "webinaires",
            20,
            "Vous souhaitez découvrir les repères : au niveau « {niveau} », les {format} "
            "mensuels vous les donnent en une heure et demie.",
        )
        for niveau in (1, 2)
    ],
    *[
        (
            "",
            niveau,
            "decouvrir",
            "mooc",
            20,
            "Vous souhaitez découvrir les repères ; au niveau « {niveau} », le {format} vous "
            "permet d'aller plus loin, à votre rythme.",
        )
        for niveau in (3, 4)
    ],
    *[
        (
            "",
            niveau,
            "se_former",
            "mooc",
            20,
            "Vous souhaitez vous former : au niveau « {niveau} », le {format} en accès libre "
            "est le premier pas.",
        )
        for niveau in (1, 2)
    ],
    *[
        (
            "",
            niveau,
            "se_former",
            "mooc",
            20,
            "Vous souhaitez vous former : au niveau « {niveau} », le {format} puis les modules "
            "de formation du programme avec l'AFF vous font aller plus loin.",
        )
        for niveau in (3, 4)
    ],
    (
        "",
        None,
        "experimenter",
        "ateliers",
        20,
        "Vous souhaitez expérimenter : les {format} vous font appliquer les méthodes à votre "
        "propre modèle, avec d'autres.",
    ),
    (
        "",
        None,
        "echange_pairs",
        "co-developpement",
        20,
        "Vous souhaitez échanger entre pairs sur une situation concrète : c'est l'objet des "
        "{format}, quel que soit votre niveau.",
    ),
    (
        "",
        1,
        "transformer",
        "ateliers",
        20,
        "Vous souhaitez être accompagné dans la transformation de votre modèle : au niveau "
        "« {niveau} », les {format} sont la première étape avant un parcours.",
    ),
    *[
        (
            "",
            niveau,
            "transformer",
            "parcours",
            20,
            "Vous souhaitez être accompagné dans la transformation de votre modèle : au niveau "
            "« {niveau} », un {format} en plusieurs étapes datées (cadrage, méthode et "
            "application, bilan) vous accompagne.",
        )
        for niveau in (2, 3, 4)
    ],
]


def charger(apps) -> None:
    """Le contenu par défaut à jour, comme après toutes les migrations (idempotent)."""
    charger_version_initiale(apps)
    ajouter_unite_ressources(apps)
    ajouter_variante_territoire(apps)
    regles_besoin_et_maturite(apps)


def regles_besoin_et_maturite(apps) -> None:
    """Remplace les anciennes règles par défaut qui ne tenaient pas compte du besoin (sauf si
    l'équipe les a modifiées) et ajoute la table besoin × niveau (idempotent)."""
    Regle = apps.get_model("autodiagnostic", "RegleRecommandation")
    Format = apps.get_model("programme", "Format")
    formats = {f.slug: f for f in Format.objects.all()}
    ancienne = (
        "",
        3,
        "echange_pairs",
        "co-developpement",
        20,
        next(r[5] for r in REGLES if r[2] == "echange_pairs"),
    )
    profil, niveau, besoin, slug, priorite, raison = ancienne
    Regle.objects.filter(
        profil=profil,
        niveau=niveau,
        besoin=besoin,
        format__slug=slug,
        priorite=priorite,
        raison=raison,
    ).delete()
    for profil, niveau, besoin, slug, priorite, raison in REGLES_BESOINS:
        if slug not in formats:
            continue
        Regle.objects.get_or_create(
            profil=profil,
            niveau=niveau,
            besoin=besoin,
            format=formats[slug],
            priorite=priorite,
            defaults={"raison": raison},
        )


def ajouter_variante_territoire(apps) -> None:
    """Publie la variante « Territoire / collectivité » (le troisième public du transfert de
    savoir-faire), avec l'unité des ressources à choisir, comme les autres (idempotent)."""
    Questionnaire = apps.get_model("autodiagnostic", "Questionnaire")
    Section = apps.get_model("autodiagnostic", "Section")
    if Questionnaire.objects.filter(profil=VARIANTE_TERRITOIRE[0]).exists():
        return
    questionnaire = _creer_variante(apps, VARIANTE_TERRITOIRE)
    if _ajouter_question_unite(apps, questionnaire):
        Section.objects.filter(
            questions__questionnaire=questionnaire, questions__type="unite"
        ).update(introduction=INTRODUCTION_RESSOURCES_AVEC_UNITE)


def charger_version_initiale(apps) -> None:
    """Crée la version 1 publiée de chaque variante et les règles (idempotent)."""
    Questionnaire = apps.get_model("autodiagnostic", "Questionnaire")
    Regle = apps.get_model("autodiagnostic", "RegleRecommandation")
    Format = apps.get_model("programme", "Format")

    for variante in VARIANTES:
        if Questionnaire.objects.filter(profil=variante[0]).exists():
            continue
        _creer_variante(apps, variante)

    if not Regle.objects.exists():
        formats = {f.slug: f for f in Format.objects.all()}
        for profil, niveau, besoin, format_slug, priorite, raison in REGLES:
            Regle.objects.create(
                profil=profil,
                niveau=niveau,
                besoin=besoin,
                format=formats[format_slug],
                priorite=priorite,
                raison=raison,
            )


def _creer_variante(apps, variante):
    """Crée la version 1 publiée d'une variante : ressources, maturité, besoin."""
    from django.utils import timezone

    Questionnaire = apps.get_model("autodiagnostic", "Questionnaire")
    Section = apps.get_model("autodiagnostic", "Section")
    Question = apps.get_model("autodiagnostic", "Question")
    Choix = apps.get_model("autodiagnostic", "Choix")
    profil, titre, introduction, titre_ressources, aide_ressources, groupes = variante
    questionnaire = Questionnaire.objects.create(
        profil=profil,
        version=1,
        statut="publie",
        publie_le=timezone.now(),
        titre=titre,
        introduction=introduction,
    )
    ordre_section = 1
    section = Section.objects.create(
        questionnaire=questionnaire,
        ordre=ordre_section,
        titre=titre_ressources,
        introduction=aide_ressources,
    )
    for i, (code, libelle, aide, modele) in enumerate(RESSOURCES, start=1):
        Question.objects.create(
            questionnaire=questionnaire,
            section=section,
            ordre=i,
            code=code,
            libelle=libelle,
            aide=aide,
            type="montant",
            modele=modele,
        )
    for groupe, titre_groupe, questions in groupes:
        if not questions:
            continue
        ordre_section += 1
        section = Section.objects.create(
            questionnaire=questionnaire,
            ordre=ordre_section,
            titre=titre_groupe,
            introduction="Pour chaque affirmation, indiquez où vous en êtes.",
        )
        for i, (code, libelle) in enumerate(questions, start=1):
            Question.objects.create(
                questionnaire=questionnaire,
                section=section,
                ordre=i,
                code=code,
                libelle=libelle,
                aide=ECHELLE_AIDE,
                type="echelle",
                groupe=groupe,
                obligatoire=True,
            )
    section = Section.objects.create(
        questionnaire=questionnaire,
        ordre=ordre_section + 1,
        titre="Votre besoin",
        introduction="Ce que vous attendez du programme oriente la recommandation.",
    )
    besoin = Question.objects.create(
        questionnaire=questionnaire,
        section=section,
        ordre=1,
        code="besoin.prioritaire",
        libelle="Quel est votre besoin prioritaire ?",
        type="choix_unique",
        obligatoire=True,
        besoin=True,
    )
    for i, (code, libelle) in enumerate(BESOINS, start=1):
        Choix.objects.create(question=besoin, ordre=i, code=code, libelle=libelle)
    Question.objects.create(
        questionnaire=questionnaire,
        section=section,
        ordre=2,
        code="besoin.precisions",
        libelle="Souhaitez-vous préciser votre situation ?",
        type="texte",
    )
    return questionnaire


def _copier_version(apps, questionnaire, version: int):
    """Copie une version (sections, questions, choix) en un brouillon ; comme
    ``services.questionnaire_nouvelle_version``, avec les modèles de la migration."""
    Questionnaire = apps.get_model("autodiagnostic", "Questionnaire")
    Section = apps.get_model("autodiagnostic", "Section")
    Question = apps.get_model("autodiagnostic", "Question")
    Choix = apps.get_model("autodiagnostic", "Choix")
    champs = [
        "profil",
        "titre",
        "introduction",
        "seuil_hybride",
        "seuil_comprendre",
        "seuil_experimenter",
        "seuil_transformer",
    ]
    copie = Questionnaire.objects.create(
        version=version, statut="brouillon", **{c: getattr(questionnaire, c) for c in champs}
    )
    sections = {}
    for section in Section.objects.filter(questionnaire=questionnaire).order_by("ordre"):
        ancien = section.pk
        section.pk = None
        section.questionnaire = copie
        section.save()
        sections[ancien] = section
    for question in Question.objects.filter(questionnaire=questionnaire).order_by("pk"):
        choix = list(Choix.objects.filter(question=question).order_by("ordre"))
        question.pk = None
        question.questionnaire = copie
        question.section = sections[question.section_id]
        question.save()
        for c in choix:
            c.pk = None
            c.question = question
        Choix.objects.bulk_create(choix)
    return copie


def _ajouter_question_unite(apps, questionnaire) -> bool:
    """Ajoute la question « unité » en tête de la section des ressources (s'il y en a)."""
    Question = apps.get_model("autodiagnostic", "Question")
    premiere = (
        Question.objects.filter(questionnaire=questionnaire, type__in=["montant", "pourcentage"])
        .select_related("section")
        .order_by("section__ordre", "ordre")
        .first()
    )
    if premiere is None:
        return False
    code, libelle, aide = UNITE_RESSOURCES
    Question.objects.create(
        questionnaire=questionnaire,
        section=premiere.section,
        ordre=0,
        code=code,
        libelle=libelle,
        aide=aide,
        type="unite",
    )
    return True


def ajouter_unite_ressources(apps) -> None:
    """Fait choisir une seule unité (euros ou pourcentages) pour toutes les ressources.

    Une version publiée ne change pas (ses résultats gardent leurs scores) : chaque version
    publiée sans question « unité » est copiée en une nouvelle version qui l'a, publiée à sa
    place ; l'ancienne est archivée. Un brouillon, modifiable, reçoit la question. Les mêmes
    réponses en euros donnent les mêmes scores dans les deux versions (idempotent)."""
    from django.utils import timezone

    Questionnaire = apps.get_model("autodiagnostic", "Questionnaire")
    Question = apps.get_model("autodiagnostic", "Question")
    Section = apps.get_model("autodiagnostic", "Section")

    sans_unite = Questionnaire.objects.exclude(questions__type="unite")
    for brouillon in sans_unite.filter(statut="brouillon"):
        _ajouter_question_unite(apps, brouillon)
    for publiee in sans_unite.filter(statut="publie"):
        if not Question.objects.filter(
            questionnaire=publiee, type__in=["montant", "pourcentage"]
        ).exists():
            continue
        derniere = Questionnaire.objects.filter(profil=publiee.profil).order_by("-version").first()
        copie = _copier_version(apps, publiee, derniere.version + 1)
        _ajouter_question_unite(apps, copie)
        Section.objects.filter(questions__questionnaire=copie, questions__type="unite").update(
            introduction=INTRODUCTION_RESSOURCES_AVEC_UNITE
        )
        Questionnaire.objects.filter(pk=publiee.pk).update(statut="archive")
        Questionnaire.objects.filter(pk=copie.pk).update(statut="publie", publie_le=timezone.now())
