// Saves the whole quiz form whenever an answer changes, so closing the browser loses nothing.
// Without JavaScript the "Save and come back later" button does the same.
(function () {
  "use strict";
  var form = document.querySelector("form.quiz-form");
  if (!form) return;
  var status = form.querySelector(".quiz-status");
  var timer = null;
  // The "N of M questions answered" beside Submit, kept up to date as answers change.
  var answered = document.getElementById("quiz-answered");
  var bar = document.getElementById("quiz-progress");
  function count() {
    if (!answered) return;
    var n = 0;
    form.querySelectorAll(".quiz-question").forEach(function (question) {
      var typed = [].some.call(question.querySelectorAll("select, input[type=text], textarea"), function (field) {
        return field.value.trim();
      });
      if (question.querySelector("input:checked") || typed) n++;
    });
    answered.textContent = n + " of " + answered.dataset.total;
    if (bar) bar.value = n;
  }
  function save() {
    timer = null;
    fetch(form.dataset.saveUrl, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) { return response.json(); })
      .then(function (result) { if (status) status.textContent = result.message; })
      .catch(function () { if (status) status.textContent = "Could not save just now; your answers are kept on this page."; });
  }
  function later() {
    count();
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 400);
  }
  form.addEventListener("change", later);
  form.addEventListener("input", later);
})();
