// The planner page's only script: a click on a cell ticks the same checkbox the page
// offers without scripts (block a slot, block a day, pin a session; "done" and "missed"
// are boxes of their own), in the week's grid or the phone's day list, marks the cell,
// and a job page follows its job's server-sent events. No inline script (CSP:
// script-src 'self').
"use strict";

var KINDS = { pin: "to-pin", missed: "to-miss", done: "to-done" };

function mark(box) {
  var holder = box.closest(".session") || box.closest("td.slot, .slot-row") ||
    box.closest("th.day, h3.day-head");
  if (!holder) { return; }
  var kind = "to-block";
  Object.keys(KINDS).forEach(function (name) {
    if (box.classList.contains(name)) { kind = KINDS[name]; }
  });
  holder.classList.toggle(kind, box.checked);
  if (box.classList.contains("block-day")) {
    var day = holder.getAttribute("data-day");
    var cells = 'td.slot[data-day="' + day + '"], .slot-row[data-day="' + day + '"]';
    document.querySelectorAll(cells).forEach(function (cell) {
      cell.classList.toggle("day-blocked", box.checked);
    });
  }
  count();
}

function count() {
  var form = document.getElementById("replan");
  if (!form) { return; }
  var parts = [
    [form.querySelectorAll("input.done:checked").length, " done"],
    [form.querySelectorAll("input.missed:checked").length, " missed"],
    [Array.prototype.filter.call(form.querySelectorAll("select.moved"),
      function (s) { return s.value !== ""; }).length, " moved"],
    [form.querySelectorAll("input.block:checked, input.block-day:checked").length, " to block"],
    [form.querySelectorAll("input.pin:checked").length, " to pin"],
  ].filter(function (p) { return p[0] > 0; }).map(function (p) { return p[0] + p[1]; });
  var out = document.getElementById("selection");
  if (out) { out.textContent = parts.join(", "); }
}

function onGridClick(event) {
  if (event.target.closest("input, label, a, button, select")) { return; }  // the box itself
  var session = event.target.closest(".session");
  var box = null;
  if (session) {
    box = session.querySelector("input.pin");
  } else {
    var cell = event.target.closest("td.slot, .slot-row");
    if (cell) { box = cell.querySelector("input.block"); }
  }
  if (box) {
    box.checked = !box.checked;
    mark(box);
  }
}

function followJob(el) {
  var status = document.getElementById("job-status");
  var source = new EventSource(el.getAttribute("data-events"));
  source.addEventListener("status", function (event) {
    var job = JSON.parse(event.data);
    if (status) { status.textContent = job.status; }
    if (job.status === "done" && job.plan_id) {
      source.close();
      window.location = "/plans/" + encodeURIComponent(job.plan_id) + "?week=" +
        encodeURIComponent(el.getAttribute("data-week") || "1");
    } else if (job.status === "failed" || job.status === "cancelled") {
      source.close();
      window.location.reload();
    }
  });
}

document.addEventListener("DOMContentLoaded", function () {
  ["grid", "daylist"].forEach(function (id) {
    var week = document.getElementById(id);
    if (!week) { return; }
    week.addEventListener("click", onGridClick);
    week.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.addEventListener("change", function () { mark(box); });
    });
    week.querySelectorAll("select.moved").forEach(function (select) {
      select.addEventListener("change", count);
    });
  });
  var job = document.getElementById("job");
  if (job && window.EventSource) { followJob(job); }
});
