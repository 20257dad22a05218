import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { type FileHandle, mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessAction, AccessLogService } from '@gwaje/audit';
import { DomainError, ErrorCode } from '@gwaje/common';
import { AppConfig } from '@gwaje/config';
import type { Tx } from '@gwaje/db';
import { type AuthUser, SettingsService } from '@gwaje/identity';
import { DataSource } from 'typeorm';
import {
  ALLOWED_EXTENSIONS,
  acceptedMediaType,
  cleanFileName,
  HEAD_BYTES,
  Utf8TextCheck,
} from './file-types.js';

/** An upload as it arrives: the client's file name and the bytes, read once. */
export interface Upload {
  fileName: string;
  content: AsyncIterable<Buffer>;
  /** True when the HTTP layer cut the stream at its own ceiling. */
  truncated?: () => boolean;
  /** The request's Content-Length (a little more than the file): room for one copy in memory. */
  sizeHint?: number;
}

/**
 * An upload that passed the checks, until it is saved: for database storage its bytes (one
 * copy); for directory storage a staged file on disk (`<key>.part`) that `save` moves into place
 * and `discard` removes if it never was.
 */
export interface ReceivedFile {
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  bytes?: Buffer;
  staged?: { storageKey: string; path: string };
}

export interface AttachmentOwner {
  organisationId: string;
  ownerType: string;
  ownerId: string;
}

export interface AttachmentView {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedByName: string;
  createdAt: Date;
}

export interface AttachmentDownload {
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  stream: Readable;
}

const MB = 1024 * 1024;

/**
 * Attachments of business records, one mechanism for every owner type (reports, consultations).
 * The owner's service decides who may attach and read; this service checks the file (size limit
 * per organisation, type allow-list by content, sha256) and stores it in Postgres or under the
 * configured directory with a generated name. Saving happens inside the owner's transaction; a
 * file written to disk for a transaction that rolls back is deleted again.
 */
