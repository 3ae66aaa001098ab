import { describe, expect, it } from 'vitest';
import { interviewInput } from '../../../../batch/tagging/tag-lines.ts';
import { offlineInterviewInsight } from '../../../../batch/ai/offline/interview-insight.ts';
import { InterviewInsightOutput } from '../../../../schemas/ai-tasks.ts';

const insight = (text: string, held_on = '2025-10-27', positionTitles: string[] = []) =>
  InterviewInsightOutput.parse(offlineInterviewInsight(interviewInput(text, held_on, null, null, { fiscalYearStartMonth: 4, cycleMonths: 6 }), { positionTitles }));

/** Notes copied verbatim from data/sample/career_interviews.csv (interview id, date, note). */
const SAMPLE = {
  /** CI-2025-00005 */
  training: {
    held_on: '2025-10-27',
    text: '入社34年目の節目としてキャリア面談を実施。金型の段取りを中心に担当している。検査には自信がついてきたとのこと。生成AIやChatGPTを業務に使ってみたい。来月までに研修の受講可否を回答する。',
  },
  /** CI-2026-00012 */
  leaving: {
    held_on: '2026-08-05',
    text: 'キャリア面談（45分）。現在は突発故障の対応を担当。設備保全については一人で判断できるようになった。将来は設備保全課長を目指したい。同期の退職が続き、自分も転職を意識し始めたとのこと。2026/9/5に再度面談を設定。人事にも共有済み。人事から2026/10/4までに社内公募の情報を連絡する。',
  },
  /** CI-2025-00014 */
  labelled: {
    held_on: '2025-05-30',
    text: '年1回のキャリア面談。\n【現状】既存顧客への提案営業を中心に担当している。\n【希望】生成AIやChatGPTを業務に使ってみたい。\n【懸念】評価への不満があり、「頑張っても報われない」との発言あり。\n【対応】評価基準の説明資料を2025/6/21までに準備する。上長が2025/7/20までにOJT計画を作成する。',
  },
  /** CI-2024-00003 */
  overtime: {
    held_on: '2024-10-04',
    text: '今期の振り返りと今後のキャリアについて面談。現在はNCプログラムの作成を担当。AWSの資格を取りたい。クラウドの仕事に関わりたい。月40時間程度の残業が続いており、負担を感じている。具体的な目標を持っており頼もしい。\n2025/1/1までに業務分担を見直す（上長）。次回面談で確認。',
  },
  /** CI-2026-00014 */
  family: {
    held_on: '2026-06-17',
    text: 'SQLを覚えて、データを自分で抽出できるようになりたい。家族の介護で時短勤務を検討している。→介護休業制度の資料を2026/8/7までに渡す。',
  },
};

