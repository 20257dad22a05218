import { PageHeader } from '../../components/ui';

// Placeholder: replaced by the page itself.
export default function NotificationsPage() {
  return <PageHeader title="NotificationsPage" />;
}
