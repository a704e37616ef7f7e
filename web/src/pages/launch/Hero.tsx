/** The launch page's head: the store, the device, launch price against the regular one, and the countdown on the server's clock. */
import { clockText, durationParts } from '../../lib/clock';
import { leadItem } from '../../lib/launch';
import type { Launch } from '../../lib/types';
import { useT } from '../../strings';
import { FlagshipBadge, LaunchBadge } from '../../ui';
import { useLT } from './strings';

export function Hero({ launch, phase, now }: { launch: Launch; phase: Launch['phase']; now: number }) {
  const { t: st, price, date } = useT();
  const { t } = useLT();
  const item = leadItem(launch);
  const units = launch.items.reduce((n, i) => n + i.allotment, 0);
  const left = launch.items.reduce((n, i) => n + i.available, 0);
  const notStarted = phase === 'scheduled' || phase === 'registration';
  return (
    <section className="launch-hero" aria-labelledby="launch-title">
      <div className="launch-media">
        {item?.image ? <img src={item.image} alt="" width="320" height="320" decoding="async" /> : <span className="img-placeholder" aria-hidden="true" />}
      </div>
      <div className="launch-head">
        <p className="launch-store">
          {launch.storeName}
          {launch.storeVerified ? <FlagshipBadge small /> : null}
        </p>
        <h1 id="launch-title">{launch.title}</h1>
        <p className="launch-badges">
          <LaunchBadge phase={phase} paused={launch.paused} />
          <span className="muted small">{st('launch.units', { n: units })}</span>
          {launch.registeredCount > 0 ? <span className="muted small" data-testid="registered-count">{st('launch.registered', { n: launch.registeredCount })}</span> : null}
        </p>
      </div>
      <div className="launch-offer">
        {item ? (
          <p className="launch-prices">
            <span className="launch-price" data-testid="launch-price">
              <span className="visually-hidden">{st('launch.price')} </span>
              {price(item.launchPriceMinor, item.currency)}
            </span>
            {item.regularPriceMinor > item.launchPriceMinor ? (
              <>
                <s className="price-was">
                  <span className="visually-hidden">{st('launch.regularPrice')} </span>
                  {price(item.regularPriceMinor, item.currency)}
                </s>
                <span className="badge badge-flagship">{t('hero.save', { amount: price(item.regularPriceMinor - item.launchPriceMinor, item.currency) })}</span>
              </>
            ) : null}
          </p>
        ) : null}
        {notStarted ? (
          <Countdown to={launch.startsAt} now={now} label={t('hero.startsIn')} sub={t('hero.startsAt', { date: date(launch.startsAt) })} />
        ) : phase === 'live' || phase === 'sold_out' ? (
          <p className="launch-when">
            {phase === 'live' ? <strong>{st('launch.unitsLeft', { n: left })}</strong> : null}
            {phase === 'live' ? ' · ' : null}
            {st('launch.endsIn', { time: clockText(launch.endsAt - now) })}
          </p>
        ) : (
          <p className="launch-when muted">{t('hero.endedAt', { date: date(Math.min(launch.endsAt, now)) })}</p>
        )}
        <p className="muted small">{t('hero.limit', { n: launch.perBuyerLimit })}</p>
      </div>
    </section>
  );
}

function Countdown({ to, now, label, sub }: { to: number; now: number; label: string; sub: string }) {
  const { t } = useLT();
  const p = durationParts(to - now);
  const two = (n: number) => String(n).padStart(2, '0');
  const parts: Array<[string, string]> = [
    ...(p.d > 0 ? ([[String(p.d), t('cd.days')]] as Array<[string, string]>) : []),
    [two(p.h), t('cd.hours')],
    [two(p.m), t('cd.minutes')],
    [two(p.s), t('cd.seconds')],
  ];
  return (
    <div className="countdown" data-testid="countdown">
      <p className="countdown-label">{label}</p>
      <p className="countdown-clock" role="timer" aria-label={`${label} ${clockText(to - now)}`}>
        {parts.map(([n, unit]) => (
          <span key={unit} className="cd-part">
            <span className="cd-num">{n}</span>
            <span className="cd-unit">{unit}</span>
          </span>
        ))}
      </p>
      <p className="muted small">{sub}</p>
    </div>
  );
}
