/**
 * The names of the file formats `--format` writes (render/index.ts's `adapters`, which must have
 * exactly these). Apart from the renderers, so that the command line can check and list them
 * without loading every renderer (and the report's validator) as it starts.
 */
export const FORMAT_NAMES = [
  "json",
  "gradescope",
  "exercism",
  "junit",
  "junit-lines",
  "classroom",
  "annotations",
  "markdown",
  "html",
] as const;

export type FormatName = (typeof FORMAT_NAMES)[number];

export function isFormat(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}
