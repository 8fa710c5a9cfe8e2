"""Moteur de l'autodiagnostic : des réponses (indexées par code de question) au résultat.

Module pur : ni requête HTTP, ni ORM. Il reçoit une description du questionnaire
(:class:`QuestionnaireSpec`, construite depuis la base par ``selectors.spec_questionnaire`` ou
à la main dans les tests) et un dictionnaire ``{code: valeur}``.

Règles de calcul (contrat : ``DOMAIN.md``, « Scoring the autodiagnostic ») :

1. **Mix de ressources → M1–M7.** Chaque question de type montant ou pourcentage alimente un
   modèle. Les montants sont ramenés à des parts du total (en %) ; la note brute d'un modèle est
   la somme des parts de ses sources, à laquelle s'ajoutent les poids des choix retenus aux
   questions à choix. Les sept notes brutes sont enfin ramenées à 100 et arrondies au dixième
   par la méthode du plus fort reste : elles somment exactement à 100,0.
   **Une seule unité par jeu de réponses.** Quand le questionnaire a une question « unité »
   (type ``unite``), sa réponse (``euros`` par défaut, ou ``pourcentage``) vaut pour toutes les
   ressources ; sinon chaque ressource est dans l'unité de son type. Une saisie qui porte
   l'autre symbole (« 70 % » en euros, « 8 000 € » en pourcentages), un pourcentage au-delà de
   100, des pourcentages qui dépassent 100 % au total ou un mélange de types sont refusés avec
   un message sur le champ : additionner des euros et des pourcentages n'a pas de sens.
2. **Modèle dominant** : la note la plus haute ; à égalité, l'ordre M1 → M7 départage.
   **Hybride** quand le second est à ``seuil_hybride`` points ou moins du premier (« M2 / M4 »).
3. **Logique** : part M2 + M3 (revenus d'activité) > 50 % → opérateur économique à finalité
   sociale ; sinon structure d'intérêt général.
4. **Maturité** : une échelle 1–4 vaut 0, 33,3, 66,7 ou 100 ; un choix à points vaut
   ``points / 4 × 100``. Chaque groupe (richesses humaines, ressources financières, alliances /
   partenariats, pilotage) est la moyenne de ses questions répondues ; la maturité globale est
   la moyenne des groupes mesurés. Niveaux (seuils modifiables par version) : < 25
   Découvrir, < 50 Comprendre, < 75 Expérimenter, sinon Transformer.
5. **Format recommandé** : parmi les règles qui s'appliquent (profil, niveau, besoin exprimé ;
   un critère vide s'applique à tous), la plus petite priorité l'emporte, puis la plus précise.
   Les formats des autres règles applicables sont les alternatives. Les règles sont une table
   en base (modifiable) passée dans la description du questionnaire ; le besoin choisit la
   famille de formats, le niveau choisit dans la famille (voir ``contenu.REGLES_BESOINS``).
   Le résultat garde les critères de la règle retenue (``criteres``) : la page dit quelles
   réponses ont mené au format. Sans règle applicable, le niveau seul décide.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any


def _(texte: str) -> str:
    """Marque un message pour la traduction sans dépendre de Django (module pur) ; l'affichage
    le traduit avec ``gettext`` (voir ``services.reponse_enregistrer``)."""
    return texte


MODELES: tuple[str, ...] = ("M1", "M2", "M3", "M4", "M5", "M6", "M7")
GROUPES: tuple[str, ...] = (
    "richesses_humaines",
    "ressources_financieres",
    "alliances_partenariats",
    "pilotage",
)
LIBELLES_GROUPES: dict[str, str] = {
    "richesses_humaines": "Richesses humaines",
    "ressources_financieres": "Ressources financières",
    "alliances_partenariats": "Alliances et partenariats",
    "pilotage": "Pilotage du modèle",
}
NIVEAUX: dict[int, str] = {1: "Découvrir", 2: "Comprendre", 3: "Expérimenter", 4: "Transformer"}
# Ce que chaque niveau de maturité veut dire (affiché avec le résultat).
DESCRIPTIONS_NIVEAUX: dict[int, str] = {
    1: "Vous découvrez les modèles socio-économiques : les repères de base sont à acquérir.",
    2: "Vous connaissez les repères ; il s'agit de comprendre votre propre modèle en profondeur.",
    3: "Vous êtes prêt à expérimenter des méthodes sur votre modèle, avec d'autres.",
    4: "Vous pilotez la transformation de votre modèle dans la durée.",
}
SEUILS_NIVEAUX: tuple[float, float, float] = (25.0, 50.0, 75.0)
LOGIQUE_OPERATEUR = "operateur"
LOGIQUE_INTERET_GENERAL = "interet_general"
LIBELLES_LOGIQUES: dict[str, str] = {
    LOGIQUE_OPERATEUR: "Opérateur économique à finalité sociale",
    LOGIQUE_INTERET_GENERAL: "Structure d'intérêt général",
}
MONTANT_MAXIMUM = Decimal("10000000000")  # 10 milliards d'euros : au-delà, une erreur de saisie.
TYPES_RESSOURCES = frozenset({"montant", "pourcentage"})
TYPE_UNITE = "unite"
UNITE_EUROS = "euros"
UNITE_POURCENTAGE = "pourcentage"
UNITES: tuple[str, ...] = (UNITE_EUROS, UNITE_POURCENTAGE)
TYPES_CHOIX = frozenset({"choix_unique", "choix_multiple"})
# Format proposé quand aucune règle ne s'applique (filet de sécurité du moteur).
FORMAT_PAR_NIVEAU: dict[int, str] = {1: "webinaires", 2: "mooc", 3: "ateliers", 4: "parcours"}


# --- Description du questionnaire ---------------------------------------------------------


@dataclass(frozen=True)
class ChoixSpec:
    code: str
    libelle: str = ""
    poids: Mapping[str, float] = field(default_factory=dict)
    points: int | None = None
    groupe: str = ""


@dataclass(frozen=True)
class QuestionSpec:
    code: str
    type: str
    libelle: str = ""
    obligatoire: bool = False
    modele: str = ""
    groupe: str = ""
    besoin: bool = False
    choix: tuple[ChoixSpec, ...] = ()

    def choix_par_code(self) -> dict[str, ChoixSpec]:
        return {c.code: c for c in self.choix}


@dataclass(frozen=True)
class RegleSpec:
    format: str
    raison: str
    priorite: int = 50
    profil: str = ""
    niveau: int | None = None
    besoin: str = ""

    def s_applique(self, *, profil: str, niveau: int, besoin: str | None) -> bool:
        return (
            (not self.profil or self.profil == profil)
            and (self.niveau is None or self.niveau == niveau)
            and (not self.besoin or self.besoin == besoin)
        )

    @property
    def precision(self) -> int:
        return bool(self.profil) + (self.niveau is not None) + bool(self.besoin)

    @property
    def criteres(self) -> tuple[str, ...]:
        """Les critères que la règle pose, dans l'ordre où la page les explique."""
        poses = {"besoin": bool(self.besoin), "niveau": self.niveau is not None}
        poses["profil"] = bool(self.profil)
        return tuple(c for c, pose in poses.items() if pose)


