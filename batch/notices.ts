import type { Notice } from '../schemas/artifacts.ts';
import type { Source } from '../schemas/config.ts';

/**
 * Notices are published as codes (the site words them in each language); HR reads them in the log and the
 * run summary as the Japanese sentences below, as before.
 */

/** What a dataset lacks is said plainly, and what can be published still is. */
export function missingSourceNotices(sources: Source[]): Notice[] {
  const has = (k: Source['kind']) => sources.some((s) => s.kind === k);
  const notice = (code: Notice['code'], subject: string): Notice => ({ code, subject, count: null, detail: null });
  const notices: Notice[] = [];
  if (!has('skill_matrix') && !has('skill_list')) notices.push(notice('missing_source', 'skill_matrix'));
  if (!has('evaluations')) notices.push(notice('missing_source', 'evaluations'));
  else if (!sources.some((s) => s.kind === 'evaluations' && s.columns.potential)) notices.push(notice('missing_field', 'potential'));
  if (!has('interviews')) notices.push(notice('missing_source', 'interviews'));
  if (!has('key_positions')) notices.push(notice('missing_source', 'key_positions'));
  return notices;
}

/** An export with a header and no records: the run goes on (only an empty employee list stops it), loudly. */
export function emptyExportNotice(kind: Source['kind'], file: string): Notice {
  return { code: 'empty_export', subject: kind, count: 0, detail: file };
}

/** AI work left for the next night; `why` as the log says it (null when calls simply failed). */
export function aiLeftOverNotice(count: number, why: string | null): Notice {
  return { code: 'ai_left_over', subject: null, count, detail: why };
}

const MISSING_SOURCE: Record<string, string> = {
  skill_matrix: 'スキルの評価データ（skill_matrix）がありません。スキルマップは面談・評価コメントから推定したスキルのみで、評価済みレベルはありません。',
  evaluations: '人事評価データ（evaluations）がありません。タレントプール（9ボックス）と業績・ポテンシャルの構成要素は算出できません。',
  interviews: '面談記録（interviews）がありません。本人志向とスキル推定は行われません。',
  key_positions: '重要ポジション（key_positions）がありません。後継者計画は作成されません。',
};

/** The sentence HR reads in the log and the summary. */
export function noticeSentence(n: Notice): string {
  switch (n.code) {
    case 'missing_source':
      return MISSING_SOURCE[n.subject ?? ''] ?? `${n.subject} のデータがありません。`;
    case 'missing_field':
      return n.subject === 'potential'
        ? 'ポテンシャル評価（evaluations の potential 列）がありません。タレントプール（9ボックス）は作成されず、後継者スコアのポテンシャルは 0 です。'
        : `${n.subject} の列がありません。`;
    case 'ai_left_over':
      return `AI処理のうち ${n.count ?? 0} 件は今回完了せず、次回の夜間処理で実施されます（${n.detail ?? '呼び出しの失敗'}）。`;
    case 'empty_export':
      return `${n.detail}（${n.subject}）は見出し行だけでデータがありません。関連する集計は空になります。出力元のエクスポートを確認してください。`;
  }
}
