/*
 * The runtime frame, served on the separate content origin.
 *
 * It runs scorm-again's real runtime (Scorm12API or Scorm2004API) as
 * window.API or window.API_1484_11, where SCORM content finds it by walking
 * up its frames and calls it synchronously, so every call has the standard's
 * semantics and error codes. Only persistence crosses origins: commits are
 * handed to the platform's page (which alone holds the commit token and talks
 * to the server) by postMessage, and the learner's starting values come back
 * the same way. Messages go to the platform's origin only and are taken only
 * from the parent window on that origin.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var platformOrigin = script.getAttribute("data-platform-origin");
  var is12 = script.getAttribute("data-version") === "1.2";
  var scoFrame = document.getElementById("sco");
  var api = null;
  var startedAt = 0;
  var sessionTimeSet = false;
  var exitSet = false;
  var statusSetBySco = false;
  var snapshotQueued = false;
  // SCORM 2004 sequencing (a package whose manifest declares it): scorm-again's
  // engine decides which SCO is delivered; this frame reports its decisions.
  var sequenced = false;
  var launchSco = null;      // the SCO this page was opened on
  var launching = false;     // deciding what this page delivers
  var deliveredId = null;
  var movedOn = false;       // the engine delivered another SCO or ended the session
  var scoAttempt = null;     // the engine's attempt at the delivered SCO's activity
  var playerAsked = false;   // the player's own control ended the SCO (it reports a refusal itself)

  function toParent(message) {
    window.parent.postMessage(message, platformOrigin);
  }

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function elapsed() {
    // The session's time, for content that never reports its own.
    var seconds = Math.max(0, Math.round((Date.now() - startedAt) / 1000));
    if (!is12) {
      return "PT" + seconds + "S";
    }
    var hours = Math.min(9999, Math.floor(seconds / 3600));
    return (hours < 10 ? "000" : hours < 100 ? "00" : hours < 1000 ? "0" : "") + hours + ":" +
      pad(Math.floor((seconds % 3600) / 60)) + ":" + pad(seconds % 60);
  }

  function withSessionTime(cmi) {
    if (startedAt && !sessionTimeSet) {
      if (is12) {
        cmi.core.session_time = elapsed();
      } else {
        cmi.session_time = elapsed();
      }
    }
    return cmi;
  }

  function currentCmi() {
    return withSessionTime(api.renderCommitCMI(false).cmi);
  }

  // scorm-again calls this where it would otherwise send an HTTP request: the
  // platform's page queues it in order and answers the server for it.
  var platformService = {
    processHttpRequest: function (url, params, immediate) {
      var message = { scorm: "commit", cmi: withSessionTime(params.cmi || params), final: !!immediate };
      if (immediate && !is12 && api.adl && api.adl.nav) {
        message.nav = api.adl.nav.request;  // a 2004 SCO asking for the next SCO, say
        if (message.nav === "suspendAll" && message.cmi && !message.cmi.exit) {
          // suspendAll suspends the SCO's attempt with the rest: it resumes where it was
          // (cmi.entry resume), whatever its own cmi.exit said.
          message.cmi.exit = "suspend";
        }
      }
      if (sequenced) {
        message.sequencing = api.serializeSequencingState();
        message.activityAttempt = scoAttempt;
      }
      toParent(message);
      return { result: "true", errorCode: 0 };
    },
    updateSettings: function () {}
  };

  function snapshotSoon() {
    // The newest state, held by the platform's page so a tab closed between
    // commits still saves it; one per burst of calls.
    if (snapshotQueued) {
      return;
    }
    snapshotQueued = true;
    setTimeout(function () {
      snapshotQueued = false;
      if (api.isInitialized() && !api.isTerminated()) {
        toParent({ scorm: "snapshot", cmi: currentCmi() });
      }
    }, 0);
  }

  function hiddenFromChoice() {
    // The engine reports choice validity but not which activities its
    // pre-condition rules hide (shown nowhere) rather than disable (shown, not a
    // link), so the rules are asked here through its activity tree.
    var service = api.getSequencingService();
    var tree = service && service.sequencing && service.sequencing.activityTree;
    if (!tree) {
      return [];
    }
    return tree.getAllActivities().filter(function (activity) {
      return activity.isHiddenFromChoice || activity.isVisible === false ||
        activity.sequencingRules.preConditionRules.some(function (rule) {
          return rule.action === "hiddenFromChoice" && rule.evaluate(activity) === true;
        });
    }).map(function (activity) { return activity.id; });
  }

  function sequencingListeners() {
    return {
      onNavigationValidityUpdate: function (update) {
        toParent({
          scorm: "navigation",
          continue: !!update.continue,
          previous: !!update.previous,
          choice: update.choice || {},
          hidden: hiddenFromChoice(),
          hideLmsUi: update.hideLmsUi || []
        });
      },
      onActivityDelivery: function (activity) {
        deliveredId = activity.id;
        movedOn = !launching;
        if (launching) {
          return;  // start() loads it, or sends the page to it
        }
        // After this SCO's Terminate (or the player's own control): the final
        // commit goes first, then the page moves to the delivered SCO.
        setTimeout(function () {
          toParent({ scorm: "deliver", sco: activity.id, sequencing: api.serializeSequencingState() });
        }, 0);
      },
      onSequencingSessionEnd: function () {
        if (launching) {
          return;
        }
        movedOn = true;
        setTimeout(function () {
          toParent({ scorm: "ended", sequencing: api.serializeSequencingState() });
        }, 0);
      }
    };
  }

  function sequencingStart(options) {
    // What this page delivers: where the engine left (its state comes from the
    // server), the SCO asked for if the rules allow choosing it, or the start.
    var state = null;
    try {
      state = options.sequencingState ? JSON.parse(options.sequencingState).sequencing : null;
    } catch (error) {
      state = null;
    }
    var restored = !!state && api.deserializeSequencingState(options.sequencingState);
    if (options.globalObjectives && typeof options.globalObjectives === "object") {
      // The learner's global objectives as the server keeps them, written by this package or
      // any other mapping the same ones: fresher than the copy in this attempt's own state,
      // so they go in after it and before the rules decide what is delivered.
      api.restoreGlobalObjectiveSnapshot(options.globalObjectives);
    }
    launching = true;
    deliveredId = null;
    if (!restored) {
      api.processNavigationRequest("start");
    } else if (state.suspendedActivity) {
      api.processNavigationRequest("resumeAll");
    } else if (state.currentActivity === launchSco && state.contentDelivered) {
      deliveredId = launchSco;
      api.getSequencingService().overallSequencingProcess.updateNavigationValidity();
    } else if (!api.processNavigationRequest("choice", launchSco) || !deliveredId) {
      deliveredId = state.currentActivity || null;
      if (!deliveredId) {
        api.processNavigationRequest("start");
      }
    }
    launching = false;
    if (deliveredId === launchSco) {
      startAttempt(options);
      scoFrame.src = scoFrame.getAttribute("data-src");
    } else if (deliveredId) {
      toParent({ scorm: "deliver", sco: deliveredId, sequencing: "" });
    } else {
      toParent({ scorm: "ended", sequencing: "" });
    }
  }

  function startAttempt(options) {
    // The stored CMI belongs to one attempt at the SCO's activity. When the engine has
    // begun a newer one (a retried post-test after remediation, say), the SCO starts
    // afresh, as the standard says: entry ab-initio, no suspend data, statuses unknown.
    var tree = api.getSequencingService().sequencing.activityTree;
    var activity = tree && tree.getActivity(launchSco);
    scoAttempt = activity ? activity.attemptCount : null;
    if (options.resumeAttempt && scoAttempt > options.resumeAttempt && options.fresh) {
      api.reset(undefined, { preserveListeners: true, resetTotalTime: true });
      api.loadFromFlattenedJSON(options.fresh, "");
    }
  }

  function navigate(request, target) {
    // The player's own controls: asked of the engine exactly as a SCO's
    // adl.nav.request is, so the same rules decide.
    var value = target ? "{target=" + target + "}" + request : request;
    movedOn = false;
    playerAsked = true;
    if (api.isInitialized() && !api.isTerminated()) {
      // Choosing another part from the contents keeps this one's place, as leaving the
      // page does. Next and Previous follow the package's flow and leave the SCO as the
      // content itself would: a suspended activity is never exited, so a suspend here
      // would stop the post-condition rules (exitParent, retry) that remediation relies on.
      if (!exitSet && request === "choice") {
        api.SetValue("cmi.exit", "suspend");
      }
      if (api.SetValue("adl.nav.request", value) === "true" && api.Terminate("") === "true") {
        if (!movedOn) {
          toParent({ scorm: "refused", request: request });
        }
        return;
      }
    }
    if (!api.isInitialized() || api.isTerminated()) {
      if (!api.processNavigationRequest(request, target)) {
        toParent({ scorm: "refused", request: request });
      }
    }
  }

  function start(options) {
    var settings = {
      lmsCommitUrl: "platform",  // any string: commits go through platformService
      httpService: platformService,
      autocommit: true,
      autocommitSeconds: options.autocommitSeconds,
      logLevel: 5
    };
    sequenced = !is12 && !!options.sequencing;
    launchSco = options.sco;
    if (sequenced) {
      settings.sequencing = Object.assign({}, options.sequencing, { eventListeners: sequencingListeners() });
    }
    api = is12 ? new window.Scorm12API(settings) : new window.Scorm2004API(settings);
    api.loadFromFlattenedJSON(options.resume, "");
    var limit = options.suspendDataLimit;
    var setName = is12 ? "LMSSetValue" : "SetValue";
    var setValue = api[setName].bind(api);
    api[setName] = function (element, value) {
      if (element === "cmi.suspend_data" && String(value).length > limit && api.isInitialized() &&
          !api.isTerminated()) {
        // 1.2: 405 Incorrect Data Type; 2004: 406 Data Model Element Type Mismatch.
        api.throwSCORMError(element, is12 ? 405 : 406, "cmi.suspend_data is longer than " + limit + " characters");
        return "false";
      }
      var result = setValue(element, value);
      if (result === "true") {
        if (element === "cmi.core.lesson_status") {
          statusSetBySco = true;
        } else if (element === "cmi.core.session_time" || element === "cmi.session_time") {
          sessionTimeSet = true;
        } else if (element === "cmi.core.exit" || element === "cmi.exit") {
          exitSet = true;
        }
        snapshotSoon();
      }
      return result;
    };
    if (is12) {
      var storeData = api.storeData.bind(api);
      // Whether the SCO set lesson_status, in this session or an earlier one
      // (scorm-again's own flag also counts the status it sets itself).
      statusSetBySco = Object.prototype.hasOwnProperty.call(options.resume, "cmi.core.lesson_status");
      api.storeData = function (terminate, trigger) {
        // SCORM 1.2 LMSFinish when the SCO never set lesson_status: passed or
        // failed against the mastery score when it set a raw score, else
        // completed (as Moodle and SCORM Engine do).
        var core = api.cmi.core;
        if (terminate && !statusSetBySco && core.lesson_mode === "normal") {
          var raw = parseFloat(core.score.raw);
          var mastery = parseFloat(api.cmi.student_data.mastery_score);
          if (!isNaN(raw) && !isNaN(mastery)) {
            core.lesson_status = raw >= mastery ? "passed" : "failed";
          } else {
            core.lesson_status = "completed";
          }
        }
        return storeData(terminate, trigger);
      };
    }
    api.on(is12 ? "LMSInitialize" : "Initialize", function () {
      startedAt = Date.now();
    });
    if (is12) {
      window.API = api;
    } else {
      window.API_1484_11 = api;
    }
    if (sequenced) {
      api.on("Terminate", function () {
        // The listener runs before the engine acts on the SCO's request: afterwards, a SCO that
        // ended without the engine delivering anything (a plain exit, a request the rules
        // refuse) leaves the learner to choose, and the page says so.
        setTimeout(function () {
          if (!movedOn && !playerAsked) {
            toParent({ scorm: "idle" });
          }
        }, 0);
      });
      sequencingStart(options);
    } else {
      scoFrame.src = scoFrame.getAttribute("data-src");
    }
  }

  function leave() {
    // The learner is leaving (another SCO, another page): an unfinished
    // session is committed as suspended, so they resume where they were.
    if (api && api.isInitialized() && !api.isTerminated()) {
      var cmi = currentCmi();
      if (!exitSet) {
        if (is12) {
          cmi.core.exit = "suspend";
        } else {
          cmi.exit = "suspend";
        }
      }
      var message = { scorm: "commit", cmi: cmi, final: true };
      if (sequenced) {
        message.sequencing = api.serializeSequencingState();
        message.activityAttempt = scoAttempt;
      }
      toParent(message);
    }
    toParent({ scorm: "left" });
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== platformOrigin || event.source !== window.parent || !event.data) {
      return;
    }
    if (event.data.scorm === "start" && !api) {
      start(event.data);
    } else if (event.data.scorm === "leave") {
      leave();
    } else if (event.data.scorm === "navigate" && sequenced && typeof event.data.request === "string") {
      navigate(event.data.request, typeof event.data.target === "string" ? event.data.target : undefined);
    }
  });
  toParent({ scorm: "ready" });
})();
