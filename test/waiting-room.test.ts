import { expect, it } from 'vitest';
import { WaitingRoom } from '../src/launches/waiting-room.js';

it('a buyer whose pass lapsed goes to the back of the line, keeps one place, and is admitted again in turn', () => {
  const room = new WaitingRoom({ admissionRatePerSec: 1, maxActive: 10, passTtlMs: 5000 });
  room.restoreDone(false, 0);
  for (const b of ['a', 'b', 'c']) room.join(b, 0);
  room.draw('00'.repeat(32));
  const order = ['a', 'b', 'c'].map((b) => room.get(b)!).sort((x, y) => x.seq! - y.seq!).map((e) => e.buyerId);
  const [first, second, third] = order as [string, string, string];
  expect(room.admit(1000, true).map((e) => e.buyerId)).toEqual([first]);
  // Its pass lapses unused: back of the line, behind the other two.
  const e = room.get(first)!;
  room.requeue(e);
  expect(e.seq).toBe(4);
  expect(room.position(e).ahead).toBeGreaterThanOrEqual(2);
  expect(room.join(first, 7000).isNew).toBe(false);
  expect(room.admit(8000, true).map((x) => x.buyerId)).toEqual([second]);
  expect(room.admit(9000, true).map((x) => x.buyerId)).toEqual([third]);
  expect(room.admit(10_000, true).map((x) => x.buyerId)).toEqual([first]);
  expect(room.admit(11_000, true)).toEqual([]);
});
