import { Allow, getMetadataStorage, ValidationTypes } from 'class-validator';

/**
 * Korean names of request fields, for validation messages that name the field ("과제명을
 * 입력하세요."). A DTO states the names of its own fields with `@FieldLabels({...})` next to the
 * class; fields whose name means the same in every request fall back to SHARED_FIELD_LABELS.
 *
 * The labels are stored as class-validator metadata (an `@Allow` carrying the label in its
 * context), so PartialType, PickType, OmitType and IntersectionType copy them with the fields
 * they copy, and validation itself is unchanged: the fields already have validators, and
 * FieldLabels refuses to name a field that has none (it would whitelist it).
 */

const LABEL_KEY = 'fieldLabel';

/** Fields that mean the same thing in every request that has them. */
export const SHARED_FIELD_LABELS: Readonly<Record<string, string>> = {
  action: '처리',
  active: '활성 여부',
  attachmentId: '첨부파일 ID',
  category: '분류',
  comment: '검토 의견',
  consultationId: '사전컨설팅',
  cursor: '커서',
  date: '기준일',
  departmentId: '부서',
  detail: '세부 내용',
  doneDate: '완료일',
  dryRun: '미리보기 여부',
  dueDate: '마감일',
  email: '이메일',
  format: '파일 형식',
  from: '시작일',
  id: 'ID',
  kind: '종류',
  language: '언어',
  limit: '조회 개수',
  milestoneId: '단계 ID',
  name: '이름',
  note: '메모',
  offset: '건너뛸 개수',
  order: '정렬 방향',
  organisationId: '기관',
  password: '비밀번호',
  period: '보고 기간',
  progress: '진척률',
  q: '검색어',
  reason: '사유',
  lateEntryReason: '사후 입력 사유',
  occurredOn: '처리일',
  recordId: '기록 ID',
  recordType: '기록 종류',
  refreshToken: '갱신 토큰',
  risk: '위험도',
  roles: '역할',
  sort: '정렬 기준',
  startDate: '시작일',
  status: '상태',
  taskId: '과제',
  title: '제목',
  to: '종료일',
  type: '유형',
  userId: '사용자',
  version: '버전',
  weight: '가중치',
  year: '연도',
};

/**
 * The Korean names of a request DTO's fields: `@FieldLabels({ title: '과제명' })`. Placed on the
 * class (after its property decorators have run), it checks that every named field is validated.
 */
export function FieldLabels(labels: Readonly<Record<string, string>>): ClassDecorator {
  return (target) => {
    const validated = new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(target, '', true, false)
        .filter((m) => m.type !== ValidationTypes.WHITELIST)
        .map((m) => m.propertyName),
    );
    for (const [property, label] of Object.entries(labels)) {
      if (!validated.has(property)) {
        throw new Error(`@FieldLabels on ${target.name}: "${property}" is not a validated field`);
      }
      Allow({ context: { [LABEL_KEY]: label } })(target.prototype as object, property);
    }
  };
}

/** The label a DTO gave the field itself (its own class first, then what it inherited), if any. */
export function ownFieldLabel(target: object | undefined, property: string): string | undefined {
  if (!target) return undefined;
  const found = getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .find(
      (m) =>
        m.propertyName === property &&
        m.type === ValidationTypes.WHITELIST &&
        typeof (m.context as Record<string, unknown> | undefined)?.[LABEL_KEY] === 'string',
    );
  return found ? ((found.context as Record<string, string>)[LABEL_KEY] ?? undefined) : undefined;
}

/**
 * The Korean name of a field: the DTO's own label, else the shared one, else the property name
 * itself (a field without a label fails the labels' unit test, so this is a last resort).
 */
export function fieldLabel(target: object | undefined, property: string): string {
  return (
    ownFieldLabel(target, property) ??
    (Object.hasOwn(SHARED_FIELD_LABELS, property) ? SHARED_FIELD_LABELS[property] : property)
  );
}