@dataclass(frozen=True)
class QuestionnaireSpec:
    profil: str
    version: int
    questions: tuple[QuestionSpec, ...]
    regles: tuple[RegleSpec, ...] = ()
    seuil_hybride: float = 10.0
    seuils_niveaux: tuple[float, float, float] = SEUILS_NIVEAUX
    noms_formats: Mapping[str, str] = field(default_factory=dict)

    def question_par_code(self) -> dict[str, QuestionSpec]:
        return {q.code: q for q in self.questions}

    def question_unite(self) -> QuestionSpec | None:
        """La question qui fait choisir l'unité des ressources, s'il y en a une."""
        return next((q for q in self.questions if q.type == TYPE_UNITE), None)


# --- Résultat -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ResultatDiagnostic:
    """Sortie du moteur ; sérialisable tel quel en JSON (:meth:`en_dict`)."""

    profil: str
    version: int
    scores: dict[str, float]
    dominant: str
    second: str | None
    hybride: bool
    libelle_dominant: str
    logique: str
    maturite: dict[str, float]
    maturite_globale: float
    niveau: int
    niveau_libelle: str
    format: str
    raison: str
    alternatives: tuple[str, ...]
    besoin: str | None = None
    # Les critères de la règle retenue (« profil », « niveau », « besoin ») ; vide : le niveau
    # seul a décidé, faute de règle applicable.
    criteres: tuple[str, ...] = ()

    @property
    def logique_libelle(self) -> str:
        return LIBELLES_LOGIQUES[self.logique]

    def en_dict(self) -> dict[str, Any]:
        donnees = asdict(self)
        donnees["alternatives"] = list(self.alternatives)
        donnees["criteres"] = list(self.criteres)
        donnees["logique_libelle"] = self.logique_libelle
        return donnees

    @classmethod
    def depuis_dict(cls, donnees: Mapping[str, Any]) -> ResultatDiagnostic:
        champs = set(cls.__dataclass_fields__)
        valeurs = {k: v for k, v in donnees.items() if k in champs}
        valeurs["alternatives"] = tuple(valeurs.get("alternatives", ()))
        valeurs["criteres"] = tuple(valeurs.get("criteres", ()))
        return cls(**valeurs)


