// Build the reduced standard library the browser loads (loadPyodide({stdLibURL})).
//
// Usage: node scripts/pyodide/stdlib.mjs WHEEL_DIR RATES_FILE OUT_ZIP WHEEL_NAME...
//
// Installs the compiled wheels in Pyodide under Node, runs the calculator the way the
// browser worker does, and keeps only the standard-library modules that were imported,
// byte-compiled. See reduce_stdlib.py.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const [wheelDir, ratesFile, outZip, ...names] = process.argv.slice(2);
if (!outZip || names.length === 0) {
  console.error("usage: node scripts/pyodide/stdlib.mjs WHEEL_DIR RATES_FILE OUT_ZIP WHEEL_NAME...");
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const pyodide = await loadPyodide();
// Installed as the browser's worker installs them (docs/javascripts/calculator-worker.mjs), so the
// modules that unpacking needs are kept too.
const sitePackages = pyodide.runPython("import sys; next(p for p in sys.path if p.endswith('site-packages'))");
for (const name of names) {
  pyodide.unpackArchive(new Uint8Array(readFileSync(path.resolve(wheelDir, name))), "wheel", { extractDir: sitePackages });
}
for (const [mountPoint, hostDir] of [["/host/scripts", here], ["/host/out", path.dirname(path.resolve(outZip))]]) {
  pyodide.FS.mkdirTree(mountPoint);
  pyodide.mountNodeFS(mountPoint, hostDir);
}
pyodide.runPython("import sys; sys.path.insert(0, '/host/scripts')");
const reduce = pyodide.pyimport("reduce_stdlib");
reduce.exercise(readFileSync(ratesFile, "utf8"));
const files = reduce.used_files().toJs();
const zipPath = pyodide.runPython("import sys; next(p for p in sys.path if p.endswith('.zip'))");
const count = reduce.write_reduced(zipPath, `/host/out/${path.basename(outZip)}`, pyodide.toPy(files));
console.log(`reduced standard library: ${count} modules`);
