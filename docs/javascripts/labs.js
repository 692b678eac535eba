// Fold the labs' solution cells (tagged "solution" in the notebook) behind a "Solution" toggle.
function foldSolutions() {
  document.querySelectorAll(".jp-Cell.celltag_solution").forEach(function (cell) {
    if (cell.parentElement.tagName === "DETAILS") return;
    const details = document.createElement("details");
    details.className = "success lab-solution";
    const summary = document.createElement("summary");
    summary.textContent = "Solution";
    details.appendChild(summary);
    cell.parentElement.insertBefore(details, cell);
    details.appendChild(cell);
  });
}
if (typeof document$ !== "undefined") {
  document$.subscribe(foldSolutions);
} else {
  document.addEventListener("DOMContentLoaded", foldSolutions);
}

// Code cells and outputs of the labs that scroll sideways (a long line) must be reachable by
// keyboard, as Material makes the site's own code blocks: tabindex="0" on those that scroll,
// checked again when the window is resized.
function focusScrollingCells() {
  document
    .querySelectorAll(
      ".jupyter-wrapper pre, .jupyter-wrapper .highlight-ipynb, .jupyter-wrapper .jp-OutputArea-output",
    )
    .forEach(function (element) {
      const style = getComputedStyle(element);
      const scrolls =
        (/(auto|scroll)/.test(style.overflowX) && element.scrollWidth > element.clientWidth) ||
        (/(auto|scroll)/.test(style.overflowY) && element.scrollHeight > element.clientHeight);
      if (scrolls) {
        element.setAttribute("tabindex", "0");
        element.dataset.scrollFocus = "true";
      } else if (element.dataset.scrollFocus) {
        element.removeAttribute("tabindex");
        delete element.dataset.scrollFocus;
      }
    });
}
let focusScrollingTimer = null;
window.addEventListener("resize", function () {
  clearTimeout(focusScrollingTimer);
  focusScrollingTimer = setTimeout(focusScrollingCells, 200);
});
if (typeof document$ !== "undefined") {
  document$.subscribe(focusScrollingCells);
} else {
  document.addEventListener("DOMContentLoaded", focusScrollingCells);
}