describe('offlineInterviewInsight on sample notes', () => {
  it('extracts 「来月までに研修の受講可否を回答する」 as a manager action due on the last day of the next month', () => {
    const out = insight(SAMPLE.training.text, SAMPLE.training.held_on);
    expect(out.action_items).toEqual([{ text: '来月までに研修の受講可否を回答する', owner: 'manager', due: '2025-11-30', cadence: null }]);
  });

  it('reads 「生成AIやChatGPTを業務に使ってみたい」 as a skill aspiration named by its object', () => {
    expect(insight(SAMPLE.training.text, SAMPLE.training.held_on).aspirations).toEqual([{ kind: 'skill', text: '生成AIやChatGPT' }]);
  });

  it('leaves a note without concerns at a low retention signal with no evidence', () => {
    const out = insight(SAMPLE.training.text, SAMPLE.training.held_on);
    expect(out.concerns).toEqual([]);
    expect(out.retention_signal).toBe('low');
    expect(out.retention_evidence).toBeNull();
  });

  it('flags 「自分も転職を意識し始めた」 as a high retention signal with that sentence as evidence', () => {
    const out = insight(SAMPLE.leaving.text, SAMPLE.leaving.held_on);
    expect(out.retention_signal).toBe('high');
    expect(out.retention_evidence).toBe('同期の退職が続き、自分も転職を意識し始めたとのこと。');
    // A wish to leave is the retention signal; it is a concern only through what it is about (pay, workload …).
    expect(out.concerns).toEqual([]);
  });

  it('reads 「将来は設備保全課長を目指したい」 as the role 設備保全課長', () => {
    expect(insight(SAMPLE.leaving.text, SAMPLE.leaving.held_on).aspirations).toEqual([{ kind: 'role', text: '設備保全課長' }]);
  });

  it('keeps a re-interview date and an HR promise as actions, and skips what is already done (共有済み)', () => {
    expect(insight(SAMPLE.leaving.text, SAMPLE.leaving.held_on).action_items).toEqual([
      { text: '2026/9/5に再度面談を設定', owner: 'manager', due: '2026-09-05', cadence: null },
      { text: '人事から2026/10/4までに社内公募の情報を連絡する', owner: 'hr', due: '2026-10-04', cadence: null },
    ]);
  });

  it('puts the retention evidence, the aspiration and the first action in a summary of at most three sentences', () => {
    const out = insight(SAMPLE.leaving.text, SAMPLE.leaving.held_on);
    expect(out.summary).toBe('将来は設備保全課長を目指したい。同期の退職が続き、自分も転職を意識し始めたとのこと。2026/9/5に再度面談を設定。');
  });

  it('uses the 【懸念】【対応】 labels of a structured note and drops them from the texts', () => {
    const out = insight(SAMPLE.labelled.text, SAMPLE.labelled.held_on);
    expect(out.concerns).toEqual([{ category: 'evaluation', text: '評価への不満があり、「頑張っても報われない」との発言あり' }]);
    expect(out.retention_signal).toBe('medium');
    expect(out.retention_evidence).toBe('評価への不満があり、「頑張っても報われない」との発言あり。');
    expect(out.action_items).toEqual([
      { text: '評価基準の説明資料を2025/6/21までに準備する', owner: 'manager', due: '2025-06-21', cadence: null },
      { text: '上長が2025/7/20までにOJT計画を作成する', owner: 'manager', due: '2025-07-20', cadence: null },
    ]);
    expect(out.summary).not.toMatch(/【/);
  });

  it('reads a sentence by the label or arrow it sits under, whichever note came first (what it says is remembered per label)', () => {
    const plain = '最近の業務状況を共有。';
    const labelled = '【対応】最近の業務状況を共有。';
    const arrow = '→最近の業務状況を共有。';
    const action = [{ text: '最近の業務状況を共有', owner: 'manager', due: null, cadence: null }];
    for (const order of [[plain, labelled, arrow], [arrow, labelled, plain]]) {
      // One list of titles for every note: what sentences say is remembered per list.
      const titles = ['浜松工場長'];
      const got = Object.fromEntries(order.map((note) => [note, insight(note, '2025-10-27', titles).action_items]));
      expect(got).toEqual({ [plain]: [], [labelled]: action, [arrow]: action });
    }
  });

  it('resolves each note\'s due dates against its own date', () => {
    expect(insight('来月までに資料を渡す。', '2026-01-31').action_items[0]!.due).toBe('2026-02-28');
    expect(insight('来月までに資料を渡す。', '2026-03-15').action_items[0]!.due).toBe('2026-04-30');
    expect(insight('資料を渡した。', '2026-03-15').action_items).toEqual([]);
  });

  it('turns 「月40時間程度の残業が続いており、負担を感じている」 into a workload concern and a medium signal', () => {
    const out = insight(SAMPLE.overtime.text, SAMPLE.overtime.held_on);
    expect(out.concerns).toEqual([{ category: 'workload', text: '月40時間程度の残業が続いており、負担を感じている' }]);
    expect(out.retention_signal).toBe('medium');
  });

  it('reads an owner in brackets, and gives 「次回面談で確認」 the date of the next interview of the cycle', () => {
    expect(insight(SAMPLE.overtime.text, SAMPLE.overtime.held_on).action_items).toEqual([
      { text: '2025/1/1までに業務分担を見直す（上長）', owner: 'manager', due: '2025-01-01', cadence: null },
      { text: '次回面談で確認', owner: 'manager', due: '2025-04-04', cadence: null },
    ]);
  });

  it('lists 「AWSの資格を取りたい」 as a skill and 「クラウドの仕事に関わりたい」 as another aspiration', () => {
    expect(insight(SAMPLE.overtime.text, SAMPLE.overtime.held_on).aspirations).toEqual([
      { kind: 'skill', text: 'AWSの資格' },
      { kind: 'other', text: 'クラウドの仕事' },
    ]);
  });

  it('takes the skill from the lead-up clause of 「SQLを覚えて、…できるようになりたい」', () => {
    expect(insight(SAMPLE.family.text, SAMPLE.family.held_on).aspirations).toEqual([{ kind: 'skill', text: 'SQL' }]);
  });

  it('files 介護 under family with a medium signal, and an arrow line as a manager action', () => {
    const out = insight(SAMPLE.family.text, SAMPLE.family.held_on);
    expect(out.concerns).toEqual([{ category: 'family', text: '家族の介護で時短勤務を検討している' }]);
    expect(out.retention_signal).toBe('medium');
    expect(out.action_items).toEqual([{ text: '介護休業制度の資料を2026/8/7までに渡す', owner: 'manager', due: '2026-08-07', cadence: null }]);
  });
});

