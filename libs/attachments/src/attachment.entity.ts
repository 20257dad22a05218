import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A file attached to a business record (a report, later a pre-consultation). The owner is named by
 * type and id; reading the file is allowed exactly when reading the owner is. The bytes live in
 * `content` or in a file named by `storageKey` under the configured directory, never under a
 * user-supplied name.
 */
@Entity('attachments')
@Index(['ownerType', 'ownerId'])
export class Attachment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'varchar', length: 30 })
  ownerType: string;

  @Column({ type: 'uuid' })
  ownerId: string;

  /** The uploader's file name, cleaned (shown and offered on download only). */
  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  /** From the allow-list entry the content matched, not from the client. */
  @Column({ type: 'varchar', length: 100 })
  mediaType: string;

  @Column({ type: 'integer' })
  sizeBytes: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'varchar', length: 10 })
  storage: 'database' | 'directory';

  @Column({ type: 'bytea', nullable: true, select: false })
  content: Buffer | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  storageKey: string | null;

  @Column({ type: 'uuid' })
  uploadedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
