// Progressive enhancement for award deadlines: keeps the time left current while the page
// stays open. The server already wrote the time left in words; without JavaScript the page
// simply shows it as it was when loaded, and the server enforces the deadline either way.
// The translated wording comes from the element's data-countdown-texts (no inline script).
(function () {
  "use strict";
  var boxes = document.querySelectorAll("[data-deadline][data-countdown-texts]");
  if (!boxes.length || !window.Intl || !Intl.PluralRules || !window.JSON) { return; }
  var rules = new Intl.PluralRules(document.documentElement.lang || "en");

  // The template of the sample number whose plural category is the same as n's.
  function unit(samples, n) {
    var category = rules.select(n);
    var keys = Object.keys(samples);
    var chosen = keys[keys.length - 1];
    for (var i = 0; i < keys.length; i++) {
      if (rules.select(Number(keys[i])) === category) { chosen = keys[i]; break; }
    }
    return samples[chosen].replace("{n}", String(n));
  }

  function words(texts, deadline) {
    var left = deadline - Date.now();
    if (left <= 0) { return texts.over; }
    var total = Math.floor(left / 60000);
    var counts = [
      [texts.day, Math.floor(total / 1440)],
      [texts.hour, Math.floor((total % 1440) / 60)],
      [texts.minute, total % 60]
    ];
    var parts = [];
    counts.forEach(function (pair) { if (pair[1]) { parts.push(unit(pair[0], pair[1])); } });
    if (!parts.length) { return texts.soon; }
    var time = parts[0];
    if (parts.length === 2) {
      time = texts.two.replace("{1}", parts[0]).replace("{2}", parts[1]);
    } else if (parts.length === 3) {
      time = texts.three.replace("{1}", parts[0]).replace("{2}", parts[1]).replace("{3}", parts[2]);
    }
    return texts.left.replace("{time}", time);
  }

  var clocks = [];
  boxes.forEach(function (box) {
    var deadline = Date.parse(box.getAttribute("data-deadline"));
    var texts;
    try { texts = JSON.parse(box.getAttribute("data-countdown-texts")); } catch (error) { return; }
    if (isNaN(deadline) || !texts) { return; }
    clocks.push({ box: box, deadline: deadline, texts: texts });
  });

  function update() {
    clocks.forEach(function (clock) {
      var text = words(clock.texts, clock.deadline);
      if (clock.box.textContent !== text) { clock.box.textContent = text; }
    });
  }

  update();
  window.setInterval(update, 60000);
})();