# --- Erreurs ------------------------------------------------------------------------------


class ErreurReponse(ValueError):
    """Une réponse invalide ; le message, en français, s'affiche sur le champ."""


class ErreurValidation(ValueError):
    """Réponses invalides : ``erreurs`` associe à chaque code de question ses messages."""

    def __init__(self, erreurs: Mapping[str, Sequence[str]]):
        self.erreurs: dict[str, list[str]] = {k: list(v) for k, v in erreurs.items()}
        super().__init__(
            "; ".join(f"{code} : {' '.join(msgs)}" for code, msgs in self.erreurs.items())
        )


# --- Normalisation d'une réponse ----------------------------------------------------------

_ESPACES = re.compile(r"[\s\u00a0\u202f]")


def _nombre(brute: Any) -> Decimal:
    if isinstance(brute, bool):
        raise ErreurReponse(_("Saisissez un nombre."))
    if isinstance(brute, int | float | Decimal):
        nombre = Decimal(str(brute))
    else:
        texte = _ESPACES.sub("", str(brute)).replace("€", "").replace("%", "").replace(",", ".")
        try:
            nombre = Decimal(texte)
        except InvalidOperation as exc:
            raise ErreurReponse(_("Saisissez un nombre, par exemple 12 000.")) from exc
    if not nombre.is_finite():
        raise ErreurReponse(_("Saisissez un nombre, par exemple 12 000."))
    return nombre


def est_vide(brute: Any) -> bool:
    return brute is None or (isinstance(brute, str) and not brute.strip()) or brute == []


def unite_choisie(valeur: Any) -> str:
    """L'unité des ressources d'un jeu de réponses dont le questionnaire la fait choisir : la
    réponse à la question « unité », euros par défaut."""
    return valeur if isinstance(valeur, str) and valeur in UNITES else UNITE_EUROS


def unite_du_type(question: QuestionSpec) -> str:
    """L'unité d'une ressource quand le questionnaire ne la fait pas choisir."""
    return UNITE_POURCENTAGE if question.type == "pourcentage" else UNITE_EUROS


