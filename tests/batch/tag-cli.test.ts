import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { InterviewInsightOutput, SkillTagsOutput } from '../../schemas/ai-tasks.ts';

/** `npm run tag`: JSON lines in, one JSON line per input out, with the configured (offline) provider. */
function tag(input: string) {
  return spawnSync(process.execPath, ['batch/tag-cli.ts', '--config', 'talent-atlas.config.yaml'], { input, encoding: 'utf8' });
}

describe('npm run tag', () => {
  it('prints what each task produces for each input line', () => {
    const r = tag('{"text":"PLC制御のラダー改修を主導した。来月までに研修の受講可否を回答する。","held_on":"2025-06-12"}\n\n{"text":"Excelは使ったことがない。"}\n');
    expect(r.status).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(2);
    expect(out[0].line).toBe(1);
    expect(SkillTagsOutput.parse(out[0].skill_tags).skills.map((s) => s.skill_id)).toContain('plc');
    expect(InterviewInsightOutput.parse(out[0].interview_insight).action_items[0]).toMatchObject({ owner: 'manager', due: '2025-07-31' });
    expect(out[1].line).toBe(3);
    expect(out[1].skill_tags.skills).toEqual([]);
    expect(out[0].model).toMatch(/^offline\//);
  });

  it('names the line of input it cannot read', () => {
    const r = tag('{"text":"ok"}\nnot json\n');
    expect(r.status).toBe(4);
    expect(r.stderr).toContain('stdin:2: expected a JSON line like {"text": "…"}');
  });
});
