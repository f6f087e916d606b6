/* A SCORM 1.2 lesson written for the i-HOP demo: three moments with a child, each
 * with one best answer and feedback. It reports each answer as an interaction,
 * the score, and "passed" or "failed" against the manifest's mastery score. */
(function () {
  "use strict";

  var SCENARIOS = [
    {
      title: "The morning after an arrest",
      text: "Mia, six, saw police take her dad last night. She asks you: \u201cDid I make the police come?\u201d",
      choices: [
        { text: "\u201cNo, it is not your fault. Grown-ups are sorting it out. Do you want to tell me what happened?\u201d", right: true,
          feedback: "Right: honest, free of blame, and it leaves room to talk." },
        { text: "\u201cLet\u2019s not talk about that at school.\u201d", right: false,
          feedback: "That teaches her to keep a secret alone, which can harm a child over time." },
        { text: "\u201cYour dad will be home soon.\u201d", right: false,
          feedback: "You cannot know that; stay with what is true." }
      ]
    },
    {
      title: "The Monday after a visit",
      text: "Amira, eight, is tearful every Monday after visiting her mum in prison.",
      choices: [
        { text: "Offer a quiet check-in with a trusted adult first thing.", right: true,
          feedback: "Right: goodbyes are often the hardest part; a calm start lets her talk if she wants to." },
        { text: "Suggest the family visit less often.", right: false,
          feedback: "Contact is her right where it is in her interests; support her around visits instead." },
        { text: "Treat it as a behaviour problem.", right: false,
          feedback: "Her distress is a normal reaction to separation." }
      ]
    },
    {
      title: "A secret",
      text: "A child says: \u201cI\u2019ll tell you about my dad, but promise not to tell anyone.\u201d",
      choices: [
        { text: "\u201cI\u2019ll keep it private unless I\u2019m worried you\u2019re not safe, and I\u2019d tell you first.\u201d", right: true,
          feedback: "Right: honest about the limits, and it keeps the child\u2019s trust." },
        { text: "\u201cI promise.\u201d", right: false,
          feedback: "You may not be able to keep that promise." },
        { text: "\u201cThen don\u2019t tell me.\u201d", right: false,
          feedback: "That shuts the child out; explain the limits and listen." }
      ]
    }
  ];

  function findApi(win) {
    for (var hops = 0; win && hops < 10; hops += 1) {
      if (win.API) { return win.API; }
      if (win.parent === win) { break; }
      win = win.parent;
    }
    return null;
  }

  var api = findApi(window);
  var current = 0;
  var rightCount = 0;

  function lms(method) {
    if (!api) { return ""; }
    return api[method].apply(api, Array.prototype.slice.call(arguments, 1));
  }

  function el(id) { return document.getElementById(id); }

  function show(index) {
    var scenario = SCENARIOS[index];
    el("progress").textContent = "Moment " + (index + 1) + " of " + SCENARIOS.length;
    el("scenario-title").textContent = scenario.title;
    el("scenario-text").textContent = scenario.text;
    var choices = el("choices");
    choices.textContent = "";
    scenario.choices.forEach(function (choice, position) {
      var label = document.createElement("label");
      var input = document.createElement("input");
      input.type = "radio";
      input.name = "choice";
      input.value = String(position);
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + choice.text));
      choices.appendChild(label);
    });
    el("feedback").textContent = "";
    el("answer").hidden = false;
    el("next").hidden = true;
    lms("LMSSetValue", "cmi.core.lesson_location", String(index));
    lms("LMSCommit", "");
  }

  function answer() {
    var picked = document.querySelector("input[name=choice]:checked");
    if (!picked) {
      el("feedback").textContent = "Choose one answer first.";
      return;
    }
    var choice = SCENARIOS[current].choices[Number(picked.value)];
    if (choice.right) { rightCount += 1; }
    var n = "cmi.interactions." + current + ".";
    lms("LMSSetValue", n + "id", "moment-" + (current + 1));
    lms("LMSSetValue", n + "type", "choice");
    lms("LMSSetValue", n + "student_response", picked.value);
    lms("LMSSetValue", n + "result", choice.right ? "correct" : "wrong");
    el("feedback").textContent = choice.feedback;
    el("answer").hidden = true;
    el("next").hidden = false;
    el("next").textContent = current + 1 < SCENARIOS.length ? "Next moment" : "See my result";
    el("next").focus();
  }

  function next() {
    current += 1;
    if (current < SCENARIOS.length) {
      show(current);
      return;
    }
    var score = Math.round((100 * rightCount) / SCENARIOS.length);
    var mastery = Number(lms("LMSGetValue", "cmi.student_data.mastery_score")) || 67;
    var passed = score >= mastery;
    lms("LMSSetValue", "cmi.core.score.min", "0");
    lms("LMSSetValue", "cmi.core.score.max", "100");
    lms("LMSSetValue", "cmi.core.score.raw", String(score));
    lms("LMSSetValue", "cmi.core.lesson_status", passed ? "passed" : "failed");
    lms("LMSSetValue", "cmi.core.exit", "");
    lms("LMSCommit", "");
    lms("LMSFinish", "");
    el("scenario").hidden = true;
    el("result").hidden = false;
    el("result-text").textContent =
      "You chose the best answer " + rightCount + " times out of " + SCENARIOS.length + " (" + score + "%). " +
      (passed ? "Well done." : "Read the feedback again and try once more.");
  }

  el("answer").addEventListener("click", answer);
  el("next").addEventListener("click", next);
  lms("LMSInitialize", "");
  show(0);
})();
