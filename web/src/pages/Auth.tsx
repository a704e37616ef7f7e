/** Sign in and sign up (buyer or seller; sign-up finishes with the code mailed to the address). Afterwards the browser goes where it was headed. */
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../lib/api';
import { Link, navigate, useLocation } from '../lib/router';
import { confirmSignup, login, signup } from '../lib/session';
import type { User } from '../lib/types';
import { useT } from '../strings';
import { ErrorNote, useTitle } from '../ui';

/** Only same-site paths are followed after sign-in (no open redirect). */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

function landing(user: User, next: string | null): string {
  if (next) return next;
  if (user.role === 'admin') return '/admin';
  if (user.role === 'seller') return '/console';
  return '/';
}

export function AuthPage({ mode }: { mode: 'login' | 'signup' }) {
  const { t } = useT();
  const { search } = useLocation();
  const next = safeNext(search.get('next'));
  useTitle(mode === 'login' ? t('auth.loginTitle') : t('auth.signupTitle'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<'buyer' | 'seller'>(search.get('role') === 'seller' ? 'seller' : 'buyer');
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [code, setCode] = useState('');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErr(null);
    try {
      if (mode === 'signup') {
        const sent = await signup({ email: email.trim(), password, name: name.trim(), role });
        setSentTo(sent.email);
        setBusy(false);
        return;
      }
      navigate(landing(await login(email.trim(), password), next), { replace: true });
    } catch (e2) {
      setErr(errorMessage(e2));
      setBusy(false);
    }
  };

  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    if (!sentTo) return;
    setBusy(true);
    setErr(null);
    try {
      navigate(landing(await confirmSignup(sentTo, code.trim()), next), { replace: true });
    } catch (e2) {
      setErr(errorMessage(e2));
      setBusy(false);
    }
  };

  if (mode === 'signup' && sentTo) {
    return (
      <div className="page auth-page">
        <form className="card auth-card" onSubmit={(e) => void confirm(e)}>
          <h1>{t('auth.checkMailTitle')}</h1>
          <p>{t('auth.checkMailText', { email: sentTo })}</p>
          <div className="field">
            <label htmlFor="auth-code">{t('auth.code')}</label>
            <input id="auth-code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required value={code} onChange={(e) => setCode(e.target.value)} />
          </div>
          <ErrorNote>{err}</ErrorNote>
          <button type="submit" className="btn btn-primary btn-lg btn-block" disabled={busy}>
            {busy ? t('common.wait') : t('auth.confirmCta')}
          </button>
        </form>
      </div>
    );
  }
  const other = mode === 'login' ? '/signup' : '/login';
  const otherHref = next ? `${other}?next=${encodeURIComponent(next)}` : other;

  return (
    <div className="page auth-page">
      <form className="card auth-card" onSubmit={(e) => void submit(e)} noValidate={false}>
        <h1>{mode === 'login' ? t('auth.loginTitle') : t('auth.signupTitle')}</h1>
        {mode === 'signup' ? (
          <div className="field">
            <label htmlFor="auth-name">{t('auth.name')}</label>
            <input id="auth-name" autoComplete="name" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="auth-email">{t('auth.email')}</label>
          <input id="auth-email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="auth-password">{t('auth.password')}</label>
          <input
            id="auth-password"
            type="password"
            autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
            required
            minLength={mode === 'signup' ? 8 : 1}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-describedby={mode === 'signup' ? 'pw-hint' : undefined}
          />
          {mode === 'signup' ? (
            <span id="pw-hint" className="hint">
              {t('auth.passwordHint')}
            </span>
          ) : null}
        </div>
        {mode === 'signup' ? (
          <fieldset className="field role-pick">
            <legend>{t('auth.accountType')}</legend>
            <label className="check">
              <input type="radio" name="role" value="buyer" checked={role === 'buyer'} onChange={() => setRole('buyer')} />
              {t('auth.roleBuyer')}
            </label>
            <label className="check">
              <input type="radio" name="role" value="seller" checked={role === 'seller'} onChange={() => setRole('seller')} />
              {t('auth.roleSeller')}
            </label>
          </fieldset>
        ) : null}
        <ErrorNote>{err}</ErrorNote>
        <button type="submit" className="btn btn-primary btn-lg btn-block" disabled={busy}>
          {busy ? t('common.wait') : mode === 'login' ? t('auth.loginCta') : t('auth.signupCta')}
        </button>
        <p className="auth-switch">
          {mode === 'login' ? t('auth.noAccount') : t('auth.haveAccount')}{' '}
          <Link to={otherHref}>{mode === 'login' ? t('auth.signupLink') : t('auth.loginLink')}</Link>
        </p>
      </form>
    </div>
  );
}
