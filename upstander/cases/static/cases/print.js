// The "Print this summary" button: shown only when JavaScript runs (otherwise the browser's Print does the same).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
