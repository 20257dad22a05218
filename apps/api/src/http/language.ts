import type { Language } from '@gwaje/common';

interface LanguageSource {
  user?: { language?: Language };
  headers: Record<string, string | string[] | undefined>;
}

/**
 * The language of messages: the caller's most preferred of Korean and English by Accept-Language
 * (q-weights honoured), else the user's own preference, else Korean.
 */
export function requestLanguage(req: LanguageSource | undefined): Language {
  const raw = req?.headers['accept-language'];
  const header = Array.isArray(raw) ? raw.join(',') : raw;
  let best: { lang: Language; q: number } | undefined;
  for (const part of (header ?? '').split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const lang = tag.startsWith('en') ? 'en' : tag.startsWith('ko') ? 'ko' : undefined;
    if (!lang) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? req?.user?.language ?? 'ko';
}
