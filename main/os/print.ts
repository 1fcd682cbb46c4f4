import type { BrowserWindow, BrowserWindowConstructorOptions, Dialog, WebContents } from 'electron';
import type { PrintableDocument, PrintOutcome } from '../../shared/bridge/okno-bridge';
import { printContentSecurityPolicy } from '../security/content-security-policy';

/**
 * The document is loaded as a data URL, which carries no headers: the CSP goes in as the first element
 * of <head>, so it applies before anything in the document is parsed. JavaScript is off as well.
 */
export function printableDataUrl(document: PrintableDocument): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${printContentSecurityPolicy}"><meta charset="utf-8">`;
  const html = /<head[^>]*>/i.test(document.html)
    ? document.html.replace(/<head[^>]*>/i, (head) => `${head}${meta}`)
    : `<!doctype html><html><head>${meta}<title></title></head><body>${document.html}</body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

/** A file name the OS accepts everywhere: no path separators, reserved or control characters. */
export function safePdfFileName(suggested: string): string {
  const base = suggested
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what must go.
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 120);
  const name = base === '' ? 'okno' : base;
  return name.toLowerCase().endsWith('.pdf') ? name : `${name}.pdf`;
}

export interface PrintDeps {
  createWindow: (options: BrowserWindowConstructorOptions) => BrowserWindow;
  windowOptions: () => BrowserWindowConstructorOptions;
  lockNavigation: (contents: WebContents) => void;
  dialog: Pick<Dialog, 'showSaveDialog'>;
  parentOf: (sender: WebContents) => BrowserWindow | null;
  documentsDir: () => string;
  writeFile: (path: string, data: Uint8Array) => Promise<void>;
  texts: { saveTitle: string; pdfFilter: string };
}

/** Print and save-to-PDF of an appeal card or an answer letter, rendered in a hidden window. */
export function createPrinter(deps: PrintDeps) {
  async function withHiddenWindow<T>(
    document: PrintableDocument,
    use: (contents: WebContents) => Promise<T>,
  ) {
    const window = deps.createWindow(deps.windowOptions());
    deps.lockNavigation(window.webContents);
    try {
      await window.loadURL(printableDataUrl(document));
      return await use(window.webContents);
    } finally {
      window.destroy();
    }
  }

  async function printAppeal(document: PrintableDocument): Promise<PrintOutcome> {
    try {
      return await withHiddenWindow(
        document,
        (contents) =>
          new Promise<PrintOutcome>((resolve) => {
            contents.print({ silent: false, printBackground: true }, (success, failureReason) => {
              if (success) resolve({ status: 'done' });
              else if (failureReason === 'Print job canceled' || failureReason === 'cancelled')
                resolve({ status: 'cancelled' });
              else resolve({ status: 'failed', message: failureReason });
            });
          }),
      );
    } catch (error) {
      return { status: 'failed', message: String(error) };
    }
  }

  async function saveAsPdf(
    sender: WebContents,
    document: PrintableDocument,
    suggestedName: string,
  ): Promise<PrintOutcome> {
    const parent = deps.parentOf(sender);
    const options = {
      title: deps.texts.saveTitle,
      defaultPath: `${deps.documentsDir()}/${safePdfFileName(suggestedName)}`,
      filters: [{ name: deps.texts.pdfFilter, extensions: ['pdf'] }],
    };
    const choice = parent
      ? await deps.dialog.showSaveDialog(parent, options)
      : await deps.dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { status: 'cancelled' };
    const path = choice.filePath;
    try {
      const pdf = await withHiddenWindow(document, (contents) =>
        contents.printToPDF({ printBackground: true, pageSize: 'A4' }),
      );
      await deps.writeFile(path, pdf);
      return { status: 'done', path };
    } catch (error) {
      return { status: 'failed', message: String(error) };
    }
  }

  return { printAppeal, saveAsPdf };
}
