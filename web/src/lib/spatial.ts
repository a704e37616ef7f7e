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

/** Elements arrows never move to (the skip link: invisible until focused, and of no use with a remote). */
const NOT_A_STOP = '[data-nav-skip]';

function visible(el: HTMLElement): boolean {
  if (el.closest('[inert],[hidden],[aria-hidden="true"]')) return false;
  const r = el.getBoundingClientRect();
  if (r.width < 1 || r.height < 1) return false;
  const style = getComputedStyle(el);
  return style.visibility !== 'hidden' && style.display !== 'none';
}

/** Every element focus may move to, inside an open modal dialog when there is one. */
export function focusables(): HTMLElement[] {
  // A closed <dialog> is no scope, whatever its attributes say.
  const scope = document.querySelector<HTMLElement>('dialog[open][aria-modal="true"], [aria-modal="true"]:not(dialog)') ?? document.body;
  return Array.from(scope.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => visible(el) && !el.matches(NOT_A_STOP));
}

/** Whether the element can hold the focus now (still in the page, enabled, shown). */
function canHoldFocus(el: HTMLElement): boolean {
  return el.isConnected && !(el as HTMLButtonElement).disabled && visible(el);
}

const centre = (b: Box) => ({ x: (b.left + b.right) / 2, y: (b.top + b.bottom) / 2 });

/**
 * Where focus goes when the focused element vanished or was disabled (a panel that changed,
 * a form that folded): into the nearest of its former ancestors still on the page — that
 * container's own first choice (`data-autofocus`) if it has one, else the control nearest to
 * where the lost one was. A container marked `data-focus-scope` (with tabindex -1) that has no
 * control left takes the focus itself, so the focus stays in it for its next control.
 */
function replacementFor(ancestors: readonly HTMLElement[], box: Box): HTMLElement | null {
  const all = focusables();
  for (const scope of ancestors) {
    if (!scope.isConnected) continue;
    const inside = all.filter((el) => scope.contains(el));
    // A panel marked as a focus scope holds the focus itself until it offers a control again.
    if (inside.length === 0 && scope.hasAttribute('data-focus-scope') && scope.tabIndex === -1) return scope;
    if (inside.length === 0) continue;
    const preferred = inside.find((el) => el.hasAttribute('data-autofocus'));
    if (preferred) return preferred;
    const c = centre(box);
    let best: HTMLElement | null = null;
    let bestD = Infinity;
    for (const el of inside) {
      const e = centre(el.getBoundingClientRect());
      const d = Math.hypot(e.x - c.x, e.y - c.y);
      if (d < bestD) {
        bestD = d;
        best = el;
      }
    }
    return best;
  }
  return null;
}

/**
 * Keeps the keyboard's focus on the page: when the focused control is removed or disabled
 * under it (Reserve turning into the payment form, an address form folding to a summary),
 * focus would fall to <body> and the next arrow press would start from the top. Instead it
 * moves to the replacement nearby. Only for keyboard use (always on the TV layout, else
 * after a key press): a tap never moves focus, so no phone keyboard pops up by itself. A
 * route change is left to the app shell, which focuses the new page.
 */
export function useFocusKeeper(tv: boolean): void {
  useEffect(() => {
    let keyboard = tv;
    let last: { el: HTMLElement; ancestors: HTMLElement[]; box: Box; path: string } | null = null;
    let pending = 0;
    const remember = (el: HTMLElement) => {
      const ancestors: HTMLElement[] = [];
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) ancestors.push(a);
      last = { el, ancestors, box: el.getBoundingClientRect(), path: window.location.pathname };
    };
    const check = () => {
      pending = 0;
      if (!keyboard || !last) return;
      const active = document.activeElement;
      if (active && active !== document.body) return;
      if (canHoldFocus(last.el) || last.path !== window.location.pathname) return;
      replacementFor(last.ancestors, last.box)?.focus({ preventScroll: true });
    };
    const soon = () => {
      if (!pending) pending = window.requestAnimationFrame(check);
    };
    const onFocusIn = (e: FocusEvent) => {
      if (e.target instanceof HTMLElement && e.target !== document.body) remember(e.target);
    };
    const onKey = () => {
      keyboard = true;
      if (last?.el.isConnected) last.box = last.el.getBoundingClientRect();
    };
    const onPointer = () => {
      keyboard = tv;
    };
    const observer = new MutationObserver(soon);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled', 'hidden', 'inert'] });
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('focusout', soon);
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('pointerdown', onPointer, true);
    if (document.activeElement instanceof HTMLElement && document.activeElement !== document.body) remember(document.activeElement);
    return () => {
      observer.disconnect();
      window.cancelAnimationFrame(pending);
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('focusout', soon);
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('pointerdown', onPointer, true);
    };
  }, [tv]);
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
    let start: number | null;
    let end: number | null;
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
      if (e.key === 'Escape' && !(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) && !document.querySelector('dialog[open], [aria-modal="true"]:not(dialog)')) {
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
