import { PageHeader } from '../../components/ui';

// Placeholder: replaced by the page itself.
export default function ConsultationFormPage() {
  return <PageHeader title="ConsultationFormPage" />;
}
