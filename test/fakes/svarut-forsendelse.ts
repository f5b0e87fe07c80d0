/**
 * The fake SvarUt's reading of a send request: the multipart body as KS describes it (first the
 * part "forsendelse" with the metadata as JSON, then the documents as filer_<n> named as in
 * dokumenter) and the checks the send API's schema makes. A problem is answered with 400.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { StoredForsendelse } from './svarut';

export async function parseForsendelse(req: IncomingMessage, body: Buffer, now: number): Promise<Omit<StoredForsendelse, 'script'> | { problem: string }> {
  const contentType = req.headers['content-type'] ?? '';
  if (!contentType.startsWith('multipart/form-data')) return { problem: 'Forventet multipart/form-data' };
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    return { problem: 'Ugyldig multipart' };
  }
  const entries = [...form.entries()];
  if (entries[0]?.[0] !== 'forsendelse') return { problem: 'Første part må hete forsendelse' };
  const raw = entries[0][1];
  let metadata: Record<string, unknown>;
  try {
    metadata = JSON.parse(typeof raw === 'string' ? raw : await raw.text()) as Record<string, unknown>;
  } catch {
    return { problem: 'forsendelse er ikke gyldig JSON' };
  }
  const mottaker = metadata.mottaker as Record<string, unknown> | undefined;
  if (typeof metadata.tittel !== 'string' || !metadata.tittel) return { problem: 'tittel må være utfylt' };
  if (!mottaker || typeof mottaker.navn !== 'string' || !mottaker.navn) return { problem: 'mottaker.navn må være utfylt' };
  if (!metadata.kunDigitalLevering && (!mottaker.poststed || (!mottaker.land && !mottaker.postnummer))) {
    return { problem: 'Postnummer og poststed er påkrevd når forsendelsen kan gå til print' };
  }
  if (typeof metadata.eksternReferanse === 'string' && metadata.eksternReferanse.length > 100) return { problem: 'eksternReferanse er for lang' };
  const dokumenter = metadata.dokumenter as { filnavn?: string; mimeType?: string }[] | undefined;
  if (!Array.isArray(dokumenter) || dokumenter.length === 0) return { problem: 'Forsendelsen har ingen dokumenter' };
  const files = entries.slice(1);
  if (files.length !== dokumenter.length) return { problem: 'Antall filer stemmer ikke med dokumenter' };
  const documents: StoredForsendelse['documents'] = [];
  for (const [i, d] of dokumenter.entries()) {
    const [name, value] = files[i];
    if (typeof value === 'string' || value.name !== d.filnavn) return { problem: `Fil ${i} heter ikke ${d.filnavn}` };
    const bytes = Buffer.from(await value.arrayBuffer());
    if (d.mimeType === 'application/pdf' && bytes.subarray(0, 5).toString('latin1') !== '%PDF-') return { problem: `${d.filnavn} er ikke en PDF` };
    documents.push({ name, filename: value.name, contentType: value.type, bytes });
  }
  return {
    id: randomUUID(),
    eksternReferanse: typeof metadata.eksternReferanse === 'string' ? metadata.eksternReferanse : undefined,
    metadata,
    documents,
    receivedAt: now,
  };
}
