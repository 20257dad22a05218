import type { Upload } from '@gwaje/attachments';
import { DomainError } from '@gwaje/common';
import type { FastifyRequest } from 'fastify';

/** The one file of a multipart/form-data request (field "file"), as the attachments service reads it. */
export async function fileUpload(request: FastifyRequest): Promise<Upload> {
  const part = request.isMultipart() ? await request.file() : undefined;
  if (!part) {
    throw DomainError.invalidField('file', 'required', {
      ko: 'multipart/form-data의 file 필드로 파일 하나를 보내세요.',
      en: 'send one file in the multipart/form-data field "file"',
    });
  }
  return {
    fileName: part.filename,
    content: part.file,
    truncated: () => part.file.truncated,
  };
}
