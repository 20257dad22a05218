import { PageHeader } from '../../components/ui';

// Placeholder: replaced by the page itself.
export default function ConsultationQueuePage() {
  return <PageHeader title="ConsultationQueuePage" />;
}
