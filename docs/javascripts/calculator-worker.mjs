// The calculator's worker: loads Pyodide once, then answers each request with what the
// Python package says. It only moves data: every rule and message lives in calculator/.
//
// Page -> worker: {type: "init", base, runtime} once (runtime: the build's list of files, site-relative,
//                 with their sizes and sha256; partials/calculator-head.html posts it), then
//                 {type: "estimate", id, inputs, currency, target} (target: euros, or null for the
//                 estimate itself), or {type: "kit", id, inputs, personal, currency} (the media kit).
//                 {type: "idle", keep} once the page has shown its first answer (the moment to keep the
//                 snapshot, or, with keep false, in another site's frame, to drop it).
// Worker -> page: {type: "progress", loaded, total} while downloading, {type: "ready", start, snapshot}
//                 (start: "snapshot" or "fresh"; snapshot: what became of the saved one, see below),
//                 {type: "failed", message} when it cannot start, {type: "answer", id, answer},
//                 {type: "failed", id, message} when one answer fails,
//                 {type: "csp", directive, blocked} for a Content Security Policy violation here.

let session = null;
let snapshots = null;

// Any download that fails or arrives altered stops the start-up at once: loadPyodide() itself
// may never settle when a file is missing (the .wasm, for one), so it is raced against this.
let fail = () => {};
let downloadFailed = false;
const failure = new Promise((_, reject) => {
  fail = (error) => {
    downloadFailed = true;
    reject(error);
  };
});
failure.catch(() => {}); // handled where it is raced; never an "unhandled rejection" on its own

async function start({ base, runtime }) {
  const absolute = (path) => new URL(path, base).href;
  const [pyodideURL, stdlib, lock, rates] = [runtime.pyodide, runtime.stdlib, runtime.lock, runtime.rates]
    .map(absolute);
  const total = Object.values(runtime.sizes).reduce((sum, size) => sum + size, 0);
  const integrity = Object.fromEntries(
    Object.entries(runtime.integrity).map(([path, sha256]) => [absolute(path), sha256]),
  );
  checkDownloads(total, integrity);
  watchWebAssembly();
  // Downloaded while Pyodide boots; a failed one is reported through `failure`.
  const ratesText = quiet(fetch(rates).then((response) => response.text()));
  const wheels = runtime.wheels.map((url) => quiet(fetch(absolute(url)).then((response) => response.arrayBuffer())));
  snapshots = new Snapshots(base, runtime);
  const saved = snapshots.saved();
  const { loadPyodide } = await Promise.race([import(pyodideURL), failure]);
  // The reduced standard library and a lock listing only our two wheels (built by the
  // combien-site plugin, plugin/combien_site/runtime.py).
  const options = { stdLibURL: stdlib, lockFileURL: lock, messageCallback: () => {} };
  let { bytes, outcome } = await saved;
  if (bytes) {
    try {
      const pyodide = await Promise.race([loadPyodide({ ...options, _loadSnapshot: bytes }), failure]);
      // A snapshot holds the interpreter's memory, not its files: the modules already imported are
      // there, but site-packages is empty again. The wheels come back from the service worker's cache.
      await install(pyodide, wheels);
      const session = pyodide.globals.get("_cpt_session");
      if (session) return { session, start: "snapshot", snapshot: "restored" };
      outcome = "restore-failed";
    } catch (error) {
      if (downloadFailed) throw error; // a download failed: no fresh start would do better
      outcome = "restore-failed";
    }
    bytes = null;
    snapshots.forget();
  }
  const keep = outcome !== "unsupported";
  const pyodide = await Promise.race([loadPyodide({ ...options, _makeSnapshot: keep }), failure]);
  await install(pyodide, wheels);
  pyodide.globals.set("_cpt_rates", await Promise.race([ratesText, failure]));
  pyodide.runPython("import calculator.browser\n_cpt_session = calculator.browser.Session(_cpt_rates)\ndel _cpt_rates");
  // Taken now, before the first question reaches Python: the memory it keeps then holds nothing the
  // reader typed (the privacy page promises no storage of it). Only the copy is made here; hashing and
  // storing wait for the page to be idle (the "idle" message). Restored, it brings back the same hash
  // seed and `random` state on every visit: the calculator uses neither for anything a reader sees.
  if (keep) snapshots.pending = pyodide.makeMemorySnapshot();
  return { session: pyodide.globals.get("_cpt_session"), start: "fresh", snapshot: outcome };
}

