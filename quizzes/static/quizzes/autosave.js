// Saves the whole quiz form whenever an answer changes, so closing the browser loses nothing.
// Without JavaScript the "Save and come back later" button does the same.
(function () {
  "use strict";
  var form = document.querySelector("form.quiz-form");
  if (!form) return;
  var status = form.querySelector(".quiz-status");
  var timer = null;
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
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 400);
  }
  form.addEventListener("change", later);
  form.addEventListener("input", later);
})();
