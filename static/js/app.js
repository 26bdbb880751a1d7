// Small progressive enhancements; every page works without this file.
//
// 1. Focus: after a swap, on the region that announces the result; on a step
//    page, in the answer box. Ctrl/Cmd+Enter submits the answer.
// 2. Nothing typed is lost: the answer box keeps a copy of its words in this
//    browser until the server confirms the answer is stored, and puts it back
//    (or offers it) after a reload. The draft status never says "saved" for
//    words the server does not have.
// 3. A request that fails (offline, timeout, 4xx, 5xx, signed out) is reported
//    in place, in words, with how to retry; nothing is swapped away.
"use strict";

// --- 1. Focus and keys --------------------------------------------------------------

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
  enhance(document);
});

function submitButton(form) {
  return form.querySelector("button[type=submit]:not([formaction])");
}

function watchKeys(form, textarea) {
  const hint = form.querySelector("#answer-keys");
  if (hint) {
    hint.hidden = false;
    textarea.setAttribute("aria-describedby",
      [textarea.getAttribute("aria-describedby"), hint.id].filter(Boolean).join(" "));
  }
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit(submitButton(form));
    }
  });
}

// --- 2. The browser's copy of the answer -----------------------------------------------

const DRAFT_PREFIX = "ruptures-draft:";
const OFFLINE_STATUS = "Not saved: you are offline. Your words are kept in this browser " +
  "and will be saved when the connection is back.";

function draftKey(form) {
  return DRAFT_PREFIX + form.dataset.draftKey;
}

function readLocal(form) {
  const raw = window.localStorage.getItem(draftKey(form));
  if (raw === null) return null;
  try {
    const saved = JSON.parse(raw);
    if (saved && typeof saved.text === "string") return saved;
  } catch (error) {
    // An older copy: the bare text.
  }
  return { text: raw, at: null };
}

function writeLocal(form, text) {
  try {
    window.localStorage.setItem(draftKey(form), JSON.stringify({ text: text, at: Date.now() }));
  } catch (error) {
    // Storage full or refused: the server autosave still runs.
  }
}

function setDraftStatus(form, text) {
  const status = form.querySelector("#draft_status");
  if (status && status.textContent !== text) status.textContent = text;
}

function saveToServer(textarea) {
  if (window.htmx) window.htmx.trigger(textarea, "draft-retry");
}

