/**
 * The deep network's library of known mistakes against submissions that make them
 * (submissions.ts), as every assignment's is tested (test/corpus/assignment-mistakes.ts).
 */
import { mistakes } from "../../reference/deep-neural-network/mistakes.ts";
import { describeMistakes } from "../corpus/assignment-mistakes.ts";
import { deepSubmissions } from "./submissions.ts";

describeMistakes("deep-neural-network", mistakes, deepSubmissions);
