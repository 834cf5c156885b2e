/**
 * The error an import failure amounts to is named the same in every language ("Timeout: …");
 * each catalog words its sentence (`importMessage`).
 */
import type { ImportFailure } from "../core/outcomes.ts";

export function importErrorName(failure: ImportFailure): string {
  switch (failure.code) {
    case "threw":
      return failure.error.name;
    case "never-settles":
    case "too-many-exports":
      return "Error";
    case "timeout":
      return "Timeout";
    case "protocol":
      return "Protocol";
    case "crashed":
      return "Exit";
  }
}
