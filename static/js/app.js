// Small progressive enhancements; every page works without this file.

// After a swap, move focus to the region that announces the result so that
// keyboard and screen-reader users land on the feedback.
document.addEventListener("htmx:afterSwap", (event) => {
  // An outerHTML swap replaces the target: find its successor by id.
  const old = event.detail.target;
  const target = (old.id && document.getElementById(old.id)) || old;
  const focusable = target.querySelector("[data-focus-after-swap]") ||
    (target.matches("[data-focus-after-swap]") ? target : null);
  if (focusable) {
    if (!focusable.hasAttribute("tabindex")) focusable.setAttribute("tabindex", "-1");
    focusable.focus();
  }
  restoreDrafts(document);
});

// The server autosaves drafts, but a lost connection would lose the last
// keystrokes: keep a local copy too, and offer it back if the page comes up
// empty. The local copy is dropped once the answer is submitted.
function draftKey(form) {
  return "ruptures-draft:" + form.dataset.draftKey;
}

function restoreDrafts(root) {
  root.querySelectorAll("form[data-draft-key]").forEach((form) => {
    const textarea = form.querySelector("textarea[name=text]");
    if (!textarea || textarea.dataset.draftWatched) return;
    textarea.dataset.draftWatched = "1";
    const saved = window.localStorage.getItem(draftKey(form));
    if (saved && !textarea.value.trim()) textarea.value = saved;
    textarea.addEventListener("input", () => {
      window.localStorage.setItem(draftKey(form), textarea.value);
    });
    form.addEventListener("submit", (event) => {
      if (!event.submitter || !event.submitter.hasAttribute("formaction")) {
        window.localStorage.removeItem(draftKey(form));
      }
    });
  });
}

document.addEventListener("DOMContentLoaded", () => restoreDrafts(document));
