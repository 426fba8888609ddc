// The recorder's live screen (proceedings/record.html).
//
// Nothing typed is lost: the form is copied into localStorage on every keystroke, a saved
// turn waits in a queue (also in localStorage) until the server has confirmed it, and the
// queue is sent again when the connection comes back or the page is reloaded. Each queued
// turn carries an id made here, so the server stores it once however often it is sent.
(function () {
  "use strict";
  var form = document.getElementById("turn-form");
  if (!form) return;
  var meeting = form.dataset.meeting;
  var draftKey = "dlm-draft-" + meeting;
  var queueKey = "dlm-queue-" + meeting;
  var postUrl = window.location.pathname;
  var status = document.getElementById("sync-status");
  var pendingList = document.getElementById("pending");
  var fields = ["item", "kind", "speaker", "target", "text", "use_outline"];
  var sending = false;

  function field(name) { return form.elements.namedItem(name); }
  function csrf() { return field("csrfmiddlewaretoken").value; }
  function newId() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    return "c-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 12);
  }
  function load(key, fallback) {
    try { return JSON.parse(window.localStorage.getItem(key)) || fallback; }
    catch (e) { return fallback; }
  }
  function store(key, value) { window.localStorage.setItem(key, JSON.stringify(value)); }

  function readForm() {
    var values = {};
    fields.forEach(function (name) {
      var el = field(name);
      if (!el) return;
      values[name] = el.type === "checkbox" ? (el.checked ? "on" : "") : el.value;
    });
    return values;
  }
  function fillForm(values) {
    fields.forEach(function (name) {
      var el = field(name);
      if (!el || !(name in values)) return;
      if (el.type === "checkbox") el.checked = values[name] === "on" || values[name] === true;
      else el.value = values[name] == null ? "" : String(values[name]);
    });
  }
  function saveDraft() { store(draftKey, readForm()); }

  function renderPending() {
    var queue = load(queueKey, []);
    pendingList.textContent = "";
    queue.forEach(function (entry, index) {
      var li = document.createElement("li");
      li.className = entry.error ? "pending-error" : "pending-wait";
      li.textContent = (entry.error ? "未保存：" + entry.error + " —— " : "待发送：") +
        (entry.values.text || "（无文字）").slice(0, 60);
      if (entry.error) {
        var back = document.createElement("button");
        back.type = "button";
        back.className = "link";
        back.textContent = "放回输入框修改";
        back.addEventListener("click", function () {
          var q = load(queueKey, []);
          var taken = q.splice(index, 1)[0];
          store(queueKey, q);
          fillForm(taken.values);
          saveDraft();
          renderPending();
          field("text").focus();
        });
        li.appendChild(document.createTextNode(" "));
        li.appendChild(back);
      }
      pendingList.appendChild(li);
    });
    var waiting = queue.filter(function (e) { return !e.error; }).length;
    if (waiting) status.textContent = "网络不通：" + waiting + " 条待发送，恢复后自动发送";
  }

  function send(entry) {
    var body = new URLSearchParams();
    Object.keys(entry.values).forEach(function (k) { body.append(k, entry.values[k]); });
    body.append("client_id", entry.id);
    body.append("csrfmiddlewaretoken", csrf());
    return fetch(postUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": csrf() }
    });
  }

  function flush() {
    if (sending) return;
    var queue = load(queueKey, []);
    var next = queue.find(function (e) { return !e.error; });
    if (!next) { renderPending(); return; }
    sending = true;
    status.textContent = "正在保存…";
    send(next).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      var q = load(queueKey, []);
      var i = q.findIndex(function (e) { return e.id === next.id; });
      if (result.ok) {
        if (i >= 0) q.splice(i, 1);
        status.textContent = "已保存";
      } else if (i >= 0) {
        q[i].error = result.data.error || "无法保存";
      }
      store(queueKey, q);
      sending = false;
      renderPending();
      refresh();
      flush();
    }).catch(function () {
      sending = false;
      renderPending();
      window.setTimeout(flush, 4000);
    });
  }

  function refresh() {
    var item = field("item") ? field("item").value : "";
    var url = form.dataset.feed + (item ? "?item=" + encodeURIComponent(item) : "");
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r); })
      .then(function (data) {
        document.getElementById("turns-panel").innerHTML = data.turns;
        document.getElementById("rules-panel").innerHTML = data.rules;
        document.getElementById("agenda-panel").innerHTML = data.agenda;
        if (!field("text").value.trim()) {
          fillForm(data.suggestion);
        }
      })
      .catch(function () { /* offline: the queue shows what waits */ });
  }

  form.addEventListener("input", saveDraft);
  form.addEventListener("change", saveDraft);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var values = readForm();
    var queue = load(queueKey, []);
    queue.push({ id: newId(), values: values });
    store(queueKey, queue);
    field("text").value = "";
    window.localStorage.removeItem(draftKey);
    renderPending();
    flush();
    field("text").focus();
  });
  field("text").addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  window.addEventListener("online", flush);

  var draft = load(draftKey, null);
  if (draft && draft.text) fillForm(draft);
  renderPending();
  flush();
  window.setInterval(function () {
    if (!document.hidden && !sending) refresh();
  }, 5000);
})();
