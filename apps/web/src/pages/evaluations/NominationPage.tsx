import { PageHeader } from '../../components/ui';

// Placeholder: replaced by the page itself.
export default function NominationPage() {
  return <PageHeader title="NominationPage" />;
}
