/** Types of bin/bundle.mjs, which is plain JavaScript: it runs before anything is built. */
export const COMPILE_CACHE: string;
export function entryPoints(root: string): string[];
export function freshBuild(root: string): boolean;
export function buildBundle(
  root: string,
  options?: { recordCode?: boolean },
): Promise<{ entries: number; inputs: number }>;
export function recordCode(root: string): void;
