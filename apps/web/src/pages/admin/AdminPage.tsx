import { PageHeader } from '../../components/ui';

// Placeholder: replaced by the page itself.
export default function AdminPage() {
  return <PageHeader title="AdminPage" />;
}
