/**
 * The waiting room's estimate as the launch page shows it (web/src/pages/launch/eta.ts): the
 * slower of the server's figure (the line at the nominal admission rate) and the pace the
 * line was seen to move at, rounded up — so a line that takes two minutes never reads
 * "under a minute"; a line that does not move says so; a place moved back starts afresh.
 */
import { describe, expect, it } from 'vitest';
import { addSample, estimateWait, waitUnits, type LineSample } from '../web/src/pages/launch/eta.js';

/** Looks at a line every `everyMs` for `spanMs`, the line moving one buyer per `perBuyerMs`. */
function watch(startAhead: number, spanMs: number, everyMs: number, perBuyerMs: number): LineSample[] {
  let samples: LineSample[] = [];
  for (let at = 0; at <= spanMs; at += everyMs) samples = addSample(samples, { at: 1_000_000 + at, ahead: Math.max(0, startAhead - Math.floor(at / perBuyerMs)) });
  return samples;
}

describe('the wait estimate', () => {
  it('takes the line’s real pace when it is slower than the admission rate (the cap is full)', () => {
    // 24 ahead at 10 a second is "2 s" by the rate; the line really moves one buyer every 5 s.
    const samples = watch(24, 20_000, 2000, 5000);
    const last = samples[samples.length - 1]!;
    expect(last.ahead).toBe(20);
    const est = estimateWait(samples, Math.ceil(last.ahead / 10));
    expect(est).toEqual({ kind: 'seconds', seconds: 100 });
    expect(waitUnits(100)).toEqual({ unit: 'min', n: 2 });
  });

  it('keeps the server’s figure when the line moves as fast as promised, and before it has watched long enough', () => {
    const fast = watch(200, 20_000, 2000, 100);
    expect(estimateWait(fast, 1)).toEqual({ kind: 'seconds', seconds: 1 });
    const brief = watch(24, 4000, 2000, 5000);
    expect(estimateWait(brief, 3)).toEqual({ kind: 'seconds', seconds: 3 });
    expect(estimateWait([], 30)).toEqual({ kind: 'seconds', seconds: 30 });
    expect(estimateWait([], null)).toEqual({ kind: 'unknown' });
  });

  it('says a line that has not moved for a while is stalled, instead of promising a time', () => {
    const still = watch(12, 24_000, 2000, 1e12);
    expect(estimateWait(still, 2)).toEqual({ kind: 'stalled' });
  });

  it('starts afresh when the buyer is put back in line (further back than before)', () => {
    let samples = watch(10, 20_000, 2000, 5000);
    samples = addSample(samples, { at: 1_030_000, ahead: 40 });
    expect(samples).toEqual([{ at: 1_030_000, ahead: 40 }]);
    // Old looks leave the window.
    let long: LineSample[] = [];
    for (let at = 0; at <= 200_000; at += 10_000) long = addSample(long, { at, ahead: 1000 - at / 1000 });
    expect(long[0]!.at).toBeGreaterThanOrEqual(200_000 - 90_000);
  });

  it('rounds up: 61 s is about 2 min, 59 s under a minute, 90 min about 1.5 h', () => {
    expect(waitUnits(59)).toEqual({ unit: 'soon' });
    expect(waitUnits(60)).toEqual({ unit: 'min', n: 1 });
    expect(waitUnits(61)).toEqual({ unit: 'min', n: 2 });
    expect(waitUnits(119)).toEqual({ unit: 'min', n: 2 });
    expect(waitUnits(5400)).toEqual({ unit: 'h', n: 1.5 });
    expect(waitUnits(3601)).toEqual({ unit: 'h', n: 1.5 });
  });
});
