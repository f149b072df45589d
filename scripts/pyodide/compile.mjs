// Byte-compile pure-Python wheels for Pyodide, with Pyodide's own CPython.
//
// Usage: node scripts/pyodide/compile.mjs IN_DIR OUT_DIR WHEEL_NAME...
//
// Why this way: pyodide-build needs the internet (it downloads a cross-build
// environment) and compiles with the host Python, whose bytecode Pyodide's
// CPython rejects. Pyodide's CPython running under Node writes bytecode that is
// exactly what the browser will load, offline, in about two seconds.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const [inDir, outDir, ...names] = process.argv.slice(2);
if (!inDir || !outDir || names.length === 0) {
  console.error("usage: node scripts/pyodide/compile.mjs IN_DIR OUT_DIR WHEEL_NAME...");
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const pyodide = await loadPyodide();
for (const [mountPoint, hostDir] of [["/host/in", inDir], ["/host/out", outDir]]) {
  pyodide.FS.mkdirTree(mountPoint);
  pyodide.mountNodeFS(mountPoint, path.resolve(hostDir));
}
pyodide.runPython(readFileSync(path.join(here, "compile_wheel.py"), "utf8"));
const compileWheel = pyodide.globals.get("compile_wheel");
for (const name of names) {
  compileWheel(`/host/in/${name}`, `/host/out/${name}`);
  console.log(`compiled ${name} with Python ${pyodide.version} (${pyodide.runPython("import sys; sys.version.split()[0]")})`);
}
