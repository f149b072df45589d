// "Intégrer le calculateur": turns the choices of the form into the two snippets a blogger
// copies, and shows the script snippet at work in a preview. Values are only ever written
// as text (the code blocks) or as attribute values escaped for HTML.

const PREVIEW_PAUSE_MS = 800;
// The preview is a whole widget (a new iframe, a new Pyodide): made once the blogger stops typing,
// not at every keystroke.

const form = document.querySelector("[data-embed-builder]");
if (form) build(form);

function build(form) {
  const scriptURL = new URL(form.dataset.script, location.href).href;
  const pageURL = new URL(form.dataset.page, location.href).href;
  const scriptCode = document.querySelector('[data-snippet="script"] code');
  const iframeCode = document.querySelector('[data-snippet="iframe"] code');
  const preview = document.querySelector("[data-embed-preview]");
  const fieldBoxes = [...form.querySelectorAll("input[name=fields]")];
  let timer = 0;
  let shown = "";

  function choices() {
    const entries = [];
    const fields = fieldBoxes.filter((box) => box.checked).map((box) => box.value);
    // The four boxes checked at first are the embed's own default: the snippet needs no data-fields for them.
    const asServed = fieldBoxes.every((box) => box.checked === box.defaultChecked);
    if (fields.length && !asServed) entries.push(["fields", fields.join(",")]);
    for (const input of form.querySelectorAll("[data-prefill]")) {
      if (input.value.trim()) entries.push([input.dataset.prefill, input.value.trim()]);
    }
    if (form.elements.theme.value !== "auto") entries.push(["theme", form.elements.theme.value]);
    if (form.elements.currency.value !== "USD") entries.push(["currency", form.elements.currency.value]);
    return entries;
  }

  function update() {
    const entries = choices();
    const attributes = entries.map(([key, value]) => ` data-${key.replaceAll("_", "-")}="${escape(value)}"`).join("");
    scriptCode.textContent = `<script src="${scriptURL}"${attributes} async></script>`;
    const query = new URLSearchParams(entries).toString();
    const src = query ? `${pageURL}?${query}` : pageURL;
    iframeCode.textContent =
      `<iframe src="${escape(src)}" title="Calculateur de revenus TikTok" width="100%" height="1100" ` +
      `style="border:0" loading="lazy"></iframe>`;
    clearTimeout(timer);
    timer = setTimeout(() => showPreview(entries), PREVIEW_PAUSE_MS);
  }

  // The preview runs the very snippet above: embed.js reads the tag's data-* attributes.
  function showPreview(entries) {
    const key = JSON.stringify(entries);
    if (key === shown) return;
    shown = key;
    const script = document.createElement("script");
    script.src = scriptURL;
    for (const [name, value] of entries) script.dataset[camel(name)] = value;
    preview.replaceChildren(script);
  }

  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", (event) => event.preventDefault());
  update();
}

function camel(key) {
  return key.replace(/_([a-z])/g, (_, letter) => letter.toUpperCase());
}

function escape(value) {
  return value.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}