async function install(pyodide, wheels) {
  const sitePackages = pyodide.runPython("import sys; next(p for p in sys.path if p.endswith('site-packages'))");
  for (const wheel of await Promise.race([Promise.all(wheels), failure])) {
    pyodide.unpackArchive(wheel, "wheel", { extractDir: sitePackages });
  }
}

// The memory snapshot of a started calculator (Pyodide 314.0.7's private API: `_makeSnapshot`,
// `makeMemorySnapshot()`, `_loadSnapshot`; package.json pins the version, tests/e2e/test_snapshot.py
// tests the path). Made by the reader's own browser after its first start, kept in Cache Storage
// (30 MiB, never downloaded), restored on the next visit in about a third of a fresh start.
// One entry, with the key of everything it depends on (the runtime files' sha256, Pyodide's
// version folder, this worker's content-hashed address) and its own sha256: any mismatch, an
// altered entry, a failed restore or a browser without Cache Storage falls back to a fresh start,
// silently, and the page's data-python-start / data-snapshot attributes say which path ran.
const SNAPSHOTS = "combien-paie-tiktok-snapshot"; // sw.js leaves this cache alone

class Snapshots {
  pending = null;
  #address;
  #key;

  constructor(base, runtime) {
    this.#address = new URL("combien-paie-tiktok-snapshot", base).href; // never served: a cache key only
    const depends = { pyodide: runtime.pyodide, integrity: runtime.integrity, worker: self.location.href };
    this.#key = sha256(new TextEncoder().encode(JSON.stringify(depends))).catch(() => null);
  }