def _ressource(question: QuestionSpec, brute: Any, unite: str | None) -> float:
    choisie = unite is not None
    unite = unite if choisie else unite_du_type(question)
    texte = brute if isinstance(brute, str) else ""
    if unite == UNITE_EUROS and "%" in texte:
        raise ErreurReponse(
            _(
                "Vos ressources sont indiquées en euros : saisissez un montant, sans « % », ou "
                "choisissez l'unité « pourcentages » pour toutes vos ressources."
            )
            if choisie
            else _("Saisissez un montant en euros, sans « % ».")
        )
    if unite == UNITE_POURCENTAGE and "€" in texte:
        raise ErreurReponse(
            _(
                "Vos ressources sont indiquées en pourcentages : saisissez un pourcentage, sans "
                "« € », ou choisissez l'unité « euros » pour toutes vos ressources."
            )
            if choisie
            else _("Saisissez un pourcentage, sans « € ».")
        )
    nombre = _nombre(brute)
    if nombre < 0:
        raise ErreurReponse(_("Le montant ne peut pas être négatif."))
    if unite == UNITE_POURCENTAGE and nombre > 100:
        raise ErreurReponse(
            _(
                "Un pourcentage ne peut pas dépasser 100. Pour indiquer des montants, choisissez "
                "l'unité « euros »."
            )
            if choisie
            else _("Un pourcentage ne peut pas dépasser 100.")
        )
    if nombre > MONTANT_MAXIMUM:
        raise ErreurReponse(_("Ce montant dépasse 10 milliards d'euros : vérifiez la saisie."))
    return float(nombre)


def normaliser_reponse(question: QuestionSpec, brute: Any, *, unite: str | None = None) -> Any:
    """Valide une réponse brute (saisie web, fichier JSON) et renvoie sa forme normalisée :
    ``float`` pour un montant, un pourcentage ou une échelle, un code de choix, une liste de
    codes, un texte ; ``None`` pour une réponse vide. Lève :class:`ErreurReponse`.

    ``unite`` : l'unité choisie pour les ressources (``euros`` ou ``pourcentage``) quand le
    questionnaire la fait choisir ; sinon une ressource est dans l'unité de son type."""
    if est_vide(brute):
        return None
    if question.type in TYPES_RESSOURCES:
        return _ressource(question, brute, unite)
    if question.type == TYPE_UNITE:
        if not isinstance(brute, str) or brute.strip() not in UNITES:
            raise ErreurReponse(_("Choisissez l'unité : euros ou pourcentages."))
        return brute.strip()
    if question.type == "echelle":
        try:
            nombre = _nombre(brute)
        except ErreurReponse as exc:
            raise ErreurReponse(_("Choisissez une valeur entre 1 et 4.")) from exc
        if nombre != nombre.to_integral_value() or not 1 <= nombre <= 4:
            raise ErreurReponse(_("Choisissez une valeur entre 1 et 4."))
        return int(nombre)
    if question.type == "choix_unique":
        if not isinstance(brute, str) or brute not in question.choix_par_code():
            raise ErreurReponse(_("Choisissez l'une des réponses proposées."))
        return brute
    if question.type == "choix_multiple":
        valeurs = [brute] if isinstance(brute, str) else brute
        if not isinstance(valeurs, list | tuple):
            raise ErreurReponse(_("Choisissez parmi les réponses proposées."))
        connus = question.choix_par_code()
        if any(not isinstance(v, str) or v not in connus for v in valeurs):
            raise ErreurReponse(_("Choisissez parmi les réponses proposées."))
        # Ordre du questionnaire, sans doublon.
        return [c.code for c in question.choix if c.code in set(valeurs)]
    texte = str(brute).strip()
    if len(texte) > 5000:
        raise ErreurReponse(_("Ce texte est trop long (5 000 caractères au plus)."))
    return texte


def controler_ressources(
    questions: Sequence[QuestionSpec], valeurs: Mapping[str, float], unite: str | None
) -> dict[str, str]:
    """Règles d'ensemble du bloc de ressources, sur ses réponses valides ``valeurs`` : une
    seule unité (sans question « unité », pas de montants et de pourcentages mêlés) et des
    pourcentages qui ne dépassent pas 100 % au total. Renvoie un message par code."""
    # Une ressource nulle ne pèse rien, dans aucune unité.
    repondues = [q for q in questions if valeurs.get(q.code)]
    if not repondues:
        return {}
    if unite is None:
        premiere = unite_du_type(repondues[0])
        melangees = [q for q in repondues if unite_du_type(q) != premiere]
        if melangees:
            message = _(
                "Ne mélangez pas montants en euros et pourcentages : indiquez toutes vos "
                "ressources dans la même unité."
            )
            return {q.code: message for q in melangees}
        unite = premiere
    # Au dix-millième près : 33,3 + 33,3 + 33,4 font bien 100.
    if unite == UNITE_POURCENTAGE and sum(valeurs[q.code] for q in repondues) > 100.0001:
        return {repondues[0].code: _("Vos pourcentages dépassent 100 % au total : vérifiez-les.")}
    return {}


