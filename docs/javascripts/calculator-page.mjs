// The calculator page (/calculateur/, /embed/, and /kit-media/, whose view asks for the media kit): wires the
// form (calculator-view.mjs) to the worker (calculator-client.mjs).
// No rule lives here: validation, eligibility, amounts and every message come from Python.
//
// This module, loaded async, wires the form as soon as the DOM is there, and starts Python once the
// page has loaded (startOnceLoaded, below). Our modules have content-hashed names, which the head
// of the page lists as preload links: they are imported from there.

const boot = window.cptCalculator;
const moduleURL = (name) => document.querySelector(`link[data-cpt-module="${name}"]`).href;
const [{ CalculatorClient }, { CalculatorView }] = await Promise.all([
  import(moduleURL("client")),
  import(moduleURL("view")),
]);

// Python starts once the page has loaded, not from the head of the page: the figures are prerendered,
// so nothing the reader sees waits for it, and a worker compiling Pyodide takes a core from Material's
// start-up on a two-core phone. Measured with Lighthouse 12.2.3 (mobile, served compressed, 3 runs
// each, docs/performance.md): blocking time on /calculateur/ 220-298 ms started from the head, 79-152
// ms started at `load`; the cold start to the first answer stays under the bare loadPyodide() page's.
function startOnceLoaded(start) {
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start, { once: true });
}

// After this visit, the page and everything it loads come from the cache when offline (sw.js).
// Registered once Python has started: the worker's precache would otherwise download the runtime a
// second time while the first figure is still being computed. Registering again is a no-op.
function keepAnOfflineCopy() {
  if ("serviceWorker" in navigator && window.parent === window) {
    navigator.serviceWorker.register(new URL("sw.js", boot.base)).catch(() => {});
  }
}

class CalculatorPage {
  #view;
  #client;
  #asked = 0; // the latest question: older answers are dropped
  #lastQuestion = ""; // the latest question sent, as JSON: the same question is not asked twice
  #restartedAfterCrash = false;
  #idleTold = false;

  constructor(view, client) {
    this.#view = view;
    this.#client = client;
  }

  start() {
    const view = this.#view;
    const query = new URLSearchParams(location.search);
    view.fill(query);
    if (view.embedded) {
      view.applyEmbedOptions(query);
      if (window.parent !== window) view.reportHeight(window.parent);
    }
    view.linkPages();
    view.onPrint(() => window.print()); // the media kit: the browser prints it or saves it as PDF
    view.onEdit(() => this.#edited());
    view.onMode((mode) => view.setMode(mode));
    view.onPreset((texts) => {
      view.fillPreset(texts);
      this.#edited();
    });
    view.onRetry(() => this.#restart("Nouvel essai de chargement du calculateur…"));

    const client = this.#client;
    client.addEventListener("progress", ({ detail }) => view.showProgress(detail.loaded, detail.total));
    client.addEventListener("ready", ({ detail }) => {
      view.hideProgress();
      // Which start ran (README, "The widget"): read by the tests and scripts/bench.
      view.root.dataset.pythonStart = detail.start;
      view.root.dataset.snapshot = detail.snapshot;
      keepAnOfflineCopy();
    });
    client.addEventListener("failed", ({ detail }) =>
      view.showFailure(`Le calculateur n'a pas pu démarrer : ${detail.message}.`));
    client.addEventListener("crashed", ({ detail }) => this.#crashed(detail));
    this.#ask();
    startOnceLoaded(() => client.connect());
  }

  // A field's "change" follows its "input" with the same value (when it loses focus): only a question
  // that differs from the last one is asked, so leaving a field does not redraw the answer under the
  // reader's next click.
  #edited() {
    const question = this.#view.question();
    if (JSON.stringify(question) === this.#lastQuestion) return;
    this.#view.hidePrerendered();
    history.replaceState(null, "", `?${this.#view.query()}`); // calculator inputs only, never [data-personal]
    this.#view.linkPages();
    this.#ask(question);
  }

  async #ask(question = this.#view.question()) {
    if (this.#view.failed) return; // until "Réessayer": the form stays as typed
    const asked = (this.#asked += 1);
    this.#lastQuestion = JSON.stringify(question);
    this.#view.busy();
    let answer;
    try {
      answer = await this.#client.ask(question);
    } catch {
      return; // the worker failed or died: its event has said so
    }
    if (asked === this.#asked) this.#view.showAnswer(answer);
    if (!this.#idleTold) {
      // Once the first answer is shown, when the page has nothing else to do: the worker then stores
      // the snapshot of its start (a copy of 30 MiB hashed and written to Cache Storage).
      this.#idleTold = true;
      // Not in another site's frame: the widget keeps nothing on the reader's device there.
      const whenIdle = window.requestIdleCallback ?? ((task) => setTimeout(task, 1000));
      whenIdle(() => this.#client.idle({ keep: window.parent === window }), { timeout: 5000 });
    }
  }

  // The worker died (an uncaught error, or no answer in time once it was up): start a new one
  // once, silently, keeping the form as typed; a second death shows the error and "Réessayer".
  #crashed({ message, wasReady }) {
    if (wasReady && !this.#restartedAfterCrash) {
      this.#restartedAfterCrash = true;
      this.#restart("Le calculateur s'est arrêté ; il redémarre…");
    } else {
      this.#view.showFailure(`Le calculateur s'est arrêté : ${message}.`);
    }
  }

  #restart(note) {
    this.#view.loading(note);
    this.#client.restart();
    this.#ask();
  }
}

// Last, once the class above is defined: the module may run after the body is parsed already.
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
else mount();

function mount() {
  const root = document.querySelector("[data-calculator]");
  if (root) new CalculatorPage(new CalculatorView(root), new CalculatorClient(boot)).start();
}
