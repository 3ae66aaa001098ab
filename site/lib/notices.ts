/** The batch's notices, worded in the page's language from their code (the batch sends no sentences). */
import type { Notice } from '../../schemas/artifacts.ts';
import type { PageContext } from './page.ts';

export function noticeText(notice: Notice, { t, f }: PageContext): string {
  const N = t.notices;
  const subject = notice.subject ?? t.common.unknown;
  let text: string;
  switch (notice.code) {
    case 'missing_source':
      text = N.missingSource(f.sourceKind(subject));
      break;
    case 'missing_field':
      text = N.missingField(N.fields[subject] ?? subject);
      break;
    case 'ai_left_over':
      text = N.aiLeftOver(f.int(notice.count ?? 0));
      break;
    case 'empty_export':
      text = N.emptyExport(f.sourceKind(subject));
      break;
  }
  // An empty export's detail is its path, which the sentence needs no reason for.
  return notice.detail && notice.code !== 'empty_export' ? `${text} ${N.detail(notice.detail)}` : text;
}
