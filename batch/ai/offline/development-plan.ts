import type { DevelopmentPlanOutput, TaskInput } from '../../../schemas/ai-tasks.ts';
import { addMonths, parseIso } from './japanese-dates.ts';

/**
 * Task 4 offline: a development-plan draft for a successor who is not ready now, from the skill gaps and the
 * person's aspirations. Pure and deterministic (dates from `as_of` only); the wording is fixed templates.
 *
 * GAPS. A gap counts when, on whole levels, the required level is above the actual one: from_level =
 *  ⌊actual⌋ and to_level = ⌈required⌉, clamped to the schema's 0–10 and 1–10. A skill listed twice keeps its
 *  lowest from and highest to. `skills` lists every gap, largest first (to − from, then required − actual,
 *  then skill_id).
 *
 * GOALS. First 「{position_title}の後継者として{N}年以内に即時登用可能な水準へ到達する」 (N = 2 for
 *  readiness 1_2_years) or 「…として3年を目安に即時登用可能な水準へ到達する」 (3_plus_years); then one per
 *  gap for the three largest: 「{name_ja}をレベル{from}からレベル{to}へ引き上げる」.
 *
 * HORIZON. H is 12 months for 1_2_years and 24 months for 3_plus_years, unless the position is expected to fall
 *  vacant sooner: then H ends the month before the vacancy (at least one month after as_of), and no action is
 *  due later (planHorizon). The first goal then names the vacancy: 「{title}の想定空席（{YYYY年M月}）までに即時登用
 *  可能な水準へ到達する」, or, when the candidate cannot be ready by then (vacancy_before_readiness),
 *  「{title}の想定空席（{YYYY年M月}）までに職務を代行できる水準へ到達し、{N}年を目安に即時登用可能な水準を目指す」.
 *
 * ACTIONS, within the horizon.
 *  - One per gap, the smallest gaps first (quick wins early, the long climbs last; ties by skill_id). The k-th of N is due
 *    as_of + min(H, max(3, round(H × k / N))) months (one gap: H; two: H/2 and H; four on 12 months: 3, 6, 9, 12).
 *    The template depends only on the levels and the kind of skill (never on its category):
 *      a certificate (検定, 資格, 士, 英検, 簿記, TOEIC, TOEFL, 認定) → 受験計画を立てて合格する;
 *      from ≤ 1 → 基礎研修を受講し、OJTで基本業務を担当する;
 *      to ≥ 4 → 社内講師の指導を受けながら難度の高い案件を主導し、後輩に教えられる水準にする;
 *      otherwise → 実務をOJTで担当し、独力で完結できる水準にする.
 *    Each ends with 「（レベル{from}→{to}）」.
 *  - 「{position_title}の職務の一部を代行し、判断と部門運営を実務で経験する」, due at as_of + H.
 *  - One per stated aspiration (the first two, each cut to 60 characters): 「本人の希望「…」を育成計画に反映し、
 *    次回レビューで配置・任用の方針を確認する」, due on review_on (or at the horizon, when that is earlier).
 *
 * REVIEW. review_on = as_of + 6 months (the semi-annual review); a day the month lacks is clamped to its end
 *  (2026-08-31 → 2027-02-28). A calendar-invalid as_of (2026-02-30) throws: the schema only checks its shape.
 */

type PlanInput = TaskInput<'development_plan'>;

interface Gap {
  skill_id: string;
  name: string;
  from: number;
  to: number;
  raw: number;
}

const CERTIFICATE = /検定|資格|士$|英検|簿記|TOEIC|TOEFL|認定/i;
const MAX_ASPIRATIONS = 2;
const MAX_ASPIRATION_CHARS = 60;
const REVIEW_MONTHS = 6;

/** Months from `from` to `to`, whole months only (2026-10-01 → 2027-09-01 is 11). */
function monthsBetween(from: string, to: string): number {
  const a = parseIso(from);
  const b = parseIso(to);
  return (b.y - a.y) * 12 + (b.m - a.m) - (b.d < a.d ? 1 : 0);
}

/**
 * The plan's horizon in months from as_of and the date every action is due by: 12 months for 1_2_years, 24
 * for 3_plus_years, or up to the month before the expected vacancy when that is sooner (at least one month).
 * Shared by the offline drafts and the plan stage, which holds any provider's dates to it.
 */
