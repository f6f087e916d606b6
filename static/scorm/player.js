/*
 * The SCORM player on the platform's page.
 *
 * The SCORM runtime itself runs in the runtime frame on the separate content
 * origin (static/scorm/runtime-frame.js). This page only persists: it hands
 * the frame the learner's starting values, and sends the commits the frame
 * hands back to the commit endpoint with the signed attempt token, which
 * never leaves this page. Messages are taken only from the runtime frame on
 * the content origin and sent only to it.
 *
 * Commits leave in order, one at a time; a commit is the SCO's whole state,
 * so a newer one waiting replaces an older one waiting. Leaving the page by
 * a link first lets the frame send its final commit and waits for it to be
 * stored; closing the tab sends what is left with sendBeacon.
 */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("scorm-player-config").textContent);
  var frame = document.getElementById("scorm-runtime");
  var is12 = config.version === "1.2";
  var sequence = config.sequence;
  var inflight = null;
  var waiting = null;
  var finished = false;       // the frame sent its final commit
  var latest = null;          // the newest state the frame reported (committed or not)
  var closeSent = false;      // that state already went as the suspending commit on closing
  var drainedCallbacks = [];
  var leftCallback = null;
  var started = false;
  // SCORM 2004 sequencing: the engine in the frame decides what is delivered and
  // which controls show; its state goes to the server with every commit.
  var sequenced = !is12 && !!config.sequencing;
  var sequencingState = config.sequencingState || "";
  var activityAttempt = null;  // the engine's attempt at this SCO's activity, which the CMI belongs to

  function body(cmi) {
    sequence += 1;
    var payload = { token: config.token, sequence: sequence, sco: config.sco, session: config.session, cmi: cmi };
    if (sequenced) {
      payload.sequencing = sequencingState;
      if (activityAttempt !== null) {
        payload.activity_attempt = activityAttempt;
      }
    }
    return JSON.stringify(payload);
  }

  function notifyDrained() {
    if (!inflight && !waiting) {
      var callbacks = drainedCallbacks;
      drainedCallbacks = [];
      callbacks.forEach(function (callback) { callback(); });
    }
  }

  function pump() {
    if (inflight || !waiting) {
      notifyDrained();
      return;
    }
    inflight = waiting;
    waiting = null;
    var sent = inflight;
    fetch(config.commitUrl, {
      method: "POST",
      credentials: "same-origin",
      // text/plain keeps it a simple request, like the sendBeacon one; keepalive
      // lets it finish when the page goes away (up to the browser's 64 KB).
      headers: { "Content-Type": "text/plain;charset=UTF-8" },
      body: sent,
      keepalive: sent.length < 60000
    }).then(function (response) {
      if (response.status >= 500 && !waiting) {
        waiting = sent;  // the server failed: try again with the next commit or in a moment
      }
    }, function () {
      if (!waiting) {
        waiting = sent;  // the network failed: keep it for the next try
      }
    }).then(function () {
      inflight = null;
      if (waiting === sent) {
        setTimeout(pump, 1000);
      } else {
        pump();
      }
    });
  }

  function queue(cmi) {
    waiting = body(cmi);
    pump();
  }

  function withSuspend(cmi) {
    // A learner who closes the tab mid-way keeps their place.
    if (is12) {
      if (!cmi.core.exit) {
        cmi.core.exit = "suspend";
      }
    } else if (!cmi.exit) {
      cmi.exit = "suspend";
    }
    return cmi;
  }

  function sendWhatIsLeft() {
    if (!finished && latest && !closeSent) {
      waiting = body(withSuspend(latest));
      closeSent = true;
    }
    if (waiting) {
      if (navigator.sendBeacon(config.commitUrl, new Blob([waiting], { type: "text/plain;charset=UTF-8" }))) {
        waiting = null;
      }
    }
  }

  function whenDrained(callback, timeoutMs) {
    var done = false;
    function once() {
      if (!done) {
        done = true;
        callback();
      }
    }
    drainedCallbacks.push(once);
    setTimeout(once, timeoutMs);
    notifyDrained();
  }

  function navigate(url) {
    window.location.assign(url);
  }

  function leaveThen(url) {
    // Let the frame send the SCO's final commit, wait until it is stored,
    // and only then load the next page (another SCO or anywhere else).
    if (!started) {
      navigate(url);
      return;
    }
    var gone = false;
    function go() {
      if (!gone) {
        gone = true;
        whenDrained(function () { navigate(url); }, 5000);
      }
    }
    leftCallback = go;
    frame.contentWindow.postMessage({ scorm: "leave" }, config.contentOrigin);
    setTimeout(go, 2000);  // a frame that does not answer keeps nobody waiting
  }

  function navRequestUrl(request) {
    // A SCORM 2004 SCO that asks for the next, previous or a chosen SCO on Terminate.
    var links = { continue: "a[rel=next]", previous: "a[rel=prev]" };
    if (links[request]) {
      var link = document.querySelector(links[request]);
      return link ? link.href : null;
    }
    var choice = /^\{target=([^}]+)\}(choice|jump)$/.exec(request || "");
    if (choice) {
      return "?sco=" + encodeURIComponent(choice[1]);
    }
    if (request === "exitAll" || request === "suspendAll") {
      return config.moduleUrl;
    }
    return null;
  }

  function scoUrl(identifier) {
    return "?sco=" + encodeURIComponent(identifier);
  }

  function showNavigation(message) {
    // What the rules allow now: a part that may be chosen is a link, one that
    // may not is plain text, a hidden one is not shown; Previous and Next show
    // when flow allows them and the content has not hidden them.
    var hidden = {};
    (Array.isArray(message.hidden) ? message.hidden : []).forEach(function (id) { hidden[id] = true; });
    var hideUi = Array.isArray(message.hideLmsUi) ? message.hideLmsUi : [];
    var choice = message.choice && typeof message.choice === "object" ? message.choice : {};
    document.querySelectorAll("[data-sco-item]").forEach(function (item) {
      var id = item.getAttribute("data-sco-item");
      item.hidden = !!hidden[id];
      var entry = item.querySelector("[data-sco-entry]");
      if (!entry || id === config.sco) {
        return;
      }
      var allowed = choice[id] === "true";
      if (allowed === (entry.tagName === "A")) {
        return;
      }
      var replacement = document.createElement(allowed ? "a" : "span");
      replacement.setAttribute("data-sco-entry", "");
      replacement.textContent = entry.textContent;
      if (allowed) {
        replacement.href = scoUrl(id);
        replacement.setAttribute("data-sco-choice", id);
      }
      entry.replaceWith(replacement);
    });
    var controls = { previous: message.previous, continue: message.continue };
    Object.keys(controls).forEach(function (request) {
      var button = document.querySelector("[data-sco-request='" + request + "']");
      if (button) {
        button.hidden = !controls[request] || hideUi.indexOf(request) >= 0;
      }
    });
  }

  function sequencingMoveOn(url, state) {
    // The engine moved on (another SCO, or the end of the session): its new
    // state goes with the SCO's last state, and then the page follows.
    if (typeof state === "string" && state) {
      sequencingState = state;
      if (latest) {
        queue(latest);
      }
    }
    whenDrained(function () { navigate(url); }, 5000);
  }

  function sequencingRequest(request, target) {
    var status = document.getElementById("scorm-navigation-status");
    if (status) {
      status.textContent = "";
    }
    frame.contentWindow.postMessage({ scorm: "navigate", request: request, target: target }, config.contentOrigin);
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== config.contentOrigin || event.source !== frame.contentWindow || !event.data) {
      return;
    }
    var message = event.data;
    if (message.scorm === "ready" && !started) {
      started = true;
      frame.contentWindow.postMessage({
        scorm: "start",
        resume: config.resume,
        sco: config.sco,
        sequencing: config.sequencing,
        sequencingState: sequencingState,
        globalObjectives: config.globalObjectives,
        resumeAttempt: config.resumeAttempt,
        fresh: config.fresh,
        suspendDataLimit: config.suspendDataLimit,
        autocommitSeconds: config.autocommitSeconds
      }, config.contentOrigin);
    } else if (message.scorm === "commit" && message.cmi && typeof message.cmi === "object") {
      if (sequenced && typeof message.sequencing === "string") {
        sequencingState = message.sequencing;
      }
      if (sequenced && Number.isInteger(message.activityAttempt) && message.activityAttempt >= 0) {
        activityAttempt = message.activityAttempt;
      }
      queue(message.cmi);
      latest = message.cmi;
      closeSent = false;
      if (message.final) {
        // The SCO ended its session: closing the tab now must not send it again as suspended,
        // which would contradict how it exited (the engine began a new attempt after a normal exit).
        finished = true;
      }
      if (message.final && !sequenced) {
        var next = navRequestUrl(message.nav);
        if (next) {
          whenDrained(function () { navigate(next); }, 5000);
        }
      }
    } else if (message.scorm === "snapshot" && message.cmi && typeof message.cmi === "object") {
      latest = message.cmi;
      closeSent = false;
    } else if (message.scorm === "left" && leftCallback) {
      leftCallback();
    } else if (sequenced && message.scorm === "navigation") {
      showNavigation(message);
    } else if (sequenced && message.scorm === "deliver" && typeof message.sco === "string") {
      sequencingMoveOn(scoUrl(message.sco), message.sequencing);
    } else if (sequenced && message.scorm === "ended") {
      sequencingMoveOn(config.moduleUrl, message.sequencing);
    } else if (sequenced && (message.scorm === "refused" || message.scorm === "idle")) {
      var status = document.getElementById("scorm-navigation-status");
      if (status) {
        status.textContent = message.scorm === "refused" ? "The package does not allow that now."
          : "This part has ended. Choose where to go next.";
      }
    }
  });

  document.addEventListener("click", function (event) {
    var control = sequenced && event.target.closest ? event.target.closest("[data-sco-request], [data-sco-choice]") : null;
    if (control && started) {
      // Asked of the engine, which answers by delivering a SCO (or refusing).
      event.preventDefault();
      var target = control.getAttribute("data-sco-choice");
      sequencingRequest(target ? "choice" : control.getAttribute("data-sco-request"), target || undefined);
      return;
    }
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
        event.shiftKey || event.altKey || (link.target && link.target !== "_self") || link.hasAttribute("download")) {
      return;
    }
    if (link.pathname === window.location.pathname && link.search === window.location.search && link.hash) {
      return;  // a link within this page (the skip link, say) leaves nothing
    }
    event.preventDefault();
    leaveThen(link.href);
  });

  window.addEventListener("pagehide", sendWhatIsLeft);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      sendWhatIsLeft();
    }
  });

  frame.src = config.runtimeUrl;
})();
