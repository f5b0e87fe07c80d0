/**
 * The case rules refuse in English (`refuse('…')` in workflows/case/*.ts, and a few refusals of
 * the API itself); the people using the app read bokmål or nynorsk. Each refusal is matched here
 * by a pattern of its message and written in Norwegian (bokmål here, nynorsk through t() and
 * web/src/nn/admin.ts), with the values it names (dates, states, ages) carried over. A message
 * without an entry is shown as it came, after a Norwegian lead-in, so nothing is hidden;
 * test/unit/rule-messages.test.ts fails when a rule has no entry.
 *
 * A refusal that names a field of the command ("heldOn 2026-03-02 is after today …") also gives
 * that field, so the form can show the message at the field.
 */
import {
  COMPLAINT_STATUS_TEXT,
  CONSENT_SCOPE_TEXT,
  COMPLAINT_OUTCOME_TEXT,
  FIELD_TEXT,
  MEETING_STATUS_TEXT,
  PLAN_STATUS_TEXT,
  STATUS_TEXT,
  textOf,
  dateText,
  whenText,
} from './pages/case/labels';
import { msg, t } from './i18n';

export interface RuleMessage {
  /** The refusal in Norwegian. */
  text: string;
  /** The command field the refusal is about, when it names one. */
  field?: string;
  /** Whether the catalogue knew the message (false: the fallback). */
  known: boolean;
}

const DATE = '(\\d{4}-\\d{2}-\\d{2})';
const INSTANT = '(\\S+)';
const ID = '(\\S+)';

/** textOf in lower case, inside a sentence; a code the record lacks as it is. */
const lowerName = (record: Record<string, string>, code: string): string => (Object.hasOwn(record, code) ? textOf(record, code).toLowerCase() : code);
const status = (s: string) => lowerName(STATUS_TEXT, s);
const fieldName = (f: string) => textOf(FIELD_TEXT, f);
const ROLE_TEXT: Record<string, string> = { parent: msg('forelder'), guardian: msg('verge'), young_person: msg('ungdommen selv') };
const roleText = (r: string) => textOf(ROLE_TEXT, r);

/** What a date must not precede, as the rules name it (rules.ts `NotBefore.what`). */
const WHAT: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^the request was received$/, () => t('ønsket ble mottatt')],
  [
    new RegExp(`^the earliest a consent for this request can be given, (\\d+) days before it was received on ${DATE}$`),
    (m) => t('det tidligste et samtykke til dette ønsket kan være gitt, {{days}} dager før ønsket ble mottatt {{date}}', { days: m[1], date: dateText(m[2]) }),
  ],
  [/^the consent it withdraws was given$/, () => t('samtykket som trekkes tilbake, ble gitt')],
  [new RegExp(`^the day the request was received, ${DATE}$`), (m) => t('dagen ønsket ble mottatt, {{date}}', { date: dateText(m[1]) })],
  [new RegExp(`^the day the ansvarsgruppe (?:is|was) established, ${DATE}$`), (m) => t('dagen ansvarsgruppen ble opprettet, {{date}}', { date: dateText(m[1]) })],
  [/^the kartleggingssamtale the decision rests on was held$/, () => t('kartleggingssamtalen avgjørelsen bygger på, ble holdt')],
  [/^the decision it complains about was made$/, () => t('avgjørelsen det klages på, ble tatt')],
  [/^the complaint was received$/, () => t('klagen ble mottatt')],
  [/^the case closed$/, () => t('saken ble avsluttet')],
  [/^the grant it follows was decided$/, () => t('innvilgelsen den bygger på, ble vedtatt')],
  [/^the coordinator was first appointed$/, () => t('koordinatoren første gang ble oppnevnt')],
  [/^the meeting was held$/, () => t('møtet ble holdt')],
  [/^the individuell plan became active$/, () => t('den individuelle planen ble aktiv')],
  [/^its last evaluation$/, () => t('forrige evaluering')],
  [/^the task was given$/, () => t('oppgaven ble gitt')],
  [/^the appointment it replaces$/, () => t('oppnevningen den erstatter')],
];

/** The Norwegian of what a date must not precede; the English as it is when unknown. */
export function translateWhat(what: string): { text: string; known: boolean } {
  for (const [pattern, text] of WHAT) {
    const m = pattern.exec(what);
    if (m) return { text: text(m), known: true };
  }
  return { text: what, known: false };
}

interface Entry {
  pattern: RegExp;
  text: (m: RegExpExecArray) => string;
  /** The group holding the command field the message is about. */
  fieldGroup?: number;
}

const entry = (pattern: string, text: (m: RegExpExecArray) => string, fieldGroup?: number): Entry => ({ pattern: new RegExp(`^${pattern}$`), text, fieldGroup });

