import type { ComponentName, Text } from '../../schemas/artifacts.ts';

/**
 * The short lines the batch writes behind each score component, in both site languages. Values from the
 * exports (periods such as 2025上期, grades, potential ratings such as 高) are quoted as exported in both.
 */

export interface ReasonFacts {
  /** "period grade" of the latest evaluation periods, oldest first (e.g. ["2025上期 A", "2025下期 S"]). */
  performanceGrades: string[] | null;
  /** "period rating" of the latest potential rating (e.g. "2025下期 高"). */
  potential: string | null;
  requiredSkills: number;
  requiredMet: number;
  grade: string | null;
  gradeGap: number | null;
  tenureYears: number | null;
  namedPosition: boolean;
  wantedSkills: number;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function componentReasons(f: ReasonFacts): Record<ComponentName, Text> {
  const grades = f.performanceGrades?.length ? f.performanceGrades : null;
  const years = f.tenureYears === null ? null : f.tenureYears.toFixed(1);
  const experienceJa = [
    f.grade ? `等級 ${f.grade}` : '等級不明',
    f.gradeGap === null ? null : f.gradeGap === 0 ? '現任者と同等級' : `現任者の${f.gradeGap}段下`,
    years === null ? null : `勤続${years}年`,
  ];
  const experienceEn = [
    f.grade ? `grade ${f.grade}` : 'grade unknown',
    f.gradeGap === null ? null : f.gradeGap === 0 ? 'same grade as the incumbent' : `${plural(f.gradeGap, 'grade', 'grades')} below the incumbent`,
    years === null ? null : `${years} years of service`,
  ];
  return {
    performance: grades ? { ja: `直近 ${grades.join('・')}`, en: `Latest ${grades.join(', ')}` } : { ja: '評価なし', en: 'No evaluation' },
    potential: f.potential ? { ja: f.potential, en: `Latest rating ${f.potential}` } : { ja: 'ポテンシャル評価なし', en: 'No potential rating' },
    skill_fit: f.requiredSkills
      ? { ja: `必要スキル ${f.requiredMet}/${f.requiredSkills} を充足`, en: `Meets ${f.requiredMet} of ${f.requiredSkills} required skills` }
      : { ja: '必要スキル未設定（中立値 0.5）', en: 'No required skills set (neutral 0.5)' },
    experience: { ja: experienceJa.filter(Boolean).join('・'), en: capitalize(experienceEn.filter(Boolean).join(', ')) },
    aspiration: f.namedPosition
      ? { ja: '面談で本ポジションを志望', en: 'Named this position as a goal in an interview' }
      : f.wantedSkills
        ? { ja: `必要スキル${f.wantedSkills}件の習得を希望`, en: `Wants to gain ${plural(f.wantedSkills, 'required skill', 'required skills')}` }
        : { ja: '面談での言及なし', en: 'Not mentioned in interviews' },
  };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
