import type { Metadata } from 'next';
import { ReferenceDoc } from '@/components/reference/reference-doc';

export const metadata: Metadata = {
  title: 'API reference v2',
  description:
    'The Shop API v2: money as objects, cursor pages. Generated from the zod schemas that validate its requests.',
};

export default function ReferenceV2Page() {
  return <ReferenceDoc version={2} />;
}
