// The user's own password change (POST /api/v1/me/password). Also where a user who must change the
// password (after an administrator's reset, or as the first administrator) is held until done.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError, call } from '../../api/client';
import { useAuth } from '../../app/auth';
import { Form, TextField, useFormProblems, useFormValues } from '../../components/forms';
import { Notice, PageHeader } from '../../components/ui';
import { useTranslation } from '../../i18n';
import './messages';

export default function PasswordPage() {
  const { t } = useTranslation('account');
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { values, set, setValues } = useFormValues({
    currentPassword: '',
    newPassword: '',
    confirmPassword: '',
  });
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const required = !!user?.passwordChangeRequired;

  const submit = async () => {
    clear();
    setDone(false);
    if (values.newPassword !== values.confirmPassword) {
      fail(
        new ApiError(400, {
          code: 'VALIDATION_FAILED',
          message: t('password.mismatch'),
          details: [
            { field: 'confirmPassword', code: 'mismatch', message: t('password.mismatch') },
          ],
        }),
      );
      return;
    }
    setBusy(true);
    try {
      await call(
        api.POST('/api/v1/me/password', {
          body: { currentPassword: values.currentPassword, newPassword: values.newPassword },
        }),
      );
      setValues({ currentPassword: '', newPassword: '', confirmPassword: '' });
      await queryClient.invalidateQueries({ queryKey: ['me'] });
      if (required) void navigate('/', { replace: true });
      else setDone(true);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('password.title')}
        crumbs={[{ label: t('password.title') }]}
        description={t('password.description')}
      />
      {required && (
        <p className="gw-alert gw-alert--info" role="status">
          {t('password.required')}
        </p>
      )}
      {done && <Notice>{t('password.done')}</Notice>}
      <Form problems={problems} onSubmit={() => void submit()} label={t('password.title')}>
        <TextField
          name="currentPassword"
          type="password"
          label={t('password.currentPassword')}
          autoComplete="current-password"
          required
          value={values.currentPassword}
          onChange={set('currentPassword')}
        />
        <TextField
          name="newPassword"
          type="password"
          label={t('password.newPassword')}
          hint={t('password.newPasswordHint')}
          autoComplete="new-password"
          required
          value={values.newPassword}
          onChange={set('newPassword')}
        />
        <TextField
          name="confirmPassword"
          type="password"
          label={t('password.confirmPassword')}
          autoComplete="new-password"
          required
          value={values.confirmPassword}
          onChange={set('confirmPassword')}
        />
        <button type="submit" className="krds-btn primary" disabled={busy}>
          {t('password.submit')}
        </button>
      </Form>
    </>
  );
}
