// Boutons « Copier » des kits relais : sans JavaScript, le texte reste sélectionnable.
(function () {
  "use strict";
  function statut(texte) {
    var zone = document.querySelector(".copier-statut");
    if (zone) { zone.textContent = texte; }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var boutons = document.querySelectorAll("button.copier[data-cible]");
    Array.prototype.forEach.call(boutons, function (bouton) {
      bouton.hidden = false;
      bouton.addEventListener("click", function () {
        var cible = document.getElementById(bouton.getAttribute("data-cible"));
        if (!cible) { return; }
        var fini = function () { statut("Copié dans le presse-papiers."); };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(cible.value).then(fini, function () {
            cible.select(); statut("Texte sélectionné : copiez-le avec Ctrl+C.");
          });
        } else {
          cible.select();
          try { document.execCommand("copy"); fini(); } catch (e) { statut("Texte sélectionné : copiez-le avec Ctrl+C."); }
        }
      });
    });
  });
}());
