/*
 * The runtime frame, served on the separate content origin.
 *
 * It puts scorm-again's CrossFrameAPI where SCORM content looks for its API
 * (window.API for 1.2, window.API_1484_11 for 2004, found by walking up the
 * frames), talking only to the platform's origin, then loads the SCO. Content
 * asks for values synchronously, so the API's cache is filled with the
 * learner's starting values before the SCO is loaded: that is what makes
 * resume (location, suspend data) visible on the SCO's first GetValue.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var platformOrigin = script.getAttribute("data-platform-origin");
  var version = script.getAttribute("data-version");
  var sco = document.getElementById("sco");

  var api = new window.CrossFrameAPI(platformOrigin, window.parent);
  if (version === "1.2") {
    window.API = api;
  } else {
    window.API_1484_11 = api;
  }

  var loaded = false;
  function loadSco() {
    if (!loaded) {
      loaded = true;
      sco.src = sco.getAttribute("data-src");
    }
  }
  api._post("getFlattenedCMI", []).then(function (values) {
    Object.keys(values || {}).forEach(function (key) {
      api._cache.set(key, String(values[key]));
    });
    loadSco();
  }, loadSco);
})();
