import type { Text } from '../../schemas/artifacts.ts';

/**
 * The reasons of `rejects` in both site languages. The batch writes them in English, with the file's own
 * values inside (lines, headers, scales), for the log and for analysts; the data-quality page shows them in
 * the page's language. Each rule reads one reason the batch writes (ingest/, normalize/); a reason no rule
 * reads is shown as written in both languages — tests/batch/publish/reject-reasons.test.ts runs every
 * reason of the bad-input fixtures through here and requires a Japanese form for each.
 */
type Rule = [RegExp, (m: RegExpExecArray) => string];

/** 「最初は14行目」, or 「最初は…」 where the quality page folds the lines of one reason into one row. */
const line = (m: string | undefined) => (m === undefined ? '…' : `${m}行目`);
/** "(first at line 14)", or "(…)" as the quality page folds it. */
const FIRST = String.raw`\((?:first at line (\d+)|…)\)`;
const re = (source: string) => new RegExp(source);

const RULES: Rule[] = [
  // Composed reasons first: their parts are reasons of their own.
  [/^notes are empty and (.+)$/, (m) => `メモが空で、${ja(m[1]!)}`],
  [/^(.+): the row is loaded with its notes only$/, (m) => `${ja(m[1]!)}。行はメモだけで読み込みました`],
  [/^(.+) \(a quoted field opened on this line runs on over (\d+) line breaks?\): reading resumes on the next line$/, (m) => `${ja(m[1]!)}（この行で開いた引用符が${m[2]}個の改行をまたいで閉じていません）。次の行から読み直しました`],
  [/^(.+): the column's cells were not loaded \(map it in skill_aliases, or list it in ignore_columns\)$/, (m) => `${ja(m[1]!)}。この列のセルは読み込んでいません（skill_aliases で対応付けるか、ignore_columns に入れてください）`],
  // Records and bytes (ingest).
  [/^expected (\d+) fields as in the header, found (\d+)$/, (m) => `列数が見出し行と違います（見出し ${m[1]}列、この行 ${m[2]}列）`],
  [/^invalid byte sequence for the encoding \(CP932\)$/, () => 'CP932（Shift_JIS）として読めないバイト列があります'],
  [/^invalid UTF-8 byte sequence$/, () => 'UTF-8として読めないバイト列があります'],
  [/^a quoted field opened on this line runs over (\d+) bytes without closing: reading resumes on the next line$/, (m) => `この行で開いた引用符が${m[1]}バイトを超えても閉じていません。次の行から読み直しました`],
  [/^a quoted field opened on this line does not close properly \(it runs on over (\d+) line breaks?\): reading resumes on the next line$/, (m) => `この行で開いた引用符が正しく閉じていません（${m[1]}個の改行をまたいでいます）。次の行から読み直しました`],
  [/^a quoted field opened on this line never closes: reading resumes on the next line$/, () => 'この行で開いた引用符が最後まで閉じていません。次の行から読み直しました'],
  [/^text after the closing quote of a quoted field$/, () => '引用符で囲んだ項目の、閉じる引用符の後に文字があります'],
  [/^a record over (\d+) bytes$/, (m) => `1行が${m[1]}バイトを超えています`],
  [/^control characters? (.+) removed$/, (m) => `制御文字（${m[1]}）を取り除きました`],
  [/^control characters removed from the transcript$/, () => '文字起こしから制御文字を取り除きました'],
  // Ids, names and references.
  [/^employee id is empty$/, () => '社員番号が空です'],
  [re(`^duplicate employee id ${FIRST}$`), (m) => `社員番号が重複しています（最初は${line(m[1])}）`],
  [re(`^second row for this employee ${FIRST}$`), (m) => `同じ社員の2行目です（最初は${line(m[1])}）`],
  [/^employee is not in the employee list$/, () => '社員一覧にいない社員です'],
  [/^manager is not in the employee list$/, () => '上司が社員一覧にいません'],
  [/^employee is their own manager$/, () => '本人が自分の上司になっています'],
  [/^manager cycle: (.+); the reporting lines above them are unknown$/, (m) => `上司の関係が循環しています: ${m[1]!.replaceAll(' (line ', '（').replaceAll(')', '行目）')}。この人たちより上の報告経路は不明です`],
  [/^manager (.+) has left \(status left\)$/, (m) => `上司 ${m[1]} は退職しています`],
  [/^incumbent is not in the employee list$/, () => '現任者が社員一覧にいません'],
  [/^incumbent (.+) has left \(status left\): the position is vacant$/, (m) => `現任者 ${m[1]} は退職しています。ポジションは空席として扱います`],
  [/^position id is empty$/, () => 'ポジションIDが空です'],
  [re(`^duplicate position id ${FIRST}$`), (m) => `ポジションIDが重複しています（最初は${line(m[1])}）`],
  [/^title is empty$/, () => 'ポジション名が空です'],
  [/^department is not in the employee list's departments$/, () => '社員一覧の部署にない部署です'],
  [/^interview id is empty$/, () => '面談IDが空です'],
  [re(`^duplicate interview id ${FIRST}$`), (m) => `面談IDが重複しています（最初は${line(m[1])}）`],
  [/^notes are empty$/, () => '面談メモが空です'],
  [/^the row names no transcript$/, () => '文字起こしファイルの指定がありません'],
  [/^skill is empty$/, () => 'スキル名が空です'],
  [/^skill "(.+)" is neither in the taxonomy nor in skill_aliases \(unknown_skills: reject\)(?:; closest: (.+))?$/, (m) => `スキル「${m[1]}」はスキル体系にも skill_aliases にもありません（unknown_skills: reject）${m[2] ? `。近いもの: ${m[2]}` : ''}`],
  [/^column is not a skill of the taxonomy and only (\d+) of its (\d+) filled cells are levels: not read as a skill, its cells were not loaded \(map it in skill_aliases if it is one, or list it in ignore_columns\)$/, (m) => `この列はスキル体系のスキルではなく、値のある${m[2]}セルのうちレベルとして読めるのは${m[1]}セルだけです。スキルとして読まず、セルは読み込んでいません（スキルなら skill_aliases で対応付けるか、ignore_columns に入れてください）`],
  // Values.
  [/^not a valid date in the styles (.+)$/, (m) => `日付として読めません（読める形式: ${m[1]}）`],
  [/^hire date is after the run date (.+)$/, (m) => `入社日が基準日 ${m[1]} より後です`],
  [/^date is after the run date (.+)$/, (m) => `日付が基準日 ${m[1]} より後です`],
  [/^years of service is not a number ≥ 0$/, () => '勤続年数が0以上の数ではありません'],
  [/^status is not one of (.+) after mapping \(values\.status\); read as active$/, (m) => `在籍区分が ${m[1]} のどれでもありません（values.status で対応付けます）。在籍として読みました`],
  [/^kind is not one of (.+) after mapping \(values\.kind\); read as (.+)$/, (m) => `面談の種類が ${m[1]} のどれでもありません（values.kind で対応付けます）。${m[2]} として読みました`],
  [/^source is not one of (.+) after mapping \(values\.source\); read as (.+)$/, (m) => `評価の区分が ${m[1]} のどれでもありません（values.source で対応付けます）。${m[2]} として読みました`],
  [/^grade is not in scoring\.succession\.grade_order \((.+)\): succession reads it as no grade$/, (m) => `等級が scoring.succession.grade_order（${m[1]}）にありません。後継者計画では等級なしとして扱います`],
  [/^grade is empty$/, () => '評価が空です'],
  [/^grade is not in performance_scale \((.+)\)$/, (m) => `評価が performance_scale（${m[1]}）にありません`],
  [/^potential is not in potential_scale$/, () => 'ポテンシャル評価が potential_scale にありません'],
  [re(`^second evaluation of this person for this period ${FIRST}$`), (m) => `同じ人・同じ期間の2件目の評価です（最初は${line(m[1])}）`],
  [/^not a level: the scale is (.+)$/, (m) => `スキルレベルとして読めません（読める値: ${m[1]}）`],
  [/^required level "(.+)" is not a whole number ≥ 1 \(write skill(.)level\)$/, (m) => `必要レベル「${m[1]}」が1以上の整数ではありません（スキル${m[2]}レベル の形で書いてください）`],
  [/^required level (\d+) is above the highest skill level \((\d+)\)$/, (m) => `必要レベル ${m[1]} がスキルレベルの最大（${m[2]}）を超えています`],
  [/^expected vacancy is not a date or a month \(write (.+)\)$/, (m) => `想定空席時期が日付でも年月でもありません（${m[1]} のように書いてください）`],
  // Transcripts.
  [/^transcript "(.+)" is outside the folder (.+)$/, (m) => `文字起こし「${m[1]}」がフォルダ ${m[2]} の外にあります`],
  [/^transcript (.+) is not a \.vtt, \.srt or \.txt file$/, (m) => `文字起こし ${m[1]} は .vtt・.srt・.txt のどれでもありません`],
  [/^transcript (.+) does not exist$/, (m) => `文字起こし ${m[1]} がありません`],
  [/^transcript (.+) cannot be read \((.+)\)$/, (m) => `文字起こし ${m[1]} を読めません（${m[2]}）`],
  [/^transcript (.+) holds no text$/, (m) => `文字起こし ${m[1]} に本文がありません`],
  [/^transcript (.+) is not (UTF-8(?: or CP932)?|CP932) text \(first bad line (\d+)\)(.*)$/, (m) => `文字起こし ${m[1]} は ${m[2]!.replace(' or ', 'または')} のテキストではありません（最初の読めない行: ${m[3]}）${m[4] ? '。UTF-8で保存するか transcripts.encoding を設定してください' : ''}`],
  [/^transcript (.+) is named by no row of the export: not loaded(.*)$/, (m) => `文字起こし ${m[1]} を指す行がエクスポートにないため、読み込んでいません${m[2] ? '（ファイル名を確認してください）' : ''}`],
];

/** The Japanese of one English reason; the English itself when no rule reads it. */
function ja(reason: string): string {
  for (const [pattern, words] of RULES) {
    const m = pattern.exec(reason);
    if (m) return words(m);
  }
  return reason;
}

/** A reason of `rejects` in both site languages (English as the batch wrote it). */
export function rejectReasonText(reason: string): Text {
  return { ja: ja(reason), en: reason };
}

/** True when a rule reads the reason (for the test that every reason the batch writes has a Japanese form). */
export function hasJapanese(reason: string): boolean {
  return ja(reason) !== reason;
}
