// The calculator's view: reads the form, keeps the URL in step with it, and shows what comes
// back (the panel, errors beside their fields, the status line, the progress bar, the polite
// announcement). It holds no rule: what is valid, every figure and every message come from Python
// (calculator/), and the initial texts, choices and yes/no words from calculator/form.py through
// the markup. The elements it works on are README's "The page's DOM contract". On /kit-media/
// ([data-kit]) it asks for the media kit instead, with the kit's own fields ([data-personal=KEY]):
// they have no name, so nothing here puts them in a link; they go to the worker only.

export const ANNOUNCE_PAUSE_MS = 700;
// Screen readers hear the new headline once the reader pauses, not at every keystroke: longer than
// the gap between two keys of someone typing (100-300 ms), short enough to follow the last one.

export const EMBED_MARGIN_PX = 24;
// Room left below the widget in its iframe, so its last line never touches the host page's content.

const HEIGHT_MESSAGE = { type: "combien-paie-tiktok:height", version: 1 }; // read by docs/embed.js

export class CalculatorView {
  #announceTimer = 0;

  constructor(root) {
    this.root = root;
    this.form = root.querySelector("form");
    // Calculator inputs only: the mode radios and the goal's target are [data-extra].
    this.controls = [...this.form.querySelectorAll("input[name]:not([data-extra]), select[name]")];
    this.currency = root.querySelector("[data-currency]");
    this.target = this.form.querySelector("input[name=target]");
    this.modes = [...this.form.querySelectorAll("input[name=cpt-mode]")];
    this.status = root.querySelector("[data-status] [data-message]");
    this.results = root.querySelector("[data-results]");
    this.progress = root.querySelector("[data-progress]");
    this.retry = root.querySelector("[data-retry]");
    this.announcement = root.querySelector("[data-announce]");
    this.defaultNote = root.querySelector("[data-default-note]");
    this.embedded = root.hasAttribute("data-embed");
    this.groups = [...root.querySelectorAll("details[data-group]")];
    this.fullCalculator = root.querySelector("[data-full-calculator]");
    this.kit = root.hasAttribute("data-kit");
    this.personal = [...this.form.querySelectorAll("[data-personal]")];
    this.kitLink = root.querySelector("a[data-kit-link]");
    this.shareLink = root.querySelector("a[data-share-link]");
    this.printButton = root.querySelector("[data-print]");
  }

  // --- the form -------------------------------------------------------------------------------

  // Values from the link (/calculateur/?monthly_views=300000&currency=EUR) win over the initial
  // ones; ?target=1000 opens the goal mode ("Objectif") with that target.
  fill(query) {
    for (const control of this.controls) {
      if (query.has(control.name)) setText(control, query.get(control.name));
    }
    if (query.has("currency")) setText(this.currency, query.get("currency"));
    const goal = this.target !== null && query.has("target");
    if (goal) setText(this.target, query.get("target"));
    this.setMode(goal ? "goal" : "estimate");
    this.openFilledGroups();
  }

  // A preset gives every input's text, so it replaces whatever was filled in before.
  fillPreset(texts) {
    for (const control of this.controls) setText(control, texts[control.name] ?? "");
    this.openFilledGroups();
  }

  // A group (« J'ai des partenariats »…) whose values a link or a preset set is opened, so the reader sees
  // what the figures answer; a group is never closed for the reader.
  openFilledGroups() {
    for (const group of this.groups) {
      if ([...group.querySelectorAll("input[name], select[name]")].some(changed)) group.open = true;
    }
  }

  // What Python is asked: every input as the form holds it, the displayed currency, the target in
  // goal mode (null otherwise); on /kit-media/, the kit (kind "kit") with the kit's own fields.
  question() {
    const inputs = Object.fromEntries(this.controls.map((control) => [control.name, textOf(control)]));
    if (this.kit) {
      const personal = Object.fromEntries(this.personal.map((control) => [control.dataset.personal, control.value]));
      return { kind: "kit", inputs, personal, currency: this.currency.value };
    }
    return { inputs, currency: this.currency.value, target: this.goal ? this.target.value : null };
  }

  // The link that reopens the page as it is now: what is filled in, and the target or the currency.
  query() {
    const filled = this.controls.map((control) => [control.name, textOf(control)]).filter(([, text]) => text !== "");
    const params = new URLSearchParams(filled);
    const initialCurrency = this.currency.options[0].value; // a link needs to name only another one
    if (this.goal) params.set("target", this.target.value);
    else if (this.currency.value !== initialCurrency) params.set("currency", this.currency.value);
    return params;
  }

  get goal() {
    return this.modes.some((radio) => radio.checked && radio.value === "goal");
  }

