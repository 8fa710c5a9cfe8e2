"""Le bloc « Mes données » de Mon espace (registre ``programme.extensions``)."""

from programme import extensions


@extensions.section_espace
def mes_donnees(request):
    return {"gabarit": "confidentialite/fragments/espace.html"}
