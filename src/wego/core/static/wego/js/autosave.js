// Progressive enhancement for the CeDS fill-in page: save answers as they change.
// Without JavaScript the Save button does the same; nothing here is needed to answer.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData) { return; }
  var status = document.getElementById("autosave-status");
  var timer = null;
  var pending = false;
  var changed = {};  // questions changed since the last save: only they are sent

  function questionOf(element) {
    var box = element.closest(".question");
    return box ? box.id : null;
  }

  function changedData() {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
    Object.keys(changed).forEach(function (id) {
      var box = document.getElementById(id);
      box.querySelectorAll("input, textarea, select").forEach(function (input) {
        if ((input.type === "radio" || input.type === "checkbox") && !input.checked) { return; }
        if (input.type === "file") {
          if (input.files.length) { data.append(input.name, input.files[0]); }
          return;
        }
        data.append(input.name, input.value);
      });
    });
    changed = {};
    return data;
  }

  function say(text) { if (status) { status.textContent = text; } }

  function save() {
    timer = null;
    if (pending) { timer = window.setTimeout(save, 400); return; }
    pending = true;
    say(status.dataset.saving || "Saving…");
    fetch(window.location.href, {
      method: "POST",
      body: changedData(),
      headers: { "X-Autosave": "1" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.json();
    }).then(function (data) {
      say(data.message);
      form.querySelectorAll("input[type=file]").forEach(function (input) { input.value = ""; });
    }).catch(function () {
      say(status.dataset.failed || "Not saved: check your connection, then press Save.");
    }).then(function () { pending = false; });
  }

  form.addEventListener("change", function (event) {
    var id = questionOf(event.target);
    if (id) { changed[id] = true; }
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(save, 600);
  });
})();