describe('offlineInterviewInsight: aspirations', () => {
  it('reads a role from として, のような立場, に挑戦 and を視野に', () => {
    const out = insight(
      '3年後には浜松工場長としてチームを率いたいと本人は話している。将来は生産技術課長のような立場で仕事をしたい。リーダー職にチャレンジしたい。品質保証部長を視野に、交渉力をさらに伸ばしたい。',
    );
    expect(out.aspirations).toEqual([
      { kind: 'role', text: '浜松工場長' },
      { kind: 'role', text: '生産技術課長' },
      { kind: 'role', text: 'リーダー職' },
      { kind: 'role', text: '品質保証部長' },
      { kind: 'skill', text: '交渉力' },
    ]);
  });

  it('counts a key position title as a role even without a role word', () => {
    expect(insight('将来はテクニカルフェローを目指したい。', '2025-10-27', ['テクニカルフェロー']).aspirations).toEqual([{ kind: 'role', text: 'テクニカルフェロー' }]);
  });

  it('keeps 「Pythonでのデータ分析」 whole and cuts 「今の職場で専門性」 to 専門性', () => {
    expect(insight('Pythonでのデータ分析に興味がある。今の職場で専門性を深めたい。').aspirations).toEqual([
      { kind: 'skill', text: 'Pythonでのデータ分析' },
      { kind: 'skill', text: '専門性' },
    ]);
  });

  it('falls back to the clause when no object is named, and calls a move other', () => {
    expect(insight('海外赴任にも前向き。機会があればタイ工場で働きたい。技術職への異動を希望。').aspirations).toEqual([
      { kind: 'other', text: '海外赴任' },
      { kind: 'other', text: 'タイ工場で働きたい' },
      { kind: 'other', text: '技術職への異動' },
    ]);
  });

  it('does not read 「管理職には興味がない」 or 「前向きな印象」 as a wish', () => {
    expect(insight('管理職には興味がない。表情が明るく、前向きな印象。').aspirations).toEqual([]);
  });

  it('reads an English wish', () => {
    expect(insight('She would like to become a team leader.').aspirations).toEqual([{ kind: 'role', text: 'team leader' }]);
  });

  it('keeps an aspiration and its worry: 「組立課長になりたいという気持ちはあるが、まだ不安もある」', () => {
    const out = insight('組立課長になりたいという気持ちはあるが、まだ不安もある。');
    expect(out.aspirations).toEqual([{ kind: 'role', text: '組立課長' }]);
    expect(out.concerns).toEqual([{ category: 'other', text: '組立課長になりたいという気持ちはあるが、まだ不安もある' }]);
    expect(out.retention_signal).toBe('low');
  });

  it('reads a weakness (苦手, 自信がない) as a development need for the skill tagger, not as a worry', () => {
    expect(insight('英語には苦手意識がある。人前での説明はまだ自信がない。').concerns).toEqual([]);
  });
});

describe('offlineInterviewInsight: concerns and retention', () => {
  it('files a wish about working conditions as a concern, not an aspiration', () => {
    const out = insight('休日出勤が続いている。業務量の調整を希望。育児との両立のため、フレックス勤務を希望。');
    expect(out.aspirations).toEqual([]);
    expect(out.concerns.map((c) => c.category)).toEqual(['workload', 'workload', 'family']);
  });

  it('categorises by keyword: health, career, relationships, compensation, other', () => {
    const out = insight(
      '最近よく眠れていないとのこと。career pathがまだ描けていない。上司との人間関係に悩んでいる。年収が同業他社より低いのが不満。',
    );
    expect(out.concerns.map((c) => c.category)).toEqual(['health', 'career', 'relationships', 'compensation']);
    expect(insight('通勤がとにかくきつい。').concerns).toEqual([{ category: 'other', text: '通勤がとにかくきつい' }]);
  });

  it('reads what a worry without a subject is about from the sentences around it, and a sentence naming two things as both', () => {
    const out = insight('来年、上の子が小学校に上がる。今の働き方を続けられるか不安とのこと。給与・賞与に不満、評価基準も分かりにくいと。');
    expect(out.concerns.map((c) => c.category)).toEqual(['family', 'compensation', 'evaluation']);
  });

  it('drops a worry that is over or taken back: past before a contrast, a resolution after it, 「本人は問題ないと」 next', () => {
    for (const text of [
      '去年の夏は休日出勤が多かったが、今は落ち着いている。',
      '最初は仕事の量が心配だったんですけど、調整してもらえたので。',
      '以前は夜勤が多く体調を崩したこともあったが、今年から日勤中心になり、今は問題ないとのこと。',
      '残業多め（月40h前後）。本人は問題ないと。',
      'Overtime was heavy during the launch in the spring, but it has settled down.',
      '仕事の内容や給与には大きな不満はないそうで、「お客さんとの関係も手放したくない」とのこと。',
    ]) {
      const out = insight(text);
      expect(out.concerns, text).toEqual([]);
      expect(out.retention_signal, text).toBe('low');
    }
  });

  it('reads a question as asking, not telling: 「何か不安はある？」 "Anything worrying you?"', () => {
    expect(insight('何か不安はある？').concerns).toEqual([]);
    expect(insight('Anything worrying you?').concerns).toEqual([]);
  });

  it('ignores sentences that express no concern', () => {
    expect(insight('業務の困りごとを中心に話した。本人の意欲は高い。').concerns).toEqual([]);
  });

  it('flags 「転職も考えている」 as a high retention signal with that sentence as evidence', () => {
    const out = insight('現在は組立工程の改善を担当。待遇への不満が強く、転職も考えている。');
    expect(out.retention_signal).toBe('high');
    expect(out.retention_evidence).toBe('待遇への不満が強く、転職も考えている。');
  });

  it('prefers the leaving sentence over an earlier strain sentence as evidence', () => {
    const out = insight('休日出勤が続いている。他社からオファーを受けたとのこと。');
    expect(out.retention_signal).toBe('high');
    expect(out.retention_evidence).toBe('他社からオファーを受けたとのこと。');
  });

  it('does not count a denied intent or a colleague leaving as high', () => {
    expect(insight('転職は考えていないとのこと。').retention_signal).toBe('low');
    expect(insight('先輩の退職で担当が増えた。').retention_signal).not.toBe('high');
    expect(insight('定年退職後の再雇用を希望。').retention_signal).not.toBe('high');
  });
});

