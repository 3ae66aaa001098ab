import { describe, expect, it } from 'vitest';
import { offlineCommentQuality } from '../../../../batch/ai/offline/comment-quality.ts';
import { CommentQualityOutput } from '../../../../schemas/ai-tasks.ts';

const quality = (text: string) => CommentQualityOutput.parse(offlineCommentQuality({ text }));
const ALL_MISSING = ['具体的な業務や成果の記述', '数値などの根拠', '今後への期待や課題'];

describe('offlineCommentQuality', () => {
  it('scores 「よく頑張っていた。」 low and says it lacks specifics, evidence and outlook', () => {
    expect(quality('よく頑張っていた。')).toEqual({ specific: false, evidence_based: false, forward_looking: false, score: 1, missing: ALL_MISSING });
  });

  it('scores an empty comment and 「特になし」 0', () => {
    for (const text of ['', '  ', '特になし', '特になし。', 'なし', '－', 'N/A']) {
      expect(quality(text), JSON.stringify(text)).toEqual({ specific: false, evidence_based: false, forward_looking: false, score: 0, missing: ALL_MISSING });
    }
  });

  it('finds no specifics in generic praise from the sample: 担当業務を着実に遂行した / 与えられた役割は果たしている', () => {
    for (const text of ['担当業務を着実に遂行した。', '与えられた役割は果たしている。', '期待以上の働きだった。', '例年通り。']) {
      expect(quality(text), text).toMatchObject({ specific: false, evidence_based: false, forward_looking: false });
    }
  });

  it('passes a specific, quantified, forward-looking sample comment on all three criteria (90 + 4 for its 39 characters)', () => {
    const out = quality('AWSの運用コストを見直し、月額費用を20%削減した。次期は標準化まで仕上げてほしい。');
    expect(out).toEqual({ specific: true, evidence_based: true, forward_looking: true, score: 94, missing: [] });
  });

  it('reaches 100 when all three criteria are met in 80 characters or more', () => {
    const text =
      'PLC制御のラダー改修を主導し、ライン停止を月5回から1回に削減した。リーダーシップを発揮し、部門横断の課題を解決に導いた。視野を広げるため、今後は他部署との連携と後輩指導にも期待。';
    expect(quality(text)).toMatchObject({ specific: true, evidence_based: true, forward_looking: true, score: 100 });
  });

  it('sees a before → after figure as evidence: 「不良率を1.2%から0.4%に改善した」', () => {
    expect(quality('QC七つ道具を使った不良解析で、工程内不良率を1.2%から0.4%に改善した。')).toMatchObject({ specific: true, evidence_based: true, forward_looking: false, missing: ['今後への期待や課題'] });
  });

  it('counts a verifiable outcome of named work as evidence, but not 「目標を達成した」 alone', () => {
    expect(quality('既存顧客への提案営業で大型案件を受注した。').evidence_based).toBe(true);
    expect(quality('目標を概ね達成した。').evidence_based).toBe(false);
  });

  it('reads 「引き続き…を期待する」 as forward-looking but 「期待以上」 not', () => {
    expect(quality('目標を概ね達成した。引き続き主体的な取り組みを期待する。')).toMatchObject({
      specific: false,
      evidence_based: false,
      forward_looking: true,
      missing: ['具体的な業務や成果の記述', '数値などの根拠'],
    });
    expect(quality('期待以上の働きだった。').forward_looking).toBe(false);
  });

  it('scores 30 per criterion plus up to 10 for length', () => {
    const one = quality('精密測定でのミスが続いた。');
    expect(one.specific).toBe(true);
    expect(one.score).toBe(30 + Math.floor(11 / 8));
    const long = quality('Excelで集計表を整備し、月次報告の作成時間を短縮した。次期は後輩指導にも期待。');
    expect(long.score).toBe(90 + Math.min(10, Math.floor(37 / 8)));
  });

  it('handles an English comment', () => {
    expect(quality('Reduced setup time on the NC lathes by 30%. Next period, lead the standardisation.')).toMatchObject({ specific: true, evidence_based: true, forward_looking: true });
    expect(quality('Good job.')).toMatchObject({ specific: false, evidence_based: false, forward_looking: false });
  });
});
