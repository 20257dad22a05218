import { PageHeader } from '../../components/ui';

// Placeholder: replaced by the page itself.
export default function DashboardPage() {
  return <PageHeader title="DashboardPage" />;
}
