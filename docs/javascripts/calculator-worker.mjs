// The calculator's worker: loads Pyodide once, then answers each request with what
// the Python package says. It only moves data: every rule and message lives in calculator/.
//
// Page -> worker: {type: "init", pyodide, wheels, rates} once, then {type: "estimate", id, inputs, currency}.
// Worker -> page: {type: "ready"} | {type: "failed", message} | {type: "answer", id, answer}.

let session = null;

async function start({ pyodide: pyodideURL, wheels, rates }) {
  const { loadPyodide } = await import(pyodideURL);
  const ratesText = fetch(rates).then((response) => {
    if (!response.ok) throw new Error(`rates.yml : HTTP ${response.status}`);
    return response.text();
  });
  const pyodide = await loadPyodide({ messageCallback: () => {} });
  const loaded = await pyodide.loadPackage(wheels, { messageCallback: () => {}, errorCallback: () => {} });
  // loadPackage resolves with what it managed to load instead of throwing.
  if (loaded.length !== wheels.length) {
    throw new Error(`paquets Python chargés : ${loaded.length} sur ${wheels.length}`);
  }
  const browser = pyodide.pyimport("calculator.browser");
  return browser.Session(await ratesText);
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
      const answer = (await session).answer(JSON.stringify(data.inputs), data.currency ?? "USD");
      self.postMessage({ type: "answer", id: data.id, answer: JSON.parse(answer) });
    } catch (error) {
      self.postMessage({ type: "failed", message: String(error?.message ?? error) });
    }
  }
});
