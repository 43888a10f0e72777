/**
 * Where permessage-deflate pays on the hub's frames: for each frame size, the CPU time to deflate
 * one frame (zlib raw deflate, as permessage-deflate does, default level) and the bytes it saves.
 * The hub compresses frames at or above COMPRESS_ABOVE_BYTES; run `bun bench/compression.ts` to
 * see why that threshold. Frames are built like the real ones: a report delivery (JSON with HTML,
 * RTF and plain text renderings) cut to size, and care-team notifications.
 */
import { deflateRawSync } from "node:zlib";
import { COMPRESS_ABOVE_BYTES } from "../apps/hub/src/ws/compression.ts";

const report = JSON.stringify({
  type: "deliver",
  seq: 42,
  id: "dlv_01JD7Z3M8Q4V9X2K5N6P7R8S9T",
  event: "report_ready",
  data: {
    report_id: "rep_01JD7Z3M8Q4V9X2K5N6P7R8S9T",
    html_content: `<section><h2>Findings</h2><p>${"Caries on 36 distal, moderate; gingiva healthy. ".repeat(40)}</p></section>`,
    rtf_report: `{\\rtf1\\ansi ${"\\par Caries on 36 distal, moderate; gingiva healthy. ".repeat(40)}}`,
    plaintext_report: "FINDINGS\n".concat("Caries on 36 distal, moderate; gingiva healthy.\n".repeat(40)),
  },
});
const notification = JSON.stringify({
  type: "deliver",
  seq: 7,
  id: "ntf_01JD7Z3M8Q4V9X2K5N6P7R8S9T_0",
  event: "prescription_status_changed",
  data: {
    prescription_id: "rx-3",
    patient_id: "pat-1",
    doctor_id: "dr-ada",
    status: "ready",
    changed_at: "2026-12-02T09:00:00.000Z",
  },
});

function measure(frame: string): { us: number; saved: number } {
  const bytes = Buffer.from(frame);
  const runs = Math.max(50, Math.floor(200_000 / bytes.length));
  for (let i = 0; i < runs; i++) deflateRawSync(bytes); // warm up
  const start = performance.now();
  let out = 0;
  for (let i = 0; i < runs; i++) out = deflateRawSync(bytes).length;
  return { us: ((performance.now() - start) * 1000) / runs, saved: bytes.length - out };
}

console.log(`threshold in use: ${COMPRESS_ABOVE_BYTES} bytes\n`);
console.log("| frame | bytes | deflate µs | bytes saved | saved per µs |");
console.log("| --- | --- | --- | --- | --- |");
const rows: [string, string][] = [["notification", notification]];
for (const size of [256, 512, 1024, 2048, 4096, 8192]) rows.push([`report cut to ${size}`, report.slice(0, size)]);
rows.push(["whole report", report]);
for (const [name, frame] of rows) {
  const { us, saved } = measure(frame);
  console.log(`| ${name} | ${frame.length} | ${us.toFixed(1)} | ${saved} | ${(saved / us).toFixed(1)} |`);
}
