/**
 * Incremental parser for `text/event-stream` (the subset the browser-mode host sends:
 * `event:` and `data:` fields, comments, blank-line dispatch). Pure: feed it decoded text chunks in
 * order and it returns the complete messages; partial frames wait for the next chunk.
 * Follows https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
export interface SseMessage {
  /** The `event:` field, or "message" when absent. */
  event: string;
  /** The `data:` lines joined with "\n". */
  data: string;
  id?: string;
}

export class SseParser {
  private buffer = '';
  private eventName = '';
  private dataLines: string[] = [];
  private lastId: string | undefined;
  /** The previous chunk ended in CR: a LF starting this one belongs to that CRLF. */
  private skipLeadingLf = false;

  /** Feed the next decoded chunk; returns every message completed by it. */
  push(chunk: string): SseMessage[] {
    if (this.skipLeadingLf && chunk.startsWith('\n')) chunk = chunk.slice(1);
    this.skipLeadingLf = false;
    this.buffer += chunk;
    const messages: SseMessage[] = [];
    let start = 0;
    for (;;) {
      const lf = this.buffer.indexOf('\n', start);
      const cr = this.buffer.indexOf('\r', start);
      if (lf < 0 && cr < 0) break;
      let end: number;
      let next: number;
      if (cr >= 0 && (lf < 0 || cr < lf)) {
        end = cr;
        // A CR at the end of the chunk may be the first half of a CRLF split across chunks.
        if (cr === this.buffer.length - 1) this.skipLeadingLf = true;
        next = this.buffer[cr + 1] === '\n' ? cr + 2 : cr + 1;
      } else {
        end = lf;
        next = lf + 1;
      }
      const message = this.line(this.buffer.slice(start, end));
      if (message) messages.push(message);
      start = next;
    }
    this.buffer = this.buffer.slice(start);
    return messages;
  }

  private line(line: string): SseMessage | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null; // comment / keep-alive
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.eventName = value;
    else if (field === 'data') this.dataLines.push(value);
    else if (field === 'id' && !value.includes('\0')) this.lastId = value;
    return null;
  }

  private dispatch(): SseMessage | null {
    const hasData = this.dataLines.length > 0;
    const message: SseMessage = { event: this.eventName || 'message', data: this.dataLines.join('\n') };
    if (this.lastId !== undefined) message.id = this.lastId;
    this.eventName = '';
    this.dataLines = [];
    return hasData ? message : null;
  }
}
