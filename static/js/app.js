// Small progressive enhancements; every page works without this file.
document.addEventListener("htmx:afterSwap", (event) => {
  // After a swap, move focus to the region that announces the result so that
  // keyboard and screen-reader users land on the feedback.
  const target = event.detail.target;
  const focusable = target.querySelector("[data-focus-after-swap]") ||
    (target.matches("[data-focus-after-swap]") ? target : null);
  if (focusable) {
    if (!focusable.hasAttribute("tabindex")) focusable.setAttribute("tabindex", "-1");
    focusable.focus();
  }
});
