/**
 * The array module's WebAssembly: assignments/lib/simd.wat assembled with wabt into
 * assignments/lib/simd-wasm.ts, the module's bytes as base64 (`npm run wasm`, this script;
 * test/np/simd.test.ts checks the committed file is up to date). The bytes are committed, so that
 * neither an install nor a learner's release needs the assembler.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import wabt from "wabt";

const LIB = join(import.meta.dirname, "../assignments/lib");
export const SOURCE = join(LIB, "simd.wat");
export const TARGET = join(LIB, "simd-wasm.ts");

/** The module `simd.wat` assembles to. */
export async function assemble(): Promise<Uint8Array> {
  const toolkit = await wabt();
  const parsed = toolkit.parseWat("simd.wat", readFileSync(SOURCE, "utf8"), { simd: true });
  try {
    parsed.validate();
    return parsed.toBinary({}).buffer;
  } finally {
    parsed.destroy();
  }
}

/** The TypeScript module that holds `bytes`. */
export function moduleSource(bytes: Uint8Array): string {
  const base64 = Buffer.from(bytes).toString("base64");
  const lines = base64.match(/.{1,96}/g) ?? [];
  return [
    "// Written by `npm run wasm` (scripts/wasm.ts) from simd.wat: do not edit.",
    "export const SIMD_WASM =",
    ...lines.map((line, i) => `  "${line}"${i === lines.length - 1 ? ";" : " +"}`),
    "",
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(TARGET, moduleSource(await assemble()));
  console.log("wrote assignments/lib/simd-wasm.ts");
}
