import type { Clock } from "@sofia/opendental";
import type { HoldCode } from "../hold-reasons.ts";
import type { Office } from "../office.ts";
import type { Audit } from "../state/audit.ts";
import type { Ledger } from "../state/ledger.ts";

/** What a write step needs. */
export interface WriteDeps {
  office: Office;
  ledger: Ledger;
  audit: Audit;
  clock: Clock;
  /** Fetches the report's Word document from its signed link. */
  fetch: typeof fetch;
}

/** One report to write to one patient. */
export interface WriteJob {
  reportId: string;
  patNum: number;
  provNum: number;
  plaintext: string;
  /** The signed link to the report's Word document. */
  docxUrl: string;
  noteCode: string;
  signed: boolean;
  attachDocx: boolean;
}

/** How a write ended, short of an Open Dental error (which the caller classifies). */
export type WriteResult =
  | {
      kind: "written";
      /** What the report became in Open Dental: PatNum, ProcNum, ProcNoteNum (or CommlogNum), AptNum, DocNum. */
      ids: Record<string, number | string>;
      /** `code: words` notes for the status (a read-back mismatch, a document not attached). */
      remarks: string[];
    }
  | { kind: "held"; code: HoldCode; detail: string };
