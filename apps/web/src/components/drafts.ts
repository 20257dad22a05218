// Autosaved drafts of long texts (issue 23): what the user typed into a report or a consultation
// and has not saved is kept in this browser, per user and record, and offered back after a reload,
// a crash or an ended session. A draft goes when it is saved to the server or discarded, and any
// draft is dropped after DRAFT_DAYS.
import { useEffect, useState } from 'react';

const PREFIX = 'gwaje.draft.';
const DRAFT_DAYS = 14;

export interface Draft<T> {
  value: T;
  /** ISO time the draft was written */
  savedAt: string;
}

export function readDraft<T>(key: string): Draft<T> | null {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    if (!raw) return null;
    const draft = JSON.parse(raw) as Draft<T>;
    if (Date.now() - Date.parse(draft.savedAt) > DRAFT_DAYS * 86_400_000) {
      localStorage.removeItem(PREFIX + key);
      return null;
    }
    return draft;
  } catch {
    return null;
  }
}

export function clearDraft(key: string): void {
  try {
    localStorage.removeItem(PREFIX + key);
  } catch {
    // storage unavailable (private mode): there was no draft
  }
}

/**
 * Writes `value` as the draft of `key` a moment after it last changed (null: nothing to keep, and
 * the draft is left as it is). Returns when the draft was last written, for "임시 저장됨 hh:mm".
 */
export function useAutosave<T>(key: string, value: T | null, delayMs = 800): string | null {
  const [savedAt, setSavedAt] = useState<string | null>(() => readDraft(key)?.savedAt ?? null);
  const serialised = value === null ? null : JSON.stringify(value);
  useEffect(() => {
    if (serialised === null) return;
    const timer = setTimeout(() => {
      const at = new Date().toISOString();
      try {
        localStorage.setItem(PREFIX + key, `{"value":${serialised},"savedAt":"${at}"}`);
        setSavedAt(at);
      } catch {
        // storage full or unavailable: the guard still holds navigation away
      }
    }, delayMs);
    return () => clearTimeout(timer);
  }, [key, serialised, delayMs]);
  return serialised === null ? null : savedAt;
}
