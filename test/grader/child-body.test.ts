/**
 * What the child sends is what the grader will read: a message its own encoder let through but
 * the grader's decoder would refuse (values that fit one by one but not together) goes smaller,
 * saying what was left out, so that an honest result is never taken for an attack on the channel.
 */
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../grader/core/values.ts";
import { bytesOf } from "../../grader/sandbox/child.ts";
import { HEADER_BYTES } from "../../grader/sandbox/frames.ts";
import { acceptBody } from "../../grader/sandbox/inbound.ts";

/** A message's body, as the grader reads it from the frame the child sends. */
const bodyOf = (message: Parameters<typeof bytesOf>[0]) => bytesOf(message).subarray(HEADER_BYTES);

/** More list entries than one message may hold, each fine on its own. */
const tooMany = Array.from({ length: LIMITS.nodes + 10_000 }, (_, k) => k);

describe("the child's message bodies", () => {
  it("leave out a returned value the grader would refuse, keeping the rest", () => {
    const message = acceptBody(
      bodyOf({
        type: "result",
        id: 7,
        status: "returned",
        value: tooMany,
        second: undefined,
        argsAfter: [1],
        output: "printed",
        ms: 1,
      }),
    );
    expect(message).toMatchObject({
      type: "result",
      id: 7,
      status: "returned",
      value: { $unsupported: "a result too big to send to the grader" },
      argsAfter: [1],
      output: "printed",
    });
  });

  it("leave out the inputs after the call too when they are what is too big", () => {
    const message = acceptBody(
      bodyOf({
        type: "result",
        id: 7,
        status: "threw",
        error: { name: "Error", message: "no", stack: "" },
        argsAfter: [tooMany],
        output: "printed",
        ms: 1,
      }),
    );
    expect(message).toMatchObject({
      status: "threw",
      argsAfter: [{ $unsupported: "a result too big to send to the grader" }],
      output: "",
    });
  });

  it("say that a module has too many exports to list", () => {
    const exports = Array.from({ length: LIMITS.nodes + 10_000 }, (_, k) => `f${k}`);
    expect(acceptBody(bodyOf({ type: "ready", exports, output: "" }))).toMatchObject({
      type: "import-failed",
      error: { message: "the module has too many exports to list" },
    });
  });
});
