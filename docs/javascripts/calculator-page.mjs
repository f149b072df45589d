// The calculator page: reads the form, asks the worker, renders what comes back.
// No rule lives here: validation, eligibility, amounts and every message come from Python.
//
// The worker was started by the head of the page (partials/calculator-head.html), before the
// body was parsed; this module, loaded async, wires the form to it once the DOM is there.

const calculator = window.cptCalculator;
const absolute = calculator.absolute;

// After this visit, the page and everything it loads come from the cache when offline (sw.js).
if ("serviceWorker" in navigator && window.parent === window) {
  navigator.serviceWorker.register(absolute("sw.js")).catch(() => {});
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();

function start() {
  const root = document.querySelector("[data-calculator]");
  if (!root) return;
  calculator.handle = mount(root, calculator);
  for (const data of calculator.early.splice(0)) calculator.handle(data);
}

function mount(root, calculator) {
  const form = root.querySelector("form");
  // Calculator inputs only: the mode radios and the goal's target are [data-extra].
  const controls = [...form.querySelectorAll("input[name]:not([data-extra]), select[name]")];
  const currency = root.querySelector("[data-currency]");
  const target = form.querySelector("input[name=target]");
  const modes = [...form.querySelectorAll("input[name=cpt-mode]")];
  const statusLine = root.querySelector("[data-status] [data-message]");
  const results = root.querySelector("[data-results]");
  const progress = root.querySelector("[data-progress]");
  const retry = root.querySelector("[data-retry]");
  const announce = root.querySelector("[data-announce]");
  let latest = 0;
  let everReady = false;
  let restarted = false;
  let watchdog = 0;
  let announceTimer = 0;

  // Values from the URL (/calculateur/?monthly_views=300000&currency=EUR) win over the defaults.
  const query = new URLSearchParams(location.search);
  for (const control of controls) {
    if (query.has(control.name)) setValue(control, query.get(control.name));
  }
  if (query.has("currency")) setValue(currency, query.get("currency"));
  // ?target=1000 opens the goal mode ("Objectif") with that target.
  if (query.has("target")) setValue(target, query.get("target"));
  setMode(query.has("target") ? "goal" : "estimate");
  if (root.hasAttribute("data-embed")) embedOptions(root, controls, query);

  form.addEventListener("submit", (event) => event.preventDefault());
  retry.addEventListener("click", () => restart("Nouvel essai de chargement du calculateur…"));
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  for (const radio of modes) radio.addEventListener("change", () => setMode(radio.value));
  for (const button of root.querySelectorAll("[data-preset]")) {
    button.addEventListener("click", () => {
      const values = JSON.parse(button.dataset.preset);
      for (const control of controls) setValue(control, values[control.name] ?? "");
      changed();
    });
  }

  function changed() {
    // Typed before Python is ready: the build-time figures no longer answer the form.
    if (results.hasAttribute("data-prerendered")) document.documentElement.setAttribute("data-cpt-query", "");
    const params = new URLSearchParams(controls.filter((c) => valueOf(c) !== "").map((c) => [c.name, valueOf(c)]));
    if (goal()) params.set("target", target.value);
    else if (currency.value !== "USD") params.set("currency", currency.value);
    history.replaceState(null, "", `?${params}`);
    request();
  }

  // Asked now, answered as soon as Python is up: the worker holds requests until then.
  request();

  function onMessage(data) {
    if (data.type === "progress") {
      if (root.dataset.state === "error") return;
      progress.hidden = false;
      progress.value = Math.min(100, Math.round((100 * data.loaded) / data.total));
      progress.textContent = `${progress.value} %`;
    } else if (data.type === "ready") {
      progress.hidden = true;
      everReady = true;
    } else if (data.type === "failed") {
      failed(`Le calculateur n'a pas pu démarrer : ${data.message}.`);
    } else if (data.type === "crashed") {
      crashed(data.message);
    } else if (data.type === "csp") {
      console.error(`CSP violation in the calculator's worker: ${data.directive} ${data.blocked}`);
    } else if (data.type === "answer" && data.id === latest) {
      clearTimeout(watchdog);
      render(data.answer);
      root.removeAttribute("data-busy");
      root.dataset.state = "ready";
      // From now on the panel answers the form: the build-time figures and the waiting note go.
      if (results.hasAttribute("data-prerendered")) performance.mark("cpt-ready"); // read by scripts/bench
      results.removeAttribute("data-prerendered");
      root.querySelector("[data-pending]")?.remove();
      root.querySelector("[data-default-note]").hidden = true;
      document.documentElement.removeAttribute("data-cpt-query");
    }
  }

  // The worker died (an uncaught error, or no answer in time once it was up): start a new one
  // once, silently, keeping the form as typed; a second death shows the error and "Réessayer".
  function crashed(message) {
    if (everReady && !restarted) {
      restarted = true;
      restart("Le calculateur s'est arrêté ; il redémarre…");
    } else {
      failed(`Le calculateur s'est arrêté : ${message}.`);
    }
  }

  function restart(note) {
    clearTimeout(watchdog);
    calculator.worker.terminate();
    everReady = false;
    retry.hidden = true;
    root.dataset.state = "loading";
    statusLine.textContent = note;
    calculator.start();
    request();
  }

  // Nothing freezes: the form stays editable, the build-time figures stay, marked as such, and
  // "Réessayer" starts the worker again.
  function failed(message) {
    clearTimeout(watchdog);
    root.dataset.state = "error";
    root.removeAttribute("data-busy");
    progress.hidden = true;
    statusLine.textContent = `${message} Vérifiez votre connexion puis réessayez.`;
    retry.hidden = false;
    root.querySelector("[data-pending]")?.remove();
    if (results.hasAttribute("data-prerendered")) {
      document.documentElement.removeAttribute("data-cpt-query");
      root.querySelector("[data-default-note]").hidden = false;
    } else {
      results.replaceChildren(); // an answer to earlier input must not pass for the current one
    }
  }

  function request() {
    if (root.dataset.state === "error") return; // until "Réessayer": the form stays as typed
    latest += 1;
    root.setAttribute("data-busy", "");
    const inputs = Object.fromEntries(controls.map((control) => [control.name, valueOf(control)]));
    const asked = goal() ? target.value : null;
    calculator.worker.postMessage({ type: "estimate", id: latest, inputs, currency: currency.value, target: asked });
    clearTimeout(watchdog);
    // Python answers in milliseconds once it is up; silence for this long means the worker is gone.
    if (everReady) watchdog = setTimeout(() => crashed("il ne répond plus"), 8000);
  }

  function goal() {
    return modes.some((radio) => radio.checked && radio.value === "goal");
  }

  // Goal mode shows the target; the stylesheet hides, through data-current-mode, the fields it
  // solves for (views, videos, diamonds) and the currency, without touching what an embed hid.
  function setMode(mode) {
    for (const radio of modes) radio.checked = radio.value === mode;
    root.dataset.currentMode = mode;
    for (const element of root.querySelectorAll("[data-goal-only]")) element.hidden = mode !== "goal";
  }

  function render(answer) {
    const errors = answer.ok ? {} : answer.errors;
    for (const control of [...controls, currency, target]) {
      const key = control.name || control.dataset.key;
      const message = errors[key];
      const slot = root.querySelector(`[data-error-for="${key}"]`);
      if (message) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
      slot.textContent = message ?? "";
      slot.hidden = !message;
    }
    if (!answer.ok) {
      // Never leave the previous numbers on screen as if they answered the new input.
      results.replaceChildren();
      const shownBesideAField = (key) =>
        ["currency", "target"].includes(key) || controls.some((control) => control.name === key);
      const others = Object.entries(errors).filter(([key]) => !shownBesideAField(key));
      const message = ["Corrigez le champ signalé pour voir l'estimation.", ...others.map(([, m]) => m)].join(" ");
      statusLine.textContent = message;
      return;
    }
    statusLine.textContent = "";
    // The panel's markup comes from Python (calculator/render.py), the same that is prerendered
    // at build time, figures already written by calculator/french.py: nothing is reformatted here.
    results.innerHTML = answer.html;
    // Screen readers hear the headline once the reader pauses, not at every keystroke.
    clearTimeout(announceTimer);
    announceTimer = setTimeout(() => {
      announce.textContent = results.querySelector("[data-total], [data-goal]")?.textContent ?? "";
    }, 700);
  }

  return onMessage;
}

// /embed/ only: which fields to show (?fields=followers,monthly_views), the palette
// (?theme=light|dark|auto), and the widget's height for embed.js in the host page.
function embedOptions(root, controls, query) {
  const wanted = new Set((query.get("fields") ?? "").split(","));
  if (controls.some((control) => wanted.has(control.name))) {
    for (const control of controls) control.closest(".cpt-field").hidden = !wanted.has(control.name);
    for (const group of root.querySelectorAll("fieldset")) {
      group.hidden = ![...group.querySelectorAll(".cpt-field")].some((field) => !field.hidden);
    }
    root.querySelector(".cpt-presets")?.setAttribute("hidden", "");
  }
  const scheme = { light: "default", dark: "slate" }[query.get("theme")];
  if (scheme) document.body.setAttribute("data-md-color-scheme", scheme);
  if (window.parent === window) return;
  let reported = 0;
  new ResizeObserver(() => {
    const height = Math.ceil(root.getBoundingClientRect().bottom + window.scrollY + 24);
    if (height === reported) return;
    reported = height;
    // The height is not a secret: any page may frame the widget, so any parent may read it.
    window.parent.postMessage({ type: "combien-paie-tiktok:height", version: 1, height }, "*");
  }).observe(root);
}

// A checkbox stands for a yes/no input: its value (calculator/form.py's CHECKED) when ticked,
// blank (the default, no) otherwise.
function valueOf(control) {
  if (control.type === "checkbox") return control.checked ? control.value : "";
  return control.value;
}

function setValue(control, value) {
  if (control.type === "checkbox") {
    // Ticked by the words Python reads as yes (data-yes, from calculator.inputs), which ignores
    // case and surrounding spaces.
    control.checked = JSON.parse(control.dataset.yes).includes(value.trim().toLowerCase());
    return;
  }
  if (control.tagName === "SELECT" && ![...control.options].some((option) => option.value === value)) {
    // Keep what the link asked for visible, so Python can say why it is not a valid choice.
    const option = document.createElement("option");
    option.value = value;
    option.textContent = value;
    control.append(option);
  }
  control.value = value;
}

