import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** 중앙행정기관 · 시·도 · 시·군·구 · 교육청 · 공공기관 */
export const OrganisationKind = {
  CENTRAL_AGENCY: 'CENTRAL_AGENCY',
  METROPOLITAN: 'METROPOLITAN',
  LOCAL: 'LOCAL',
  EDUCATION_OFFICE: 'EDUCATION_OFFICE',
  PUBLIC_INSTITUTION: 'PUBLIC_INSTITUTION',
} as const;
export type OrganisationKind = (typeof OrganisationKind)[keyof typeof OrganisationKind];
export const ORGANISATION_KIND_VALUES = Object.values(OrganisationKind);

/** How each kind is called (DOMAIN.md §1), for prompts and messages. */
export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  CENTRAL_AGENCY: '중앙행정기관',
  METROPOLITAN: '시·도',
  LOCAL: '시·군·구',
  EDUCATION_OFFICE: '교육청',
  PUBLIC_INSTITUTION: '공공기관',
};

export function isOrganisationKind(value: string): value is OrganisationKind {
  return (ORGANISATION_KIND_VALUES as readonly string[]).includes(value);
}

@Entity('organisations')
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'enum', enum: OrganisationKind, enumName: 'organisation_kind' })
  kind: OrganisationKind;

  /**
   * A 구's parent is its 시·도; pre-consultations escalate along this link. Null: a top-level
   * organisation (서울특별시, a 중앙행정기관, a 공공기관), which only a system administrator creates.
   */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Optimistic lock for the organisation record itself. */
  @Column({ type: 'integer', default: 1 })
  version: number;

  /** Optimistic lock for the organisation's settings as a whole (PATCH /settings carries it). */
  @Column({ type: 'integer', default: 1 })
  settingsVersion: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