@Injectable()
export class AttachmentsService {
  private readonly directory: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly settings: SettingsService,
    private readonly accessLog: AccessLogService,
  ) {
    this.directory = resolve(config.attachments.directory);
  }

  /** The largest file the organisation accepts, in bytes. */
  async maxBytes(organisationId: string): Promise<number> {
    const mb = await this.settings.get(organisationId, 'attachments.maxFileMb');
    return Math.min(mb, this.config.attachments.maxFileMb) * MB;
  }

  /** Reads and checks an upload; nothing is stored. Too large: 413; not allowed: 415. */
  async receive(organisationId: string, upload: Upload): Promise<ReceivedFile> {
    const fileName = cleanFileName(upload.fileName);
    if (!fileName || fileName.startsWith('.')) {
      throw DomainError.invalidField('file', 'fileName', {
        ko: '파일 이름이 올바르지 않습니다.',
        en: 'the file name is not valid',
      });
    }
    const limit = await this.maxBytes(organisationId);
    const sink =
      this.config.attachments.storage === 'directory'
        ? await this.stage(organisationId)
        : memorySink(limit, upload.sizeHint);
    try {
      return await this.check(fileName, limit, upload, sink);
    } catch (error) {
      await sink.abandon();
      throw error;
    }
  }

  /** Reads the upload into `sink` while hashing it; refuses it as `receive` says. */
  private async check(
    fileName: string,
    limit: number,
    upload: Upload,
    sink: Sink,
  ): Promise<ReceivedFile> {
    const hash = createHash('sha256');
    const text = new Utf8TextCheck();
    const head: Buffer[] = [];
    let headBytes = 0;
    let size = 0;
    for await (const chunk of upload.content) {
      size += chunk.length;
      // Keep draining past the limit so the client gets the answer, but hold nothing more.
      if (size <= limit) {
        hash.update(chunk);
        await sink.write(chunk);
        if (sink.streamed) {
          text.update(chunk);
          if (headBytes < HEAD_BYTES) {
            head.push(chunk.subarray(0, HEAD_BYTES - headBytes));
            headBytes += Math.min(chunk.length, HEAD_BYTES - headBytes);
          }
        }
      }
    }
    if (size > limit || upload.truncated?.()) {
      throw new DomainError(
        ErrorCode.PAYLOAD_TOO_LARGE,
        {
          ko: `첨부파일은 ${limit / MB}MB까지 올릴 수 있습니다.`,
          en: `Attachments may be at most ${limit / MB} MB.`,
        },
        [
          {
            field: 'file',
            code: 'maxSize',
            message: {
              ko: `첨부파일은 최대 ${limit / MB}MB입니다.`,
              en: `at most ${limit / MB} MB`,
            },
          },
        ],
        { maxBytes: limit },
      );
    }
    if (size === 0) {
      throw DomainError.invalidField('file', 'notEmpty', {
        ko: '빈 파일은 첨부할 수 없습니다.',
        en: 'the file is empty',
      });
    }
    const bytes = await sink.finish();
    const mediaType = sink.streamed
      ? await acceptedMediaType(fileName, Buffer.concat(head, headBytes), text.result())
      : await acceptedMediaType(fileName, bytes!);
    if (!mediaType) {
      throw new DomainError(
        ErrorCode.UNSUPPORTED_FILE_TYPE,
        undefined,
        [
          {
            field: 'file',
            code: 'allowedType',
            message: {
              ko: `허용 형식(${ALLOWED_EXTENSIONS.join(', ')})이 아니거나 내용이 확장자와 다릅니다.`,
              en: `must be one of ${ALLOWED_EXTENSIONS.join(', ')}, with content that matches the extension`,
            },
          },
        ],
        { allowedExtensions: ALLOWED_EXTENSIONS },
      );
    }
    return {
      fileName,
      mediaType,
      sizeBytes: size,
      sha256: hash.digest('hex'),
      ...(sink.streamed ? { staged: sink.staged } : { bytes }),
    };
  }

  /** A staged file under the organisation's directory, written as the upload streams in. */
  private async stage(organisationId: string): Promise<Sink> {
    const storageKey = `${organisationId}/${randomUUID()}`;
    const path = `${join(this.directory, storageKey)}.part`;
    await mkdir(join(this.directory, organisationId), { recursive: true });
    const handle: FileHandle = await open(path, 'wx');
    let isOpen = true;
    const close = async () => {
      if (isOpen) {
        isOpen = false;
        await handle.close();
      }
    };
    return {
      streamed: true,
      staged: { storageKey, path },
      write: async (chunk) => {
        await handle.write(chunk);
      },
      finish: async () => {
        await handle.sync();
        await close();
        return undefined;
      },
      abandon: async () => {
        await close().catch(() => undefined);
        await rm(path, { force: true });
      },
    };
  }

  /**
   * Removes what `receive` staged on disk if it was not saved (the owner's transaction refused
   * or failed); harmless after a save. Owners call it once their transaction is over.
   */
  async discard(file: ReceivedFile): Promise<void> {
    if (file.staged) await rm(file.staged.path, { force: true });
  }

  /** Stores a received file for its owner inside the owner's transaction. */
  async save(
    tx: Tx,
    owner: AttachmentOwner,
    file: ReceivedFile,
    uploadedBy: string,
  ): Promise<string> {
    const toDirectory = this.config.attachments.storage === 'directory' || Boolean(file.staged);
    let storageKey: string | null = null;
    if (file.staged) {
      // Streamed to disk by `receive`: moved into place, and back if the transaction rolls back
      // (it may be run again; `discard` removes the staged file in the end).
      const staged = file.staged;
      storageKey = staged.storageKey;
      const path = join(this.directory, storageKey);
      await rename(staged.path, path);
      tx.afterRollback(() => rename(path, staged.path).catch(() => rm(path, { force: true })));
    } else if (toDirectory) {
      storageKey = `${owner.organisationId}/${randomUUID()}`;
      const path = join(this.directory, storageKey);
      await mkdir(join(this.directory, owner.organisationId), { recursive: true });
      // Write under a temporary name first: a crash never leaves a half file under the real one.
      await writeFile(`${path}.part`, file.bytes!, { flag: 'wx' });
      await rename(`${path}.part`, path);
      tx.afterRollback(() => rm(path, { force: true }));
    }
    const [row] = await tx.manager.query<Array<{ id: string }>>(
      `INSERT INTO attachments (organisation_id, owner_type, owner_id, file_name, media_type, size_bytes,
                                sha256, storage, content, storage_key, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        owner.organisationId,
        owner.ownerType,
        owner.ownerId,
        file.fileName,
        file.mediaType,
        file.sizeBytes,
        file.sha256,
        toDirectory ? 'directory' : 'database',
        toDirectory ? null : (file.bytes ?? null),
        storageKey,
        uploadedBy,
      ],
    );
    return row.id;
  }

  async list(ownerType: string, ownerId: string): Promise<AttachmentView[]> {
    return this.dataSource.query<AttachmentView[]>(
      `SELECT a.id, a.file_name AS "fileName", a.media_type AS "mediaType", a.size_bytes AS "sizeBytes",
              a.sha256, a.uploaded_by AS "uploadedBy", u.name AS "uploadedByName", a.created_at AS "createdAt"
         FROM attachments a JOIN users u ON u.id = a.uploaded_by
        WHERE a.owner_type = $1 AND a.owner_id = $2 ORDER BY a.created_at, a.id`,
      [ownerType, ownerId],
    );
  }

  /** The attachments of several owners of one type in one query (lists of records), by owner id. */
  async listMany(ownerType: string, ownerIds: string[]): Promise<Map<string, AttachmentView[]>> {
    const rows = await this.dataSource.query<Array<AttachmentView & { ownerId: string }>>(
      `SELECT a.owner_id AS "ownerId", a.id, a.file_name AS "fileName", a.media_type AS "mediaType",
              a.size_bytes AS "sizeBytes", a.sha256, a.uploaded_by AS "uploadedBy", u.name AS "uploadedByName",
              a.created_at AS "createdAt"
         FROM attachments a JOIN users u ON u.id = a.uploaded_by
        WHERE a.owner_type = $1 AND a.owner_id = ANY($2::uuid[]) ORDER BY a.created_at, a.id`,
      [ownerType, ownerIds],
    );
    const out = new Map<string, AttachmentView[]>();
    for (const { ownerId, ...view } of rows) out.set(ownerId, [...(out.get(ownerId) ?? []), view]);
    return out;
  }

  /** The file of an attachment of this owner; 404 when the owner has no such attachment. */
  async open(ownerType: string, ownerId: string, id: string): Promise<AttachmentDownload> {
    const [row] = await this.dataSource.query<
      Array<{
        file_name: string;
        media_type: string;
        size_bytes: number;
        sha256: string;
        storage: 'database' | 'directory';
        content: Buffer | null;
        storage_key: string | null;
      }>
    >(
      `SELECT file_name, media_type, size_bytes, sha256, storage, content, storage_key
         FROM attachments WHERE id = $1 AND owner_type = $2 AND owner_id = $3`,
      [id, ownerType, ownerId],
    );
    if (!row) throw DomainError.notFound();
    const stream =
      row.storage === 'database'
        ? Readable.from([row.content ?? Buffer.alloc(0)])
        : createReadStream(join(this.directory, row.storage_key ?? ''));
    return {
      fileName: row.file_name,
      mediaType: row.media_type,
      sizeBytes: row.size_bytes,
      sha256: row.sha256,
      stream,
    };
  }

  /**
   * The file for a user the owner's service already allowed to read the owner; every download is
   * access-logged (`<ownerType>_attachment`).
   */
  async download(
    user: AuthUser,
    ownerType: string,
    ownerId: string,
    id: string,
  ): Promise<AttachmentDownload> {
    const file = await this.open(ownerType, ownerId, id);
    await this.accessLog.record({
      organisationId: user.organisationId,
      userId: user.id,
      action: AccessAction.DOWNLOAD,
      recordType: `${ownerType}_attachment`,
      recordId: id,
    });
    return file;
  }

  /** Removes an attachment in the owner's transaction; the file on disk goes once it commits. */
  async remove(
    tx: Tx,
    ownerType: string,
    ownerId: string,
    id: string,
  ): Promise<{ fileName: string; sha256: string }> {
    const [rows] = await tx.manager.query<
      [Array<{ file_name: string; sha256: string; storage_key: string | null }>, number]
    >(
      `DELETE FROM attachments WHERE id = $1 AND owner_type = $2 AND owner_id = $3
       RETURNING file_name, sha256, storage_key`,
      [id, ownerType, ownerId],
    );
    const [row] = rows;
    if (!row) throw DomainError.notFound();
    if (row.storage_key) {
      const path = join(this.directory, row.storage_key);
      tx.afterCommit(() => void rm(path, { force: true }).catch(() => undefined));
    }
    return { fileName: row.file_name, sha256: row.sha256 };
  }
}

/** The owner's history entry for a file added (`attachment:<id>`: name, size, sha256). */
export function attachmentAdded(
  attachmentId: string,
  file: Pick<ReceivedFile, 'fileName' | 'sizeBytes' | 'sha256'>,
): Record<string, { from: unknown; to: unknown }> {
  return {
    [`attachment:${attachmentId}`]: {
      from: null,
      to: { fileName: file.fileName, sizeBytes: file.sizeBytes, sha256: file.sha256 },
    },
  };
}

/** Where `receive` puts an upload's bytes as they arrive. */
interface Sink {
  /** True when the bytes go to disk (the type is then detected from the head). */
  streamed: boolean;
  staged?: { storageKey: string; path: string };
  write(chunk: Buffer): Promise<void>;
  /** The bytes when held in memory; undefined when staged on disk. */
  finish(): Promise<Buffer | undefined>;
  abandon(): Promise<void>;
}

/**
 * Holds an upload in one buffer: sized from the request's Content-Length when the client sent
 * one (never above the limit), so the file is never held twice (chunks plus their concatenation);
 * grown by doubling when the hint was missing or short.
 */
function memorySink(limit: number, sizeHint?: number): Sink {
  let buffer = Buffer.allocUnsafe(
    Math.max(0, Math.min(limit, sizeHint && Number.isFinite(sizeHint) ? sizeHint : 64 * 1024)),
  );
  let used = 0;
  return {
    streamed: false,
    write: (chunk) => {
      if (used + chunk.length > buffer.length) {
        const grown = Buffer.allocUnsafe(
          Math.min(limit, Math.max(used + chunk.length, buffer.length * 2)),
        );
        buffer.copy(grown, 0, 0, used);
        buffer = grown;
      }
      chunk.copy(buffer, used);
      used += chunk.length;
      return Promise.resolve();
    },
    finish: () => Promise.resolve(buffer.subarray(0, used)),
    abandon: () => Promise.resolve(),
  };
}
