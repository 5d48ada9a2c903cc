// Follows a background job: asks the server every two seconds and updates the progress bar
// and its status line. Without JavaScript the page offers a refresh link instead.
(function () {
  "use strict";
  var box = document.querySelector("[data-job-url]");
  if (!box || !window.fetch) { return; }
  var bar = box.querySelector("progress");
  var status = box.querySelector(".job__status");
  var refresh = box.querySelector(".job__refresh");
  if (refresh) { refresh.hidden = true; }

  function update(job) {
    bar.value = job.percent;
    bar.textContent = job.percent + "%";
    status.textContent = job.status_label + ": " + job.done + " / " + job.total;
    if (job.finished) {
      if (job.status === "failed") { status.textContent += " — " + job.message; }
      return;
    }
    window.setTimeout(poll, 2000);
  }

  function poll() {
    fetch(box.getAttribute("data-job-url"), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(update)
      .catch(function () { if (refresh) { refresh.hidden = false; } });
  }

  window.setTimeout(poll, 1000);
})();
