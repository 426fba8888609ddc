// One press of a button sends a form once. A double click on 同意延期 or 报送 sent it twice:
// the first did the work, the second came back "没有待审批的…" and that page replaced the
// first's answer, so the user saw a failure for something that had been done. The server
// still refuses a second send (one door, one token); this only keeps the right answer on
// screen. Forms that save in the background (the recorder) are left alone.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || form.hasAttribute("data-many")) return;
    if (form.method.toLowerCase() !== "post") return;
    if (form.dataset.sending === "1") {
      event.preventDefault();
      return;
    }
    form.dataset.sending = "1";
    // a form answered by a download leaves the page as it is: usable again after a while
    window.setTimeout(function () { form.dataset.sending = ""; }, 8000);
    // a page kept by the browser's back button comes back usable
    window.addEventListener("pageshow", function () { form.dataset.sending = ""; }, { once: true });
  }, true);
})();
