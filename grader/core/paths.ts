import { fileURLToPath } from "node:url";

/** The gradecheck package's own folder, where `assignments/` and `reference/` live. */
export const PACKAGE_ROOT = fileURLToPath(new URL("../..", import.meta.url));
