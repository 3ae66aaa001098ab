import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../batch/tagging/sentences.ts';

const texts = (s: string) => splitSentences(s).map((x) => x.text);

describe('splitSentences', () => {
  it('splits Japanese text on 。！？', () => {
    expect(texts('PLC制御を担当。品質管理も！本当に？はい')).toEqual(['PLC制御を担当。', '品質管理も！', '本当に？', 'はい']);
  });

  it('splits English text on ". " and ! ?', () => {
    expect(texts('I used Python. Then SQL! OK? yes')).toEqual(['I used Python.', 'Then SQL!', 'OK?', 'yes']);
  });

  it('splits on line breaks (\\n, \\r\\n, \\r) and drops empty lines', () => {
    expect(texts('一行目\n二行目\r\n\r\n三行目\r四行目\n\n')).toEqual(['一行目', '二行目', '三行目', '四行目']);
  });

  it('splits mixed Japanese and English text', () => {
    expect(texts('Python歴3年。I led the AWS migration. 次はSQLを学びたい')).toEqual(['Python歴3年。', 'I led the AWS migration.', '次はSQLを学びたい']);
  });

  it('treats a run of terminators as one end', () => {
    expect(texts('できた！！本当？！次')).toEqual(['できた！！', '本当？！', '次']);
  });

  it('keeps a closing bracket or quote with the sentence it closes', () => {
    expect(texts('「できた！」と話していた。次へ')).toEqual(['「できた！」と話していた。', '次へ']);
    expect(texts('He said "I love SQL!" Then left.')).toEqual(['He said "I love SQL!"', 'Then left.']);
  });

  it('does not end a sentence inside 「」 or （）', () => {
    expect(texts('「Pythonは得意です。SQLも！」と話していた。')).toEqual(['「Pythonは得意です。SQLも！」と話していた。']);
    expect(texts('Pythonを使う（SQLも！）。次')).toEqual(['Pythonを使う（SQLも！）。', '次']);
  });

  it('stops honouring a bracket left open for more than 200 characters', () => {
    const long = '「' + 'あ'.repeat(250) + '。次の文';
    expect(splitSentences(long)).toHaveLength(2);
  });

  it('does not split inside Node.js, ver.2 or 3.5年', () => {
    expect(texts('Node.js と ver.2 を使用、3.5年。')).toEqual(['Node.js と ver.2 を使用、3.5年。']);
  });

  it('does not split after e.g., i.e., Mr. or an initial', () => {
    expect(texts('e.g. Python and i.e. SQL. Mr. Smith left.')).toEqual(['e.g. Python and i.e. SQL.', 'Mr. Smith left.']);
    expect(texts('J. Smith led it. Done')).toEqual(['J. Smith led it.', 'Done']);
  });

  it('does not cut a list number off its item (1. 担当業務)', () => {
    expect(texts('1. 担当業務\n2. 資格')).toEqual(['1. 担当業務', '2. 資格']);
  });

  it('splits on a period directly followed by Japanese text', () => {
    expect(texts('Python.次はSQL')).toEqual(['Python.', '次はSQL']);
  });

  it('splits on a full-width period, but not inside a full-width number', () => {
    expect(texts('使った．次に３．５年')).toEqual(['使った．', '次に３．５年']);
  });

  it('trims whitespace (including U+3000) and keeps the original text', () => {
    const input = '  　ＰＬＣ制御を担当。　 ﾌﾟﾛﾏﾈ経験あり  ';
    const out = splitSentences(input);
    expect(out.map((s) => s.text)).toEqual(['ＰＬＣ制御を担当。', 'ﾌﾟﾛﾏﾈ経験あり']);
    for (const s of out) expect(input.slice(s.start, s.end)).toBe(s.text);
  });

  it('returns nothing for empty or blank text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n\u3000\n ')).toEqual([]);
  });
});