def valider(questionnaire: QuestionnaireSpec, reponses: Mapping[str, Any]) -> dict[str, Any]:
    """Normalise toutes les réponses ; rassemble toutes les erreurs en une seule
    :class:`ErreurValidation` (codes inconnus, valeurs invalides, réponses obligatoires
    manquantes, ressources toutes nulles ou d'unités mêlées)."""
    questions = questionnaire.question_par_code()
    erreurs: dict[str, list[str]] = {}
    propres: dict[str, Any] = {}
    unite: str | None = None
    if (question_unite := questionnaire.question_unite()) is not None:
        try:
            unite = unite_choisie(
                normaliser_reponse(question_unite, reponses.get(question_unite.code))
            )
        except ErreurReponse:
            unite = UNITE_EUROS  # l'erreur est signalée ci-dessous, sur la question « unité »
    for code, brute in reponses.items():
        question = questions.get(code)
        if question is None:
            erreurs.setdefault(code, []).append(
                _("Cette question n'existe pas dans ce questionnaire.")
            )
            continue
        try:
            valeur = normaliser_reponse(question, brute, unite=unite)
        except ErreurReponse as exc:
            erreurs.setdefault(code, []).append(str(exc))
            continue
        if valeur is not None:
            propres[code] = valeur
    for question in questionnaire.questions:
        if question.obligatoire and question.code not in propres and question.code not in erreurs:
            erreurs.setdefault(question.code, []).append(_("Cette réponse est obligatoire."))
    ressources = [q for q in questionnaire.questions if q.type in TYPES_RESSOURCES]
    if ressources and not any(erreurs.get(q.code) for q in ressources):
        if sum(propres.get(q.code, 0) for q in ressources) <= 0:
            erreurs.setdefault(ressources[0].code, []).append(
                _("Indiquez au moins une ressource supérieure à zéro.")
            )
        for code, message in controler_ressources(ressources, propres, unite).items():
            erreurs.setdefault(code, []).append(message)
    if erreurs:
        raise ErreurValidation(erreurs)
    return propres


# --- Calcul -------------------------------------------------------------------------------


def arrondir_a_100(valeurs: Mapping[str, float]) -> dict[str, float]:
    """Ramène des valeurs positives à un total de 100, au dixième, par la méthode du plus fort
    reste (à reste égal, l'ordre des clés départage) : le total vaut exactement 100,0."""
    total = sum(valeurs.values())
    if total <= 0:
        raise ValueError("Le total doit être strictement positif.")
    exacts = {k: v * 1000 / total for k, v in valeurs.items()}
    dixiemes = {k: math.floor(v) for k, v in exacts.items()}
    manque = 1000 - sum(dixiemes.values())
    ordre = sorted(exacts, key=lambda k: (-(exacts[k] - dixiemes[k]), list(valeurs).index(k)))
    for k in ordre[:manque]:
        dixiemes[k] += 1
    return {k: d / 10 for k, d in dixiemes.items()}


def _niveau(maturite: float, seuils: Sequence[float] = SEUILS_NIVEAUX) -> int:
    return 1 + sum(maturite >= seuil for seuil in seuils)


def _moyenne(valeurs: Sequence[float]) -> float:
    return sum(valeurs) / len(valeurs) if valeurs else 0.0


