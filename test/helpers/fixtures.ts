/** Request bodies with made-up people, valid unless a test changes them. */
export const today = () => new Date().toISOString().slice(0, 10);

export function yearsAgo(years: number, from = new Date()): string {
  const d = new Date(Date.UTC(from.getUTCFullYear() - years, from.getUTCMonth(), Math.min(from.getUTCDate(), 28)));
  return d.toISOString().slice(0, 10);
}

export function caseRequest(overrides: Record<string, unknown> = {}) {
  return {
    child: { name: 'Nora Testbarn', nationalId: '01020312345', birthDate: yearsAgo(7) },
    consenters: [{ name: 'Per Testforelder', role: 'parent' }],
    channel: 'written',
    reasons: 'Familien har mange tjenester som ikke henger sammen.',
    receivedOn: today(),
    ...overrides,
  };
}

export const allMet = {
  childUnder18OrExpected: { met: true, text: 'Barnet er 7 år.' },
  seriousCondition: { met: true, text: 'Alvorlig nedsatt funksjonsevne.' },
  longTermCoordinatedNeeds: { met: true, text: 'Behov for helse- og omsorgstjenester og PPT over lang tid.' },
};

export const interview = { heldOn: today(), participants: ['Per Testforelder', 'KE-rådgiver'], childParticipated: true };
