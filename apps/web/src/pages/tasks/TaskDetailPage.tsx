import { PageHeader } from '../../components/ui';

// Placeholder: replaced by the page itself.
export default function TaskDetailPage() {
  return <PageHeader title="TaskDetailPage" />;
}
