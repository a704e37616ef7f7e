/**
 * Spatial navigation for the TV layout: the arrow keys move focus to the nearest focusable
 * element in that direction, Enter activates it (native for links and buttons; we add it
 * for checkboxes and radios), Escape goes back. Nothing needs a pointer.
 *
 * A small hook of our own rather than a library: the app's focusables are plain links,
 * buttons and form controls, so geometry over getBoundingClientRect() is all it takes
 * (~1 kB), with no registration of components and nothing to keep in sync.
 */
import { useEffect } from 'react';

type Dir = 'up' | 'down' | 'left' | 'right';
const KEYS: Record<string, Dir> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'password', 'tel', 'url', 'number', '']);

function visible(el: HTMLElement): boolean {
  if (el.closest('[inert],[hidden],[aria-hidden="true"]')) return false;
  const r = el.getBoundingClientRect();
  if (r.width < 1 || r.height < 1) return false;
  const style = getComputedStyle(el);
  return style.visibility !== 'hidden' && style.display !== 'none';
}

/** Every element focus may move to, inside an open modal dialog when there is one. */
export function focusables(): HTMLElement[] {
  const scope = document.querySelector<HTMLElement>('[aria-modal="true"]') ?? document.body;
  return Array.from(scope.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(visible);
}

/** Whether the key should stay with a text field (moving the caret) rather than move focus. */
function keyBelongsToField(el: Element, dir: Dir): boolean {
  if (el instanceof HTMLTextAreaElement) {
    const atStart = el.selectionStart === 0 && el.selectionEnd === 0;
    const atEnd = el.selectionStart === el.value.length;
    return !((dir === 'up' || dir === 'left') ? atStart : atEnd);
  }
  if (el instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(el.type)) {
    if (dir === 'up' || dir === 'down') return false;
    let start: number | null = null;
    let end: number | null = null;
    try {
      start = el.selectionStart;
      end = el.selectionEnd;
    } catch {
      return false; // number and email inputs have no caret API: arrows move focus
    }
    if (start === null || end === null) return false;
    if (start !== end) return true;
    return dir === 'left' ? start > 0 : end < el.value.length;
  }
  return false;
}

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

function gap(a0: number, a1: number, b0: number, b1: number): number {
  if (b1 < a0) return a0 - b1;
  if (b0 > a1) return b0 - a1;
  return 0;
}

/** The best candidate from `from` in `dir`, or null at the edge of the page. */
export function nearest(from: Box, dir: Dir, candidates: Array<{ el: HTMLElement; box: Box }>): HTMLElement | null {
  const cx = (b: Box) => (b.left + b.right) / 2;
  const cy = (b: Box) => (b.top + b.bottom) / 2;
  let best: HTMLElement | null = null;
  let bestScore = Infinity;
  for (const strict of [true, false]) {
    for (const { el, box } of candidates) {
      let primary: number;
      let secondary: number;
      let offset: number;
      const tol = 2;
      if (dir === 'down' || dir === 'up') {
        const ahead = dir === 'down' ? (strict ? box.top >= from.bottom - tol : cy(box) > cy(from) + tol) : strict ? box.bottom <= from.top + tol : cy(box) < cy(from) - tol;
        if (!ahead) continue;
        primary = dir === 'down' ? Math.max(0, box.top - from.bottom) : Math.max(0, from.top - box.bottom);
        secondary = gap(from.left, from.right, box.left, box.right);
        offset = Math.abs(cx(box) - cx(from));
      } else {
        const ahead = dir === 'right' ? (strict ? box.left >= from.right - tol : cx(box) > cx(from) + tol) : strict ? box.right <= from.left + tol : cx(box) < cx(from) - tol;
        if (!ahead) continue;
        primary = dir === 'right' ? Math.max(0, box.left - from.right) : Math.max(0, from.left - box.right);
        secondary = gap(from.top, from.bottom, box.top, box.bottom);
        offset = Math.abs(cy(box) - cy(from));
      }
      const score = primary + secondary * 3 + offset * 0.05;
      if (score < bestScore) {
        bestScore = score;
        best = el;
      }
    }
    if (best) return best;
  }
  return null;
}

function moveFocus(dir: Dir): boolean {
  const active = document.activeElement as HTMLElement | null;
  const all = focusables();
  if (all.length === 0) return false;
  const inViewport = (b: DOMRect) => b.bottom > 0 && b.top < window.innerHeight;
  if (!active || active === document.body || !all.includes(active)) {
    const first = all.find((el) => inViewport(el.getBoundingClientRect())) ?? all[0]!;
    focusAndReveal(first);
    return true;
  }
  const from = active.getBoundingClientRect();
  const candidates = all.filter((el) => el !== active && !el.contains(active) && !active.contains(el)).map((el) => ({ el, box: el.getBoundingClientRect() }));
  const next = nearest(from, dir, candidates);
  if (!next) return false;
  focusAndReveal(next);
  return true;
}

function focusAndReveal(el: HTMLElement): void {
  el.focus({ preventScroll: true });
  el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}

/** Turns spatial navigation on while `enabled` (the TV layout). */
export function useSpatialNavigation(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const target = document.activeElement;
      const dir = KEYS[e.key];
      if (dir) {
        if (target && keyBelongsToField(target, dir)) return;
        if (moveFocus(dir)) e.preventDefault();
        return;
      }
      if (e.key === 'Enter' && target instanceof HTMLSelectElement) {
        e.preventDefault();
        try {
          target.showPicker();
        } catch {
          /* older engines: Space still opens it */
        }
        return;
      }
      if (e.key === 'Enter' && target instanceof HTMLInputElement && (target.type === 'checkbox' || target.type === 'radio')) {
        e.preventDefault();
        target.click();
        return;
      }
      if (e.key === 'Escape' && !(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) && !document.querySelector('[aria-modal="true"]')) {
        if (window.history.length > 1) window.history.back();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}

/** True while the screen is TV-sized (min-width 1600px), re-evaluated on resize. */
export function tvQuery(): MediaQueryList {
  return window.matchMedia('(min-width: 1600px)');
}
