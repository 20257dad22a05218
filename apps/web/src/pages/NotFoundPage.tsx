import { Link } from 'react-router';
import { PageHeader } from '../components/ui';
import { useTranslation } from '../i18n';

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('notFound.title')} />
      <Link to="/">{t('notFound.back')}</Link>
    </>
  );
}