  // Goal mode shows the target; the stylesheet hides, through data-current-mode, the fields it
  // solves for (views, videos, diamonds) and the currency, without touching what an embed hid.
  setMode(mode) {
    for (const radio of this.modes) radio.checked = radio.value === mode;
    this.root.dataset.currentMode = mode;
    for (const element of this.root.querySelectorAll("[data-goal-only]")) element.hidden = mode !== "goal";
  }

  onEdit(handler) {
    this.form.addEventListener("submit", (event) => event.preventDefault());
    this.form.addEventListener("input", handler);
    this.form.addEventListener("change", handler);
  }

  onMode(handler) {
    for (const radio of this.modes) radio.addEventListener("change", () => handler(radio.value));
  }

  onPreset(handler) {
    for (const button of this.root.querySelectorAll("[data-preset]")) {
      button.addEventListener("click", () => handler(JSON.parse(button.dataset.preset)));
    }
  }

  onRetry(handler) {
    this.retry.addEventListener("click", handler);
  }

  onPrint(handler) {
    this.printButton?.addEventListener("click", handler);
  }

  // --- what the page shows ----------------------------------------------------------------------

  get failed() {
    return this.root.dataset.state === "error";
  }

  get prerendered() {
    return this.results.hasAttribute("data-prerendered");
  }

  // Typed before Python answered: the build-time figures no longer answer the form.
  hidePrerendered() {
    if (this.prerendered) document.documentElement.setAttribute("data-cpt-query", "");
  }

  busy() {
    this.root.setAttribute("data-busy", "");
  }

  loading(note) {
    this.retry.hidden = true;
    this.root.dataset.state = "loading";
    this.status.textContent = note;
  }

  showProgress(loaded, total) {
    if (this.failed) return;
    this.progress.hidden = false;
    this.progress.value = Math.min(100, Math.round((100 * loaded) / total));
    this.progress.textContent = `${this.progress.value} %`;
  }

  hideProgress() {
    this.progress.hidden = true;
  }

  // Python's answer: the panel, or a French message beside each field at fault.
  showAnswer(answer) {
    this.#showErrors(answer.ok ? {} : answer.errors);
    if (answer.ok) this.#showPanel(answer.html);
    this.root.removeAttribute("data-busy");
    this.root.dataset.state = "ready";
    // From now on the panel answers the form: the build-time figures and the waiting note go.
    if (this.prerendered) performance.mark("cpt-ready"); // read by scripts/bench
    this.results.removeAttribute("data-prerendered");
    this.root.querySelector("[data-pending]")?.remove();
    this.defaultNote.hidden = true;
    document.documentElement.removeAttribute("data-cpt-query");
  }

  // Nothing freezes: the form stays editable, the build-time figures stay, marked as such, and
  // "Réessayer" is offered.
  showFailure(message) {
    this.root.dataset.state = "error";
    this.root.removeAttribute("data-busy");
    this.hideProgress();
    this.status.textContent = `${message} Vérifiez votre connexion puis réessayez.`;
    this.retry.hidden = false;
    this.root.querySelector("[data-pending]")?.remove();
    if (this.prerendered) {
      document.documentElement.removeAttribute("data-cpt-query");
      this.defaultNote.hidden = false;
    } else {
      this.results.replaceChildren(); // an answer to earlier input must not pass for the current one
    }
  }

