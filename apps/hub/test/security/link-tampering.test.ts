import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { PublishReportResponse, V2Deliver } from "@sofia/protocol";
import {
  addDoctor,
  addProducer,
  openV2,
  publish,
  sampleReport,
  startTestHub,
  type TestHub,
} from "../support/test-hub.ts";

const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** A character of `alphabet` other than `ch`, `step` places further on. */
const other = (ch: string, alphabet: string, step = 1) =>
  alphabet.charAt((alphabet.indexOf(ch) + step) % alphabet.length);

/**
 * A signed download link is refused, always with the same `403`, when any one character of its
 * signature, expiry or path is changed: the link names one report, one format and one expiry,
 * and exactly one signature string is valid for them.
 */
describe("signed links: tampering with any byte", () => {
  let t: TestHub;
  let link: URL;
  let refusal = "";
  beforeAll(async () => {
    t = await startTestHub();
    const key = await addDoctor(t, "dr-a");
    const token = await addProducer(t);
    const published = await publish(t, token, { doctor_id: "dr-a", report: sampleReport() });
    const id = PublishReportResponse.parse(await published.json()).id;
    const { socket } = await openV2(t, key);
    const delivery = V2Deliver.parse((await socket.next()).json);
    socket.close();
    if (delivery.event !== "report_ready" || delivery.data.report_id !== id) throw new Error("no link");
    link = new URL(delivery.data.url);
    refusal = await (await fetch(`${t.url}/v1/reports/${id}/report.docx?exp=1&sig=x`)).text();
  });
  afterAll(() => t.stop());

  const withParams = (exp: string, sig: string, path = link.pathname) => `${t.url}${path}?exp=${exp}&sig=${sig}`;
  const exp = () => link.searchParams.get("exp") ?? "";
  const sig = () => link.searchParams.get("sig") ?? "";
  /** Fetches each URL; returns those not refused with the one 403 body. */
  async function accepted(urls: string[]): Promise<string[]> {
    const through: string[] = [];
    for (const url of urls) {
      const response = await fetch(url);
      const body = await response.text();
      if (response.status !== 403 || body !== refusal) through.push(`${response.status} ${url}`);
    }
    return through;
  }

  test("the untouched link downloads", async () => {
    expect((await fetch(withParams(exp(), sig()))).status).toBe(200);
  });

  test("every character of the signature, changed two ways", async () => {
    const urls: string[] = [];
    for (let i = 0; i < sig().length; i++) {
      for (const step of [1, 32]) {
        const tampered = `${sig().slice(0, i)}${other(sig()[i] ?? "A", BASE64URL, step)}${sig().slice(i + 1)}`;
        urls.push(withParams(exp(), tampered));
      }
    }
    expect(urls).toHaveLength(86);
    expect(await accepted(urls)).toEqual([]);
  });

  test("every other last character: the spare bits of base64url do not make a second valid link", async () => {
    const last = sig().at(-1) ?? "A";
    const urls = [...BASE64URL]
      .filter((ch) => ch !== last)
      .map((ch) => withParams(exp(), `${sig().slice(0, -1)}${ch}`));
    expect(await accepted(urls)).toEqual([]);
  });

  test("every digit of the expiry, and the expiry written another way", async () => {
    const urls = [...exp()].map((d, i) =>
      withParams(`${exp().slice(0, i)}${other(d, "0123456789")}${exp().slice(i + 1)}`, sig()),
    );
    urls.push(withParams(`0${exp()}`, sig()), withParams(`${exp()}0`, sig()), withParams(`+${exp()}`, sig()));
    urls.push(`${t.url}${link.pathname}?sig=${sig()}`, `${t.url}${link.pathname}?exp=${exp()}`);
    expect(await accepted(urls)).toEqual([]);
  });

  test("every character of the path: refused, or not a download route at all; never the document", async () => {
    const path = link.pathname;
    const statuses: string[] = [];
    for (let i = 1; i < path.length; i++) {
      const ch = path[i] ?? "";
      if (ch === "/") continue;
      const alphabet = /[a-z]/.test(ch)
        ? "abcdefghijklmnopqrstuvwxyz"
        : /[A-Z]/.test(ch)
          ? BASE64URL.slice(0, 26)
          : /\d/.test(ch)
            ? "0123456789"
            : "._-";
      const response = await fetch(
        withParams(exp(), sig(), `${path.slice(0, i)}${other(ch, alphabet)}${path.slice(i + 1)}`),
      );
      await response.arrayBuffer();
      if (response.status !== 403 && response.status !== 404) statuses.push(`${response.status} at ${i}`);
    }
    expect(statuses).toEqual([]);
  });
});
