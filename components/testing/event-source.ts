/**
 * A small EventSource over fetch, for component tests only: happy-dom has none, and going
 * through fetch lets msw answer the stream like any other request. It follows the parts of
 * the spec the app uses: named events, `data:` lines, onerror, close(), readyState.
 */
export class TestEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSED = 2;
  readyState = 0;
  onerror: ((e: Event) => void) | null = null;
  onmessage: ((e: MessageEvent<string>) => void) | null = null;
  readonly url: string;
  private readonly abort = new AbortController();

  constructor(url: string | URL) {
    super();
    this.url = new URL(String(url), globalThis.location?.href).href;
    void this.read();
  }

  close(): void {
    this.readyState = TestEventSource.CLOSED;
    this.abort.abort();
  }

  private fail(): void {
    if (this.readyState === TestEventSource.CLOSED) return;
    // No reconnection here: a test that wants a retry serves the stream again itself.
    this.readyState = TestEventSource.CLOSED;
    this.onerror?.(new Event('error'));
  }

  private async read(): Promise<void> {
    let res: Response;
    try {
      res = await fetch(this.url, { headers: { accept: 'text/event-stream' }, signal: this.abort.signal });
    } catch {
      return this.fail();
    }
    if (!res.ok || !res.body) return this.fail();
    this.readyState = TestEventSource.OPEN;
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.dispatchBlock(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // aborted by close()
    }
    this.fail(); // the server ended the stream
  }

  private dispatchBlock(block: string): void {
    if (this.readyState === TestEventSource.CLOSED) return;
    let type = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) type = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    const event = new MessageEvent(type, { data: data.join('\n') });
    if (type === 'message') this.onmessage?.(event);
    this.dispatchEvent(event);
  }
}

/** The body of a text/event-stream answer from named events. */
export function sseBody(events: { event: string; data: unknown }[]): string {
  return events.map((e) => `event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`).join('');
}
