/**
 * The logistic-regression library of known mistakes against submissions that make them
 * (submissions.ts), as every assignment's is tested (test/corpus/assignment-mistakes.ts).
 */
import { mistakes } from "../../reference/logistic-regression/mistakes.ts";
import { describeMistakes } from "../corpus/assignment-mistakes.ts";
import { logisticSubmissions } from "./submissions.ts";

describeMistakes("logistic-regression", mistakes, logisticSubmissions);
