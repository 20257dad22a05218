import { PageHeader } from '../../components/ui';

// Placeholder: replaced by the page itself.
export default function TaskListPage() {
  return <PageHeader title="TaskListPage" />;
}
