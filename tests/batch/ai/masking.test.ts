import { describe, expect, it } from 'vitest';
import { createNameMasker, EMPLOYEE_MASK, INTERVIEWER_MASK } from '../../../batch/ai/masking.ts';

const people = [
  { id: 'E1', name: '高橋 健' },
  { id: 'E2', name: '田中 美咲' },
  { id: 'E3', name: '林 大輔' },
  { id: 'E4', name: '原 由紀' },
  { id: 'E5', name: '本 雅人' },
  { id: 'E6', name: '佐藤花子' },
];
const masker = createNameMasker(people);
const mask = (text: string, roles = {}) => masker.mask(text, roles).text;

describe('createNameMasker', () => {
  it('masks full names with or without the space, and keeps the roles of the interview', () => {
    expect(mask('高橋 健と高橋健、田中　美咲。', { interviewer: 'E1', employee: 'E2' })).toBe(`${INTERVIEWER_MASK}と${INTERVIEWER_MASK}、${EMPLOYEE_MASK}。`);
  });

  it('masks family and given names, one-kanji ones too, before a title or honorific', () => {
    expect(mask('林さんと原部長に相談し、美咲さんにも共有する。')).toBe('〔氏名1〕さんと〔氏名2〕部長に相談し、〔氏名3〕さんにも共有する。');
  });

  it('masks speaker labels: bare family names, timestamps before them, minutes-tool headers', () => {
    expect(mask('田中: はい。\n[00:03:12] 高橋: では始めます。\n林（人事）: 補足します。\n高橋 00:01:05\n本文', { interviewer: 'E1', employee: 'E2' })).toBe(
      `${EMPLOYEE_MASK}: はい。\n[00:03:12] ${INTERVIEWER_MASK}: では始めます。\n〔氏名1〕（人事）: 補足します。\n${INTERVIEWER_MASK} 00:01:05\n本文`,
    );
  });

  it('leaves a title that merely starts with a family name, and family names in running text', () => {
    expect(mask('本部長に報告した。高橋が担当する。')).toBe('本部長に報告した。高橋が担当する。');
  });

  it('numbers other people by first appearance, the same name the same number, and says how many were masked', () => {
    const out = masker.mask('林さん、原さん、林さん');
    expect(out).toEqual({ text: '〔氏名1〕さん、〔氏名2〕さん、〔氏名1〕さん', masked: 3, names: ['林', '原'] });
    expect(masker.people).toBe(6);
    expect(masker.split).toBe(5);
  });

  it('leaves a family name that is an ordinary word without a title', () => {
    expect(mask('田中の件は高橋工場の話。')).toBe('田中の件は高橋工場の話。');
  });

  it('masks a name given without a space as a full name only', () => {
    expect(mask('佐藤花子さん、佐藤さん')).toBe('〔氏名1〕さん、佐藤さん');
  });
});
