/**
 * What every command form on the case page shares: it sends the command with If-Match of the
 * version on screen, shows the case as the answer gives it (no reload), and on failure keeps what
 * was typed and says why at the field it concerns: a 400 per field, a rule's 409 in Norwegian
 * (rule-messages.ts) at the field it names or at the form, a 412 by fetching the case anew.
 *
 * The page's commands go one at a time (sendCommand): a form sent while an earlier command of the
 * same page is still under way waits for its answer and is made against the version that answer
 * gave. Without that, two forms sent in quick succession (the kick-off, then the ansvarsgruppe)
 * both carried the version on screen, and the second was refused with 412 by the first's change.
 * Only the page's own changes are followed so: a change by anyone else still gives 412.
 */
import { Button, ValidationMessage } from '@digdir/designsystemet-react';
import { createContext, useCallback, useContext, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ifMatch } from '../../../../api/client';
import { formErrors, type Problem } from '../../api';
import { msg, t } from '../../i18n';
import { translateRefusal } from '../../rule-messages';
import type { CaseView } from './allowed';

export interface CaseContextValue {
  view: CaseView;
  /** The case as a command's answer gave it. */
  onView(view: CaseView): void;
  /** Fetches the case anew after a 412. */
  onStale(): Promise<void>;
  /** Fetches the case anew: a command's answer leaves out the long texts (a decision's reasons) that GET gives. */
  onRefresh(): Promise<void>;
  /** Tells the page (a polite live region) what just happened. */
  announce(text: string): void;
  /** Sends a command made against version `from` after the page's earlier commands, with the version they moved the case to. */
  sendCommand(from: number, send: (version: number) => Promise<Answer>): Promise<Answer>;
}

/** The one-at-a-time sending of a case page's commands, and the versions its own commands moved the case from and to. */
export function useCommandQueue(): CaseContextValue['sendCommand'] {
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const movedFrom = useRef(new Map<number, number>());
  return useCallback((from, send) => {
    const run = queue.current.then(async () => {
      let version = from;
      while (movedFrom.current.has(version)) version = movedFrom.current.get(version)!;
      const answer = await send(version);
      if (answer.data && answer.data.version !== version) movedFrom.current.set(version, answer.data.version);
      return answer;
    });
    queue.current = run.catch(() => undefined);
    return run;
  }, []);
}

export const CaseContext = createContext<CaseContextValue | null>(null);

export function useCase(): CaseContextValue {
  const value = useContext(CaseContext);
  if (!value) throw new Error('useCase outside CaseContext');
  return value;
}

export interface Answer {
  data?: CaseView;
  error?: unknown;
  response: Response;
}

/** The headers every command carries: the version it was made against. */
export type CommandHeaders = { 'if-match': string };

export interface CommandForm {
  errors: Record<string, string>;
  message: string | undefined;
  busy: boolean;
  /** Sends; true when the case took the command. */
  submit(send: (header: CommandHeaders) => Promise<Answer>, done: string): Promise<boolean>;
  /** Sets errors found before sending (e.g. a required choice). */
  fail(errors: Record<string, string>, message?: string): void;
  formRef: React.RefObject<HTMLFormElement | null>;
  messageRef: React.RefObject<HTMLDivElement | null>;
}

/** Shown through t() where used (the case page shows it too). */
export const STALE_TEXT = msg('Saken er endret av noen andre siden du åpnet den. Vi har hentet den nye versjonen. Se over opplysningene og send på nytt.');

export function useCommandForm(): CommandForm {
  const { view, onView, onStale, announce, sendCommand } = useCase();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const messageRef = useRef<HTMLDivElement>(null);

  // After a failure, focus the first field in error, or the form's message.
  useEffect(() => {
    if (attempt === 0) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (invalid) invalid.focus();
    else messageRef.current?.focus();
  }, [attempt]);

  function fail(fields: Record<string, string>, text?: string) {
    setErrors(fields);
    setMessage(text);
    setAttempt((n) => n + 1);
  }

  async function submit(send: (header: CommandHeaders) => Promise<Answer>, done: string): Promise<boolean> {
    setBusy(true);
    setErrors({});
    setMessage(undefined);
    try {
      const answer = await sendCommand(view.version, (version) => send({ 'if-match': ifMatch(version) }));
      if (answer.data) {
        onView(answer.data);
        announce(done);
        return true;
      }
      const status = answer.response.status;
      const problem = (answer.error ?? {}) as Partial<Problem>;
      if (status === 412) {
        await onStale();
        fail({}, t(STALE_TEXT));
      } else if ((status === 409 || status === 422) && problem.detail) {
        const refusal = translateRefusal(problem.detail);
        if (refusal.field) fail({ [refusal.field]: refusal.text });
        else fail({}, refusal.text);
      } else {
        const { fields, summary } = formErrors(answer.error);
        fail(fields, Object.keys(fields).length > 0 ? t('Noen felt er ikke fylt ut riktig. Se meldingen ved feltet.') : summary);
      }
      return false;
    } catch {
      fail({}, t('Kunne ikke nå tjenesten. Sjekk nettverket og prøv igjen.'));
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { errors, message, busy, submit, fail, formRef, messageRef };
}

/** A form of one command: its fields, the message of a refusal, and its button. */
export function CommandFormView({
  form,
  onSubmit,
  submitText,
  children,
  label,
  variant = 'primary',
}: {
  form: CommandForm;
  onSubmit(): void;
  submitText: string;
  children: ReactNode;
  /** The form's accessible name. */
  label: string;
  variant?: 'primary' | 'secondary';
}) {
  const handle = (e: FormEvent) => {
    e.preventDefault();
    if (!form.busy) onSubmit();
  };
  return (
    <form ref={form.formRef} onSubmit={handle} noValidate aria-label={label} className="bk-case-form">
      {children}
      <div ref={form.messageRef} tabIndex={-1} role="alert" className="bk-case-form__message">
        {form.message && <ValidationMessage>{form.message}</ValidationMessage>}
      </div>
      <div>
        <Button type="submit" variant={variant} aria-disabled={form.busy || undefined}>
          {form.busy ? t('Sender …') : submitText}
        </Button>
      </div>
    </form>
  );
}

/** The error of a field, by the command's field name (refusals) or its path (validation). */
export function fieldError(form: CommandForm, ...names: string[]): string | undefined {
  for (const name of names) if (form.errors[name]) return form.errors[name];
  return undefined;
}

/** A datetime-local value (the browser's local time, Oslo for the users) as an ISO instant. */
export function instantOf(local: string): string {
  if (!local) return '';
  const t = new Date(local);
  return Number.isNaN(t.getTime()) ? local : t.toISOString();
}

/** An ISO instant as a datetime-local value. */
export function localOf(instant: string): string {
  const t = new Date(instant);
  if (Number.isNaN(t.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}T${pad(t.getHours())}:${pad(t.getMinutes())}`;
}
