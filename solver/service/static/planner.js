// The planner page's only script: a click on a cell ticks the same checkbox the page
// offers without scripts (block a slot, block a day, pin a session; "missed" is a box of
// its own), marks the cell, and a job page follows its job's server-sent events. No
// inline script (CSP: script-src 'self').
"use strict";

function mark(box) {
  var holder = box.closest(".session") || box.closest("td.slot") || box.closest("th.day");
  if (!holder) { return; }
  var kind = box.classList.contains("pin") ? "to-pin"
    : box.classList.contains("missed") ? "to-miss" : "to-block";
  holder.classList.toggle(kind, box.checked);
  if (box.classList.contains("block-day")) {
    var day = holder.getAttribute("data-day");
    document.querySelectorAll('td.slot[data-day="' + day + '"]').forEach(function (td) {
      td.classList.toggle("day-blocked", box.checked);
    });
  }
  count();
}

function count() {
  var form = document.getElementById("replan");
  if (!form) { return; }
  var blocks = form.querySelectorAll("input.block:checked, input.block-day:checked").length;
  var pins = form.querySelectorAll("input.pin:checked").length;
  var missed = form.querySelectorAll("input.missed:checked").length;
  var out = document.getElementById("selection");
  if (out) {
    out.textContent = blocks || pins || missed
      ? missed + " missed, " + blocks + " to block, " + pins + " to pin" : "";
  }
}

function onGridClick(event) {
  if (event.target.closest("input, label, a, button")) { return; }  // the box itself
  var session = event.target.closest(".session");
  var box = null;
  if (session) {
    box = session.querySelector("input.pin");
  } else {
    var cell = event.target.closest("td.slot");
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
  var grid = document.getElementById("grid");
  if (grid) {
    grid.addEventListener("click", onGridClick);
    grid.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.addEventListener("change", function () { mark(box); });
    });
  }
  var job = document.getElementById("job");
  if (job && window.EventSource) { followJob(job); }
});