function timeOf(saved) {
  if (!saved.at) return "";
  const when = new Date(saved.at);
  return " at " + when.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

function offerLocal(form, textarea, saved) {
  const offer = document.createElement("p");
  offer.className = "restore-offer";
  offer.setAttribute("role", "status");
  offer.textContent = "This browser kept other words for this answer" + timeOf(saved) +
    ", not saved on the server. ";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "secondary";
  button.textContent = "Put those words in the box";
  button.addEventListener("click", () => {
    textarea.value = saved.text;
    offer.remove();
    textarea.focus();
    setDraftStatus(form, "Saving the words from this browser…");
    saveToServer(textarea);
  });
  offer.append(button);
  textarea.before(offer);
}

// Put the browser's copy back when the server's box lacks it: silently when the
// box holds nothing of the trainee's or their last answer, with one click when
// it holds a server draft that differs (the trainee chooses which is theirs).
function restoreLocal(form, textarea) {
  const saved = readLocal(form);
  if (!saved || saved.text === textarea.value || !saved.text.trim()) return;
  // The server sent the words back with a reason: the box shows them as it can keep them.
  if (form.dataset.prefill === "refused") return;
  if (form.dataset.prefill === "draft" && textarea.value.trim()) {
    offerLocal(form, textarea, saved);
    return;
  }
  textarea.value = saved.text;
  setDraftStatus(form, "Your unsent words from this browser are back in the box; saving them…");
  saveToServer(textarea);
}

function watchDraft(form, textarea) {
  if (form.hasAttribute("data-submitted")) {
    // The server stored the answer: the browser's copy has done its job.
    window.localStorage.removeItem(draftKey(form));
  } else {
    restoreLocal(form, textarea);
  }
  textarea.addEventListener("input", () => {
    writeLocal(form, textarea.value);
    setDraftStatus(form, navigator.onLine ? "Not saved yet…" : OFFLINE_STATUS);
  });
}

window.addEventListener("online", () => {
  document.querySelectorAll("form[data-draft-key] textarea[name=text]").forEach((textarea) => {
    const form = textarea.form;
    const saved = readLocal(form);
    if (saved && saved.text === textarea.value) saveToServer(textarea);
  });
});

window.addEventListener("offline", () => {
  document.querySelectorAll("form[data-draft-key]").forEach((form) => {
    if (readLocal(form)) setDraftStatus(form, OFFLINE_STATUS);
  });
});

function enhance(root) {
  root.querySelectorAll("form[data-draft-key]").forEach((form) => {
    const textarea = form.querySelector("textarea[name=text]");
    if (!textarea || textarea.dataset.watched) return;
    textarea.dataset.watched = "1";
    watchDraft(form, textarea);
    watchKeys(form, textarea);
  });
}

document.addEventListener("DOMContentLoaded", () => {
  enhance(document);
  // The work comes first: on a step page the cursor waits in the answer box,
  // at the end of its text, unless the address names a place to land on.
  const textarea = document.querySelector("form[data-draft-key] textarea[name=text]");
  if (textarea && !window.location.hash) {
    textarea.focus({ preventScroll: true });
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
  }
});

// --- 3. Failed requests, reported in place ----------------------------------------------

function reasonFor(problem) {
  if (problem === "offline") {
    return ["you seem to be offline", "once you are back online, press “%s” again"];
  }
  if (problem === "unreachable") {
    return ["the server could not be reached", "check your connection, then press “%s” again"];
  }
  if (problem === "timeout") return ["the server did not answer in time", "press “%s” again"];
  if (problem === "signed-out") {
    return ["you have been signed out",
      "sign in again in another tab, then come back and press “%s” again"];
  }
  const code = "(error " + problem + ")";
  if (problem === 503 || problem === 429) {
    return ["the server is busy for a moment " + code, "wait a minute, then press “%s” again"];
  }
  if (problem >= 500) return ["the server had a problem " + code, "press “%s” again in a moment"];
  if (problem === 413) return ["it is too large to send " + code, "shorten it, then press “%s” again"];
  if (problem === 403) {
    return ["the server refused it " + code + "; you may have been signed out",
      "reload the page, then press “%s” again"];
  }
  if (problem === 404) {
    return ["this page no longer exists " + code, "copy your words somewhere safe and reload the page"];
  }
  return ["the server refused it " + code, "reload the page, then press “%s” again"];
}

function draftProblem(problem) {
  if (problem === "offline") return OFFLINE_STATUS;
  if (problem === "unreachable") {
    return "Not saved: the server could not be reached. Your words are kept in this browser " +
      "and will be saved when it answers again.";
  }
  const [why] = reasonFor(problem);
  return "Not saved: " + why + ". Your words are kept in this browser; keep typing and " +
    "saving starts again.";
}

// A failed autosave tries again on its own a little later (and at once when the
// browser says it is back online), so the words reach the server without a keystroke.
const DRAFT_RETRY_MS = 15000;

function retryDraftLater(form) {
  if (form.dataset.retryPending) return;
  form.dataset.retryPending = "1";
  window.setTimeout(() => {
    delete form.dataset.retryPending;
    const textarea = form.querySelector("textarea[name=text]");
    if (textarea && document.body.contains(textarea) && navigator.onLine) saveToServer(textarea);
  }, DRAFT_RETRY_MS);
}

function errorBox(form) {
  let box = form.querySelector("[data-request-error]");
  if (!box) {
    box = document.createElement("p");
    box.className = "request-error";
    box.setAttribute("role", "alert");
    box.dataset.requestError = "";
    form.append(box);
  }
  return box;
}

// The server's own words for a failure, when it sent some: during a database
// outage a 503 carries a fragment saying that nothing sent was stored.
function serverSays(xhr) {
  if (!xhr || xhr.status !== 503) return null;
  const said = new DOMParser().parseFromString(xhr.responseText || "", "text/html")
    .querySelector("[data-not-saved]");
  return said ? said.textContent.trim() : null;
}

function report(event, problem) {
  // The element that sent the request (in beforeSwap, detail.elt is the target).
  const config = event.detail.requestConfig;
  const elt = (config && config.elt) || event.detail.elt;
  const target = event.detail.target;
  const form = elt.closest("form") || elt.form;
  if (target && target.id === "draft_status" && form) {
    setDraftStatus(form, draftProblem(problem));
    // A refusal (4xx) will not change by itself; everything else may pass.
    const refused = typeof problem === "number" && problem < 500 && problem !== 429;
    if (!refused) retryDraftLater(form);
    return;
  }
  if (!form) return;
  const [why, retry] = reasonFor(problem);
  const button = submitButton(form);
  const label = button ? button.textContent.trim() : "the button";
  const kept = form.querySelector("textarea") ? " Your words are still in the box." : "";
  const what = form.dataset.unsent || "This was not sent";
  const said = serverSays(event.detail.xhr);
  errorBox(form).textContent = (said || what + ": " + why + ".") + kept + " To retry, " +
    retry.replace("%s", label) + ".";
}

document.addEventListener("htmx:beforeRequest", (event) => {
  const form = event.detail.elt.closest("form");
  const box = form && form.querySelector("[data-request-error]");
  if (box && !(event.detail.target && event.detail.target.id === "draft_status")) box.remove();
});

document.addEventListener("htmx:sendError", (event) => {
  report(event, navigator.onLine ? "unreachable" : "offline");
});
document.addEventListener("htmx:timeout", (event) => report(event, "timeout"));
document.addEventListener("htmx:responseError", (event) => {
  report(event, event.detail.xhr.status);
});

document.addEventListener("htmx:beforeSwap", (event) => {
  // A session that ended answers with the login page (a redirect the browser
  // follows unseen): never swap that page into the form the words are in.
  const url = event.detail.xhr.responseURL || "";
  if (url.includes("/accounts/login/") && !window.location.pathname.includes("/accounts/login/")) {
    event.detail.shouldSwap = false;
    report(event, "signed-out");
    return;
  }
  // "Draft saved" speaks of the words that were sent: if more were typed
  // meanwhile, the status keeps saying they are not saved yet.
  const config = event.detail.requestConfig;
  if (event.detail.target.id === "draft_status" && config && config.formData) {
    const textarea = config.elt.closest("form")?.querySelector("textarea[name=text]");
    if (textarea && config.formData.get("text") !== textarea.value) {
      event.detail.shouldSwap = false;
    }
  }
});
