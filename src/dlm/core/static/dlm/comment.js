// 批注 by selecting: select a passage of the draft and it becomes the quote to comment on
// (reviewers had to copy the exact passage into the form by hand). Without the script the
// form still works by pasting; the server checks the quote is in the draft either way.
(function () {
  "use strict";
  var text = document.querySelector("[data-quote-source]");
  var quote = document.getElementById("id_quote");
  var comment = document.getElementById("id_text");
  if (!text || !quote) return;
  var hint = document.getElementById("quote-hint");
  function take() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed) return;
    var range = selection.getRangeAt(0);
    if (!text.contains(range.commonAncestorContainer)) return;
    var chosen = selection.toString().trim();
    if (!chosen) return;
    if (chosen.length > 500) chosen = chosen.slice(0, 500);
    quote.value = chosen;
    if (hint) hint.textContent = "已选中 " + chosen.length + " 字，请在右侧写批注。";
    if (comment) comment.focus();
  }
  text.addEventListener("mouseup", take);
  text.addEventListener("keyup", take);
  text.addEventListener("touchend", function () { window.setTimeout(take, 50); });
})();
