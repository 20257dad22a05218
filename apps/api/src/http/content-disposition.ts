/** `attachment` with an ASCII fallback name and the UTF-8 one (RFC 6266 / RFC 5987). */
export function attachmentDisposition(filename: string, localFilename = filename): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(localFilename)}`;
}