def score(questionnaire: QuestionnaireSpec, reponses: Mapping[str, Any]) -> ResultatDiagnostic:
    """Calcule le résultat d'un diagnostic. Lève :class:`ErreurValidation` si les réponses
    sont invalides (voir :func:`valider`)."""
    propres = valider(questionnaire, reponses)
    questions = questionnaire.questions

    # 1. Mix de ressources, puis poids des choix.
    ressources = [q for q in questions if q.type in TYPES_RESSOURCES]
    total = sum(propres.get(q.code, 0.0) for q in ressources)
    bruts = dict.fromkeys(MODELES, 0.0)
    for q in ressources:
        bruts[q.modele] += propres.get(q.code, 0.0) * 100 / total
    # 4 (préparé). Maturité, en parcourant les mêmes choix.
    mesures: dict[str, list[float]] = {g: [] for g in GROUPES}
    besoin: str | None = None
    for q in questions:
        valeur = propres.get(q.code)
        if valeur is None:
            continue
        if q.type == "echelle" and q.groupe:
            mesures[q.groupe].append((valeur - 1) * 100 / 3)
        if q.type in TYPES_CHOIX:
            codes = [valeur] if isinstance(valeur, str) else valeur
            choix = q.choix_par_code()
            for code in codes:
                retenu = choix[code]
                for modele, poids in retenu.poids.items():
                    bruts[modele] += max(0.0, float(poids))
                groupe = retenu.groupe or q.groupe
                if retenu.points is not None and groupe:
                    mesures[groupe].append(min(4, retenu.points) * 25.0)
            if q.besoin and isinstance(valeur, str):
                besoin = valeur
    scores = arrondir_a_100(bruts)

    # 2. Dominant et hybride (tri stable : l'ordre M1 → M7 départage les égalités).
    classement = sorted(MODELES, key=lambda m: -scores[m])
    dominant, suivant = classement[0], classement[1]
    hybride = scores[suivant] > 0 and scores[dominant] - scores[suivant] <= float(
        questionnaire.seuil_hybride
    )
    second = suivant if hybride else None
    libelle = f"{dominant} / {second}" if second else dominant

    # 3. Logique.
    logique = LOGIQUE_OPERATEUR if scores["M2"] + scores["M3"] > 50 else LOGIQUE_INTERET_GENERAL

    # 4. Maturité.
    maturite = {g: round(_moyenne(v), 1) for g, v in mesures.items() if v}
    globale = round(_moyenne(list(maturite.values())), 1)
    niveau = _niveau(globale, questionnaire.seuils_niveaux)

    # 5. Format recommandé.
    applicables = sorted(
        (
            r
            for r in questionnaire.regles
            if r.s_applique(profil=questionnaire.profil, niveau=niveau, besoin=besoin)
        ),
        key=lambda r: (r.priorite, -r.precision),
    )
    noms = questionnaire.noms_formats
    if applicables:
        regle = applicables[0]
        format_code = regle.format
        gabarit = regle.raison
        criteres = regle.criteres
    else:
        criteres = ()
        format_code = FORMAT_PAR_NIVEAU[niveau]
        gabarit = "Votre niveau de maturité « {niveau} » correspond à ce format : {format}."
    raison = gabarit.replace("{niveau}", NIVEAUX[niveau]).replace(
        "{format}", noms.get(format_code, format_code)
    )
    # Alternatives : les autres règles applicables, puis les formats des niveaux voisins.
    voisins = [FORMAT_PAR_NIVEAU[n] for n in (niveau + 1, niveau - 1) if n in FORMAT_PAR_NIVEAU]
    alternatives = tuple(
        f for f in dict.fromkeys([*(r.format for r in applicables), *voisins]) if f != format_code
    )

    return ResultatDiagnostic(
        profil=questionnaire.profil,
        version=questionnaire.version,
        scores=scores,
        dominant=dominant,
        second=second,
        hybride=hybride,
        libelle_dominant=libelle,
        logique=logique,
        maturite=maturite,
        maturite_globale=globale,
        niveau=niveau,
        niveau_libelle=NIVEAUX[niveau],
        format=format_code,
        raison=raison,
        alternatives=alternatives,
        besoin=besoin,
        criteres=criteres,
    )
