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
