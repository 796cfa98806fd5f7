import { PageHeader } from '../../../components/page-header.tsx';

/** Placeholder until the health pages land. */
export default function KindPage({ kind }: { kind: string }) {
  return <PageHeader title={kind} />;
}