  // {bytes, outcome}: outcome "none" (nothing saved), "stale" (another build's), "corrupted",
  // "unsupported" (no Cache Storage or no WebCrypto here, as in an opaque-origin frame); never throws.
  async saved() {
    try {
      if (typeof caches === "undefined" || !crypto?.subtle) return { bytes: null, outcome: "unsupported" };
      const cache = await caches.open(SNAPSHOTS);
      const response = await cache.match(this.#address);
      if (!response) return { bytes: null, outcome: "none" };
      if (response.headers.get("X-Snapshot-Key") !== (await this.#key)) {
        this.forget();
        return { bytes: null, outcome: "stale" };
      }
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (response.headers.get("X-Snapshot-Sha256") !== (await sha256(bytes))) {
        this.forget();
        return { bytes: null, outcome: "corrupted" };
      }
      return { bytes, outcome: "found" };
    } catch {
      return { bytes: null, outcome: "unsupported" };
    }
  }

  // Stores the snapshot taken at start-up, if any, in place of any older one; never throws.
  async keep() {
    const bytes = this.pending;
    this.pending = null;
    if (!bytes) return;
    try {
      const headers = { "Content-Type": "application/octet-stream", "X-Snapshot-Key": await this.#key,
                        "X-Snapshot-Sha256": await sha256(bytes) };
      await (await caches.open(SNAPSHOTS)).put(this.#address, new Response(bytes, { headers }));
    } catch {
      // Storage full or refused: the next visit starts fresh, as this one did.
    }
  }

  forget() {
    caches.open(SNAPSHOTS).then((cache) => cache.delete(this.#address)).catch(() => {});
  }
}

async function sha256(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return [...digest].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

// A promise whose rejection is handled where it is raced against `failure`, never "unhandled" on its own.
function quiet(promise) {
  promise.catch(() => {});
  return promise;
}

// Every download (runtime, standard library, lock, wheels, rates) goes through here: its bytes
// are counted for the page's progress bar, and those listed in `integrity` are checked against
// the sha256 written at build time before anyone reads them.
function checkDownloads(total, integrity) {
  const plainFetch = self.fetch.bind(self);
  let loaded = 0;
  let reported = 0;
  const count = (bytes) => {
    loaded += bytes;
    if (loaded - reported > total / 100 || loaded >= total) {
      reported = loaded;
      self.postMessage({ type: "progress", loaded, total });
    }
  };
  self.fetch = async (resource, options) => {
    const url = new URL(resource instanceof Request ? resource.url : String(resource), self.location.href).href;
    const name = decodeURIComponent(url.split("/").pop());
    const expected = integrity[url];
    let response;
    try {
      // Checked here against our own build-time hash, so the message can say what went wrong.
      response = await plainFetch(resource, expected ? { ...options, integrity: undefined } : options);
    } catch {
      return abandoned(`téléchargement impossible de ${name}`);
    }
    if (!response.ok) return abandoned(`téléchargement impossible de ${name} (HTTP ${response.status})`);
    if (!expected || !response.body) return response;
    const { status, statusText, headers } = response;
    return new Response(verified(response.body, expected, name, count), { status, statusText, headers });
  };
}

// A download that failed ends the start-up through `failure`; its caller (Pyodide) is left waiting
// rather than handed an error: Pyodide does not catch every one of its own fetches (the .wasm's
// rejection reached nobody, an uncaught « Failed to fetch »), and after a failure this worker
// is only ever terminated (« Réessayer » starts a new one).
function abandoned(message) {
  fail(new Error(message));
  return new Promise(() => {});
}

// The body passed on chunk by chunk as it arrives (Pyodide compiles the .wasm while it downloads),
// but for its last chunk, held back until the whole file's sha256 matches: a file that differs
// from the build's never reaches its reader complete.
function verified(body, expected, name, count) {
  const reader = body.getReader();
  const chunks = [];
  let held = null;
  return new ReadableStream({
    async pull(controller) {
      let part;
      try {
        part = await reader.read();
      } catch (error) {
        fail(new Error(`téléchargement interrompu de ${name}`));
        controller.error(error);
        return;
      }
      if (!part.done) {
        chunks.push(part.value);
        count(part.value.byteLength);
        if (held) controller.enqueue(held);
        held = part.value;
        return;
      }
      const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", await new Blob(chunks).arrayBuffer()));
      const actual = [...digest].map((byte) => byte.toString(16).padStart(2, "0")).join("");
      if (actual !== expected) {
        const error = new Error(`le fichier ${name} a été modifié ou corrompu en route (empreinte SHA-256 inattendue)`);
        fail(error);
        controller.error(error);
        return;
      }
      if (held) controller.enqueue(held);
      controller.close();
    },
  });
}

// Pyodide only logs when the .wasm cannot be compiled (a policy without 'wasm-unsafe-eval', a
// browser without WebAssembly): report it through `failure` too.
function watchWebAssembly() {
  for (const name of ["instantiate", "instantiateStreaming", "compile", "compileStreaming"]) {
    const original = WebAssembly[name];
    if (typeof original !== "function") continue;
    WebAssembly[name] = function (...args) {
      const result = original.apply(WebAssembly, args);
      result.catch((error) => fail(new Error(`le moteur Python n'a pas pu démarrer (${error?.message ?? error})`)));
      return result;
    };
  }
}

self.addEventListener("securitypolicyviolation", (event) => {
  self.postMessage({ type: "csp", directive: event.violatedDirective, blocked: event.blockedURI });
});

self.addEventListener("message", async ({ data }) => {
  if (data.type === "init" && session === null) {
    const started = start(data);
    session = quiet(started.then(({ session }) => session));
    try {
      const { start: how, snapshot } = await started;
      self.postMessage({ type: "ready", start: how, snapshot });
    } catch (error) {
      self.postMessage({ type: "failed", message: String(error?.message ?? error) });
    }
  } else if (data.type === "idle" && snapshots !== null) {
    if (data.keep) snapshots.keep();
    else snapshots.pending = null;
  } else if ((data.type === "estimate" || data.type === "kit") && session !== null) {
    let ready;
    try {
      ready = await session;
    } catch {
      return; // start-up failed: the page has been told once, and offers to retry
    }
    try {
      const inputs = JSON.stringify(data.inputs);
      // A JS null is not Python's None: leave the target out rather than pass it.
      const answer =
        data.type === "kit"
          ? ready.kit(inputs, JSON.stringify(data.personal), data.currency ?? "USD")
          : data.target == null
          ? ready.answer(inputs, data.currency ?? "USD")
          : ready.answer(inputs, data.currency ?? "USD", String(data.target));
      self.postMessage({ type: "answer", id: data.id, answer: JSON.parse(answer) });
    } catch (error) {
      self.postMessage({ type: "failed", id: data.id, message: String(error?.message ?? error) });
    }
  }
});
