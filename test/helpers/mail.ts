/**
 * A real SMTP server for the tests (the `smtp-server` package) on a random local port, one per
 * test process: every test server sends its mail here (SMTP_URL), and tests read what arrived
 * — a sign-up code, an invitation link — as a person reads their inbox. A test can also make
 * the server refuse an address's next deliveries (`refuseNext`) with a temporary failure, at
 * RCPT TO or after DATA, as a busy mail server does, and read back what it refused.
 */
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

/** A mail as it arrived. */
export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  at: number;
}

const inbox: ReceivedMail[] = [];
const waiters = new Set<() => void>();

/** Where a refusal happens: at RCPT TO (the address is turned away) or after DATA (the whole message is). */
export type RefusalStage = 'rcpt' | 'data';
/** A delivery the server refused. */
export interface Refusal {
  to: string;
  stage: RefusalStage;
  at: number;
}
const toRefuse = new Map<string, { stage: RefusalStage; left: number }>();
const refused: Refusal[] = [];

/** Takes one refusal due for the address at this stage, if any, and records it. */
function refusing(address: string, stage: RefusalStage): Error | null {
  const r = toRefuse.get(address);
  if (!r || r.stage !== stage || r.left <= 0) return null;
  r.left--;
  refused.push({ to: address, stage, at: Date.now() });
  return Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 });
}

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onRcptTo(address, _session, callback) {
    callback(refusing(address.address.toLowerCase(), 'rcpt'));
  },
  onData(stream, session, callback) {
    const refusal = session.envelope.rcptTo.map((r) => refusing(r.address.toLowerCase(), 'data')).find((e) => e) ?? null;
    if (refusal) {
      // The message is read to its end, then refused as a whole (451: the sender should try again later).
      stream.on('data', () => {});
      stream.on('end', () => callback(refusal));
      return;
    }
    simpleParser(stream)
      .then((parsed) => {
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        for (const address of to) inbox.push({ to: address, subject: parsed.subject ?? '', text: parsed.text ?? '', at: Date.now() });
        for (const w of waiters) w();
        callback();
      })
      .catch((err: Error) => callback(err));
  },
});
// A sender killed mid-conversation (the crash suites' kill -9) resets its connection: that is no failure of the test.
server.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'ECONNRESET') console.error('test SMTP server:', err);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
server.server.unref();

/** The SMTP_URL of the test mail server. */
export const SMTP_URL = `smtp://127.0.0.1:${(server.server.address() as { port: number }).port}`;

/** Makes the server refuse the next `times` deliveries to the address (451, a temporary failure) at RCPT TO or after DATA. */
export function refuseNext(address: string, stage: RefusalStage, times = 1): void {
  toRefuse.set(address.toLowerCase(), { stage, left: times });
}

/** Deliveries to the address the server refused, oldest first. */
export function refusalsTo(address: string): Refusal[] {
  return refused.filter((r) => r.to === address.toLowerCase());
}

/** Every mail that arrived for an address, oldest first. */
export function mailsTo(address: string): ReceivedMail[] {
  return inbox.filter((m) => m.to === address.toLowerCase());
}

/** Waits for a mail to the address that matches (and arrived after `since`), or fails after `timeoutMs`. */
export async function waitForMail(address: string, match: (m: ReceivedMail) => boolean = () => true, timeoutMs = 10_000, since = 0): Promise<ReceivedMail> {
  const find = () => mailsTo(address).filter((m) => m.at >= since && match(m)).at(-1);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no mail to ${address} within ${timeoutMs} ms (inbox: ${JSON.stringify(mailsTo(address).map((m) => m.subject))})`);
    await new Promise<void>((resolve) => {
      const done = () => {
        waiters.delete(done);
        resolve();
      };
      waiters.add(done);
      setTimeout(done, 100).unref();
    });
  }
}

/** The 6-digit sign-up code last mailed to the address. */
export async function signupCode(address: string, since = 0): Promise<string> {
  const m = await waitForMail(address, (x) => /sign-up code is \d{6}/.test(x.text), 10_000, since);
  return /sign-up code is (\d{6})/.exec(m.text)![1]!;
}
