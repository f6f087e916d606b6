// Saves a statement's answers as the member goes. Without this script the
// form still works: the buttons post it and the page comes back.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData) { return; }
  var status = document.getElementById("autosave-status");
  var version = form.querySelector("input[name=version]");
  var timer = null;
  var saving = false;
  var again = false;
  var submitter = null;  // the button pressed while a save was still on its way

  function say(text) { if (status) { status.textContent = text; } }

  function save() {
    if (saving) { again = true; return; }
    saving = true;
    say("Saving…");
    fetch(form.getAttribute("data-autosave"), {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Autosave": "1" }
    }).then(function (response) {
      if (response.status === 409) {
        // Someone else saved first: post the form the ordinary way, so the
        // page shows both versions and lets the member choose.
        say("Someone else has saved this statement. Showing both versions…");
        HTMLFormElement.prototype.submit.call(form);
        return null;
      }
      return response.json().then(function (data) {
        if (response.ok) {
          version.value = data.version;
          say("Saved at " + new Date(data.saved_at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) + ".");
        } else {
          say("Not saved yet: press Save to see what needs changing.");
        }
      });
    }).catch(function () {
      say("Not saved: check your connection, then press Save.");
    }).then(function () {
      saving = false;
      if (submitter) {
        // Post the form the member asked for, now carrying the version just saved.
        var button = submitter;
        submitter = null;
        form.requestSubmit(button);
      } else if (again) { again = false; save(); }
    });
  }

  form.addEventListener("change", function () { window.clearTimeout(timer); save(); });
  form.addEventListener("submit", function (event) {
    window.clearTimeout(timer);
    if (saving) {
      event.preventDefault();
      submitter = event.submitter || form.querySelector("button[type=submit]");
    }
  });
  form.addEventListener("input", function (event) {
    if (event.target.tagName === "TEXTAREA") {
      window.clearTimeout(timer);
      timer = window.setTimeout(save, 1500);
    }
  });
})();
