// Render the maths that pymdownx.arithmatex marks, with the KaTeX copy served by this site.
// Material's instant loading replaces the page without a reload, hence document$.
function renderCourseMath() {
  renderMathInElement(document.body, {
    delimiters: [
      { left: "\\(", right: "\\)", display: false },
      { left: "\\[", right: "\\]", display: true },
    ],
    throwOnError: false,
  });
}
if (typeof document$ !== "undefined") {
  document$.subscribe(renderCourseMath);
} else {
  document.addEventListener("DOMContentLoaded", renderCourseMath);
}
