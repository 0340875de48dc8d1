// A one-line progress bar for scans on an interactive terminal (stderr, TTY only; never in pipes/CI).
import type { ScanProgress } from '../scan/scan-boards.js';

export function scanProgressBar(write: (s: string) => void, enabled: boolean): { onProgress?: (p: ScanProgress) => void; done: () => void } {
  if (!enabled) return { done: () => undefined };
  const finished = new Set<string>();
  let shown = false;
  return {
    onProgress(p) {
      if (p.phase === 'done' || p.phase === 'failed') finished.add(p.boardId);
      const width = 24;
      const filled = p.total === 0 ? width : Math.round((finished.size / p.total) * width);
      const what = p.phase === 'actions' ? `${p.boardId}: ${p.actions} actions` : p.phase === 'failed' ? `${p.boardId}: failed` : p.boardId;
      write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${finished.size}/${p.total} boards  ${what}`.padEnd(90).slice(0, 100));
      shown = true;
    },
    done() {
      if (shown) write('\r' + ' '.repeat(100) + '\r');
    },
  };
}
