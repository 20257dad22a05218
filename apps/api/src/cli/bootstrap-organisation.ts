// Which organisation `setup` creates the first administrator in: ORGANISATION_NAME and
// ORGANISATION_KIND when set; otherwise asked on a terminal (Korean with English); otherwise the
// default, said so on one line with how to choose.
import type { AppConfig } from '@gwaje/config';
import {
  type BootstrapOrganisation,
  configuredOrganisation,
  DEFAULT_BOOTSTRAP_ORGANISATION,
  isOrganisationKind,
  ORGANISATION_KIND_LABELS,
  ORGANISATION_KIND_LIST,
  ORGANISATION_KIND_VALUES,
  type OrganisationKind,
} from '@gwaje/identity';

/** What asking needs: a question answered by a line, and a way to say something. */
export interface Prompter {
  question(prompt: string): Promise<string>;
  say(line: string): void;
}

/** A kind from what someone typed: its number in the list, its code (any case) or its Korean name. */
export function parseOrganisationKind(text: string): OrganisationKind | null {
  const answer = text.trim();
  if (/^\d+$/.test(answer)) return ORGANISATION_KIND_VALUES[Number(answer) - 1] ?? null;
  const code = answer.toUpperCase();
  if (isOrganisationKind(code)) return code;
  const byLabel = ORGANISATION_KIND_VALUES.find(
    (k) => ORGANISATION_KIND_LABELS[k].replace(/[·\s]/g, '') === answer.replace(/[·.\s]/g, ''),
  );
  return byLabel ?? null;
}

const label = (kind: OrganisationKind) => `${ORGANISATION_KIND_LABELS[kind]}, ${kind}`;

/** Asks for what the configuration left open, until each answer is valid (empty: the default). */
export async function askOrganisation(
  known: { name: string | null; kind: OrganisationKind | null },
  prompter: Prompter,
): Promise<BootstrapOrganisation> {
  const fallback = DEFAULT_BOOTSTRAP_ORGANISATION;
  prompter.say(
    '첫 관리자(시스템 관리자)를 만들 기관을 정합니다. Choose the organisation of the first administrator (the system administrator).',
  );
  let name = known.name;
  while (!name) {
    const answer = (
      await prompter.question(`기관 이름 (Organisation name) [${fallback.name}]: `)
    ).trim();
    if (answer.length > 200) prompter.say('200자 이하로 입력하세요. (At most 200 characters.)');
    else name = answer || fallback.name;
  }
  let kind = known.kind;
  if (!kind) {
    prompter.say('기관 종류 (Kind of organisation):');
    ORGANISATION_KIND_VALUES.forEach((k, i) =>
      prompter.say(`  ${i + 1}) ${ORGANISATION_KIND_LABELS[k]} (${k})`),
    );
  }
  while (!kind) {
    const answer = await prompter.question(
      `번호, 코드 또는 이름 (Number, code or name) [${fallback.kind}]: `,
    );
    kind = answer.trim() ? parseOrganisationKind(answer) : fallback.kind;
    if (!kind)
      prompter.say(
        `알 수 없는 기관 종류입니다: ${answer.trim()}. 다음 중에서 고르세요 (Unknown kind; one of): ${ORGANISATION_KIND_LIST}`,
      );
  }
  return { name, kind };
}

/**
 * The organisation as configured, asked for on a terminal (`ask`, null when there is none), or the
 * default with a line that says so and how to choose.
 */
export async function chooseOrganisation(
  config: AppConfig,
  ask: (() => Prompter & { close(): void }) | null,
  say: (line: string) => void,
): Promise<BootstrapOrganisation> {
  const known = configuredOrganisation(config);
  if (known.name && known.kind) return { name: known.name, kind: known.kind };
  if (ask) {
    const prompter = ask();
    try {
      return await askOrganisation(known, prompter);
    } finally {
      prompter.close();
    }
  }
  const chosen = {
    name: known.name ?? DEFAULT_BOOTSTRAP_ORGANISATION.name,
    kind: known.kind ?? DEFAULT_BOOTSTRAP_ORGANISATION.kind,
  };
  say(
    `ℹ ORGANISATION_NAME/ORGANISATION_KIND not set and no terminal to ask: the first administrator's organisation is "${chosen.name}" (${label(chosen.kind)}). ` +
      `To choose, set ORGANISATION_NAME and ORGANISATION_KIND (one of ${ORGANISATION_KIND_LIST}) before setup; a system administrator can rename it later. ` +
      `(첫 기관 이름과 종류가 지정되지 않아 "${chosen.name}"(${ORGANISATION_KIND_LABELS[chosen.kind]})로 만듭니다. 바꾸려면 ORGANISATION_NAME, ORGANISATION_KIND를 지정하세요.)`,
  );
  return chosen;
}

export { label as organisationKindLabel };
