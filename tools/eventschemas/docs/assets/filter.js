/* Filter the schema index as the reader types. Plain script, no modules, so
   it also runs when the site is opened from the file system. */
(function () {
  "use strict";
  var form = document.getElementById("filter-form");
  var input = document.getElementById("filter");
  var status = document.getElementById("filter-status");
  if (!form || !input || !status) {
    return;
  }
  var rows = Array.prototype.slice.call(
    document.querySelectorAll("tr[data-filter]")
  );
  var sections = Array.prototype.slice.call(
    document.querySelectorAll("section.namespace")
  );

  function apply() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute("data-filter") || "";
      var match = words.every(function (word) {
        return text.indexOf(word) !== -1;
      });
      row.hidden = !match;
      shown += match ? 1 : 0;
    });
    sections.forEach(function (section) {
      section.hidden = !section.querySelector("tr[data-filter]:not([hidden])");
    });
    status.textContent = words.length
      ? shown + " of " + rows.length + " schemas match"
      : "";
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  input.addEventListener("input", apply);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && input.value) {
      input.value = "";
      apply();
    }
  });
  document.addEventListener("keydown", function (event) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      input.focus();
    }
  });
  if (input.value) {
    apply(); // the browser may restore the text when the reader comes back
  }
})();
