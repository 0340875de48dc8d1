// `nabiz audit` output written card by card into a bounded buffer (the CLI and the audit bench both use it; it
// lives here, below both, so that bench does not import cli: docs/architecture.md "The arrows").
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { evaluateBoardByCard } from '../../../shared/compliance/by-card.js';
import type { BoardSnapshot, ComplianceSummary } from '../../../shared/types.js';
import { auditCsvFormatter, auditHtmlFormatter, type AuditFormatContext } from './audit-format.js';
import { auditJudging } from './audit-summary.js';

/**
 * json/csv/html card by card (shared/compliance/by-card.ts): a 50,000-card export never holds every finding nor
 * the whole output in memory. JSON is written as it goes (the summary comes last); csv/html may put the summary
 * first, so their rows wait in a temporary file until the summary is known.
 */
export function writeAuditStreaming(
  snapshot: BoardSnapshot,
  now: Date,
  format: 'json' | 'csv' | 'html',
  ctx: AuditFormatContext,
  sink: Sink,
): { summary: ComplianceSummary; findings: number } {
  const it = evaluateBoardByCard(snapshot, now);
  if (format === 'json') {
    // First what was judged — or that nothing was, and why — as the text summary says it.
    sink.write(`{"judging":${JSON.stringify(auditJudging(snapshot, now, ctx.locale ?? 'tr'))},\n"findings":[`);
    let n = 0;
    for (let r = it.next(); ; r = it.next()) {
      if (r.done) {
        sink.write(`${n ? '\n' : ''}],\n"summary":${JSON.stringify(r.value, null, 2)}}\n`);
        return { summary: r.value, findings: n };
      }
      for (const f of r.value.findings) sink.write(`${n++ ? ',' : ''}\n${JSON.stringify(f)}`);
    }
  }
  const fmt = format === 'csv' ? auditCsvFormatter(ctx) : auditHtmlFormatter(ctx);
  const dir = mkdtempSync(join(tmpdir(), 'nabiz-audit-'));
  try {
    const rows = fileSink(join(dir, 'rows'));
    let findings = 0;
    let summary: ComplianceSummary;
    for (let r = it.next(); ; r = it.next()) {
      if (r.done) {
        summary = r.value;
        break;
      }
      for (const f of r.value.findings) {
        rows.write(fmt.row(f));
        findings++;
      }
    }
    rows.close();
    const head = { summary, findings };
    sink.write(fmt.head(head));
    copyFileInto(join(dir, 'rows'), sink);
    sink.write(fmt.tail(head));
    return head;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Buffered text output (stdout or a file): bounded memory whatever the size. */
export interface Sink {
  write(s: string): void;
  close(): void;
}

const SINK_BUFFER = 1 << 20;

export function bufferedSink(out: (s: string) => void): Sink {
  let buf: string[] = [];
  let size = 0;
  const flush = () => {
    if (buf.length) out(buf.join(''));
    buf = [];
    size = 0;
  };
  return {
    write(s) {
      buf.push(s);
      size += s.length;
      if (size >= SINK_BUFFER) flush();
    },
    close: flush,
  };
}

export function fileSink(path: string): Sink {
  const fd = openSync(path, 'w');
  const s = bufferedSink((chunk) => void writeSync(fd, chunk, null, 'utf8'));
  return {
    write: s.write,
    close() {
      try {
        s.close();
      } finally {
        closeSync(fd);
      }
    },
  };
}

function copyFileInto(path: string, sink: Sink): void {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(SINK_BUFFER);
  const decoder = new StringDecoder('utf8');
  try {
    for (let n = readSync(fd, buf, 0, buf.length, null); n > 0; n = readSync(fd, buf, 0, buf.length, null)) sink.write(decoder.write(buf.subarray(0, n)));
    sink.write(decoder.end());
  } finally {
    closeSync(fd);
  }
}
