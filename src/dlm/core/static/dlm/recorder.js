// The recorder's live screen (proceedings/record.html).
//
// Nothing typed is lost: the form is copied into localStorage on every keystroke, a saved
// turn waits in a queue (also in localStorage) until the server has confirmed it, and the
// queue is sent again when the connection comes back or the page is reloaded. Each queued
// turn carries an id made here, so the server stores it once however often it is sent.
//
// Who speaks is never changed under the recorder: a field he chose by hand is never
// overwritten by the refresh. After a turn is saved, the screen waits for the server's
// suggestion of the next speaker; if the recorder types and saves the next turn before it
// arrives, the fields he did not choose are sent as "auto" and the server fills them in
// order, after the turn before — so a fast typist's turn is never filed under the speaker
// of the turn before. A lost login is told apart from a lost network; the queue waits.
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
  var choices = ["item", "kind", "speaker", "target", "use_outline"];
  var sending = false;
  var touched = {};  // fields the recorder chose by hand since the last saved turn
  var awaiting = false;  // a turn was saved; the server's next suggestion has not come yet
  var loginLost = false;
  var saved = 0;  // turns the server confirmed on this screen: a feed asked before is stale

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
  function saveDraft() {
    var values = readForm();
    values._touched = touched;
    store(draftKey, values);
  }
  function label(name) {
    var el = field(name);
    if (!el || !el.options || el.selectedIndex < 0) return "";
    return el.options[el.selectedIndex].text;
  }

  function renderPending() {
    var queue = load(queueKey, []);
    pendingList.textContent = "";
    queue.forEach(function (entry, index) {
      var li = document.createElement("li");
      li.className = entry.error ? "pending-error" : "pending-wait";
      var who = entry.who ? "【" + entry.who + "】" : "";
      li.textContent = (entry.error ? "未保存：" + entry.error + " —— " : "待发送：") + who +
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
    if (waiting && loginLost) {
      status.textContent = "登录已失效：请在新标签页重新登录后回到本页，" + waiting +
        " 条待发送的记录仍保存在本机，登录后自动发送";
    } else if (waiting) {
      status.textContent = "网络不通：" + waiting + " 条待发送，恢复后自动发送";
    }
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
      var type = response.headers.get("Content-Type") || "";
      if (response.status === 401 || response.status === 403 || response.redirected ||
          type.indexOf("json") < 0) {
        return Promise.reject("login");  // the login page answered, not the record
      }
      loginLost = false;
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      var q = load(queueKey, []);
      var i = q.findIndex(function (e) { return e.id === next.id; });
      if (result.ok) {
        if (i >= 0) q.splice(i, 1);
        saved += 1;
        status.textContent = "已保存";
      } else if (i >= 0) {
        q[i].error = result.data.error || "无法保存";
      }
      store(queueKey, q);
      sending = false;
      renderPending();
      refresh();
      flush();
    }).catch(function (reason) {
      sending = false;
      loginLost = reason === "login";
      renderPending();
      window.setTimeout(flush, 4000);
    });
  }

  function refresh() {
    var asked = saved;  // how many of our turns the server had when we asked
    var item = field("item") ? field("item").value : "";
    var url = form.dataset.feed + (item ? "?item=" + encodeURIComponent(item) : "");
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r); })
      .then(function (data) {
        document.getElementById("turns-panel").innerHTML = data.turns;
        document.getElementById("rules-panel").innerHTML = data.rules;
        document.getElementById("agenda-panel").innerHTML = data.agenda;
        var waiting = load(queueKey, []).some(function (e) { return !e.error; });
        if (asked !== saved) return;  // asked before our last turn was stored: its suggestion is old
        // the suggestion fills what the recorder did not choose: before he types, or once
        // after a saved turn (when he already typed on); never a field chosen by hand
        if (!field("text").value.trim() || (awaiting && !waiting)) {
          var suggested = {};
          choices.forEach(function (name) {
            if (!touched[name] && name in data.suggestion) suggested[name] = data.suggestion[name];
          });
          fillForm(suggested);
          saveDraft();
        }
        if (!waiting) awaiting = false;
      })
      .catch(function () { /* offline: the queue shows what waits */ });
  }

  function choose(event) {
    var name = event.target && event.target.name;
    if (choices.indexOf(name) >= 0) touched[name] = true;
    saveDraft();
  }
  form.addEventListener("input", choose);
  form.addEventListener("change", choose);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var values = readForm();
    values.typed_at = new Date().toISOString();  // where it was spoken, if it arrives late
    var who = label("speaker") + (field("target") && field("target").value ? " → " +
      label("target") : "");
    if (awaiting) {
      // saved before the server said who is next: what he did not choose, it fills in order
      var auto = choices.filter(function (name) { return !touched[name] && name !== "item"; });
      if (auto.length) {
        values.auto = auto.join(",");
        if (auto.indexOf("speaker") >= 0) who = "按顺序的下一位";
      }
    }
    var queue = load(queueKey, []);
    queue.push({ id: newId(), values: values, who: who });
    store(queueKey, queue);
    field("text").value = "";
    touched = {};
    awaiting = true;
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
  if (draft && draft.text) {
    fillForm(draft);
    touched = draft._touched || {};
  }
  renderPending();
  flush();
  window.setInterval(function () {
    if (!document.hidden && !sending) refresh();
  }, 5000);
})();
