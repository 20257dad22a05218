import { PageHeader } from '../../components/ui';

// Placeholder: replaced by the page itself.
export default function EvaluationRoundsPage() {
  return <PageHeader title="EvaluationRoundsPage" />;
}
