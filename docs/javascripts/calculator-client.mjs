// The calculator's worker, seen from the page, as in Pyodide's "Using Pyodide in a web worker":
// one promise per request id, errors as data, and the worker's life told as events.
//
// Every worker is made by window.cptCalculator.start(), defined in the head of the page
// (partials/calculator-head.html): `connect()` makes the first (the page says when), `restart()`
// a new one, and window.cptCalculator.worker is always the current one. A question asked before
// `connect()` waits for the worker.
//
// Events (CustomEvent, with `detail`): "progress" {loaded, total} while the runtime downloads,
// "ready" {start, snapshot} once Python is up (started fresh or from a snapshot), "failed" {message}
// when it cannot start or an answer raised, "crashed" {message, wasReady} when the worker died. A request the worker will never answer
// (it failed, died or was replaced) is rejected with a WorkerUnavailable; its event says why.

export const ANSWER_TIMEOUT_MS = 8000;
// Python answers within a tenth of a second once it is up (docs/performance.md: 95th percentile
// of 100 keystrokes about 70 ms from the keystroke to the new figures on the page). A worker
// that is gone (terminated, killed for memory) sends no event at all: this long a silence, even on
// a slow phone, means it died.

export class WorkerUnavailable extends Error {}

export class CalculatorClient extends EventTarget {
  #boot;
  #worker = null;
  #ready = false;
  #nextId = 0;
  #pending = new Map(); // id -> {resolve, reject, timer, message}

  constructor(boot) {
    super();
    this.#boot = boot;
  }

  get ready() {
    return this.#ready;
  }

  // Makes the first worker, and with it Pyodide, and sends it what was asked meanwhile (all of it is
  // pending: nothing was sent before there was a worker).
  connect() {
    this.#adopt(this.#boot.start());
    for (const { message } of this.#pending.values()) this.#worker.postMessage(message);
  }

  // A new worker (and a new Pyodide) in place of the current one, whatever state it is in.
  restart() {
    this.#giveUp("le calculateur redémarre");
    this.#worker.terminate();
    this.#adopt(this.#boot.start());
  }

  // Resolves with the worker's answer to {inputs, currency, target}, or to {kind: "kit", inputs, personal,
  // currency} (the media kit): asked now, answered as soon as Python is up (the worker holds requests until then).
  ask({ kind = "estimate", ...question }) {
    const id = (this.#nextId += 1);
    return new Promise((resolve, reject) => {
      const request = { resolve, reject, timer: 0, message: { type: kind, id, ...question } };
      this.#pending.set(id, request);
      this.#worker?.postMessage(request.message);
      if (this.#ready) this.#watch(request);
    });
  }

  // The page is idle after its first answer: the worker may now keep its memory snapshot (or drop it).
  idle({ keep }) {
    this.#worker.postMessage({ type: "idle", keep });
  }

  #adopt(worker) {
    this.#worker = worker;
    this.#ready = false;
    worker.addEventListener("message", (event) => this.#heard(worker, event));
    worker.addEventListener("error", (event) => this.#heard(worker, event));
  }

  #heard(worker, event) {
    if (worker !== this.#worker) return; // a replaced worker's last words
    if (event.type === "error") {
      event.preventDefault(); // not an uncaught error: the page says it, in French
      this.#crashed(event.message || "le script du calculateur s'est arrêté");
      return;
    }
    const data = event.data;
    if (data.type === "progress") {
      this.#emit("progress", { loaded: data.loaded, total: data.total });
    } else if (data.type === "ready") {
      this.#ready = true;
      for (const request of this.#pending.values()) this.#watch(request);
      this.#emit("ready", { start: data.start, snapshot: data.snapshot });
    } else if (data.type === "answer") {
      this.#settle(data.id)?.resolve(data.answer);
    } else if (data.type === "failed") {
      if (data.id === undefined) this.#giveUp(data.message);
      else this.#settle(data.id)?.reject(new WorkerUnavailable(data.message));
      this.#emit("failed", { message: data.message });
    } else if (data.type === "csp") {
      console.error(`CSP violation in the calculator's worker: ${data.directive} ${data.blocked}`);
    }
  }

  #crashed(message) {
    const wasReady = this.#ready;
    this.#ready = false;
    this.#giveUp(message);
    this.#emit("crashed", { message, wasReady });
  }

  #watch(request) {
    clearTimeout(request.timer);
    request.timer = setTimeout(() => this.#crashed("il ne répond plus"), ANSWER_TIMEOUT_MS);
  }

  #settle(id) {
    const request = this.#pending.get(id);
    if (!request) return undefined;
    clearTimeout(request.timer);
    this.#pending.delete(id);
    return request;
  }

  // Every request still waiting is one this worker will not answer.
  #giveUp(message) {
    for (const id of [...this.#pending.keys()]) this.#settle(id).reject(new WorkerUnavailable(message));
  }

  #emit(type, detail = {}) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
