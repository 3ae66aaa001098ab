/**
 * A tiny deterministic answer() for the fake server's own tests: schema-valid outputs for the four tasks,
 * independent of the offline provider (which the pipeline tests wire in instead).
 */
export function stubAnswer(task: string, input: unknown): unknown {
  const text = input !== null && typeof input === 'object' && typeof (input as { text?: unknown }).text === 'string' ? (input as { text: string }).text : '';
  switch (task) {
    case 'skill_tags':
      return {
        skills: text.includes('Python')
          ? [{ skill_id: 'python', kind: 'has', level_hint: null, evidence: text, confidence: 0.9 }]
          : [],
      };
    case 'interview_insight':
      return { summary: '面談の要約。', aspirations: [], concerns: [], action_items: [], retention_signal: 'low', retention_evidence: null };
    case 'comment_quality':
      return { specific: true, evidence_based: false, forward_looking: false, score: 40, missing: ['根拠となる事実'] };
    case 'development_plan':
      return { goals: ['課長職の準備'], skills: [], actions: [{ text: '研修を受講する', by: null }], review_on: '2026-04-01' };
    default:
      throw new Error(`unknown task ${task}`);
  }
}
