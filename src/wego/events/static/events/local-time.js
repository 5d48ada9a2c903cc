// Beside each programme time (<time datetime="...Z"> in a [data-local-time], in the venue's zone), the
// reader's own clock when it differs, in the page's language. Without JavaScript, or when the
// reader is in the venue's zone, the venue's time stands alone.
(function () {
  "use strict";
  if (!window.Intl || !Intl.DateTimeFormat) {
    return;
  }
  var note = document.querySelector("[data-local-label]");
  var times = document.querySelectorAll("[data-local-time]");
  if (!note || !times.length) {
    return;
  }
  var label = note.getAttribute("data-local-label");
  var language = document.documentElement.lang || undefined;
  var reader;
  try {
    reader = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  var venue = document.querySelector("[data-venue-zone]");
  var venueZone = venue ? venue.getAttribute("data-venue-zone") : "";
  if (!reader || reader === venueZone) {
    return;
  }
  var clockOptions = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
  var dayOptions = { weekday: "short", day: "numeric", month: "short" };

  function formatter(options, zone) {
    try {
      return new Intl.DateTimeFormat(language, Object.assign({ timeZone: zone }, options));
    } catch (error) {
      return null;
    }
  }
  var readerClock = formatter(clockOptions, reader);
  var readerDay = formatter(dayOptions, reader);
  var venueClock = venueZone ? formatter(clockOptions, venueZone) : null;
  var venueDay = venueZone ? formatter(dayOptions, venueZone) : null;
  if (!readerClock || !readerDay) {
    return;
  }
  // Each [data-local-time] holds one time or a range (start and end): one note for it.
  Array.prototype.forEach.call(times, function (holder) {
    var parts = [];
    var differs = false;
    Array.prototype.forEach.call(holder.querySelectorAll("time[datetime]"), function (element) {
      var moment = new Date(element.getAttribute("datetime"));
      if (isNaN(moment.getTime())) {
        return;
      }
      var mine = readerClock.format(moment);
      var sameDay = venueDay && venueDay.format(moment) === readerDay.format(moment);
      if (!(venueClock && sameDay && venueClock.format(moment) === mine)) {
        differs = true;
      }
      parts.push(sameDay ? mine : readerDay.format(moment) + " " + mine);
    });
    if (!differs || !parts.length) {
      return;
    }
    var span = document.createElement("span");
    span.className = "local-time";
    span.textContent = label.replace("%(time)s", parts.join("–"));
    holder.appendChild(span);
  });
})();
