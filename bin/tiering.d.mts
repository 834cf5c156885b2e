/** Types of bin/tiering.mjs, which is plain JavaScript: the command sets it before anything loads. */
export function tieringFlag(v8Version: string): string | undefined;
export function optimiseLater(): void;
