"""Indexeur de recherche des modules de formation publiés, déclaré auprès du registre de
``ressources``."""

from django.utils.translation import gettext_lazy as _

from ressources.recherche import Document, indexeur

from .enums import FORMAT, Niveau
from .models import Module


def _documents(ids):
    modules = Module.objects.publies().prefetch_related("modeles", "leviers", "partenaires")
    if ids is not None:
        modules = modules.filter(pk__in=[i for i in ids if i.isdigit()])
    for module in modules:
        texte = [module.accroche, module.get_niveau_display(), module.get_public_display()]
        texte += module.liste_objectifs + module.liste_programme + module.liste_prerequis
        texte += [levier.nom for levier in module.leviers.all()]
        formats = [FORMAT] if module.niveau >= Niveau.MODULE_AFF else []
        if module.niveau == Niveau.MOOC:
            formats.append("mooc")
        yield Document(
            objet_id=module.pk,
            titre=module.titre,
            url=module.get_absolute_url(),
            texte="\n".join(t for t in texte if t),
            noms=[p.nom for p in module.partenaires.all()],
            modeles=[m.code for m in module.modeles.all()],
            formats=formats,
        )


indexeur(
    genre="module_formation",
    libelle=_("Formations"),
    modele="formations.module",
    documents=_documents,
    ordre=45,
)
