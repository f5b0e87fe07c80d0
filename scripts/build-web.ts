/**
 * Builds the web app: one bundle of web/src/main.tsx and its CSS under web/dist/assets with content
 * hashes in their names (served as immutable), the app shell web/dist/index.html (no inline script
 * or style, so the strict CSP holds) and web/dist/manifest.json with each file's raw and gzipped size.
 */
import { build, type Plugin } from 'esbuild';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = join(__dirname, '..');
const webDir = join(root, 'web');
const distDir = join(webDir, 'dist');

export interface WebManifest {
  builtAt: string;
  entry: { js: string; css: string[] };
  files: { file: string; bytes: number; gzipBytes: number }[];
  /** What opening each page first loads: the entry, the page's chunk and the chunks they import. */
  pages: Record<string, { files: string[]; bytes: number; gzipBytes: number }>;
}

/**
 * Packages whose modules have no side effects, so that esbuild keeps only what is used:
 * @navikt/aksel-icons declares `sideEffects: false`, but a nested package.json in its dist hides
 * that from esbuild, which then keeps all its icons (1.2 MB); @digdir/designsystemet-react does not
 * declare it, so every component would be kept. (The custom elements the components rely on come
 * from @digdir/designsystemet-web, which keeps its side effects.)
 */
const PURE_PACKAGES = ['@navikt/aksel-icons', '@digdir/designsystemet-react'];

const purePackages: Plugin = {
  name: 'pure-packages',
  setup(b) {
    const bare = new RegExp(`^(${PURE_PACKAGES.map((p) => p.replace('/', '\\/')).join('|')})$`);
    const inside = PURE_PACKAGES.map((p) => `${sep}${p.split('/').join(sep)}${sep}`);
    b.onResolve({ filter: bare }, async (args) => {
      if (args.pluginData === 'resolving') return undefined;
      const resolved = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'resolving' });
      return resolved.errors.length ? undefined : { ...resolved, sideEffects: false };
    });
    // Their own modules import each other by relative path with the extension.
    b.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) =>
      inside.some((dir) => args.importer.includes(dir)) ? { path: join(args.resolveDir, args.path), sideEffects: false } : undefined,
    );
  },
};

export async function buildWeb(): Promise<WebManifest> {
  await rm(distDir, { recursive: true, force: true });
  await mkdir(distDir, { recursive: true });
  const result = await build({
    entryPoints: [join(webDir, 'src', 'main.tsx')],
    outdir: join(distDir, 'assets'),
    entryNames: '[name]-[hash]',
    chunkNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    sourcemap: false,
    target: ['es2022', 'chrome120', 'firefox120', 'safari17'],
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    plugins: [purePackages],
  });
  const outputs = Object.entries(result.metafile.outputs);
  const [entryFile, entry] = outputs.find(([, o]) => o.entryPoint?.endsWith('main.tsx')) ?? [];
  if (!entryFile || !entry) throw new Error('esbuild produced no entry bundle');
  const url = (file: string) => `/${relative(distDir, join(root, file)).split('\\').join('/')}`;
  const js = url(entryFile);
  const css = entry.cssBundle ? [url(entry.cssBundle)] : [];
  // The chunks the entry imports, fetched with it rather than after it has been parsed.
  const preloads = entry.imports.filter((i) => i.kind === 'import-statement').map((i) => url(i.path));
  const html =
    '<!doctype html>\n<html lang="nb">\n<head>\n<meta charset="utf-8">\n' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    '<title>Barnekoordinator</title>\n<link rel="icon" href="data:,">\n' +
    css.map((href) => `<link rel="stylesheet" href="${href}">\n`).join('') +
    `<script type="module" src="${js}"></script>\n` +
    preloads.map((href) => `<link rel="modulepreload" href="${href}">\n`).join('') +
    '</head>\n<body>\n<div id="root"></div>\n' +
    '<noscript>Barnekoordinator trenger JavaScript.</noscript>\n</body>\n</html>\n';
  await writeFile(join(distDir, 'index.html'), html);
  const files = await Promise.all(
    outputs.map(async ([file]) => {
      const content = await readFile(join(root, file));
      return { file: url(file), bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
    }),
  );
  const size = new Map(files.map((f) => [f.file, f]));
  const staticClosure = (file: string, into = new Set<string>()): Set<string> => {
    if (into.has(file)) return into;
    into.add(file);
    for (const i of result.metafile.outputs[file]?.imports ?? []) if (i.kind === 'import-statement') staticClosure(i.path, into);
    return into;
  };
  const first = staticClosure(entryFile);
  const pages: WebManifest['pages'] = {};
  for (const [file, output] of outputs) {
    const page = output.entryPoint?.match(/web\/src\/pages\/(?:.*\/)?(\w+)\.tsx$/)?.[1];
    if (!page) continue;
    const all = [...staticClosure(file, new Set(first)), ...css.map((c) => join('web', 'dist', c))].map((f) => (f.startsWith('/') ? f : url(f)));
    const unique = [...new Set(all)];
    pages[page] = {
      files: unique,
      bytes: unique.reduce((n, f) => n + (size.get(f)?.bytes ?? 0), 0),
      gzipBytes: unique.reduce((n, f) => n + (size.get(f)?.gzipBytes ?? 0), 0),
    };
  }
  const manifest: WebManifest = { builtAt: new Date().toISOString(), entry: { js, css }, files: files.sort((a, b) => a.file.localeCompare(b.file)), pages };
  await writeFile(join(distDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

async function newestChange(dir: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const times = await Promise.all(entries.filter((e) => e.isFile()).map(async (e) => (await stat(join(e.parentPath, e.name))).mtimeMs));
  return Math.max(0, ...times);
}

/** Builds unless web/dist is newer than every source of the app (and this script). */
export async function buildWebIfStale(): Promise<WebManifest | null> {
  const built = await stat(join(distDir, 'manifest.json')).then((s) => s.mtimeMs, () => 0);
  const sources = Math.max(await newestChange(join(webDir, 'src')), (await stat(__filename)).mtimeMs, (await stat(join(root, 'api', 'client', 'schema.d.ts'))).mtimeMs);
  return built > sources ? null : buildWeb();
}

if (require.main === module) {
  const started = Date.now();
  buildWeb().then(
    (manifest) => {
      const size = (n: number) => `${(n / 1024).toFixed(1)} KB`;
      for (const [page, p] of Object.entries(manifest.pages)) console.log(`${page}: ${size(p.bytes)} (${size(p.gzipBytes)} gzipped) in ${p.files.length} files`);
      console.log(`web app built in ${Date.now() - started} ms`);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
