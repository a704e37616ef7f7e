/** Before a place in line: registering for the launch, and joining its line (with the proof of work when the launch asks for one). */
import { useEffect, useRef, useState } from 'react';
import { api, ApiError, call, errorMessage } from '../../lib/api';
import { ErrorNote } from '../../ui';
import { Block } from './Block';
import type { PanelProps } from './Panel';
import { solvePow } from './pow';
import { useLT } from './strings';

export function RegisterBlock(p: PanelProps) {
  const { t } = useLT();
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const register = async () => {
    setBusy(true);
    setErr(null);
    try {
      const out = await call(api.POST('/launches/{launchId}/registrations', { params: { path: { launchId: p.launch.id } } }));
      p.onRegistered(out.registeredCount);
    } catch (e) {
      setErr(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Block title={t('register.title')} body={p.launch.registrationRequired ? t('register.required') : t('register.optional')}>
      <button type="button" className="btn btn-primary btn-lg btn-block" onClick={() => void register()} disabled={busy} data-testid="register" data-autofocus>
        {busy ? t('register.busy') : t('register.cta')}
      </button>
      <ErrorNote>{err}</ErrorNote>
      {!p.launch.registrationRequired ? <JoinBlock {...p} secondary /> : null}
    </Block>
  );
}

export function JoinBlock(p: PanelProps & { secondary?: boolean }) {
  const { t } = useLT();
  const [step, setStep] = useState<'idle' | 'pow' | 'join'>('idle');
  const [err, setErr] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);
  const left = p.launch.items.reduce((n, i) => n + i.available, 0);
  const notStarted = p.phase === 'scheduled' || p.phase === 'registration';

  const join = async () => {
    const ctl = new AbortController();
    abort.current = ctl;
    setErr(null);
    try {
      let body: { challenge?: string; solution?: string } = {};
      if (p.launch.powDifficulty > 0) {
        setStep('pow');
        const c = await call(api.GET('/launches/{launchId}/challenge', { params: { path: { launchId: p.launch.id } }, signal: ctl.signal }));
        body = { challenge: c.challenge, solution: await solvePow(c.challenge, c.difficulty, ctl.signal) };
      }
      setStep('join');
      const out = await call(api.POST('/launches/{launchId}/queue', { params: { path: { launchId: p.launch.id } }, body, signal: ctl.signal }));
      p.onJoined(out.queueToken, out.status);
    } catch (e) {
      if ((e as Error).name === 'AbortError') return;
      setErr(e instanceof ApiError && e.code === 'NOT_REGISTERED' ? t('err.NOT_REGISTERED') : e instanceof ApiError && e.code === 'RATE_LIMITED' ? t('err.RATE_LIMITED') : errorMessage(e));
      p.onChanged();
    } finally {
      setStep('idle');
    }
  };

  const busy = step !== 'idle' || p.view.kind === 'joining';
  const body = notStarted ? t('join.early') : p.phase === 'sold_out' ? t('join.soldOut') : t('join.live', { n: left });
  const button = (
    <button type="button" className={p.secondary ? 'btn btn-lg btn-block' : 'btn btn-primary btn-lg btn-block'} onClick={() => void join()} disabled={busy} data-testid="join" data-autofocus={p.secondary ? undefined : true}>
      {step === 'pow' ? t('join.pow') : busy ? t('join.busy') : t('join.cta')}
    </button>
  );
  if (p.secondary) {
    return (
      <div className="launch-or">
        {button}
        <ErrorNote>{err}</ErrorNote>
      </div>
    );
  }
  return (
    <Block title={p.kept.registered ? t('register.done') : t('join.title')} body={body} tone={p.kept.registered ? 'ok' : undefined}>
      {button}
      <ErrorNote>{err}</ErrorNote>
    </Block>
  );
}
