/**
 * The web app's texts against its nynorsk catalogue (web/src/i18n.ts, web/src/nn/): every text
 * the code passes to t() or marks with msg(), read from the source with TypeScript's parser.
 * Run directly (`npx tsx test/helpers/web-texts.ts`) it prints what is wrong; the unit test
 * test/unit/web-catalogue.test.ts asserts there is nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { dictionary, misspelt } from './spelling';

const ROOT = join(__dirname, '..', '..');
const SRC = join(ROOT, 'web', 'src');
/** The catalogue itself and the module that reads it. */
const NOT_SCANNED = [join(SRC, 'nn'), join(SRC, 'i18n.ts')];

/** Attributes that are shown to people (or read out by screen readers): a literal text there must go through t(). */
const SHOWN_ATTRIBUTES = new Set(['label', 'aria-label', 'title', 'placeholder', 'description', 'alt', 'legend', 'error', 'heading', 'text', 'aria-description']);

/** A sentence-like literal: a capital letter, then words with spaces between. */
const SENTENCE = /^[A-ZÆØÅ][a-zæøå]+(?: [\p{L}\d«»"'(),.:;!?–-]+)+$/u;

export interface WebTexts {
  /** Each text with the places it is used. */
  keys: Map<string, string[]>;
  /** Shown texts left out of t() and msg(), and t() called outside rendering. */
  problems: string[];
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (NOT_SCANNED.includes(path)) return [];
    if (e.isDirectory()) return files(path);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

const literal = (node: ts.Node | undefined): string | undefined =>
  node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;

function insideFunction(node: ts.Node): boolean {
  for (let p = node.parent; p; p = p.parent) if (ts.isFunctionLike(p)) return true;
  return false;
}

/** A literal that is an argument of t() or msg(), an import, an object key or a type: not a shown text. */
function exempt(node: ts.Node): boolean {
  const p = node.parent;
  if (ts.isCallExpression(p) && ts.isIdentifier(p.expression) && (p.expression.text === 't' || p.expression.text === 'msg')) return true;
  if (ts.isImportDeclaration(p) || ts.isExportDeclaration(p) || ts.isLiteralTypeNode(p) || ts.isPropertyAssignment(p) && p.name === node) return true;
  if (ts.isElementAccessExpression(p) || ts.isCaseClause(p)) return true;
  if (ts.isBinaryExpression(p) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(p.operatorToken.kind)) return true;
  return false;
}

export function scanWebTexts(): WebTexts {
  const keys = new Map<string, string[]>();
  const problems: string[] = [];
  for (const path of files(SRC)) {
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true, path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const where = (node: ts.Node) => `${relative(ROOT, path)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && (node.expression.text === 't' || node.expression.text === 'msg')) {
        const text = literal(node.arguments[0]);
        if (text !== undefined) keys.set(text, [...(keys.get(text) ?? []), where(node)]);
        else if (node.expression.text === 'msg') problems.push(`${where(node)}: msg() takes a literal text`);
        else if (node.arguments[0] && ts.isTemplateExpression(node.arguments[0])) problems.push(`${where(node)}: t() with a template literal; put values in with {{name}}`);
        if (node.expression.text === 't' && !insideFunction(node)) problems.push(`${where(node)}: t() at a module's top level runs before the language is known; use msg() there`);
      } else if (ts.isJsxText(node)) {
        const text = node.text.trim();
        if (/\p{L}{2,}/u.test(text)) problems.push(`${where(node)}: text outside t(): ${JSON.stringify(text)}`);
      } else if (ts.isJsxAttribute(node) && node.initializer && ts.isStringLiteral(node.initializer)) {
        const name = node.name.getText(source);
        if (SHOWN_ATTRIBUTES.has(name) && /\p{L}{2,}/u.test(node.initializer.text)) problems.push(`${where(node)}: ${name}="${node.initializer.text}" outside t()`);
        return;
      } else if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && SENTENCE.test(node.text) && !exempt(node)) {
        problems.push(`${where(node)}: a text outside t() or msg(): ${JSON.stringify(node.text)}`);
      } else if (ts.isTemplateExpression(node) && SENTENCE.test(node.head.text.trim() || 'x') && node.head.text.includes(' ')) {
        problems.push(`${where(node)}: a text joined from pieces: ${JSON.stringify(node.getText(source).slice(0, 60))}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { keys, problems };
}

const places = (text: string) => (text.match(/\{\{\s*(\w+)\s*\}\}/g) ?? []).map((p) => p.replace(/\s/g, '')).sort();

/** Everything wrong between the code's texts and the nynorsk catalogue. */
export function catalogueProblems(catalogue: Record<string, string>, parts: Record<string, Record<string, string>>): string[] {
  const { keys, problems } = scanWebTexts();
  const out = [...problems];
  for (const [text, at] of keys) if (!(text in catalogue)) out.push(`no nynorsk for ${JSON.stringify(text)} (${at[0]})`);
  for (const text of Object.keys(catalogue)) if (!keys.has(text)) out.push(`nynorsk for a text the code no longer has: ${JSON.stringify(text)}`);
  const seen = new Map<string, string>();
  for (const [part, entries] of Object.entries(parts)) {
    for (const [text, nn] of Object.entries(entries)) {
      const before = seen.get(text);
      if (before !== undefined && before !== nn) out.push(`two nynorsk texts for ${JSON.stringify(text)} (one in ${part})`);
      seen.set(text, nn);
      if (nn.trim() === '') out.push(`empty nynorsk for ${JSON.stringify(text)}`);
      if (places(nn).join() !== places(text).join()) out.push(`the nynorsk of ${JSON.stringify(text)} has other {{places}}: ${JSON.stringify(nn)}`);
    }
  }
  const spell = dictionary('nn');
  for (const nn of Object.values(catalogue)) for (const word of misspelt(spell, 'nn', nn)) out.push(`not in the nynorsk word list: "${word}" in ${JSON.stringify(nn)}`);
  return out;
}

if (require.main === module) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const nn = require('../../web/src/nn') as typeof import('../../web/src/nn');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const parts = Object.fromEntries(['admin', 'app', 'case-forms', 'case-page', 'lists'].map((p) => [p, Object.values(require(`../../web/src/nn/${p}`))[0] as Record<string, string>]));
  const found = catalogueProblems(nn.NN, parts);
  console.log(found.length === 0 ? 'the web texts and the nynorsk catalogue agree' : found.join('\n'));
  process.exitCode = found.length === 0 ? 0 : 1;
}
