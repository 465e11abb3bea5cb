import { TEACHING_INDEXES, type TeachingIndex } from '../db/schema';

/**
 * The indexes the course teaches, as the learner sees them. Their SQL lives with the
 * schema in lib/db; this says what each one is for, in the knob panel's words.
 */
export type IndexSpec = { label: string; noun: string; hint: string };

export const INDEXES: Record<TeachingIndex, IndexSpec> = {
  idx_user_email: {
    label: 'Index users by email',
    noun: 'the index on users.email',
    hint: 'Finding a user by email searches the index instead of reading every user.',
  },
  idx_order_user_id: {
    label: 'Index orders by user',
    noun: 'the index on orders.user_id',
    hint: "A user's orders are found directly instead of scanning a million orders.",
  },
  idx_order_created_at: {
    label: 'Index orders by date',
    noun: 'the index on orders.created_at',
    hint: 'Date ranges and newest-first pages seek into the index instead of sorting a scan.',
  },
};

export const INDEX_NAMES = Object.keys(TEACHING_INDEXES) as [TeachingIndex, ...TeachingIndex[]];

export const indexSql = (name: TeachingIndex) => TEACHING_INDEXES[name];

/** A name that may not be a teaching index (an old run, a hand-made one) still gets a label. */
export const indexLabel = (name: string) => (name in INDEXES ? INDEXES[name as TeachingIndex].label : `Index ${name}`);

export const describeIndex = (present: boolean) => (present ? 'present' : 'absent');
