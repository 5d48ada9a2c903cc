// Progressive enhancement for the CeDS fill-in page: save answers as they change.
// Without JavaScript the Save button does the same; nothing here is needed to answer.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData) { return; }
  var status = document.getElementById("autosave-status");
  var timer = null;
  var pending = false;

  function say(text) { if (status) { status.textContent = text; } }

  function save() {
    timer = null;
    if (pending) { timer = window.setTimeout(save, 400); return; }
    pending = true;
    say(status.dataset.saving || "Saving…");
    fetch(window.location.href, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Autosave": "1" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.json();
    }).then(function (data) {
      say(data.message);
    }).catch(function () {
      say(status.dataset.failed || "Not saved: check your connection, then press Save.");
    }).then(function () { pending = false; });
  }

  form.addEventListener("change", function () {
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(save, 600);
  });
})();
