import type { MultipartFile } from '@fastify/multipart';
import type { Upload } from '@gwaje/attachments';
import { DomainError, type LocalText } from '@gwaje/common';
import type { FastifyRequest } from 'fastify';

const FIELD = 'file';

const REQUIRED: LocalText = {
  ko: 'multipart/form-data의 file 필드로 파일 하나를 보내세요.',
  en: 'send one file in the multipart/form-data field "file"',
};
const MALFORMED: LocalText = {
  ko: 'multipart/form-data 본문이 올바르지 않습니다(중간에 끊겼거나 경계 문자열이 헤더와 다릅니다).',
  en: 'the multipart/form-data body is malformed (cut short, or its boundary does not match the header)',
};
const ONE_PART: LocalText = {
  ko: 'file 필드의 파일 하나만 보내세요. 다른 파일이나 필드는 받지 않습니다.',
  en: 'send exactly one part, the file in the field "file"; no other file or field',
};

/** The limits of the multipart registration (bootstrap.ts: files 1, fields 0, parts 1). */
const LIMIT_CODES = new Set(['FST_PARTS_LIMIT', 'FST_FILES_LIMIT', 'FST_FIELDS_LIMIT']);

/**
 * What the multipart parser (busboy via @fastify/multipart) threw, as the client's mistake: more
 * parts than the one file is `file: singlePart`; anything else it raises (a body cut short, a
 * boundary that is missing or does not match, a part with broken headers) is `file: malformed`.
 * Both are 400 VALIDATION_FAILED, never a 500: the body is the client's.
 */
export function multipartError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && LIMIT_CODES.has(code)
    ? DomainError.invalidField(FIELD, 'singlePart', ONE_PART)
    : DomainError.invalidField(FIELD, 'malformed', MALFORMED);
}

/**
 * The one file of a multipart/form-data request (field "file"), as the attachments service reads
 * it: a stream, never buffered here. The body must hold exactly that part: once the file has been
 * read, the parser is asked for the rest of the body, and another part (a second file, a field)
 * or a body that does not end properly refuses the upload before anything is stored.
 */
export async function fileUpload(request: FastifyRequest): Promise<Upload> {
  if (!request.isMultipart()) throw DomainError.invalidField(FIELD, 'required', REQUIRED);
  const parts = request.parts();
  let first: IteratorResult<MultipartFile | { type: 'field'; fieldname: string }>;
  try {
    first = await parts.next();
  } catch (error) {
    throw multipartError(error);
  }
  if (first.done) throw DomainError.invalidField(FIELD, 'required', REQUIRED);
  const part = first.value;
  if (part.type !== 'file' || part.fieldname !== FIELD)
    throw DomainError.invalidField(FIELD, 'singlePart', ONE_PART);
  const file = part;

  async function* content(): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of file.file) yield chunk as Buffer;
    } catch (error) {
      throw multipartError(error);
    }
    // Cut at the size ceiling: the service answers 413 from `truncated`.
    if (file.file.truncated) return;
    let rest: IteratorResult<unknown>;
    try {
      rest = await parts.next();
    } catch (error) {
      throw multipartError(error);
    }
    if (!rest.done) throw DomainError.invalidField(FIELD, 'singlePart', ONE_PART);
  }

  const length = Number(request.headers['content-length']);
  return {
    fileName: file.filename,
    content: content(),
    truncated: () => file.file.truncated,
    sizeHint: Number.isSafeInteger(length) && length > 0 ? length : undefined,
  };
}
