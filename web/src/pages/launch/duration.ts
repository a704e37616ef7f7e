import { useT } from '../../strings';

/** "2 minutes", "15分钟": a setting's duration in the reader's language. */
export function useDuration() {
  const { locale } = useT();
  return (ms: number) => {
    const [unit, n] = ms >= 3600_000 && ms % 3600_000 === 0 ? ['hour', ms / 3600_000] : ms >= 60_000 ? ['minute', Math.round(ms / 60_000)] : ['second', Math.round(ms / 1000)];
    return new Intl.NumberFormat(locale, { style: 'unit', unit: unit, unitDisplay: 'long' }).format(n);
  };
}