export function planHorizon(input: Pick<PlanInput, 'as_of' | 'readiness' | 'expected_vacancy'>): { months: number; due_by: string; by_vacancy: boolean } {
  const usual = input.readiness === '1_2_years' ? 12 : 24;
  const beforeVacancy = input.expected_vacancy === null ? Infinity : Math.max(1, monthsBetween(input.as_of, input.expected_vacancy) - 1);
  const months = Math.min(usual, beforeVacancy);
  return { months, due_by: addMonths(input.as_of, months), by_vacancy: beforeVacancy < usual };
}

export function offlineDevelopmentPlan(input: PlanInput): DevelopmentPlanOutput {
  const shortTerm = input.readiness === '1_2_years';
  const { months: horizon, by_vacancy: byVacancy } = planHorizon(input);
  const title = input.position_title.trim() || '対象ポジション';
  const review_on = addMonths(input.as_of, REVIEW_MONTHS);

  const gaps = gapsOf(input.gaps);
  const years = shortTerm ? '2年以内' : '3年を目安';
  const vacancy = input.expected_vacancy ? parseIso(input.expected_vacancy) : null;
  const first = vacancy && byVacancy
    ? input.vacancy_before_readiness
      ? `${title}の想定空席（${vacancy.y}年${vacancy.m}月）までに職務を代行できる水準へ到達し、${years}に即時登用可能な水準を目指す`
      : `${title}の想定空席（${vacancy.y}年${vacancy.m}月）までに即時登用可能な水準へ到達する`
    : `${title}の後継者として${years}に即時登用可能な水準へ到達する`;
  const goals = [first, ...gaps.slice(0, 3).map((g) => `${g.name}をレベル${g.from}からレベル${g.to}へ引き上げる`)];

  const byGapAsc = [...gaps].sort((a, b) => a.to - a.from - (b.to - b.from) || a.raw - b.raw || cmp(a.skill_id, b.skill_id));
  const actions: DevelopmentPlanOutput['actions'] = byGapAsc.map((g, k) => ({
    text: actionText(g),
    by: addMonths(input.as_of, Math.min(horizon, Math.max(3, Math.round((horizon * (k + 1)) / byGapAsc.length)))),
  }));
  actions.push({ text: `${title}の職務の一部を代行し、判断と部門運営を実務で経験する`, by: addMonths(input.as_of, horizon) });
  const aspirationsBy = addMonths(input.as_of, Math.min(REVIEW_MONTHS, horizon));
  const seen = new Set<string>();
  for (const raw of input.aspirations) {
    const aspiration = cut(raw.trim().replace(/[。．.]+$/, ''), MAX_ASPIRATION_CHARS);
    if (aspiration.length === 0 || seen.has(aspiration)) continue;
    seen.add(aspiration);
    actions.push({ text: `本人の希望「${aspiration}」を育成計画に反映し、次回レビューで配置・任用の方針を確認する`, by: aspirationsBy });
    if (seen.size === MAX_ASPIRATIONS) break;
  }

  return {
    goals,
    skills: gaps.map((g) => ({ skill_id: g.skill_id, from_level: g.from, to_level: g.to })),
    actions,
    review_on,
  };
}

function gapsOf(raw: PlanInput['gaps']): Gap[] {
  const bySkill = new Map<string, Gap>();
  for (const g of raw) {
    if (!Number.isFinite(g.required) || !Number.isFinite(g.actual)) continue;
    const from = clamp(Math.floor(g.actual), 0, 10);
    const to = clamp(Math.ceil(g.required), 1, 10);
    if (to <= from) continue;
    const name = g.name_ja.trim() || g.skill_id;
    const seen = bySkill.get(g.skill_id);
    if (seen === undefined) bySkill.set(g.skill_id, { skill_id: g.skill_id, name, from, to, raw: g.required - g.actual });
    else {
      seen.from = Math.min(seen.from, from);
      seen.to = Math.max(seen.to, to);
      seen.raw = Math.max(seen.raw, g.required - g.actual);
    }
  }
  return [...bySkill.values()].sort((a, b) => b.to - b.from - (a.to - a.from) || b.raw - a.raw || cmp(a.skill_id, b.skill_id));
}

function actionText(g: Gap): string {
  const levels = `（レベル${g.from}→${g.to}）`;
  if (CERTIFICATE.test(g.name)) return `${g.name}の取得に向けて受験計画を立て、合格する${levels}`;
  if (g.from <= 1) return `${g.name}の基礎研修を受講し、OJTで基本業務を担当する${levels}`;
  if (g.to >= 4) return `社内講師の指導を受けながら${g.name}の難度の高い案件を主導し、後輩に教えられる水準にする${levels}`;
  return `${g.name}の実務をOJTで担当し、独力で完結できる水準にする${levels}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