describe('offlineInterviewInsight: actions and owners', () => {
  it('reads owners: （本人）, 人事から, 人事に共有 (the manager shares), 本人が, してもらう', () => {
    const out = insight(
      '2025/11/20までにPLC制御研修の申し込みを行う（本人）。人事から来週までに社内公募の情報を連絡する。今月中に異動希望を人事に共有。本人が年内に職務経歴書を提出する。次回までに自己分析シートを記入してもらう。',
    );
    expect(out.action_items.map((a) => [a.owner, a.due])).toEqual([
      ['employee', '2025-11-20'],
      ['hr', '2025-11-07'],
      ['manager', '2025-10-31'],
      ['employee', '2025-12-31'],
      ['employee', '2026-04-27'],
    ]);
  });

  it('does not take a report of the meeting for a promise', () => {
    expect(insight('最近の業務状況を確認。自己評価と上長評価の差について説明した。産業医面談を勧めた。').action_items).toEqual([]);
  });

  it('takes a bare follow-up verb as a promise without a date', () => {
    expect(insight('やや疲れている様子。継続してフォローする。').action_items).toEqual([{ text: '継続してフォローする', owner: 'manager', due: null, cadence: null }]);
  });

  it('gives a follow-up that names nobody to the interviewer, whose record the note is', () => {
    expect(insight('来月までに方針を決める。').action_items).toEqual([{ text: '来月までに方針を決める', owner: 'manager', due: '2025-11-30', cadence: null }]);
  });
});

describe('due dates of follow-ups', () => {
  it("gives a note's follow-up the due date resolveDue reads from its sentence (japanese-dates.test.ts has the rules)", () => {
    const held = '2025-10-27'; // a Monday
    for (const [text, due] of [['来週までに回答する。', '2025-11-07'], ['今週金曜までに回答する。', '2025-10-31'], ['次回面談で確認する。', '2026-04-27'], ['継続してフォローする。', null]] as const) {
      expect(insight(text, held).action_items.map((a) => a.due), text).toEqual([due]);
    }
  });
});

describe('offlineInterviewInsight: summary', () => {
  it('never exceeds 300 characters and never invents text', () => {
    const long = `${'長い説明の文です。'.repeat(20)}${'あ'.repeat(400)}。将来は課長を目指したい。`;
    const out = insight(long);
    expect(out.summary.length).toBeLessThanOrEqual(300);
    for (const sentence of out.summary.split('。').filter(Boolean)) expect(long).toContain(sentence.replace(/…$/, ''));
  });

  it('cuts a single over-long sentence to 300 characters', () => {
    const out = insight(`${'あ'.repeat(500)}`);
    expect(out.summary).toHaveLength(300);
    expect(out.summary.endsWith('…')).toBe(true);
  });

  it('skips meeting boilerplate when there is something else', () => {
    expect(insight('1on1（30分）。最近の業務状況を確認。現在は連結決算を担当。').summary).toBe('現在は連結決算を担当。');
  });

  it('gives a placeholder summary and empty lists for an empty note', () => {
    expect(insight('')).toEqual({
      summary: '（記載なし）',
      aspirations: [],
      concerns: [],
      action_items: [],
      retention_signal: 'low',
      retention_evidence: null,
    });
  });
});
