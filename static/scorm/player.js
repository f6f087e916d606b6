/*
 * The SCORM player on the platform's page.
 *
 * The real runtime (scorm-again's Scorm12API or Scorm2004API) lives here, on
 * the platform's origin, with the learner's starting values handed back by
 * the server. The package runs in a frame on the separate content origin,
 * where scorm-again's CrossFrameAPI stands in as the API the content looks
 * for; CrossFrameLMS answers its messages here, and only messages from the
 * content origin. Commits go to the commit endpoint with the signed attempt
 * token, which never leaves this page.
 */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("scorm-player-config").textContent);
  var frame = document.getElementById("scorm-runtime");
  var is12 = config.version === "1.2";
  var sequence = config.sequence;

  function wrap(commitObject) {
    // The endpoint stores one SCO's CMI per commit; the sequence lets it
    // ignore a stale or repeated commit (a late beacon, say).
    sequence += 1;
    return {
      token: config.token,
      sequence: sequence,
      sco: config.sco,
      session: config.session,
      cmi: commitObject.cmi || commitObject
    };
  }

  var RuntimeApi = is12 ? window.Scorm12API : window.Scorm2004API;
  var api = new RuntimeApi({
    lmsCommitUrl: config.commitUrl,
    autocommit: true,
    autocommitSeconds: config.autocommitSeconds,
    // text/plain keeps every commit a "simple" request, the same as the
    // sendBeacon one when the page goes away.
    commitRequestDataType: "text/plain;charset=UTF-8",
    terminationCommitContentType: "text/plain;charset=UTF-8",
    requestHandler: wrap,
    logLevel: 4
  });
  api.loadFromFlattenedJSON(config.resume, "");
  // scorm-again's default limit (100 messages a second) drops calls silently:
  // a package recording a quiz's answers sends hundreds at once (each SetValue
  // is two messages), and the dropped values would be lost. The content can
  // only flood its own tab and its own attempt, so the limit is only a
  // backstop against a runaway loop.
  new window.CrossFrameLMS(api, config.contentOrigin, { rateLimit: 10000 });

  // The exit element is write-only (reading it throws), so note whether the
  // content set it.
  var exitSet = false;
  api.on(is12 ? "LMSSetValue.cmi.core.exit" : "SetValue.cmi.exit", function () {
    exitSet = true;
  });

  var finished = false;
  function commitOnLeaving() {
    // A learner who closes the tab or switches away mid-way keeps their place:
    // the content's own exit handler often cannot reach us in time, so an
    // unfinished session is recorded as suspended, and sent with sendBeacon.
    if (finished || !api.isInitialized() || api.isTerminated()) {
      return;
    }
    if (!exitSet) {
      if (is12) {
        api.cmi.core.exit = "suspend";
      } else {
        api.cmi.exit = "suspend";
      }
    }
    api.storeData(true, "terminate");
  }
  window.addEventListener("pagehide", function () {
    commitOnLeaving();
    finished = true;
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      commitOnLeaving();
    }
  });

  frame.src = config.runtimeUrl;
})();
