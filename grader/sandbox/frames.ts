/**
 * The channel between the grader and the sandboxed child: each message a frame of a header (the
 * body's length and the call it belongs to, 4 bytes each, big-endian) and a body (`codec.ts`).
 * Node's own IPC channel is not used because it would let the child (learner code can call
 * `process.send`) make the grader buffer and deserialize a message of any size.
 *
 * The reader hands each header to its owner as soon as it has arrived, before the body: a frame
 * too long, or for a call the grader is not waiting for, is refused without being read further.
 * Call 0 is the handshake (the child is ready, or its module could not be imported).
 */

import { encodeBody } from "./codec.ts";

export const HEADER_BYTES = 8;

/** Call id of the messages sent while the learner's module is imported. */
export const HANDSHAKE_ID = 0;

export function frame(id: number, body: Buffer): Buffer {
  const bytes = Buffer.allocUnsafe(HEADER_BYTES + body.length);
  body.copy(bytes, HEADER_BYTES);
  return framed(id, bytes);
}

/**
 * The frame whose body `bytes` holds after its first HEADER_BYTES, which are free (`encodeBody`'s
 * room): its header written there, the body not copied.
 */
export function framed(id: number, bytes: Buffer): Buffer {
  bytes.writeUInt32BE(bytes.length - HEADER_BYTES, 0);
  bytes.writeUInt32BE(id, 4);
  return bytes;
}

/** The frame of a message for call `id`: its body encoded behind the header, in one buffer. */
export function messageFrame(id: number, message: unknown): Buffer {
  return framed(id, encodeBody(message, HEADER_BYTES));
}

/** What the reader's owner does with what arrives; called in order, synchronously. */
export interface FrameHandler {
  /** A frame's header: undefined to read its body, or what is wrong with it (then the reader stops). */
  header(id: number, length: number): string | undefined;
  /** A whole frame's body. */
  body(id: number, body: Buffer): void;
  /** The stream broke the framing (a frame over the size limit, or a header refused); the reader has stopped. */
  problem(what: string): void;
}

/**
 * Splits a byte stream into frames, refusing one from its header alone when it has to. A body is
 * copied into a buffer of its announced length (within the limit) as its chunks arrive, so that
 * however the sender splits its writes, the reader holds one buffer per frame, not one per chunk.
 */
export class FrameReader {
  #header = Buffer.alloc(HEADER_BYTES);
  #headerBytes = 0;
  /** The frame whose header has been accepted and whose body is arriving. */
  #frame: { id: number; body: Buffer; filled: number } | undefined;
  #stopped = false;
  #maxBytes: number;
  #handler: FrameHandler;

  constructor(maxBytes: number, handler: FrameHandler) {
    this.#maxBytes = maxBytes;
    this.#handler = handler;
  }

  /** Reads nothing more, ever (the child was stopped). */
  stop(): void {
    this.#stopped = true;
    this.#frame = undefined;
  }

  push(chunk: Buffer): void {
    let at = 0;
    while (!this.#stopped) {
      if (!this.#frame) {
        const n = Math.min(HEADER_BYTES - this.#headerBytes, chunk.length - at);
        chunk.copy(this.#header, this.#headerBytes, at, at + n);
        this.#headerBytes += n;
        at += n;
        // The length is checked as soon as it is there, even before the rest of the header.
        if (this.#headerBytes < 4) return;
        const length = this.#header.readUInt32BE(0);
        if (length > this.#maxBytes) {
          this.#refuse(`a message of ${length} bytes (the limit is ${this.#maxBytes})`);
          return;
        }
        if (this.#headerBytes < HEADER_BYTES) return;
        this.#headerBytes = 0;
        const id = this.#header.readUInt32BE(4);
        const problem = this.#handler.header(id, length);
        if (problem !== undefined) {
          this.#refuse(problem);
          return;
        }
        this.#frame = { id, body: Buffer.allocUnsafe(length), filled: 0 };
      }
      const frame = this.#frame;
      const n = Math.min(frame.body.length - frame.filled, chunk.length - at);
      chunk.copy(frame.body, frame.filled, at, at + n);
      frame.filled += n;
      at += n;
      if (frame.filled < frame.body.length) return;
      this.#frame = undefined;
      this.#handler.body(frame.id, frame.body);
      if (at >= chunk.length) return;
    }
  }

  #refuse(what: string): void {
    this.stop();
    this.#handler.problem(what);
  }
}
