import type { Metadata } from 'next';
import { ReferenceDoc } from '@/components/reference/reference-doc';

export const metadata: Metadata = {
  title: 'API reference',
  description: 'The Shop API, generated from the zod schemas that validate its requests.',
};

export default function ReferencePage() {
  return <ReferenceDoc version={1} />;
}
