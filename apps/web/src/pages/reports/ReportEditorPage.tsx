import { PageHeader } from '../../components/ui';

// Placeholder: replaced by the page itself.
export default function ReportEditorPage() {
  return <PageHeader title="ReportEditorPage" />;
}
