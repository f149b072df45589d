// The calculator page: reads the form, asks the worker, renders what comes back.
// No rule lives here: validation, eligibility and every message come from Python.

const root = document.querySelector("[data-calculator]");
if (root) mount(root);

function mount(root) {
  const form = root.querySelector("form");
  const inputs = [...form.querySelectorAll("input[name]")];
  const status = root.querySelector("[data-status]");
  const results = root.querySelector("[data-results]");
  const absolute = (path) => new URL(path, document.baseURI).href;
  let latest = 0;

  // Values from the URL (/calculateur/?monthly_views=300000) win over the defaults.
  const query = new URLSearchParams(location.search);
  for (const input of inputs) {
    if (query.has(input.name)) input.value = query.get(input.name);
  }

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
  form.addEventListener("input", () => {
    const params = new URLSearchParams(inputs.map((input) => [input.name, input.value]));
    history.replaceState(null, "", `?${params}`);
    if (root.dataset.state !== "loading") request();
  });

  function request() {
    latest += 1;
    root.setAttribute("data-busy", "");
    const values = Object.fromEntries(inputs.map((input) => [input.name, input.value]));
    worker.postMessage({ type: "estimate", id: latest, inputs: values });
  }

  function render(answer) {
    const errors = answer.ok ? {} : answer.errors;
    for (const input of inputs) {
      const message = errors[input.name];
      const slot = root.querySelector(`[data-error-for="${input.name}"]`);
      if (message) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
      slot.textContent = message ?? "";
      slot.hidden = !message;
    }
    if (!answer.ok) {
      // Never leave the previous numbers on screen as if they answered the new input.
      results.replaceChildren();
      const others = Object.entries(errors).filter(([key]) => !inputs.some((input) => input.name === key));
      status.textContent = [
        "Corrigez le champ signalé pour voir l'estimation.",
        ...others.map(([, message]) => message),
      ].join(" ");
      return;
    }
    status.textContent = "";
    const money = new Intl.NumberFormat("fr-FR", {
      style: "currency",
      currency: answer.result.currency,
      currencyDisplay: "narrowSymbol",
      trailingZeroDisplay: "stripIfInteger",
    });
    const span = (low, high) => `${money.format(low)} à ${money.format(high)} par mois`;
    const rows = Object.entries(answer.result.streams).map(([name, stream]) => streamRow(name, stream, span));
    const total = element("p", { class: "cpt-total" }, `Total estimé : ${span(answer.result.total.low, answer.result.total.high)}`);
    total.dataset.total = "";
    total.dataset.low = answer.result.total.low;
    total.dataset.high = answer.result.total.high;
    results.replaceChildren(...rows, total);
  }
}

function streamRow(name, stream, span) {
  const row = element("section", { class: "cpt-stream" });
  Object.assign(row.dataset, { stream: name, low: stream.low, high: stream.high, eligible: stream.eligible });
  const title = stream.in_total ? stream.label : `${stream.label} (pour comparaison, hors total)`;
  row.append(element("h3", {}, title), element("p", { class: "cpt-amount" }, span(stream.low, stream.high)));
  if (!stream.eligible) {
    row.append(element("p", {}, "Non éligible :"), list(stream.reasons.map((reason) => element("li", {}, reason))));
  }
  const sources = list(
    stream.ranges.map((range) => {
      const item = element("li", {}, `${range.source} : ${span(range.low, range.high)}. `);
      range.references.forEach((reference, index) => {
        if (index) item.append(" ; ");
        item.append(
          reference.url ? element("a", { href: reference.url, rel: "noopener" }, reference.title) : reference.title,
        );
      });
      return item;
    }),
  );
  const details = element("details", {}, element("summary", {}, "Sources et fourchettes"), sources);
  row.append(details);
  return row;
}

function list(items) {
  return element("ul", {}, ...items);
}

function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}
