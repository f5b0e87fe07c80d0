/**
 * The web app's nynorsk (issue #16): every text the code shows goes through t() or msg() and has
 * its nynorsk in web/src/nn/, nothing there is left over, the {{places}} agree, and every
 * nynorsk word is in Norsk Ordbank's nynorsk word list (test/helpers/web-texts.ts reads the code).
 */
import { NN } from '../../web/src/nn';
import { ADMIN } from '../../web/src/nn/admin';
import { APP } from '../../web/src/nn/app';
import { CASE_FORMS } from '../../web/src/nn/case-forms';
import { CASE_PAGE } from '../../web/src/nn/case-page';
import { LISTS } from '../../web/src/nn/lists';
import { catalogueProblems, scanWebTexts } from '../helpers/web-texts';

test('when the web code is read, then every shown text is in t() or msg() and has correct nynorsk in the catalogue, and the catalogue holds nothing else', () => {
  expect(catalogueProblems(NN, { ADMIN, APP, CASE_FORMS, CASE_PAGE, LISTS })).toEqual([]);
});

test('when the scanner reads the code, then it finds the texts of every part of the app', () => {
  const { keys } = scanWebTexts();
  const files = new Set([...keys.values()].flat().map((at) => at.split(':')[0]));
  for (const file of ['web/src/components/Layout.tsx', 'web/src/pages/case/CasePage.tsx', 'web/src/pages/case/forms.tsx', 'web/src/pages/Arbeidsliste.tsx', 'web/src/texts.ts', 'web/src/rule-messages.ts']) {
    expect(files).toContain(file);
  }
  expect(keys.size).toBeGreaterThan(500);
});
