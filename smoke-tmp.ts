import { buildSubmission } from "./grader/build.ts";
import { Sandbox } from "./grader/sandbox/sandbox.ts";
import { encode } from "./grader/sandbox/wire.ts";
import { np } from "./assignments/lib/np.ts";
for (const f of ["reference/planar-classifier/model.ts", "assignments/planar-classifier/model.ts"]) {
  const t0 = performance.now();
  const b = await buildSubmission(`/work/main/${f}`, "/work/main");
  console.log(f, b.status, (performance.now() - t0).toFixed(0), "ms");
  if (b.status !== "built") { console.log(b.message); continue; }
  const sb = new Sandbox({ dir: b.dir, entry: b.entry, heapMb: 256, importTimeoutMs: 5000 });
  const t1 = performance.now();
  console.log(await sb.exports(), (performance.now() - t1).toFixed(0), "ms start");
  const r = await sb.call("sigmoid", [encode(np.array([[0, 1]]))], 1000, true);
  console.log(JSON.stringify(r, (k, v) => v instanceof Float64Array ? Array.from(v) : v).slice(0, 400));
  console.log(JSON.stringify(await sb.call("nope", [], 1000)));
  sb.close();
}
