import type { ExportFile, ExportFileType } from './save-export';

export type { ExportFile, ExportFileType } from './save-export';

/**
 * Web build: the chunks are kept until the last one, then saved by the browser through a
 * download link (a Blob URL, revoked right after), the way a browser saves any file.
 */
export function openExportFile(type: ExportFileType): ExportFile {
  let chunks: Uint8Array[] = [];
  return {
    write: (chunk) => {
      chunks.push(chunk);
    },
    async finish() {
      const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: type.mimeType }));
      chunks = [];
      const a = document.createElement('a');
      a.href = url;
      a.download = type.name;
      a.hidden = true;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
    discard: () => {
      chunks = [];
    },
  };
}
