/**
 * Picking an address's province, city and district from China's division lists (GET
 * /regions), the way shopping apps in China do it: one field that opens a dialog with the
 * province list, then that province's cities, then the city's districts, with a filter box
 * and steps to go back. Names show in the page's language. The dialog is a native modal
 * <dialog> (focus stays inside, Escape closes it, focus returns to the field), and its
 * options are plain buttons, so a phone taps, a desktop clicks or types, and a TV remote
 * moves with the arrows and picks with Enter.
 */
import { useEffect, useRef, useState } from 'react';
import { api, call } from '../lib/api';
import type { Region } from '../lib/types';
import { useT } from '../strings';

/** The three codes an address names its divisions by ('' while not chosen). */
export interface RegionCodes {
  provinceCode: string;
  cityCode: string;
  districtCode: string;
}

type Level = 'province' | 'city' | 'district';

const lists = new Map<string, Promise<Region[]>>();

/** The divisions under `parent` ('' for the provinces), fetched once per page load. */
function regionsUnder(parent: string): Promise<Region[]> {
  let p = lists.get(parent);
  if (!p) {
    p = call(api.GET('/regions', { params: { query: { parent: parent || undefined } } })).then((r) => r.regions);
    p.catch(() => lists.delete(parent));
    lists.set(parent, p);
  }
  return p;
}

/** The chosen divisions' names (loaded from the lists), or null until known. */
function useChosenNames(codes: RegionCodes): Region[] | null {
  const [found, setFound] = useState<Region[] | null>(null);
  useEffect(() => {
    let live = true;
    if (!codes.provinceCode || !codes.cityCode || !codes.districtCode) {
      setFound(null);
      return;
    }
    Promise.all([regionsUnder(''), regionsUnder(codes.provinceCode), regionsUnder(codes.cityCode)])
      .then(([ps, cs, ds]) => {
        const chosen = [ps.find((r) => r.code === codes.provinceCode), cs.find((r) => r.code === codes.cityCode), ds.find((r) => r.code === codes.districtCode)];
        if (live) setFound(chosen.every(Boolean) ? (chosen as Region[]) : null);
      })
      .catch(() => live && setFound(null));
    return () => {
      live = false;
    };
  }, [codes.provinceCode, codes.cityCode, codes.districtCode]);
  return found;
}

/** The chosen divisions' names in the page's language ("广东省 深圳市 南山区"), once loaded. */
export function RegionLabel({ codes }: { codes: RegionCodes }) {
  const { locale } = useT();
  const chosen = useChosenNames(codes);
  return <>{chosen ? chosen.map((r) => r.names[locale] ?? r.name).join(' ') : ''}</>;
}

/** The region field: a button showing the choice, and the dialog that makes it. */
export function RegionField({ id, value, onChange, invalid, describedBy, autoFocusMark }: { id: string; value: RegionCodes; onChange: (next: RegionCodes) => void; invalid: boolean; describedBy?: string; autoFocusMark?: boolean }) {
  const { t, locale } = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const chosen = useChosenNames(value);
  const name = (r: Region) => r.names[locale] ?? r.name;
  const label = chosen ? chosen.map(name).join(' / ') : '';

  const show = () => {
    setOpen(true);
    dialog.current?.showModal();
  };
  return (
    <>
      <button
        type="button"
        id={id}
        className={label ? 'region-trigger' : 'region-trigger unset'}
        onClick={show}
        aria-haspopup="dialog"
        aria-labelledby={`${id}-label ${id}-value`}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        data-autofocus={autoFocusMark || undefined}
        data-testid="region-field"
      >
        <span id={`${id}-value`}>{label || t('address.regionChoose')}</span>
        <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          <path d="M9 6l6 6-6 6" />
        </svg>
      </button>
      <dialog ref={dialog} className="region-dialog" aria-modal={open || undefined} aria-labelledby={`${id}-dialog-h`} onClose={() => setOpen(false)} data-testid="region-dialog">
        {open ? (
          <RegionChooser
            headingId={`${id}-dialog-h`}
            initial={value}
            onDone={(codes) => {
              onChange(codes);
              dialog.current?.close();
            }}
            onCancel={() => dialog.current?.close()}
          />
        ) : null}
      </dialog>
    </>
  );
}

