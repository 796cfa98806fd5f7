import { PageHeader } from '../../../components/page-header.tsx';

/** Placeholder until this page lands. */
export default function HomePage() {
  return <PageHeader title="HomePage" />;
}
