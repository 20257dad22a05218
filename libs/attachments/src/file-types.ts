import { fileTypeFromBuffer } from 'file-type';

/**
 * The attachment allow-list: by extension, what the content must be. Detection reads the bytes
 * (file-type), so a renamed executable is refused; HWP and legacy Office files are OLE compound
 * files (cfb), HWPX and OOXML are zip containers. Plain text has no signature: it must decode as
 * UTF-8 and hold no NUL bytes.
 */
interface AllowedType {
  mediaType: string;
  /** file-type's detected extensions that match; 'text' for signature-less UTF-8 text. */
  content: readonly string[];
}

export const ALLOWED_FILE_TYPES: Readonly<Record<string, AllowedType>> = {
  pdf: { mediaType: 'application/pdf', content: ['pdf'] },
  hwp: { mediaType: 'application/x-hwp', content: ['cfb'] },
  hwpx: { mediaType: 'application/hwp+zip', content: ['zip'] },
  doc: { mediaType: 'application/msword', content: ['cfb'] },
  xls: { mediaType: 'application/vnd.ms-excel', content: ['cfb'] },
  ppt: { mediaType: 'application/vnd.ms-powerpoint', content: ['cfb'] },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    content: ['docx', 'zip'],
  },
  xlsx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    content: ['xlsx', 'zip'],
  },
  pptx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    content: ['pptx', 'zip'],
  },
  png: { mediaType: 'image/png', content: ['png'] },
  jpg: { mediaType: 'image/jpeg', content: ['jpg'] },
  jpeg: { mediaType: 'image/jpeg', content: ['jpg'] },
  // Office files are zip containers too: a zipped bundle may be detected as one of them.
  zip: { mediaType: 'application/zip', content: ['zip', 'docx', 'xlsx', 'pptx'] },
  txt: { mediaType: 'text/plain; charset=utf-8', content: ['text'] },
  csv: { mediaType: 'text/csv; charset=utf-8', content: ['text'] },
};

export const ALLOWED_EXTENSIONS = Object.keys(ALLOWED_FILE_TYPES);

/** The extension of a file name, lower case, without the dot ('' when there is none). */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

/**
 * A display name safe to store and to send back in Content-Disposition: the last path segment,
 * without control or reserved characters, at most 255 characters (the extension kept).
 */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .trim()
    .normalize('NFC');
  // Counted in code points, so a cut never splits a character.
  const chars = Array.from(cleaned);
  if (chars.length <= 255) return cleaned;
  const ext = extensionOf(cleaned);
  return ext ? `${chars.slice(0, 254 - ext.length).join('')}.${ext}` : chars.slice(0, 255).join('');
}

function isUtf8Text(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** How many leading bytes the signature detection reads when a file is streamed to storage. */
export const HEAD_BYTES = 64 * 1024;

/**
 * The media type to store when the content matches the extension's entry; null otherwise.
 * `bytes`: the whole file, or its first HEAD_BYTES when `text` says whether the whole file is
 * UTF-8 text without NUL bytes (checked as it streamed by: see Utf8TextCheck).
 */
export async function acceptedMediaType(
  fileName: string,
  bytes: Buffer,
  text?: boolean,
): Promise<string | null> {
  const allowed = ALLOWED_FILE_TYPES[extensionOf(fileName)];
  if (!allowed) return null;
  const detected = await fileTypeFromBuffer(bytes);
  const kind = detected ? detected.ext : (text ?? isUtf8Text(bytes)) ? 'text' : 'unknown';
  return allowed.content.includes(kind) ? allowed.mediaType : null;
}

/** Whether a file read in chunks is UTF-8 text without NUL bytes, without holding it. */
export class Utf8TextCheck {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private ok = true;

  update(chunk: Buffer): void {
    if (!this.ok) return;
    if (chunk.includes(0)) {
      this.ok = false;
      return;
    }
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      this.ok = false;
    }
  }

  /** The verdict once every chunk was given. */
  result(): boolean {
    if (!this.ok) return false;
    try {
      this.decoder.decode();
      return true;
    } catch {
      return false;
    }
  }
}
