import { PageHeader } from '../../components/ui';

// Placeholder: replaced by the page itself.
export default function EvaluationRoundPage() {
  return <PageHeader title="EvaluationRoundPage" />;
}
