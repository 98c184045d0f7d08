// Draw the areas to black out on the image instead of typing pixel numbers (evidence/item_detail.html).
// Progressive enhancement: without JavaScript the "Areas to black out" box takes the numbers as before,
// and with it each box drawn is written there as "left, top, right, bottom" in the full-size image's
// pixels (upright, as the viewer shows it). Drag to draw; or click one corner, then the opposite corner
// (a single-pointer way without dragging, WCAG 2.5.7). Nothing is loaded from elsewhere.
(function () {
  "use strict";
  document.querySelectorAll("[data-redact]").forEach(function (panel) {
    var textarea = document.getElementById(panel.getAttribute("data-target"));
    var img = panel.querySelector("img");
    var stage = panel.querySelector(".redact-stage");
    var status = panel.querySelector(".redact-status");
    if (!textarea || !img || !stage) { return; }
    panel.hidden = false;
    var rawW = Number(panel.getAttribute("data-width")), rawH = Number(panel.getAttribute("data-height"));
    var start = null, live = null, pendingClick = null;

    function fullSize() {
      // The preview is upright; the recorded size may be the camera's way up (EXIF rotation).
      var landscape = img.naturalWidth >= img.naturalHeight;
      return (landscape === (rawW >= rawH)) ? [rawW, rawH] : [rawH, rawW];
    }
    function point(event) {
      var rect = img.getBoundingClientRect();
      return [Math.min(Math.max(event.clientX - rect.left, 0), rect.width),
              Math.min(Math.max(event.clientY - rect.top, 0), rect.height)];
    }
    function place(el, a, b) {
      el.style.left = Math.min(a[0], b[0]) + "px"; el.style.top = Math.min(a[1], b[1]) + "px";
      el.style.width = Math.abs(a[0] - b[0]) + "px"; el.style.height = Math.abs(a[1] - b[1]) + "px";
    }
    function lines() { return textarea.value.split("\n").filter(function (l) { return l.trim(); }); }
    function say(text) { if (status) { status.textContent = text; } }
    function redraw() {
      stage.querySelectorAll(".redact-box").forEach(function (b) { b.remove(); });
      var size = fullSize(), sx = img.clientWidth / size[0], sy = img.clientHeight / size[1];
      lines().forEach(function (line) {
        var n = line.split(",").map(function (v) { return Number(v.trim()); });
        if (n.length !== 4 || n.some(isNaN)) { return; }
        var box = document.createElement("div");
        box.className = "redact-box";
        place(box, [n[0] * sx, n[1] * sy], [n[2] * sx, n[3] * sy]);
        stage.appendChild(box);
      });
    }
    function add(a, b) {
      var size = fullSize(), sx = size[0] / img.clientWidth, sy = size[1] / img.clientHeight;
      var left = Math.floor(Math.min(a[0], b[0]) * sx), top = Math.floor(Math.min(a[1], b[1]) * sy);
      var right = Math.ceil(Math.max(a[0], b[0]) * sx), bottom = Math.ceil(Math.max(a[1], b[1]) * sy);
      if (right - left < 2 || bottom - top < 2) { return false; }
      var all = lines(); all.push([left, top, right, bottom].join(", "));
      textarea.value = all.join("\n");
      redraw();
      say(all.length + (all.length === 1 ? " area" : " areas") + " to black out.");
      return true;
    }
    stage.addEventListener("pointerdown", function (event) {
      if (event.button !== 0) { return; }
      event.preventDefault();
      start = point(event);
      live = document.createElement("div");
      live.className = "redact-box is-drawing";
      stage.appendChild(live);
      place(live, start, start);
      stage.setPointerCapture(event.pointerId);
    });
    stage.addEventListener("pointermove", function (event) {
      if (start && live) { place(live, start, point(event)); }
    });
    stage.addEventListener("pointerup", function (event) {
      if (!start) { return; }
      var end = point(event), moved = Math.abs(end[0] - start[0]) + Math.abs(end[1] - start[1]) > 6;
      if (live) { live.remove(); live = null; }
      if (moved) {
        add(start, end); pendingClick = null;
      } else if (pendingClick) {
        add(pendingClick, end); pendingClick = null;
      } else {
        pendingClick = end;
        say("Now click the opposite corner of the area.");
      }
      start = null;
    });
    panel.querySelector("[data-redact-undo]").addEventListener("click", function () {
      var all = lines(); all.pop(); textarea.value = all.join("\n"); redraw();
      say(all.length ? all.length + (all.length === 1 ? " area" : " areas") + " to black out." : "No areas yet.");
    });
    panel.querySelector("[data-redact-clear]").addEventListener("click", function () {
      textarea.value = ""; redraw(); say("No areas yet.");
    });
    textarea.addEventListener("input", redraw);
    window.addEventListener("resize", redraw);
    if (img.complete) { redraw(); } else { img.addEventListener("load", redraw); }
  });
})();