  #showErrors(errors) {
    const everyControl = [...this.controls, ...this.personal, this.currency, this.target].filter(Boolean);
    for (const control of everyControl) {
      const key = control.name || control.dataset.key || control.dataset.personal;
      const message = errors[key];
      const slot = this.root.querySelector(`[data-error-for="${key}"]`);
      if (message) {
        control.setAttribute("aria-invalid", "true");
        const group = control.closest("details");
        if (group) group.open = true; // a message the reader cannot see would explain nothing
      } else control.removeAttribute("aria-invalid");
      slot.textContent = message ?? "";
      slot.hidden = !message;
    }
    const keys = Object.keys(errors);
    if (!keys.length) return;
    // Never leave the previous numbers on screen as if they answered the new input.
    this.results.replaceChildren();
    const besideAField = (key) => everyControl.some((c) => (c.name || c.dataset.key || c.dataset.personal) === key);
    const others = keys.filter((key) => !besideAField(key)).map((key) => errors[key]);
    const what = this.kit ? "votre kit" : "l'estimation";
    this.status.textContent = [`Corrigez le champ signalé pour voir ${what}.`, ...others].join(" ");
  }

  #showPanel(html) {
    this.status.textContent = "";
    // The panel's markup comes from Python (calculator/render.py), the same that is prerendered
    // at build time, figures already written by calculator/french.py: nothing is reformatted here.
    this.results.innerHTML = html;
    clearTimeout(this.#announceTimer);
    this.#announceTimer = setTimeout(() => {
      this.announcement.textContent = this.results.querySelector("[data-total], [data-goal]")?.textContent ?? "";
    }, ANNOUNCE_PAUSE_MS);
  }

  // --- /embed/ ----------------------------------------------------------------------------------

  // Which fields to show (?fields=followers,monthly_views; without it, the four the widget names in
  // data-embed-fields, from calculator/form.py) and the palette (?theme=light|dark|auto).
  applyEmbedOptions(query) {
    let wanted = new Set((query.get("fields") ?? "").split(","));
    const chosen = this.controls.some((control) => wanted.has(control.name));
    if (!chosen) wanted = new Set(this.root.dataset.embedFields.split(","));
    for (const control of this.controls) control.closest(".cpt-field").hidden = !wanted.has(control.name);
    // The compact default has no mode switch, unless its link opens the goal mode.
    this.root.querySelector("[data-mode]").hidden = !chosen && !this.goal;
    for (const group of this.root.querySelectorAll("fieldset:not([data-mode]), details[data-group]")) {
      group.hidden = ![...group.querySelectorAll(".cpt-field")].some((field) => !field.hidden);
      if (!group.hidden && group.matches("details")) group.open = true; // the blogger asked for these fields
    }
    this.root.querySelector(".cpt-presets")?.setAttribute("hidden", "");
    const scheme = { light: "default", dark: "slate" }[query.get("theme")];
    if (scheme) document.body.setAttribute("data-md-color-scheme", scheme);
  }

  // The links that follow the form: the embed's to the full calculator and the calculator's to the media kit
  // open them with what differs from the form every page is served with (what the reader or the blogger
  // changed; the kit's link only the keys it names in data-keys, from calculator/form.py), and the kit's share
  // link is this page's address, which holds calculator inputs only.
  linkPages() {
    if (this.fullCalculator) this.#carry(this.fullCalculator, this.controls, ["currency", "target"]);
    if (this.kitLink) {
      const keys = new Set(JSON.parse(this.kitLink.dataset.keys));
      this.#carry(this.kitLink, this.controls.filter((control) => keys.has(control.name)), ["currency"]);
    }
    if (this.shareLink) {
      const link = new URL(location.href);
      link.search = this.query().toString();
      link.hash = "";
      this.shareLink.href = link.href;
    }
  }

  #carry(anchor, controls, extras) {
    const link = new URL(anchor.getAttribute("href"), location.href);
    const params = new URLSearchParams(controls.filter(changed).map((control) => [control.name, textOf(control)]));
    for (const [key, value] of this.query()) if (extras.includes(key)) params.set(key, value);
    link.search = params.toString();
    anchor.href = link.href;
  }

  // The widget's height, for embed.js in the host page: at once, and each time the widget changes.
  // Measured, not only observed: Chromium runs no ResizeObserver (nor animation frame) in an iframe out of
  // view, so a widget further down the host page would keep the iframe's first height until the reader
  // scrolls to it, and the page would jump then. A MutationObserver (a microtask, never throttled) sees
  // every render, error and field shown or hidden; fonts, load and resize cover what changes no node.
  reportHeight(host) {
    let reported = 0;
    const report = () => {
      const height = Math.ceil(this.root.getBoundingClientRect().bottom + window.scrollY + EMBED_MARGIN_PX);
      if (height === reported) return;
      reported = height;
      // The height is not a secret: any page may frame the widget, so any parent may read it.
      host.postMessage({ ...HEIGHT_MESSAGE, height }, "*");
    };
    new MutationObserver(report).observe(this.root, { subtree: true, childList: true, attributes: true,
                                                      characterData: true });
    new ResizeObserver(report).observe(this.root);
    window.addEventListener("resize", report);
    window.addEventListener("load", report);
    document.fonts?.ready.then(report);
    report();
  }
}

// A control's text as Python reads it: a yes/no box sends its value (calculator/form.py's
// CHECKED) when ticked and nothing otherwise, which reads as no.
function textOf(control) {
  if (control.type === "checkbox") return control.checked ? control.value : "";
  return control.value;
}

// Whether a control holds something else than what the page was served with.
function changed(control) {
  if (control.type === "checkbox") return control.checked !== control.defaultChecked;
  if (control.tagName === "SELECT") {
    const served = [...control.options].find((option) => option.defaultSelected) ?? control.options[0];
    return control.value !== served.value;
  }
  return control.value !== control.defaultValue;
}

function setText(control, text) {
  if (control.type === "checkbox") {
    // Ticked by the words Python reads as yes (data-yes, from calculator.inputs), which ignores
    // case and surrounding spaces.
    control.checked = JSON.parse(control.dataset.yes).includes(text.trim().toLowerCase());
    return;
  }
  if (control.tagName === "SELECT" && ![...control.options].some((option) => option.value === text)) {
    // Keep what the link asked for visible, so Python can say why it is not a valid choice.
    const option = document.createElement("option");
    option.value = text;
    option.textContent = text;
    control.append(option);
  }
  control.value = text;
}
