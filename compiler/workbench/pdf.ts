// `comp statement --format pdf`: the statement's HTML page printed to PDF by headless Chromium
// through playwright-core (loaded only here, on demand: the other commands never need it). The
// browser is Debian's or any Chromium the machine has: $COMP_CHROMIUM, /usr/bin/chromium,
// `chromium` on the PATH, else playwright's own download if one is installed. Nothing is
// downloaded at run time; without playwright-core or a Chromium the command says so (COMP8456).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export class PdfUnavailable extends Error {}

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function chromiumPath(own: string | undefined): string | undefined {
  const env = process.env.COMP_CHROMIUM;
  if (env) return env;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of ['chromium', 'chromium-browser', 'google-chrome']) if (dir && existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  return own && existsSync(own) ? own : undefined;
}

export interface PdfPrinter {
  print(html: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** A browser for printing pages (one for many statements); close it when done. */
export async function openPrinter(): Promise<PdfPrinter> {
  let pw: typeof import('playwright-core');
  try {
    pw = await import('playwright-core');
  } catch {
    throw new PdfUnavailable('PDF output needs the package playwright-core (npm install playwright-core) and a Chromium');
  }
  let own: string | undefined;
  try {
    own = pw.chromium.executablePath();
  } catch {
    own = undefined;
  }
  const executablePath = chromiumPath(own);
  if (!executablePath) throw new PdfUnavailable('PDF output needs a Chromium: install one (e.g. the Debian package chromium) or set COMP_CHROMIUM to its path');
  const profile = mkdtempSync(path.join(tmpdir(), 'comp-pdf-'));
  let ctx: import('playwright-core').BrowserContext;
  try {
    ctx = await pw.chromium.launchPersistentContext(profile, { executablePath, headless: true, args: ARGS, timeout: 60_000, offline: true });
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw new PdfUnavailable(`Chromium (${executablePath}) did not start: ${(e as Error).message.split('\n')[0]}`);
  }
  return {
    async print(html: string): Promise<Uint8Array> {
      const page = await ctx.newPage();
      try {
        await page.setContent(html, { waitUntil: 'load' });
        await page.emulateMedia({ media: 'print' });
        return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' } });
      } finally {
        await page.close();
      }
    },
    async close(): Promise<void> {
      await ctx.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
