// The calculator's worker: loads Pyodide once, then answers each request with what the
// Python package says. It only moves data: every rule and message lives in calculator/.
//
// Page -> worker: {type: "init", base, runtime} once (runtime: the build's list of files, site-relative,
//                 with their sizes and sha256; partials/calculator-head.html posts it), then
//                 {type: "estimate", id, inputs, currency, target} (target: euros, or null for the
//                 estimate itself).
// Worker -> page: {type: "progress", loaded, total} while downloading, {type: "ready"},
//                 {type: "failed", message} when it cannot start, {type: "answer", id, answer},
//                 {type: "failed", id, message} when one answer fails,
//                 {type: "csp", directive, blocked} for a Content Security Policy violation here.

let session = null;

// Any download that fails or arrives altered stops the start-up at once: loadPyodide() itself
// may never settle when a file is missing (the .wasm, for one), so it is raced against this.
let fail = () => {};
const failure = new Promise((_, reject) => {
  fail = reject;
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
  const { loadPyodide } = await Promise.race([import(pyodideURL), failure]);
  // The reduced standard library and a lock listing only our two wheels (built by the
  // combien-site plugin, plugin/combien_site/runtime.py).
  const pyodide = await Promise.race([
    loadPyodide({ stdLibURL: stdlib, lockFileURL: lock, messageCallback: () => {} }),
    failure,
  ]);
  const sitePackages = pyodide.runPython("import sys; next(p for p in sys.path if p.endswith('site-packages'))");
  for (const wheel of await Promise.race([Promise.all(wheels), failure])) {
    pyodide.unpackArchive(wheel, "wheel", { extractDir: sitePackages });
  }
  const browser = pyodide.pyimport("calculator.browser");
  return browser.Session(await Promise.race([ratesText, failure]));
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
    session = start(data);
    try {
      await session;
      self.postMessage({ type: "ready" });
    } catch (error) {
      self.postMessage({ type: "failed", message: String(error?.message ?? error) });
    }
  } else if (data.type === "estimate" && session !== null) {
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
        data.target == null
          ? ready.answer(inputs, data.currency ?? "USD")
          : ready.answer(inputs, data.currency ?? "USD", String(data.target));
      self.postMessage({ type: "answer", id: data.id, answer: JSON.parse(answer) });
    } catch (error) {
      self.postMessage({ type: "failed", id: data.id, message: String(error?.message ?? error) });
    }
  }
});
