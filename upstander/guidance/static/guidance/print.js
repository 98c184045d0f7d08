// Progressive enhancement for the help pages: show the "Print this page" buttons and make them print.
// Without JavaScript the buttons stay hidden and the browser's own Print works the same.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
});
