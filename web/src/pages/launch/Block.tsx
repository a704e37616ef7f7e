/** The frame every panel of the launch page's action card is drawn in: a title, a sentence, the panel's controls. */
import type { ReactNode } from 'react';

export function Block({ title, body, tone, children }: { title: string; body?: ReactNode; tone?: 'warn' | 'ok'; children?: ReactNode }) {
  return (
    <div className={tone ? `launch-block tone-${tone}` : 'launch-block'}>
      <p className="launch-block-title" data-autofocus={children ? undefined : true} tabIndex={children ? undefined : -1}>
        {title}
      </p>
      {body ? <p className="launch-block-body">{body}</p> : null}
      {children}
    </div>
  );
}
