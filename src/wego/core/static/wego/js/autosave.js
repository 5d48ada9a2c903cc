// Progressive enhancement for the CeDS fill-in page: save answers as they change, and show
// what the server refused next to its question, with the same markup as the page the Save
// button gets back (diagnostic/includes/question.html). Without JavaScript the Save button
// does the same; nothing here is needed to answer.
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
        // A question sent here was changed by this person: its "as loaded" signature would
        // make the server skip a change back to what the page first showed.
        if (input.name.indexOf("was-") === 0) { return; }
        if (input.type === "file") {
          if (input.files.length) { data.append(input.name, input.files[0]); }
          return;
        }
        data.append(input.name, input.value);
      });
    });
    return data;
  }

  function tokens(element, name) {
    return (element.getAttribute(name) || "").split(" ").filter(Boolean);
  }

  function setTokens(element, name, list) {
    if (list.length) { element.setAttribute(name, list.join(" ")); } else { element.removeAttribute(name); }
  }

  function clearError(box) {
    var errorId = box.id + "-error";
    var shown = document.getElementById(errorId);
    if (shown) { shown.remove(); }
    box.classList.remove("field--error");
    [box].concat(Array.prototype.slice.call(box.querySelectorAll("[aria-describedby]"))).forEach(function (element) {
      setTokens(element, "aria-describedby", tokens(element, "aria-describedby").filter(function (t) { return t !== errorId; }));
    });
    box.querySelectorAll("[aria-invalid]").forEach(function (element) { element.removeAttribute("aria-invalid"); });
    var summary = document.querySelector(".error-summary a[href='#" + box.id + "']");
    if (summary) { summary.closest("li").remove(); }
  }

  function showError(problem) {
    var box = document.getElementById(problem.question);
    var target = document.getElementById(problem.target);
    if (!box || !target) { return; }
    clearError(box);
    var paragraph = document.createElement("p");
    paragraph.className = "field-errors";
    paragraph.id = box.id + "-error";
    var hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = (form.dataset.errorPrefix || "Error:") + " ";
    paragraph.appendChild(hidden);
    paragraph.appendChild(document.createTextNode(problem.message));
    // Where the server puts it: after the question's help, or after its label.
    var anchor = document.getElementById(box.id + "-help") || box.querySelector("legend, label");
    anchor.insertAdjacentElement("afterend", paragraph);
    box.classList.add("field--error");
    setTokens(target, "aria-describedby", tokens(target, "aria-describedby").concat([paragraph.id]));
    if (target !== box) { target.setAttribute("aria-invalid", "true"); }
    var details = target.closest("details");
    if (details) { details.open = true; }
  }

  function showStatus(data) {
    status.textContent = "";
    status.classList.toggle("autosave-status--error", data.problems.length > 0);
    if (!data.problems.length) { status.textContent = data.message; return; }
    if (data.status.saved) { status.appendChild(document.createTextNode(data.status.saved + " ")); }
    var link = document.createElement("a");
    link.href = "#" + data.problems[0].question;
    link.textContent = data.status.correction;
    status.appendChild(link);
  }

  // The summary of a page the Save button got back loses what autosave has since accepted.
  function tidySummary() {
    var summary = document.querySelector(".error-summary");
    if (summary && !summary.querySelector("li")) { summary.remove(); }
  }

  function say(text) { status.classList.remove("autosave-status--error"); status.textContent = text; }

  function save() {
    timer = null;
    if (pending) { timer = window.setTimeout(save, 400); return; }
    pending = true;
    var sent = Object.keys(changed);
    var body = changedData();
    changed = {};
    say(status.dataset.saving || "Saving…");
    fetch(window.location.href, {
      method: "POST",
      body: body,
      headers: { "X-Autosave": "1" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.json();
    }).then(function (data) {
      sent.forEach(function (id) { clearError(document.getElementById(id)); });
      data.problems.forEach(showError);
      tidySummary();
      showStatus(data);
      form.querySelectorAll("input[type=file]").forEach(function (input) { input.value = ""; });
    }).catch(function () {
      sent.forEach(function (id) { changed[id] = true; });  // sent again with the next change
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
