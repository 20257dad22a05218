// Comments on a record (task, report, pre-consultation, collaboration task): threads one level
// deep, @mentions picked by name or department among the people who may read the record, and the
// author's short window to edit or delete. A link to #comment-<id> (from a notification) scrolls
// to that comment.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { formatDateTime } from '../format';
import { useTranslation } from '../i18n';
import { Form, TextAreaField, useFormProblems } from './forms';
import { PersonPicker } from './PersonPicker';
import { ConfirmDialog, Empty, ErrorState, Loading, Notice } from './ui';
import './comments-messages';

type Comment = Schemas['CommentDto'];
type Person = Schemas['MentionCandidateDto'];
type RecordType = Comment['recordType'];

export function Comments({ recordType, recordId }: { recordType: RecordType; recordId: string }) {
  const { t } = useTranslation('comments');
  const queryKey = ['comments', recordType, recordId];
  const location = useLocation();
  const comments = useQuery({
    queryKey,
    queryFn: () =>
      call(api.GET('/api/v1/comments', { params: { query: { recordType, recordId } } })),
  });
  const [notice, setNotice] = useState<string | null>(null);
  const [replyTo, setReplyTo] = useState<string | null>(null);

  // From a notification's link: the comment it is about, in view and marked.
  const hash = location.hash.startsWith('#comment-') ? location.hash.slice(1) : null;
  useEffect(() => {
    if (!hash || !comments.data) return;
    document.getElementById(hash)?.scrollIntoView({ behavior: 'instant', block: 'center' });
  }, [hash, comments.data]);

  const all = comments.data ?? [];
  const roots = all.filter((c) => c.parentId === null);
  const repliesOf = (id: string) => all.filter((c) => c.parentId === id);

  return (
    <section className="gw-section gw-comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading">
        {t('heading')}{' '}
        {comments.data && <span className="gwt-count">{t('count', { count: all.length })}</span>}
      </h2>
      {notice && <Notice>{notice}</Notice>}
      {comments.isPending ? (
        <Loading />
      ) : comments.isError ? (
        <ErrorState error={comments.error} onRetry={() => void comments.refetch()} />
      ) : roots.length === 0 ? (
        <Empty>{t('empty')}</Empty>
      ) : (
        <ul className="gw-comment-list" aria-label={t('listLabel')}>
          {roots.map((c) => (
            <li key={c.id}>
              <CommentItem comment={c} marked={hash === `comment-${c.id}`} queryKey={queryKey} />
              <ul className="gw-comment-replies">
                {repliesOf(c.id).map((r) => (
                  <li key={r.id}>
                    <CommentItem
                      comment={r}
                      marked={hash === `comment-${r.id}`}
                      queryKey={queryKey}
                    />
                  </li>
                ))}
              </ul>
              {replyTo === c.id ? (
                <CommentForm
                  recordType={recordType}
                  recordId={recordId}
                  parent={c}
                  onDone={(posted) => {
                    setReplyTo(null);
                    if (posted) setNotice(t('posted'));
                  }}
                />
              ) : (
                <button
                  type="button"
                  className="krds-btn tertiary small"
                  aria-label={t('replyTo', { name: c.author?.name ?? t('someone') })}
                  onClick={() => {
                    setNotice(null);
                    setReplyTo(c.id);
                  }}
                >
                  {t('reply')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <CommentForm
        recordType={recordType}
        recordId={recordId}
        onDone={(posted) => posted && setNotice(t('posted'))}
      />
    </section>
  );
}

function CommentItem({
  comment: c,
  marked,
  queryKey,
}: {
  comment: Comment;
  marked: boolean;
  queryKey: unknown[];
}) {
  const { t } = useTranslation('comments');
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  // As of loading (a change after the window is refused by the API, with why).
  const canChange = c.editableUntil !== null;
  const remove = async () => {
    setRemoving(false);
    try {
      await call(api.DELETE('/api/v1/comments/{id}', { params: { path: { id: c.id } } }));
      await queryClient.invalidateQueries({ queryKey });
    } catch (err) {
      setFailed(err);
    }
  };
  return (
    <article
      id={`comment-${c.id}`}
      className={marked ? 'gw-comment gw-comment--marked' : 'gw-comment'}
      aria-label={c.author?.name ?? t('someone')}
    >
      <p className="gw-comment-meta">
        <strong>{c.author?.name ?? t('someone')}</strong> · {formatDateTime(c.createdAt)}
        {c.editedAt && ` · ${t('edited')}`}
      </p>
      {c.deleted ? (
        <p className="gw-subtle">{t('removed')}</p>
      ) : editing ? (
        <EditForm comment={c} queryKey={queryKey} onDone={() => setEditing(false)} />
      ) : (
        <>
          <p className="gw-prose">{c.body}</p>
          {c.mentions.length > 0 && (
            <p className="gw-subtle">
              {t('mentions')}: {c.mentions.map((m) => `@${m.name}`).join(', ')}
            </p>
          )}
        </>
      )}
      {failed !== null && <ErrorState error={failed} />}
      {canChange && !editing && !c.deleted && (
        <p className="gw-comment-actions">
          <span className="gw-subtle">
            {t('editableUntil', { at: formatDateTime(c.editableUntil) })}
          </span>{' '}
          <button
            type="button"
            className="krds-btn tertiary small"
            onClick={() => setEditing(true)}
          >
            {t('edit')}
          </button>
          <button
            type="button"
            className="krds-btn tertiary small"
            onClick={() => setRemoving(true)}
          >
            {t('remove')}
          </button>
        </p>
      )}
      <ConfirmDialog
        open={removing}
        title={t('confirmRemove')}
        consequence={t('removeConsequence')}
        confirmLabel={t('removeNow')}
        onCancel={() => setRemoving(false)}
        onConfirm={() => void remove()}
      />
    </article>
  );
}

function EditForm({
  comment: c,
  queryKey,
  onDone,
}: {
  comment: Comment;
  queryKey: unknown[];
  onDone: () => void;
}) {
  const { t } = useTranslation('comments');
  const queryClient = useQueryClient();
  const { problems, fail, clear } = useFormProblems();
  const [body, setBody] = useState(c.body);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    clear();
    setBusy(true);
    try {
      await call(
        api.PATCH('/api/v1/comments/{id}', {
          params: { path: { id: c.id } },
          body: { body, version: c.version },
        }),
      );
      await queryClient.invalidateQueries({ queryKey });
      onDone();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form problems={problems} onSubmit={() => void save()} label={t('editLabel')}>
      <TextAreaField
        name="body"
        label={t('body')}
        rows={3}
        maxLength={4000}
        value={body}
        onChange={(e) => setBody(e.target.value)}
      />
      <div className="gw-form-actions">
        <button type="submit" className="krds-btn primary small" disabled={busy}>
          {t('save')}
        </button>
        <button type="button" className="krds-btn secondary small" onClick={onDone}>
          {t('cancel')}
        </button>
      </div>
    </Form>
  );
}

/** A new comment, or a reply to `parent`, with the people it mentions. */
function CommentForm({
  recordType,
  recordId,
  parent,
  onDone,
}: {
  recordType: RecordType;
  recordId: string;
  parent?: Comment;
  onDone: (posted: boolean) => void;
}) {
  const { t } = useTranslation('comments');
  const queryClient = useQueryClient();
  const { problems, fail, clear } = useFormProblems();
  const [body, setBody] = useState('');
  const [mentioned, setMentioned] = useState<Person[]>([]);
  const [busy, setBusy] = useState(false);
  const post = async () => {
    clear();
    setBusy(true);
    try {
      await call(
        api.POST('/api/v1/comments', {
          body: {
            recordType,
            recordId,
            body,
            ...(parent ? { parentId: parent.id } : {}),
            ...(mentioned.length ? { mentionIds: mentioned.map((m) => m.id) } : {}),
          },
        }),
      );
      setBody('');
      setMentioned([]);
      await queryClient.invalidateQueries({ queryKey: ['comments', recordType, recordId] });
      onDone(true);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form
      problems={problems}
      onSubmit={() => void post()}
      label={parent ? t('replyLabel') : t('newLabel')}
    >
      <TextAreaField
        name="body"
        label={parent ? t('replyTo', { name: parent.author?.name ?? t('someone') }) : t('body')}
        hint={t('bodyHint')}
        rows={3}
        maxLength={4000}
        value={body}
        onChange={(e) => setBody(e.target.value)}
      />
      <MentionPicker
        recordType={recordType}
        recordId={recordId}
        chosen={mentioned}
        onChange={setMentioned}
        error={Object.entries(problems.fields).find(([k]) => k.startsWith('mentionIds'))?.[1]}
      />
      <div className="gw-form-actions">
        <button type="submit" className="krds-btn primary small" disabled={busy}>
          {busy ? t('posting') : parent ? t('postReply') : t('post')}
        </button>
        {parent && (
          <button type="button" className="krds-btn secondary small" onClick={() => onDone(false)}>
            {t('cancel')}
          </button>
        )}
      </div>
    </Form>
  );
}

/** The people a comment mentions: chips, and a search among those who may read the record. */
function MentionPicker({
  recordType,
  recordId,
  chosen,
  onChange,
  error,
}: {
  recordType: RecordType;
  recordId: string;
  chosen: Person[];
  onChange: (people: Person[]) => void;
  error?: string;
}) {
  const { t } = useTranslation('comments');
  return (
    <>
      {chosen.length > 0 && (
        <ul className="gw-chips" aria-label={t('mentions')}>
          {chosen.map((p) => (
            <li key={p.id}>
              <span>@{p.name}</span>{' '}
              <button
                type="button"
                className="krds-btn tertiary xsmall"
                aria-label={t('mentionRemove', { name: p.name })}
                onClick={() => onChange(chosen.filter((c) => c.id !== p.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <PersonPicker
        name="mentionSearch"
        label={t('mention')}
        hint={t('mentionHint')}
        error={error}
        exclude={chosen.map((c) => c.id)}
        queryKey={['comments', 'mentionable', recordType, recordId]}
        search={(q) =>
          call(
            api.GET('/api/v1/comments/mentionable', {
              params: { query: { recordType, recordId, q } },
            }),
          )
        }
        onPick={(p) => onChange([...chosen, p])}
        pickLabel={(p) => t('mentionAdd', { name: p.name, department: p.departmentName })}
      />
    </>
  );
}
