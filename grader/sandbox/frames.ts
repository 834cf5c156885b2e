/**
 * The channel between the grader and the sandboxed child: values serialized with V8's structured
 * clone, each frame preceded by its length (4 bytes, big-endian). Node's own IPC channel is not
 * used because it would let the child (learner code can call `process.send`) make the grader
 * buffer and deserialize a message of any size: here the grader reads a frame's length first and
 * drops the child when it is over the limit, before holding the frame in memory.
 */
import { deserialize, serialize } from "node:v8";

const HEADER_BYTES = 4;

export function frame(value: unknown): Buffer {
  const body = serialize(value);
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32BE(body.length);
  return Buffer.concat([header, body]);
}

export type FrameEvent = { value: unknown } | { problem: string };

/** Splits a byte stream back into values; a frame over `maxBytes` or that does not parse is a problem. */
export class FrameReader {
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #maxBytes: number;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  /** Takes the next chunk; returns every frame it completes, in order. */
  push(chunk: Buffer): FrameEvent[] {
    this.#pending.push(chunk);
    this.#pendingBytes += chunk.length;
    const events: FrameEvent[] = [];
    while (this.#pendingBytes >= HEADER_BYTES) {
      const head = this.#peek(HEADER_BYTES);
      const length = head.readUInt32BE(0);
      if (length > this.#maxBytes) {
        events.push({ problem: `a message of ${length} bytes (the limit is ${this.#maxBytes})` });
        this.#pending = [];
        this.#pendingBytes = 0;
        return events;
      }
      if (this.#pendingBytes < HEADER_BYTES + length) break;
      const joined = this.#peek(HEADER_BYTES + length);
      const rest = joined.subarray(HEADER_BYTES + length);
      this.#pending = rest.length > 0 ? [rest] : [];
      this.#pendingBytes = rest.length;
      try {
        events.push({ value: deserialize(joined.subarray(HEADER_BYTES, HEADER_BYTES + length)) });
      } catch (error) {
        events.push({ problem: `a message that does not parse (${(error as Error).message})` });
      }
    }
    return events;
  }

  /** The first `bytes` bytes pending, joined into one buffer (kept joined for the next look). */
  #peek(bytes: number): Buffer {
    const first = this.#pending[0] as Buffer;
    if (first.length >= bytes) return first;
    const joined = Buffer.concat(this.#pending);
    this.#pending = [joined];
    return joined;
  }
}
