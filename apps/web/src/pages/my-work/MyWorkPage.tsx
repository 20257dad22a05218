import { PageHeader } from '../../components/ui';

// Placeholder: replaced by the page itself.
export default function MyWorkPage() {
  return <PageHeader title="MyWorkPage" />;
}
