// Small niceties on top of pages that work without JavaScript: the conditional bulk bar,
// statistics refreshing every 30 s, the flow editor's live drawing, confirmations.
"use strict";

function setupBulkBar() {
  const form = document.getElementById("bulk-form");
  if (!form) return;
  const bar = form.querySelector("[data-bulk-bar]");
  const boxes = () => Array.from(form.querySelectorAll('input[name="ids"]'));
  const update = () => {
    const picked = boxes().filter((b) => b.checked);
    bar.hidden = picked.length === 0;
    bar.querySelector("[data-bulk-count]").textContent = picked.length + " selected:";
    bar.querySelectorAll("[data-bulk-action]").forEach((button) => {
      const action = button.dataset.bulkAction;
      const able = picked.filter((b) => b.dataset.actions.split(" ").includes(action)).length;
      button.hidden = able === 0;
      button.textContent = button.textContent.replace(/ \(\d+\)$/, "") + (able < picked.length ? " (" + able + ")" : "");
    });
  };
  const all = form.querySelector("[data-select-all]");
  if (all) all.addEventListener("change", () => { boxes().forEach((b) => (b.checked = all.checked)); update(); });
  form.addEventListener("change", update);
  update();
}

function setupRefresh() {
  document.querySelectorAll("[data-refresh]").forEach((box) => {
    const url = box.dataset.refresh;
    const reload = async () => {
      const response = await fetch(url, { credentials: "same-origin" });
      if (response.ok) box.innerHTML = await response.text();
    };
    setInterval(reload, 1000 * Number(box.dataset.refreshSeconds || 30));
    box.addEventListener("click", (event) => {
      const link = event.target.closest("[data-refresh-now]");
      if (!link) return;
      event.preventDefault();
      fetch(url + "&refresh=true", { credentials: "same-origin" })
        .then((r) => r.text()).then((html) => { box.innerHTML = html; });
    });
  });
}

function setupFlowEditor() {
  const editor = document.querySelector("[data-flow-editor]");
  if (!editor) return;
  const text = editor.querySelector("[data-flow-text]");
  const drawing = editor.querySelector("[data-flow-drawing]");
  const problems = editor.querySelector("[data-flow-problems]");
  let timer = null;
  const list = (items, cls) => {
    const ul = document.createElement("ul");
    ul.className = cls;
    items.forEach((item) => { const li = document.createElement("li"); li.textContent = item; ul.appendChild(li); });
    return ul;
  };
  const redraw = async () => {
    const response = await fetch(editor.dataset.drawUrl, {
      method: "POST", credentials: "same-origin", body: text.value,
      headers: { "Content-Type": "application/json", "X-CSRF-Token": editor.dataset.csrf },
    });
    if (!response.ok) return;
    const data = await response.json();
    drawing.innerHTML = data.svg; // drawn and escaped by the server
    problems.replaceChildren();
    if (data.problems.length) problems.appendChild(list(data.problems, "problems"));
    else { const p = document.createElement("p"); p.className = "ok-text"; p.textContent = "The flow is valid."; problems.appendChild(p); }
    if (data.warnings.length) problems.appendChild(list(data.warnings, "warnings"));
  };
  text.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(redraw, 300); });
}

function setupSmallThings() {
  document.querySelectorAll("[data-autosubmit]").forEach((select) => {
    select.addEventListener("change", () => select.form.submit());
  });
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => { if (!confirm(form.dataset.confirm)) event.preventDefault(); });
  });
}

document.addEventListener("DOMContentLoaded", () => {
  setupBulkBar(); setupRefresh(); setupFlowEditor(); setupSmallThings();
});
