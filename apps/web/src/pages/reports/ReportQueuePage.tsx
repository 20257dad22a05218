import { PageHeader } from '../../components/ui';

// Placeholder: replaced by the page itself.
export default function ReportQueuePage() {
  return <PageHeader title="ReportQueuePage" />;
}
