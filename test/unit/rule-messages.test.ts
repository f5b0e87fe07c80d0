/**
 * The Norwegian catalogue of the case rules' refusals (web/src/rule-messages.ts): every message
 * literal the rules refuse with, in workflows/case/*.ts, has an entry. The literals are read from
 * the source, so a new rule without a translation fails here.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { translateRefusal, translateWhat } from '../../web/src/rule-messages';

const DIR = join(__dirname, '../../workflows/case');
const sources = readdirSync(DIR)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => ({ file: f, text: readFileSync(join(DIR, f), 'utf8') }));

/** A string or template literal at the start of `text`: its raw content, or undefined. */
function literalAt(text: string): string | undefined {
  const quote = text[0];
  if (quote !== "'" && quote !== '`' && quote !== '"') return undefined;
  let depth = 0;
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (quote === '`' && c === '$' && text[i + 1] === '{') depth++;
    else if (depth > 0 && c === '}') depth--;
    else if (depth === 0 && c === quote) return text.slice(1, i);
  }
  return undefined;
}

/** Every literal given to refuse(…), and those happenedRefusal returns (refused through happened()). */
function refusalTemplates(): { file: string; template: string }[] {
  const found: { file: string; template: string }[] = [];
  for (const { file, text } of sources) {
    for (const m of text.matchAll(/\brefuse\(\s*/g)) {
      const literal = literalAt(text.slice(m.index + m[0].length));
      if (literal !== undefined) found.push({ file, template: literal });
    }
    const happened = /export function happenedRefusal[\s\S]*?\n}\n/.exec(text);
    if (happened) {
      for (const m of happened[0].matchAll(/return\s+/g)) {
        const literal = literalAt(happened[0].slice(m.index + m[0].length));
        if (literal !== undefined) found.push({ file, template: literal });
      }
    }
  }
  return found;
}

/** Every literal the rules name as what a date must not precede (`what: '…'`). */
function whatTemplates(): string[] {
  const found: string[] = [];
  for (const { text } of sources) {
    for (const m of text.matchAll(/\bwhat:\s*/g)) {
      const literal = literalAt(text.slice(m.index + m[0].length));
      if (literal !== undefined) found.push(literal);
    }
  }
  return found;
}

/** A value of the kind a template's `${…}` expression gives, so that the template becomes a message the rules could send. */
function sampleFor(expression: string): string {
  const e = expression.trim();
  if (/what$/.test(e)) return 'the request was received';
  if (/^field$/.test(e)) return 'heldOn';
  if (/outcome$/.test(e)) return 'reversed_by_ke';
  if (/from$/.test(e) && /rule/.test(e)) return 'received';
  if (/status$/.test(e)) return 'kartlegging';
  if (/join\(/.test(e)) return 'appointment, information_sharing';
  if (/[iI]d$/.test(e)) return '3f0b9c1e-7a2d-4e5f-8b6c-1d2e3f4a5b6c';
  if (/instant$|^latest$/.test(e)) return '2026-03-01T08:00:00.000Z';
  if (/[dD]ate$|^today$|On$|\.on$|^day$|from$|until$|LeaveEnd\(/.test(e)) return '2026-03-01';
  // Ages, counts and the policy's numbers.
  return '16';
}

const instantiate = (template: string) => template.replace(/\$\{([^}]*(?:\([^)]*\))?[^}]*)\}/g, (_, expr: string) => sampleFor(expr));

describe('the Norwegian rule messages', () => {
  const templates = refusalTemplates();

  it('when the rules are read, then refusals are found in each phase', () => {
    const files = new Set(templates.map((t) => t.file));
    expect(files).toEqual(new Set(['follow-up.ts', 'rules.ts', 'state.ts', 'to-appointment.ts']));
    expect(templates.length).toBeGreaterThan(40);
  });

  it.each(refusalTemplates().map((t) => [t.file, t.template]))('when %s refuses with "%s", then the catalogue has it in Norwegian', (_file, template) => {
    const message = instantiate(template);
    const translated = translateRefusal(message);
    expect({ message, known: translated.known }).toEqual({ message, known: true });
    expect(translated.text).not.toMatch(/Handlingen ble avvist/);
    expect(translated.text).not.toContain(message);
  });

  it.each(whatTemplates().map((t) => [t]))('when a date must not precede "%s", then that is said in Norwegian', (template) => {
    const what = instantiate(template);
    expect({ what, known: translateWhat(what).known }).toEqual({ what, known: true });
  });

  it('when a refusal names a date field, then it gives the field and the dates in Norwegian', () => {
    const refusal = translateRefusal('heldOn 2026-03-04 is before the coordinator was first appointed (2026-03-05)');
    expect(refusal).toEqual({
      text: 'Datoen det ble holdt (4. mars 2026) kan ikke være før koordinatoren første gang ble oppnevnt (5. mars 2026).',
      field: 'heldOn',
      known: true,
    });
    expect(translateRefusal('givenOn 2026-12-01 is after today (2026-11-30): it can be recorded once it has happened').field).toBe('givenOn');
  });

  it('when a planned time lies before its bound, then both are given as Oslo time', () => {
    const refusal = translateRefusal('at 2026-03-01T08:00:00.000Z is before the day the ansvarsgruppe was established, 2026-03-02 (2026-03-01T23:00:00.000Z)');
    expect(refusal.text).toBe(
      'Tidspunktet for møtet (1. mars 2026 kl. 09.00) kan ikke være før dagen ansvarsgruppen ble opprettet, 2. mars 2026 (2. mars 2026 kl. 00.00).',
    );
    expect(refusal.field).toBe('at');
  });

  it('when the state is named, then it is named in Norwegian', () => {
    expect(translateRefusal('an appointment requires a granted decision, but the case is awaiting_decision').text).toBe(
      'Oppnevning krever en innvilget avgjørelse, men saken har status «venter på avgjørelse».',
    );
  });

  it('when a message is unknown, then it is shown as it came after a Norwegian lead-in', () => {
    expect(translateRefusal('something new went wrong')).toEqual({ text: 'Handlingen ble avvist: something new went wrong', known: false });
  });
});
