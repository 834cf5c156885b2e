import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadAssignment } from "../grader/assignments.ts";
import { grade } from "../grader/grade.ts";
import { applyBug, bugs, referenceSource } from "./corpus/bugs.ts";
const parts = await loadAssignment(join(import.meta.dirname, ".."), "planar-classifier", true);
const caseCache = new Map();
const only = process.argv[2];
for (const bug of bugs) {
  if (only && !bug.name.includes(only)) continue;
  const dir = join("/tmp/bugrun", bug.name.replace(/[^A-Za-z0-9]+/g, "-"));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "model.ts"), applyBug(referenceSource(), bug));
  const r = await grade(parts, { submission: join(dir, "model.ts"), displayRoot: dir, seed: 0, hidden: true, timeoutMs: undefined, toolVersion: "t", typeCheck: false, caseCache });
  const losing = r.functions.filter((f) => f.score < f.maxScore).map((f) => f.name);
  console.log(`\n## ${bug.name}: losing ${losing.join(", ")} (was ${bug.losing.join(", ")})`);
  for (const fn of losing) {
    const t = r.tests.find((t) => t.function === fn && t.status !== "passed");
    console.log(`  ${fn} [${t?.id}]: ${t?.message.slice(0, 260)}`);
  }
  for (const t of r.tests) if (!losing.includes(t.function) && t.status !== "passed") console.log(`  (not graded) ${t.id}: ${t.message.slice(0, 120)}`);
}
