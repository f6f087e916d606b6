// Starts GOV.UK Frontend's components (the service navigation's menu button, the
// error summary's focus, ...). The class tells the design system's CSS that its
// JavaScript runs, as its page template would with an inline script, which our
// Content-Security-Policy does not allow.
document.body.classList.add("js-enabled", "govuk-frontend-supported");
window.GOVUKFrontend.initAll();
