// marketproof: progressive enhancement only; every page works without it.
(function () {
  "use strict";
  var MAX_BYTES = 1000000;

  // /check: read a chosen text file into the textarea (no upload needed).
  var file = document.getElementById("check-file");
  var text = document.getElementById("check-text");
  var status = document.getElementById("check-file-status");
  if (file && text) {
    file.addEventListener("change", function () {
      var f = file.files && file.files[0];
      if (!f) { return; }
      if (f.size > MAX_BYTES) {
        if (status) { status.textContent = "That file is larger than 1 MB; paste an excerpt instead."; }
        file.value = "";
        return;
      }
      var reader = new FileReader();
      reader.onload = function () {
        text.value = String(reader.result || "");
        if (status) { status.textContent = "Loaded " + f.name + " (" + f.size + " bytes)."; }
        text.focus();
      };
      reader.onerror = function () {
        if (status) { status.textContent = "Could not read that file."; }
      };
      reader.readAsText(f);
    });
  }

  // /instruments: filter the rows as you type (the form still works
  // without JavaScript through ?q=).
  var search = document.getElementById("instrument-search");
  if (search) {
    var filter = function () {
      var q = search.value.trim().toLowerCase();
      var groups = document.querySelectorAll(".instrument-group");
      for (var g = 0; g < groups.length; g++) {
        var rows = groups[g].querySelectorAll("tbody tr");
        var shown = 0;
        for (var r = 0; r < rows.length; r++) {
          var hit = !q || (rows[r].getAttribute("data-search") || "").indexOf(q) >= 0;
          rows[r].hidden = !hit;
          if (hit) { shown++; }
        }
        groups[g].hidden = shown === 0;
      }
    };
    search.addEventListener("input", filter);
  }

  // Focus the main result after a form submission so screen readers hear it
  // (the CSS gives the section no focus ring: it is not a control). The page
  // stays at its top so the plan above an answer shows; after follow-ups
  // the current turn is scrolled into view instead.
  var result = document.getElementById("ask-answer") || document.getElementById("check-result");
  if (result) {
    result.setAttribute("tabindex", "-1");
    result.focus({ preventScroll: true });
    var current = document.querySelector(".turn.earlier") && document.querySelector(".turn.current");
    if (current) { current.scrollIntoView({ block: "start" }); }
  }
})();
