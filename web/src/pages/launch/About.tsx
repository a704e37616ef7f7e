/** Below the action card: how the launch works, what it sells, and its draw (the seed, or its commitment before the start). */
import { Link } from '../../lib/router';
import type { Launch } from '../../lib/types';
import { useT } from '../../strings';
import { optionsText } from '../../ui';
import { useDuration } from './duration';
import { useLT } from './strings';

export function HowItWorks({ launch }: { launch: Launch }) {
  const { t } = useLT();
  const { date } = useT();
  const duration = useDuration();
  return (
    <section className="section launch-how" aria-labelledby="how-h">
      <h2 id="how-h">{t('how.title')}</h2>
      <ol className="how-steps">
        {launch.registrationRequired ? <li>{t('how.register', { date: date(launch.startsAt) })}</li> : null}
        <li>{t('how.line')}</li>
        <li>{t('how.reserve', { ttl: duration(launch.admission.passTtlMs), window: duration(launch.paymentWindowMs) })}</li>
      </ol>
    </section>
  );
}

export function About({ launch }: { launch: Launch }) {
  const { t } = useLT();
  const { price } = useT();
  return (
    <section className="section launch-about" aria-labelledby="about-h">
      <h2 id="about-h">{t('about.title')}</h2>
      {launch.description ? <p className="launch-desc">{launch.description}</p> : null}
      <ul role="list" className="launch-items">
        {launch.items.map((i) => (
          <li key={i.skuId}>
            <Link to={`/p/${i.productId}?sku=${i.skuId}`}>
              {i.title} <span className="muted">{optionsText(i.optionLabels ?? i.options)}</span>
            </Link>
            <span className="small muted">{t('about.allotment', { n: i.allotment, price: price(i.launchPriceMinor, i.currency) })}</span>
          </li>
        ))}
      </ul>
      {launch.draw ? (
        <div className="launch-draw">
          <p className="small">
            <strong>{t('draw.title')}</strong> · {t('draw.body', { n: launch.draw.prequeueCount })}
          </p>
          <p className="mono small draw-seed">{launch.draw.seed}</p>
          <p className="small">
            <Link to={`/launches/${launch.id}/draw`}>{t('draw.verify')}</Link>
          </p>
        </div>
      ) : launch.drawCommitment ? (
        <div className="launch-draw">
          <p className="small">
            <strong>{t('draw.title')}</strong> · {t('draw.committed')}
          </p>
          <p className="mono small draw-commitment">{launch.drawCommitment}</p>
          <p className="small">
            <Link to={`/launches/${launch.id}/draw`}>{t('draw.verify')}</Link>
          </p>
        </div>
      ) : null}
    </section>
  );
}
