import { PageHeader } from '../../components/ui';

// Placeholder: replaced by the page itself.
export default function ConsultationDetailPage() {
  return <PageHeader title="ConsultationDetailPage" />;
}
