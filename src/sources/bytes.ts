/**
 * @module sources/bytes
 * Byte-level stream helpers with bounded memory: a pull reader over a chunk stream (for WARC
 * records) and a line splitter that drops the content of over-long lines instead of buffering
 * them (readline would hold a 1 GB single line in memory).
 */

/** Chunks of bytes from a file stream, a network body, or an array in a test. */
export type ByteSource = AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string>;

/** A pull reader over an async stream of byte chunks. */
export class ByteReader {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private done = false;
  /** Bytes consumed so far (offset of the next unread byte in the stream). */
  offset = 0;

  constructor(private readonly it: AsyncIterator<Buffer | Uint8Array | string>) {}

  static from(stream: ByteSource): ByteReader {
    if (Symbol.asyncIterator in stream) return new ByteReader(stream[Symbol.asyncIterator]());
    const it = stream[Symbol.iterator]();
    return new ByteReader({ next: async () => it.next() });
  }

  private get available(): number {
    return this.buf.length - this.pos;
  }

  /** Pulls one more chunk; false at end of stream. */
  private async fill(): Promise<boolean> {
    if (this.done) return false;
    const r = await this.it.next();
    if (r.done) {
      this.done = true;
      return false;
    }
    const chunk = typeof r.value === 'string' ? Buffer.from(r.value) : Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength);
    // Keep only the unread tail so the buffer never grows past one chunk plus a partial line.
    this.buf = this.available > 0 ? Buffer.concat([this.buf.subarray(this.pos), chunk]) : chunk;
    this.pos = 0;
    return true;
  }

  /** True when no byte is left. */
  async eof(): Promise<boolean> {
    while (this.available === 0) if (!(await this.fill())) return true;
    return false;
  }

  /**
   * Reads up to and including the next LF; returns the line without CR/LF, or null at end of
   * stream. A line longer than `max` bytes throws (corrupt input, not a header).
   */
  async readLine(max = 64 * 1024): Promise<string | null> {
    for (;;) {
      const nl = this.buf.indexOf(0x0a, this.pos);
      if (nl >= 0) {
        let end = nl;
        if (end > this.pos && this.buf[end - 1] === 0x0d) end--;
        const line = this.buf.toString('utf8', this.pos, end);
        this.offset += nl + 1 - this.pos;
        this.pos = nl + 1;
        return line;
      }
      if (this.available > max) throw new Error(`line longer than ${max} bytes`);
      if (!(await this.fill())) {
        if (this.available === 0) return null;
        const line = this.buf.toString('utf8', this.pos);
        this.offset += this.available;
        this.pos = this.buf.length;
        return line;
      }
    }
  }

  /** Reads exactly n bytes (fewer only at end of stream). */
  async read(n: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let need = n;
    while (need > 0) {
      if (this.available === 0 && !(await this.fill())) break;
      const take = Math.min(need, this.available);
      parts.push(this.buf.subarray(this.pos, this.pos + take));
      this.pos += take;
      this.offset += take;
      need -= take;
    }
    return parts.length === 1 ? parts[0] : Buffer.concat(parts);
  }

  /** Skips n bytes without keeping them; returns how many were skipped. */
  async skip(n: number): Promise<number> {
    let need = n;
    while (need > 0) {
      if (this.available === 0 && !(await this.fill())) break;
      const take = Math.min(need, this.available);
      this.pos += take;
      this.offset += take;
      need -= take;
    }
    return n - need;
  }

  /** Looks at the next n bytes without consuming them. */
  async peek(n: number): Promise<Buffer> {
    while (this.available < n) if (!(await this.fill())) break;
    return this.buf.subarray(this.pos, this.pos + Math.min(n, this.available));
  }
}

export interface SplitLine {
  /** 1-based line number. */
  line: number;
  /** The line without its terminator; empty when `tooLong`. */
  text: string;
  /** Length of the line in bytes. */
  bytes: number;
  /** The line exceeded the limit; its content was dropped. */
  tooLong: boolean;
}

/**
 * Splits a byte stream into UTF-8 lines (LF or CRLF). A line longer than `maxBytes` is reported
 * with `tooLong` and its bytes are discarded as they stream past.
 */
export async function* splitLines(
  stream: ByteSource,
  maxBytes: number,
): AsyncGenerator<SplitLine> {
  let parts: Buffer[] = [];
  let skipping = false;
  let lineNo = 0;
  let total = 0;
  const emit = (last: Buffer): SplitLine => {
    lineNo++;
    const size = total + last.length;
    if (skipping || size > maxBytes) {
      const r = { line: lineNo, text: '', bytes: size, tooLong: true };
      parts = [];
      total = 0;
      skipping = false;
      return r;
    }
    let buf = parts.length ? Buffer.concat([...parts, last]) : last;
    if (buf.length && buf[buf.length - 1] === 0x0d) buf = buf.subarray(0, buf.length - 1);
    parts = [];
    total = 0;
    return { line: lineNo, text: buf.toString('utf8'), bytes: size, tooLong: false };
  };
  for await (const raw of stream) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      if (nl < 0) break;
      yield emit(chunk.subarray(start, nl));
      start = nl + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      total += rest.length;
      if (skipping || total > maxBytes) {
        skipping = true;
        parts = [];
        } else {
        // Copy: the chunk's memory may be reused by the stream.
        parts.push(Buffer.from(rest));
      }
    }
  }
  if (total > 0 || skipping) yield emit(Buffer.alloc(0));
}
