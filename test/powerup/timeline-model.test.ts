// The card back's recent entries (R37): a comment whose reading cannot be read stays an entry and
// carries the grammar's warning, so the Power-Up can show what to fix.
import { describe, expect, it } from 'vitest';
import { timelineItems } from '../../powerup/src/timeline-model.js';

describe('timelineItems', () => {
  const comments = [
    { date: '2026-11-27T09:00:00Z', text: '#haftalık\nDisk: -3,1 / 4 GB\nTrafik 10/100 GB', author: 'Ayşe Yılmaz' },
    { date: '2026-11-26T09:00:00Z', text: 'müşteri teşekkür etti' },
    { date: '2026-11-25T09:00:00Z', text: '> #günlük alıntı\ntamam' },
    { date: '2026-11-24T09:00:00Z', text: "#günlük eğitim 11.10'da başladı" },
  ];

  it('keeps entries only, with their first line, author and warnings', () => {
    const items = timelineItems(comments);
    expect(items.map((i) => [i.at.slice(0, 10), i.kinds, i.text])).toEqual([
      ['2026-11-27', ['weekly'], '#haftalık'],
      ['2026-11-24', ['daily'], "#günlük eğitim 11.10'da başladı"],
    ]);
    expect(items[0]!.author).toBe('Ayşe Yılmaz');
    expect(items[0]!.warnings).toEqual([expect.stringContaining('negative amount (-3,1)')]);
    expect(items[1]!.warnings).toEqual([]);
  });

  it('stops at the limit', () => {
    expect(timelineItems(comments, 1)).toHaveLength(1);
  });
});