const CATALOGUE: Entry[] = [
  // ---- Dates and times held to the case (rules.ts happened and planned). ----
  entry(
    `(\\w+) ${DATE} is after today \\(${DATE}\\): it can be recorded once it has happened`,
    (m) => t('{{field}} ({{date}}) er etter i dag ({{today}}). Det kan registreres når det har skjedd.', { field: fieldName(m[1]), date: dateText(m[2]), today: dateText(m[3]) }),
    1,
  ),
  entry(
    `(\\w+) ${INSTANT} is not a time`,
    (m) => t('{{field}} ({{value}}) er ikke et gyldig tidspunkt.', { field: fieldName(m[1]), value: m[2] }),
    1,
  ),
  entry(
    `(\\w+) ${INSTANT} is more than (\\d+) months ahead \\(after ${INSTANT}\\): plan it nearer the time`,
    (m) => t('{{field}} ({{when}}) er mer enn {{months}} måneder fram i tid (etter {{limit}}). Planlegg det nærmere tidspunktet.', { field: fieldName(m[1]), when: whenText(m[2]), months: m[3], limit: whenText(m[4]) }),
    1,
  ),
  // One pattern for both a date before a date (happened) and a time before a time (planned).
  entry(
    `(\\w+) ${INSTANT} is before (.+) \\(${INSTANT}\\)`,
    (m) => t('{{field}} ({{when}}) kan ikke være før {{what}} ({{limit}}).', { field: fieldName(m[1]), when: whenText(m[2]), what: translateWhat(m[3]).text, limit: whenText(m[4]) }),
    1,
  ),

  // ---- Consent. ----
  entry(`a young person consents personally only from the age of (\\d+)`, (m) => t('Ungdommen kan først samtykke selv fra fylte {{age}} år.', { age: m[1] })),
  entry(
    `there is no active consent covering (.+)`,
    (m) =>
      t('Det finnes ikke noe gjeldende samtykke som dekker {{scopes}}.', {
        scopes: m[1]
          .split(', ')
          .map((s) => lowerName(CONSENT_SCOPE_TEXT, s))
          .join(' og '), // 'og' in both målformer
      }),
  ),
  entry(
    `(givenBy) is not among the consenters of this case: add them as a consenter with their role \\(addAsConsenter\\) or record the consent of a consenter`,
    () => t('Den som samtykker, er ikke blant samtykkegiverne i saken. Legg personen til som samtykkegiver med rolle, eller registrer samtykket fra en av samtykkegiverne.'),
    1,
  ),
  entry(`(givenBy) is a consenter of this case as (\\w+), not (\\w+)`, (m) => t('Personen er samtykkegiver i saken som {{role}}, ikke som {{other}}.', { role: roleText(m[2]), other: roleText(m[3]) }), 1),
  entry(`(givenBy) is not the child of this case: a young person consents for themselves only`, () => t('Personen er ikke barnet i saken. Ungdommen samtykker bare på egne vegne.'), 1),
  entry(
    `the child is (\\d+): from 16 the young person consents personally \\(pbrl § 4-3\\); record the young person's own consent, or KE's reasons why they lack the competence to consent \\(youngPersonLacksCompetence\\)`,
    (m) =>
      t('Barnet er {{age}} år. Fra 16 år samtykker ungdommen selv (pbrl. § 4-3). Registrer ungdommens eget samtykke, eller koordinerende enhets begrunnelse for at ungdommen ikke har samtykkekompetanse.', { age: m[1] }),
  ),
  entry(`(youngPersonLacksCompetence) applies only to a child of 16 or more, who would otherwise consent personally`, () => t('Manglende samtykkekompetanse gjelder bare ungdom fra 16 år, som ellers samtykker selv.'), 1),
  entry(`(youngPersonLacksCompetence) is given with the consent of a parent or guardian, not of the young person`, () => t('Manglende samtykkekompetanse registreres med samtykket fra en forelder eller verge, ikke med ungdommens eget.'), 1),
  entry(
    `the child is (\\d+) or more: this step requires the young person's own consent to appointment of a coordinator \\(pbrl § 4-3\\), or KE's reasons why they lack the competence to consent`,
    (m) =>
      t('Barnet er {{age}} år eller eldre. Dette steget krever ungdommens eget samtykke til oppnevning av barnekoordinator (pbrl. § 4-3), eller koordinerende enhets begrunnelse for at ungdommen ikke har samtykkekompetanse.', { age: m[1] }),
  ),
  entry(
    `an ansvarsgruppe requires the young person's own consent to sharing information from the age of 16 \\(pbrl § 4-3\\)`,
    () => t('Fra 16 år krever en ansvarsgruppe ungdommens eget samtykke til deling av informasjon (pbrl. § 4-3).'),
  ),
  entry(`this step requires consent to appointment of a coordinator`, () => t('Dette steget krever samtykke til oppnevning av barnekoordinator.')),

  // ---- Kartlegging. ----
  entry(`a kartleggingssamtale cannot be scheduled when the case is (\\w+)`, (m) => t('Kartleggingssamtalen kan ikke planlegges når saken har status «{{status}}».', { status: status(m[1]) })),
  entry(`a kartleggingssamtale cannot be recorded when the case is (\\w+)`, (m) => t('Kartleggingssamtalen kan ikke registreres når saken har status «{{status}}».', { status: status(m[1]) })),
  entry(
    `the child is (\\d+) and must take part in the kartleggingssamtale from the age of (\\d+); give a reason if the child did not`,
    (m) => t('Barnet er {{age}} år og skal delta i kartleggingssamtalen fra fylte {{from}} år. Oppgi hvorfor barnet ikke deltok.', { age: m[1], from: m[2] }),
  ),
  entry(`the assessment cannot be recorded when the case is (\\w+)`, (m) => t('Vurderingen kan ikke registreres når saken har status «{{status}}».', { status: status(m[1]) })),

  // ---- The decision. ----
  entry(
    `a decision requires a completed kartlegging: the interview held and all three conditions assessed`,
    () => t('En avgjørelse krever fullført kartlegging: kartleggingssamtalen må være holdt og alle tre vilkårene vurdert.'),
  ),
  entry(`a decision cannot be made when the case is (\\w+)`, (m) => t('Det kan ikke tas en avgjørelse når saken har status «{{status}}».', { status: status(m[1]) })),
  entry(`a grant requires all three legal conditions assessed as met`, () => t('Innvilgelse krever at alle tre vilkårene er vurdert som oppfylt.')),
  entry(`a refusal requires at least one legal condition assessed as not met`, () => t('Avslag krever at minst ett av vilkårene er vurdert som ikke oppfylt.')),
  entry(
    `a refusal must name what the family is offered instead \\(coordinated services, an ordinary coordinator\\)`,
    () => t('Et avslag må si hva familien får tilbud om i stedet (samordnede tjenester eller alminnelig koordinator).'),
  ),

  // ---- Complaints. ----
  entry(`a complaint requires a written decision`, () => t('En klage krever at det finnes en skriftlig avgjørelse.')),
  entry(`the decision was not a refusal`, () => t('Avgjørelsen var ikke et avslag.')),
  entry(`a complaint cannot be received before the family learned of the decision`, () => t('En klage kan ikke være mottatt før familien fikk vite om avgjørelsen.')),
  entry(`no complaint ${ID} on this case`, () => t('Klagen finnes ikke i denne saken.')),
  entry(
    `the case is closed: a complaint now concerns its closure \\(about: change_or_termination\\), not (\\w+)`,
    () => t('Saken er avsluttet. En klage kan nå bare gjelde avslutningen av saken (endring eller opphør).'),
  ),
  entry(
    `the case closed at the age limit \\((\\d+)\\) and the young person is (\\d+): .+`,
    (m) =>
      t(
        'Saken ble avsluttet ved aldersgrensen ({{limit}} år), og ungdommen er {{age}} år. Retten til barnekoordinator gjelder ikke etter aldersgrensen (helse- og omsorgstjenesteloven § 7-2 a), så koordinerende enhet kan ikke omgjøre avslutningen. Send klagen til Statsforvalteren, eller tilby alminnelig koordinator (§ 7-2).',
        { limit: m[1], age: m[2] },
      ),
  ),
  entry(
    `outcome (\\w+) requires a complaint that is (\\w+), but it is (\\w+)`,
    (m) =>
      t('Utfallet «{{outcome}}» krever en klage med status «{{required}}», men klagen har status «{{actual}}».', {
        outcome: lowerName(COMPLAINT_OUTCOME_TEXT, m[1]),
        required: lowerName(COMPLAINT_STATUS_TEXT, m[2]),
        actual: lowerName(COMPLAINT_STATUS_TEXT, m[3]),
      }),
  ),

  // ---- Appointment. ----
  entry(`an appointment requires a granted decision, but the case is (\\w+)`, (m) => t('Oppnevning krever en innvilget avgjørelse, men saken har status «{{status}}».', { status: status(m[1]) })),
  entry(`this coordinator is already appointed`, () => t('Denne koordinatoren er allerede oppnevnt i saken.')),
  entry(`coordinator ${ID} does not belong to unit ${ID}`, () => t('Koordinatoren hører ikke til det valgte tjenestestedet.')),

  // ---- Follow-up. ----
  entry(`this step requires an appointed coordinator, but the case is (\\w+)`, (m) => t('Dette steget krever en oppnevnt barnekoordinator, men saken har status «{{status}}».', { status: status(m[1]) })),
  entry(`no meeting ${ID} on this case`, () => t('Møtet finnes ikke i denne saken.')),
  entry(
    `meeting ${ID} is (\\w+), not (\\w+)`,
    (m) => t('Møtet er {{status}}, ikke {{expected}}.', { status: textOf(MEETING_STATUS_TEXT, m[2]), expected: textOf(MEETING_STATUS_TEXT, m[3]) }),
  ),
  entry(`an ansvarsgruppe requires consent to sharing information`, () => t('En ansvarsgruppe krever samtykke til deling av informasjon.')),
  entry(`the ansvarsgruppe is already established`, () => t('Ansvarsgruppen er allerede opprettet.')),
  entry(`meetings require an established ansvarsgruppe`, () => t('Møter krever at ansvarsgruppen er opprettet.')),
  entry(`the referat of meeting ${ID} is already recorded`, () => t('Referatet fra dette møtet er allerede registrert.')),
  entry(
    `the individuell plan cannot go from (\\w+) to (\\w+)`,
    (m) =>
      t('Den individuelle planen kan ikke gå fra «{{from}}» til «{{to}}».', {
        from: lowerName(PLAN_STATUS_TEXT, m[1]),
        to: lowerName(PLAN_STATUS_TEXT, m[2]),
      }),
  ),
  entry(`the child is already born`, () => t('Barnet er allerede registrert som født.')),
  entry(`a birth cannot be registered in the future`, () => t('En fødsel kan ikke registreres fram i tid.')),
  entry(
    `birthDate ${DATE} is more than (\\d+) weeks before the termin \\(${DATE}\\): not a birth of this pregnancy`,
    (m) => t('Fødselsdatoen ({{date}}) er mer enn {{weeks}} uker før termin ({{termin}}) og kan ikke gjelde dette svangerskapet.', { date: dateText(m[1]), weeks: m[2], termin: dateText(m[3]) }),
  ),
  entry(`absence ${ID} is already recorded`, () => t('Fraværet er allerede registrert.')),
  entry(`the absent coordinator is not the coordinator of this case`, () => t('Den fraværende koordinatoren er ikke koordinator i denne saken.')),
  entry(`a coordinator cannot substitute for themselves`, () => t('En koordinator kan ikke være stedfortreder for seg selv.')),
  entry(
    `until ${DATE} must lie between from \\(${DATE}\\) and (\\d+) years after it \\(${DATE}\\)`,
    (m) => t('Sluttdatoen ({{until}}) må ligge mellom første fraværsdag ({{from}}) og {{years}} år etter ({{latest}}).', { until: dateText(m[1]), from: dateText(m[2]), years: m[3], latest: dateText(m[4]) }),
  ),
  entry(`no leave ${ID} is running`, () => t('Det finnes ikke noe pågående fravær med denne id-en.')),
  entry(`no task ${ID} on this case`, () => t('Oppgaven finnes ikke i denne saken.')),
  entry(`task ${ID} is already done`, () => t('Oppgaven er allerede utført.')),
  entry(
    `a case can be extended only beyond age (\\d+) and at most to (\\d+)`,
    (m) => t('Saken kan bare forlenges ut over {{from}} år, og høyst til {{to}} år.', { from: m[1], to: m[2] }),
  ),
  entry(`the case is closed`, () => t('Saken er avsluttet.')),

  // ---- Refusals of the API itself. ----
  entry(`this Idempotency-Key was already used for .+`, () => t('Denne forespørselen er allerede sendt med et annet innhold. Last siden på nytt og prøv igjen.')),
  entry(`letter ${ID} is already delivered \\((\\w+)\\)`, () => t('Brevet er allerede levert til familien, og kan ikke registreres levert for hånd.')),
  entry(
    `letter ${ID} was already handed over on ${DATE} \\((\\w+)\\)`,
    (m) => t('Brevet er allerede registrert levert for hånd {{date}}.', { date: dateText(m[2]) }),
  ),
];

/** The Norwegian of a refusal (a 409 problem's `detail`), with the field it names. */
export function translateRefusal(detail: string): RuleMessage {
  for (const { pattern, text, fieldGroup } of CATALOGUE) {
    const m = pattern.exec(detail);
    if (m) return { text: text(m), field: fieldGroup === undefined ? undefined : m[fieldGroup], known: true };
  }
  return { text: t('Handlingen ble avvist: {{detail}}', { detail }), known: false };
}
