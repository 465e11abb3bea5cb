import { describe, expect, it } from 'vitest';
import { parseWidgets } from './widgets';

describe('parseWidgets', () => {
  it("reads predictions' checks and quizzes' options from the MDX, literals only", () => {
    const w = parseWidgets(`
Some prose.

<Prediction id="gain" check="speedup" question="How much?" options={["a", "b"]} />
<Prediction id="free" question="Guess" options={["x"]} />

<Quiz
  id="q1"
  question="Why?"
  options={[
    { text: "Because", correct: true, explain: "It is." },
    { text: "No", explain: "It is not." }
  ]}
/>
`);
    expect(w.predictions).toEqual([
      { id: 'gain', check: 'speedup' },
      { id: 'free', check: null },
    ]);
    expect(w.quizzes).toEqual([
      {
        id: 'q1',
        question: 'Why?',
        options: [
          { text: 'Because', correct: true, explain: 'It is.' },
          { text: 'No', correct: false, explain: 'It is not.' },
        ],
      },
    ]);
  });
});
