import { notFound, redirect } from 'next/navigation';
import { PROBLEMS } from '@/lib/api/problem';

type Props = { params: Promise<{ type: string }> };

export default async function ProblemTypePage({ params }: Props) {
  const { type } = await params;
  if (!(type in PROBLEMS)) notFound();
  redirect(`/problems#${type}`);
}
