// Render the maths that pymdownx.arithmatex marks, with the KaTeX copy served by this site.
// Notebook pages (the labs) write maths the Jupyter way, between dollar signs; elsewhere only
// \( \) and \[ \] count, so that a dollar sign in a listing's output stays a dollar sign.
// Material's instant loading replaces the page without a reload, hence document$.
function renderCourseMath() {
  const brackets = [
    { left: "\\(", right: "\\)", display: false },
    { left: "\\[", right: "\\]", display: true },
  ];
  const dollars = [
    { left: "$$", right: "$$", display: true },
    { left: "$", right: "$", display: false },
  ];
  renderMathInElement(document.body, { delimiters: brackets, throwOnError: false });
  document.querySelectorAll(".jupyter-wrapper .jp-MarkdownOutput").forEach(function (cell) {
    renderMathInElement(cell, { delimiters: dollars.concat(brackets), throwOnError: false });
  });
}
if (typeof document$ !== "undefined") {
  document$.subscribe(renderCourseMath);
} else {
  document.addEventListener("DOMContentLoaded", renderCourseMath);
}
