/**
 * What the instructor's side says to a learner, as phrases: here only (in mistakes.ko.ts) the named
 * mistakes in Korean; its checker cases' bugs are worded on the learner's side (their codes travel
 * with the recorded answers).
 */
import type { AssignmentWords } from "../../grader/core/assignment.ts";
import { mistakesKo } from "./mistakes.ko.ts";

export const words: AssignmentWords = { ko: { mistakes: mistakesKo } };
