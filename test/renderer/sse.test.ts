import { describe, expect, it } from 'vitest';
import { SseParser } from '../../renderer/src/api/sse';

describe('SseParser', () => {
  it('parses named events with JSON data', () => {
    const p = new SseParser();
    expect(p.push('event: job:progress\ndata: {"fraction":0.5}\n\n')).toEqual([{ event: 'job:progress', data: '{"fraction":0.5}' }]);
  });

  it('waits for the blank line when a frame is split across chunks, even mid-line', () => {
    const p = new SseParser();
    expect(p.push('event: workspace:chan')).toEqual([]);
    expect(p.push('ged\ndata: {"name":')).toEqual([]);
    expect(p.push('"demo"}\n')).toEqual([]);
    expect(p.push('\n')).toEqual([{ event: 'workspace:changed', data: '{"name":"demo"}' }]);
  });

  it('returns several messages from one chunk and ignores comments (keep-alives)', () => {
    const p = new SseParser();
    const out = p.push(': connected\n\nevent: a\ndata: 1\n\n: keep-alive\n\nevent: b\ndata: 2\n\n');
    expect(out.map((m) => [m.event, m.data])).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
  });

  it('joins multi-line data with newlines and defaults the event name to "message"', () => {
    const p = new SseParser();
    expect(p.push('data: line one\ndata: line two\n\n')).toEqual([{ event: 'message', data: 'line one\nline two' }]);
  });

  it('accepts CRLF and CR line endings, including a CRLF split between chunks', () => {
    const p = new SseParser();
    expect(p.push('event: a\r\ndata: 1\r')).toEqual([]);
    expect(p.push('\n\r\n')).toEqual([{ event: 'a', data: '1' }]);
    // A frame ending in CR is dispatched at once…
    expect(p.push('event: c\r\ndata: 3\r\r')).toEqual([{ event: 'c', data: '3' }]);
    // …and a LF right after a chunk-final CR completes that CRLF instead of being a blank line.
    expect(p.push('data: 4\r')).toEqual([]);
    expect(p.push('\ndata: 5\n\n')).toEqual([{ event: 'message', data: '4\n5' }]);
    expect(p.push('event: b\rdata: 2\r\r')).toEqual([{ event: 'b', data: '2' }]);
  });

  it('strips exactly one space after the colon and keeps colons inside the value', () => {
    const p = new SseParser();
    expect(p.push('event:x\ndata:  {"a":"b:c"}\n\n')).toEqual([{ event: 'x', data: ' {"a":"b:c"}' }]);
  });

  it('does not dispatch a frame without data, and resets the event name after each dispatch', () => {
    const p = new SseParser();
    expect(p.push('event: lonely\n\n')).toEqual([]);
    expect(p.push('data: x\n\n')).toEqual([{ event: 'message', data: 'x' }]);
  });
});
