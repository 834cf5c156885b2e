/**
 * The gradient-checking library of known mistakes against submissions that make them
 * (submissions.ts), as every assignment's is tested (test/corpus/assignment-mistakes.ts).
 */
import { mistakes } from "../../reference/gradient-checking/mistakes.ts";
import { describeMistakes } from "../corpus/assignment-mistakes.ts";
import { checkingSubmissions } from "./submissions.ts";

describeMistakes("gradient-checking", mistakes, checkingSubmissions);
