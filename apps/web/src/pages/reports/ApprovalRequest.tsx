// 결재 요청: lead-department staff ask their head to submit a finished report; the requester takes
// the request back, or a head sends it back with a reason. Who may is the API's allowedActions.
import { useState } from 'react';
import type { Schemas } from '../../api/client';
import { TextAreaField } from '../../components/forms';
import { Dialog } from '../../components/ui';
import { formatDateTime } from '../../format';
import { useTranslation } from '../../i18n';
import './messages';

type Report = Schemas['ReportDetailDto'];

/** A pending request, said at the top of the report, with its withdrawal for who may. */
export function ApprovalRequestNotice({
  report,
  userId,
  busy,
  onWithdraw,
}: {
  report: Report;
  userId: string | undefined;
  busy: boolean;
  onWithdraw: (reason: string) => void;
}) {
  const { t } = useTranslation('reports');
  const [asking, setAsking] = useState(false);
  const request = report.approvalRequest;
  if (!request) return null;
  const mine = request.requestedBy?.id === userId;
  const can = report.allowedActions.includes('withdrawApprovalRequest');
  return (
    <div className="gw-alert gw-alert--info" role="note" aria-labelledby="approval-heading">
      <h2 id="approval-heading" className="gw-alert-title">
        {t('approval.pendingTitle')}
      </h2>
      <p>
        {t('approval.pendingBody', {
          name: request.requestedBy?.name ?? t('approval.someone'),
          at: formatDateTime(request.requestedAt),
        })}
      </p>
      {request.note && <blockquote className="gw-prose">{request.note}</blockquote>}
      {can && (
        <button
          type="button"
          className="krds-btn secondary small"
          disabled={busy}
          onClick={() => setAsking(true)}
        >
          {mine ? t('approval.withdraw') : t('approval.decline')}
        </button>
      )}
      <NoteDialog
        open={asking}
        title={mine ? t('approval.confirmWithdraw') : t('approval.confirmDecline')}
        consequence={mine ? t('approval.withdrawConsequence') : t('approval.declineConsequence')}
        label={mine ? t('approval.withdrawReason') : t('approval.declineReason')}
        confirmLabel={mine ? t('approval.withdrawNow') : t('approval.declineNow')}
        onCancel={() => setAsking(false)}
        onConfirm={(reason) => {
          setAsking(false);
          onWithdraw(reason);
        }}
      />
    </div>
  );
}

/** The 결재 요청 button's dialog: what follows, an optional note to the head, then the request. */
export function RequestApprovalDialog({
  open,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  onCancel: () => void;
  onConfirm: (note: string) => void;
}) {
  const { t } = useTranslation('reports');
  return (
    <NoteDialog
      open={open}
      title={t('approval.confirmRequest')}
      consequence={t('approval.requestConsequence')}
      label={t('approval.note')}
      confirmLabel={t('approval.requestNow')}
      onCancel={onCancel}
      onConfirm={onConfirm}
    />
  );
}

function NoteDialog({
  open,
  title,
  consequence,
  label,
  confirmLabel,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  title: string;
  consequence: string;
  label: string;
  confirmLabel: string;
  onCancel: () => void;
  onConfirm: (text: string) => void;
}) {
  const { t } = useTranslation('reports');
  const { t: common } = useTranslation();
  const [text, setText] = useState('');
  return (
    <Dialog open={open} title={title} onClose={onCancel}>
      <p>{consequence}</p>
      <TextAreaField
        name="note"
        label={label}
        hint={t('approval.optional')}
        rows={3}
        maxLength={500}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="gw-form-actions">
        <button
          type="button"
          className="krds-btn primary"
          onClick={() => {
            onConfirm(text.trim());
            setText('');
          }}
        >
          {confirmLabel}
        </button>
        <button type="button" className="krds-btn secondary" onClick={onCancel}>
          {common('actions.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