/** The dialog's content: the current level's list, steps back up, a filter box. */
function RegionChooser({ headingId, initial, onDone, onCancel }: { headingId: string; initial: RegionCodes; onDone: (c: RegionCodes) => void; onCancel: () => void }) {
  const { t, locale } = useT();
  const [picked, setPicked] = useState<Region[]>([]);
  const [level, setLevel] = useState<Level>('province');
  const [options, setOptions] = useState<Region[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [filter, setFilter] = useState('');
  const listRef = useRef<HTMLUListElement>(null);
  const filterRef = useRef<HTMLInputElement>(null);
  const parent = level === 'province' ? '' : level === 'city' ? picked[0]!.code : picked[1]!.code;
  const current = level === 'province' ? initial.provinceCode : level === 'city' ? initial.cityCode : initial.districtCode;
  const name = (r: Region) => r.names[locale] ?? r.name;

  useEffect(() => {
    let live = true;
    setOptions(null);
    setFailed(false);
    regionsUnder(parent)
      .then((r) => live && setOptions(r))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [parent]);

  // Each new list takes the focus at the current choice (or its first entry), so the remote's OK picks at once.
  useEffect(() => {
    if (!options) return;
    const list = listRef.current;
    const target = list?.querySelector<HTMLButtonElement>('[aria-pressed="true"]') ?? list?.querySelector<HTMLButtonElement>('button');
    target?.focus({ preventScroll: false });
  }, [options]);

  const choose = (r: Region) => {
    const next = [...picked.slice(0, level === 'province' ? 0 : level === 'city' ? 1 : 2), r];
    setPicked(next);
    setFilter('');
    // The chosen button leaves with its list: hold the focus in the dialog (on the filter box)
    // until the next list arrives and takes it, so a key pressed meanwhile is not lost to the page.
    if (level !== 'district') filterRef.current?.focus();
    if (level === 'province') setLevel('city');
    else if (level === 'city') setLevel('district');
    else onDone({ provinceCode: next[0]!.code, cityCode: next[1]!.code, districtCode: next[2]!.code });
  };

  const q = filter.trim().toLowerCase();
  const shown = (options ?? []).filter((r) => !q || (r.names['zh-CN'] ?? '').includes(q) || (r.names.en ?? '').toLowerCase().includes(q));
  const steps: Array<{ level: Level; label: string }> = [
    { level: 'province', label: picked[0] && level !== 'province' ? name(picked[0]) : t('region.province') },
    ...(level !== 'province' ? [{ level: 'city' as Level, label: picked[1] && level === 'district' ? name(picked[1]) : t('region.city') }] : []),
    ...(level === 'district' ? [{ level: 'district' as Level, label: t('region.district') }] : []),
  ];
  return (
    <div className="region-chooser">
      <div className="region-head">
        <h2 id={headingId}>{t('region.title')}</h2>
        <button type="button" className="btn btn-ghost btn-sm" onClick={onCancel}>
          {t('region.close')}
        </button>
      </div>
      <ol className="region-steps" aria-label={t('region.steps')}>
        {steps.map((s) => (
          <li key={s.level}>
            {s.level === level ? (
              <span aria-current="step">{s.label}</span>
            ) : (
              <button type="button" className="chip" onClick={() => setLevel(s.level)}>
                {s.label}
              </button>
            )}
          </li>
        ))}
      </ol>
      <label className="visually-hidden" htmlFor={`${headingId}-filter`}>
        {t('region.filter')}
      </label>
      <input ref={filterRef} id={`${headingId}-filter`} type="search" className="region-filter" placeholder={t('region.filter')} value={filter} onChange={(e) => setFilter(e.target.value)} autoComplete="off" />
      {failed ? <p className="error-note" role="alert">{t('region.failed')}</p> : null}
      {!options && !failed ? <p className="loading" role="status">{t('common.loading')}</p> : null}
      <ul ref={listRef} className="region-options" role="list" aria-label={t(`region.${level}`)}>
        {shown.map((r) => (
          <li key={r.code}>
            <button type="button" className="region-option" aria-pressed={r.code === current} onClick={() => choose(r)} data-code={r.code}>
              {name(r)}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
