import type { Language } from '@gwaje/common';

interface LanguageSource {
  user?: { language?: Language };
  headers: Record<string, string | string[] | undefined>;
}

/** Korean unless the request asks for English (Accept-Language) or the user prefers it. */
export function requestLanguage(req: LanguageSource | undefined): Language {
  const header = req?.headers['accept-language'];
  if (typeof header === 'string' && header.trim()) return /^\s*en\b/i.test(header) ? 'en' : 'ko';
  return req?.user?.language ?? 'ko';
}
