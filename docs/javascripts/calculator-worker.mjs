// The calculator's worker: loads Pyodide once, then answers each request with what the
// Python package says. It only moves data: every rule and message lives in calculator/.
//
// Page -> worker: {type: "init", pyodide, stdlib, lock, packages, rates, total} once,
//                 then {type: "estimate", id, inputs, currency, target} (target: euros, or null
//                 for the estimate itself).
// Worker -> page: {type: "progress", loaded, total} while downloading, {type: "ready"},
//                 {type: "failed", message}, {type: "answer", id, answer}.

let session = null;

async function start({ pyodide: pyodideURL, stdlib, lock, packages, rates, total }) {
  countDownloads(total);
  const ratesText = fetch(rates).then((response) => {
    if (!response.ok) throw new Error(`rates.yml : HTTP ${response.status}`);
    return response.text();
  });
  const { loadPyodide } = await import(pyodideURL);
  // The reduced standard library and a lock listing only our two wheels (built by
  // hooks/pyodide_runtime.py); `packages` makes Pyodide fetch them while it boots.
  const pyodide = await loadPyodide({ stdLibURL: stdlib, lockFileURL: lock, packages, messageCallback: () => {} });
  const missing = packages.filter((name) => !(name in pyodide.loadedPackages));
  if (missing.length) throw new Error(`paquets Python non chargés : ${missing.join(", ")}`);
  const browser = pyodide.pyimport("calculator.browser");
  return browser.Session(await ratesText);
}

// Count the bytes of every download (runtime, standard library, wheels, rates) for the
// page's progress bar: responses are passed through a counting stream, unchanged.
function countDownloads(total) {
  const plainFetch = self.fetch.bind(self);
  let loaded = 0;
  let reported = 0;
  self.fetch = async (...args) => {
    const response = await plainFetch(...args);
    if (!response.body) return response;
    const counter = new TransformStream({
      transform(chunk, controller) {
        loaded += chunk.byteLength;
        if (loaded - reported > total / 100 || loaded >= total) {
          reported = loaded;
          self.postMessage({ type: "progress", loaded, total });
        }
        controller.enqueue(chunk);
      },
    });
    const { status, statusText, headers } = response;
    return new Response(response.body.pipeThrough(counter), { status, statusText, headers });
  };
}

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
    try {
      const inputs = JSON.stringify(data.inputs);
      const ready = await session;
      // A JS null is not Python's None: leave the target out rather than pass it.
      const answer =
        data.target == null
          ? ready.answer(inputs, data.currency ?? "USD")
          : ready.answer(inputs, data.currency ?? "USD", String(data.target));
      self.postMessage({ type: "answer", id: data.id, answer: JSON.parse(answer) });
    } catch (error) {
      self.postMessage({ type: "failed", message: String(error?.message ?? error) });
    }
  }
});
