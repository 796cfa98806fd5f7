import { File, FileMode, Paths, type FileHandle } from 'expo-file-system';
import * as Sharing from 'expo-sharing';

/** What kind of file an export is, for the share sheet (mimeType) and iOS (UTI). */
export interface ExportFileType {
  name: string;
  mimeType: string;
  uti: string;
}

/** Where an export's bytes go while they arrive; `finish` hands the file on, `discard` forgets it. */
export interface ExportFile {
  write(chunk: Uint8Array): void;
  finish(): Promise<void>;
  discard(): void;
}

/**
 * iOS: the export is written chunk by chunk into the app's cache folder (memory stays flat
 * however large it is), then handed to the share sheet — Save to Files, AirDrop, another app.
 * The copy is deleted once the sheet closes: it is all of someone's health data. The web build
 * has its own version (save-export.web.ts); screen tests stand this module in.
 */
export function openExportFile(type: ExportFileType): ExportFile {
  const file = new File(Paths.cache, type.name);
  if (file.exists) file.delete();
  file.create();
  let handle: FileHandle | null = file.open(FileMode.WriteOnly);
  const close = () => {
    handle?.close();
    handle = null;
  };
  return {
    write: (chunk) => handle?.writeBytes(chunk),
    async finish() {
      close();
      try {
        await Sharing.shareAsync(file.uri, { mimeType: type.mimeType, UTI: type.uti, dialogTitle: type.name });
      } finally {
        if (file.exists) file.delete();
      }
    },
    discard() {
      close();
      if (file.exists) file.delete();
    },
  };
}
