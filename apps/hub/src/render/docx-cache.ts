import type { RenderContext } from "./context.ts";

/** Default memory the DOCX cache may hold: 32 MiB (hundreds of typical reports). */
export const DEFAULT_DOCX_CACHE_BYTES = 32 * 1024 * 1024;

/**
 * Rendered DOCX files by report, in memory only, least recently used first out, within a byte
 * budget; concurrent requests for a document not yet rendered share one rendering. Twenty clicks
 * on one link cost one rendering, not twenty.
 *
 * It holds report text, so it never touches the disk, and a document is only ever served after
 * the caller has checked the link and the report's revocation: the cache answers "what is this
 * report's DOCX", never "may this be downloaded". The key names everything a DOCX depends on that
 * can change after publishing (the doctor's and clinic's names, the clinic's layout): a change
 * makes a new key, and the old entry ages out.
 */
export class DocxCache {
  private readonly entries = new Map<string, Uint8Array<ArrayBuffer>>();
  private readonly rendering = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();
  private bytes = 0;
  /** Renderings started (misses), for tests and benchmarks. */
  renders = 0;

  constructor(private readonly maxBytes = DEFAULT_DOCX_CACHE_BYTES) {}

  /** The report's DOCX: from the cache, from a rendering under way, or from `render`. */
  get(reportId: string, ctx: RenderContext, render: () => Promise<Uint8Array<ArrayBuffer>>) {
    const key = `${reportId}\n${JSON.stringify([ctx.doctorName, ctx.clinicName, ctx.layout])}`;
    const cached = this.entries.get(key);
    if (cached) {
      this.entries.delete(key); // re-insert: most recently used last
      this.entries.set(key, cached);
      return Promise.resolve(cached);
    }
    const pending = this.rendering.get(key);
    if (pending) return pending;
    this.renders++;
    const started = render().then(
      (docx) => {
        this.rendering.delete(key);
        this.keep(key, docx);
        return docx;
      },
      (error: unknown) => {
        this.rendering.delete(key);
        throw error;
      },
    );
    this.rendering.set(key, started);
    return started;
  }

  private keep(key: string, docx: Uint8Array<ArrayBuffer>): void {
    // One document may not take more than a quarter of the cache: it would flush the rest.
    if (this.maxBytes === 0 || docx.byteLength > this.maxBytes / 4) return;
    this.entries.set(key, docx);
    this.bytes += docx.byteLength;
    for (const [oldest, evicted] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= evicted.byteLength;
    }
  }
}
