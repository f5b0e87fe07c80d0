/**
 * A letter as SvarUt's send API v2 takes it: the Forsendelse metadata (forsendelse-send-api-v2.json)
 * and the PDF, in one multipart request.
 */
import { randomUUID } from 'node:crypto';
import { PermanentError } from './errors';

export interface PostalAddress {
  /** Up to three lines (street, c/o, …). */
  lines: string[];
  postalCode: string;
  city: string;
  /** For addresses abroad; empty for Norway. */
  country?: string;
}

export interface OutgoingLetter {
  /** Our letter id: SvarUt's eksternReferanse, the key that makes sending idempotent. */
  letterId: string;
  title: string;
  pdf: Buffer;
  /** Default brev.pdf. */
  filename?: string;
  recipient: {
    name: string;
    /** Fødselsnummer or d-nummer: needed for digital delivery. */
    nationalId?: string;
    address: PostalAddress;
  };
  /** Unntatt offentlighet: the letter holds information under a duty of confidentiality. */
  confidential: boolean;
  /** Send by post even when the recipient could get it digitally (no digital id is sent). */
  printOnly?: boolean;
  /** Free text type of the letter (forsendelsestype), e.g. the letter kind. */
  kind?: string;
  print?: { colour?: boolean; duplex?: boolean };
}

/** Forbidden in SvarUt's filnavn: * : " \ / < > | ? */
const FILENAME_UNSAFE = /[*:"\\/<>|?]/g;

/**
 * The multipart/form-data body: first the part "forsendelse" with the metadata as JSON, then one
 * part per document, named filer_<n> with the document's filnavn, in the order of `dokumenter`.
 * Written by hand rather than with FormData, which would give the metadata part a file name
 * ("blob") that KS's example does not have.
 */
export function forsendelseForm(letter: OutgoingLetter, config: { avgivendeSystem?: string }): { contentType: string; body: Buffer } {
  if (letter.letterId.length > 100) throw new PermanentError('svarut', 'send', 'the letter id is longer than eksternReferanse allows (100)');
  if (letter.recipient.nationalId !== undefined && !/^\d{11}$/.test(letter.recipient.nationalId)) {
    throw new PermanentError('svarut', 'send', 'the recipient national id is not 11 digits');
  }
  const filnavn = (letter.filename ?? 'brev.pdf').replace(FILENAME_UNSAFE, '_').slice(0, 226);
  const [adresselinje1, adresselinje2, adresselinje3] = letter.recipient.address.lines;
  const forsendelse = {
    tittel: letter.title.slice(0, 1000),
    mottaker: {
      navn: letter.recipient.name,
      ...(letter.recipient.nationalId && !letter.printOnly ? { digitalId: letter.recipient.nationalId } : {}),
      adresselinje1,
      adresselinje2,
      adresselinje3,
      postnummer: letter.recipient.address.postalCode,
      poststed: letter.recipient.address.city,
      land: letter.recipient.address.country || undefined,
    },
    avgivendeSystem: (config.avgivendeSystem ?? 'barnekoordinator').slice(0, 100),
    eksternReferanse: letter.letterId,
    forsendelsestype: letter.kind?.slice(0, 100),
    kunDigitalLevering: false,
    utskriftskonfigurasjon: { utskriftMedFarger: letter.print?.colour ?? false, tosidig: letter.print?.duplex ?? true },
    taushetsbelagtPost: letter.confidential,
    dokumenter: [{ filnavn, mimeType: 'application/pdf', inneholderPersonsensitivInformasjon: letter.confidential }],
  };
  const boundary = `barnekoordinator-${randomUUID()}`;
  const part = (headers: string[], content: Buffer) => [Buffer.from(`--${boundary}\r\n${headers.join('\r\n')}\r\n\r\n`), content, Buffer.from('\r\n')];
  const body = Buffer.concat([
    ...part(['Content-Disposition: form-data; name="forsendelse"', 'Content-Type: application/json;charset=UTF-8'], Buffer.from(JSON.stringify(forsendelse))),
    ...part([`Content-Disposition: form-data; name="filer_0"; filename="${headerSafe(filnavn)}"`, 'Content-Type: application/pdf'], letter.pdf),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  return { contentType: `multipart/form-data; boundary=${boundary}`, body };
}

/** A file name in a Content-Disposition header: no quotes or line breaks, non-ASCII percent-encoded (RFC 7578 §4.2). */
function headerSafe(name: string): string {
  return name.replace(/[\r\n"]/g, '_').replace(/[^\x20-\x7e]/g, (c) => encodeURIComponent(c));
}
