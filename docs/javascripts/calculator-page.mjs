// The calculator page: reads the form, asks the worker, renders what comes back.
// No rule lives here: validation, eligibility, amounts and every message come from Python.

const root = document.querySelector("[data-calculator]");
if (root) mount(root);

function mount(root) {
  const form = root.querySelector("form");
  const controls = [...form.querySelectorAll("input[name], select[name]")];
  const currency = root.querySelector("[data-currency]");
  const status = root.querySelector("[data-status]");
  const results = root.querySelector("[data-results]");
  const absolute = (path) => new URL(path, document.baseURI).href;
  let latest = 0;

  // Values from the URL (/calculateur/?monthly_views=300000&currency=EUR) win over the defaults.
  const query = new URLSearchParams(location.search);
  for (const control of controls) {
    if (query.has(control.name)) setValue(control, query.get(control.name));
  }
  if (query.has("currency")) setValue(currency, query.get("currency"));
  if (root.hasAttribute("data-embed")) embedOptions(root, controls, query);

  const worker = new Worker(absolute(root.dataset.worker), { type: "module" });
  worker.addEventListener("message", ({ data }) => {
    if (data.type === "ready") {
      request();
    } else if (data.type === "failed") {
      root.dataset.state = "error";
      status.textContent = `Le calculateur n'a pas pu démarrer : ${data.message}. Rechargez la page pour réessayer.`;
    } else if (data.type === "answer" && data.id === latest) {
      render(data.answer);
      root.removeAttribute("data-busy");
      root.dataset.state = "ready";
    }
  });
  worker.postMessage({
    type: "init",
    pyodide: absolute(root.dataset.pyodide),
    wheels: root.dataset.wheels.split(" ").map(absolute),
    rates: absolute(root.dataset.rates),
  });

  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  for (const button of root.querySelectorAll("[data-preset]")) {
    button.addEventListener("click", () => {
      const values = JSON.parse(button.dataset.preset);
      for (const control of controls) setValue(control, values[control.name] ?? "");
      changed();
    });
  }

  function changed() {
    const params = new URLSearchParams(controls.filter((c) => c.value !== "").map((c) => [c.name, c.value]));
    if (currency.value !== "USD") params.set("currency", currency.value);
    history.replaceState(null, "", `?${params}`);
    if (root.dataset.state !== "loading") request();
  }

  function request() {
    latest += 1;
    root.setAttribute("data-busy", "");
    const inputs = Object.fromEntries(controls.map((control) => [control.name, control.value]));
    worker.postMessage({ type: "estimate", id: latest, inputs, currency: currency.value });
  }

  function render(answer) {
    const errors = answer.ok ? {} : answer.errors;
    for (const control of [...controls, currency]) {
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
      const shownBesideAField = (key) => key === "currency" || controls.some((control) => control.name === key);
      const others = Object.entries(errors).filter(([key]) => !shownBesideAField(key));
      status.textContent = ["Corrigez le champ signalé pour voir l'estimation.", ...others.map(([, m]) => m)].join(" ");
      return;
    }
    status.textContent = "";
    const { result, shown } = answer;
    const money = new Intl.NumberFormat("fr-FR", {
      style: "currency",
      currency: shown.currency,
      currencyDisplay: "narrowSymbol",
      trailingZeroDisplay: "stripIfInteger",
    });
    const span = (range) => `${money.format(range.low)} à ${money.format(range.high)}`;
    const total = element("p", { class: "cpt-total" }, `Total estimé : ${span(shown.total)} par mois`);
    Object.assign(total.dataset, { total: "", low: result.total.low, high: result.total.high });
    const names = Object.keys(result.streams);
    results.replaceChildren(
      total,
      chart(names.map((name) => shown.streams[name]), span),
      ...names.map((name) => streamRow(name, result.streams[name], shown.streams[name], span)),
      payoutBlock(shown.payout, money, span),
      ...(shown.exchange_rate ? [exchangeNote(shown.exchange_rate)] : []),
    );
  }
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

function setValue(control, value) {
  if (control.tagName === "SELECT" && ![...control.options].some((option) => option.value === value)) {
    // Keep what the link asked for visible, so Python can say why it is not a valid choice.
    control.append(element("option", { value }, value));
  }
  control.value = value;
}

function streamRow(name, stream, shown, span) {
  const row = element("section", { class: "cpt-stream" });
  Object.assign(row.dataset, { stream: name, low: stream.low, high: stream.high, eligible: stream.eligible });
  const title = stream.in_total ? shown.label : `${shown.label} (pour comparaison, hors total)`;
  row.append(element("h3", {}, title), element("p", { class: "cpt-amount" }, `${span(shown)} par mois`));
  if (!stream.eligible) {
    row.append(element("p", { class: "cpt-ineligible" }, `Non éligible : ${shown.reasons.join(" ")}`));
  }
  const sources = element(
    "ul",
    {},
    ...shown.ranges.map((range) => {
      const item = element("li", {}, `${range.source}${range.assumption ? " (hypothèse du modèle)" : ""} : `);
      item.append(`${span(range)}. `);
      range.references.forEach((reference, index) => {
        if (index) item.append(" ; ");
        item.append(
          reference.url
            ? element("a", { href: reference.url, rel: "noopener noreferrer" }, reference.title)
            : reference.title,
        );
      });
      return item;
    }),
  );
  row.append(element("details", {}, element("summary", {}, "Sources et fourchettes"), sources));
  return row;
}

function payoutBlock(payout, money, span) {
  const months = payout.months_to_first_payout;
  let timing = "Avec ces chiffres, TikTok ne vous verse rien : aucun retrait possible.";
  if (months) {
    const slowest = months.high === null ? "jamais si le mois est mauvais" : `${months.high} mois au pire`;
    timing = `Premier retrait possible après ${months.low} mois au mieux, ${slowest}.`;
  }
  const block = element(
    "section",
    { class: "cpt-payout" },
    element("h3", {}, `Retirer l'argent versé par TikTok (${payout.region_label})`),
    element("p", {}, `Versé par TikTok chaque mois : ${span(payout.tiktok_monthly)}. ${timing}`),
    element(
      "p",
      {},
      `Retrait minimum : ${span(payout.minimum)} selon le pays, par ${payout.methods.join(" ou ")}, ` +
        `au plus ${money.format(payout.daily_limit)} par jour, traité sous ${payout.processing_days} jours.`,
    ),
  );
  block.dataset.payout = "";
  return block;
}

function exchangeNote(rate) {
  const value = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 4 }).format(rate.value);
  const date = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long" }).format(new Date(rate.as_of));
  return element("p", { class: "cpt-hint" }, `Montants convertis à ${value} € pour 1 $ (taux du ${date}).`);
}

// One bar per stream from its low to its high amount, on a common scale; the figure's
// label carries the same figures as text.
function chart(streams, span) {
  const svgNS = "http://www.w3.org/2000/svg";
  const max = Math.max(...streams.map((stream) => stream.high), 1);
  const rows = streams.map((stream) => {
    const svg = document.createElementNS(svgNS, "svg");
    svg.setAttribute("viewBox", "0 0 100 10");
    svg.setAttribute("preserveAspectRatio", "none");
    const bar = document.createElementNS(svgNS, "rect");
    const width = Math.max((100 * (stream.high - stream.low)) / max, 0.5);
    const attributes = { x: Math.min((100 * stream.low) / max, 99.5), y: 1, width, height: 8 };
    for (const [name, value] of Object.entries(attributes)) bar.setAttribute(name, value);
    svg.append(bar);
    return element("div", { class: "cpt-bar" }, element("span", {}, stream.label), svg);
  });
  const summary = streams.map((stream) => `${stream.label} : ${span(stream)}`).join(" ; ");
  const figure = element("figure", { class: "cpt-chart", role: "img" }, ...rows);
  figure.setAttribute("aria-label", `Fourchettes mensuelles par source de revenus. ${summary}.`);
  return figure;
}

function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}
